import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Role, User } from '../../domain/facilities/schema';
import type { Database, Queryable } from './database';

interface UserRow {
  id: string;
  email: string;
  name: string;
  rolle: Role;
  zustaendigkeiten: User['zustaendigkeiten'];
  aktiv: boolean;
  password_hash: string;
  password_change_required: boolean;
}

const toUser = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  rolle: row.rolle,
  zustaendigkeiten: row.zustaendigkeiten,
  aktiv: row.aktiv,
});

export class DuplicateEmailError extends Error {}

/** PostgreSQL's unique_violation: two requests raced for one e-mail address. */
const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === '23505';

export async function findUserByEmail(db: Queryable, email: string): Promise<(User & { passwordHash: string }) | null> {
  const rows = await db.query<UserRow>('SELECT * FROM users WHERE email = $1', [email.toLowerCase()]);
  return rows[0] ? { ...toUser(rows[0]), passwordHash: rows[0].password_hash } : null;
}

export async function listUsers(db: Queryable): Promise<User[]> {
  return (await db.query<UserRow>('SELECT * FROM users ORDER BY name, email')).map(toUser);
}

export async function countUsers(db: Queryable): Promise<number> {
  const rows = await db.query<{ n: number | string }>('SELECT count(*) AS n FROM users');
  return Number(rows[0]?.n ?? 0);
}

export async function createUser(
  db: Queryable,
  user: { email: string; name: string; rolle: Role; passwordHash: string; zustaendigkeiten: User['zustaendigkeiten'] },
): Promise<User> {
  if (await findUserByEmail(db, user.email)) throw new DuplicateEmailError(user.email);
  try {
    const rows = await db.query<UserRow>(
      `INSERT INTO users (id, email, name, rolle, password_hash, zustaendigkeiten) VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING *`,
      [randomUUID(), user.email.toLowerCase(), user.name, user.rolle, user.passwordHash, JSON.stringify(user.zustaendigkeiten)],
    );
    return toUser(rows[0]!);
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateEmailError(user.email);
    throw error;
  }
}

export async function updateUser(
  db: Queryable,
  id: string,
  changes: Partial<{ email: string; name: string; rolle: Role; passwordHash: string; zustaendigkeiten: User['zustaendigkeiten']; aktiv: boolean }>,
): Promise<User | null> {
  const columns: Record<string, unknown> = {
    email: changes.email?.toLowerCase(),
    name: changes.name,
    rolle: changes.rolle,
    password_hash: changes.passwordHash,
    zustaendigkeiten: changes.zustaendigkeiten === undefined ? undefined : JSON.stringify(changes.zustaendigkeiten),
    aktiv: changes.aktiv,
  };
  const set = Object.entries(columns).filter(([, value]) => value !== undefined);
  if (set.length === 0) {
    const rows = await db.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
    return rows[0] ? toUser(rows[0]) : null;
  }
  const assignments = set.map(([column], index) => `${column} = $${index + 2}${column === 'zustaendigkeiten' ? '::jsonb' : ''}`);
  // A new password set by someone else passes the policy (the route checks it), so the flag goes.
  if (changes.passwordHash) assignments.push('password_change_required = false');
  let rows: UserRow[];
  try {
    rows = await db.query<UserRow>(`UPDATE users SET ${assignments.join(', ')} WHERE id = $1 RETURNING *`, [id, ...set.map(([, v]) => v)]);
  } catch (error) {
    if (isUniqueViolation(error) && changes.email) throw new DuplicateEmailError(changes.email);
    throw error;
  }
  if (changes.aktiv === false || changes.passwordHash) await db.query('DELETE FROM sessions WHERE user_id = $1', [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

const SESSION_DAYS = 7;
// How often a session's "last seen" is written: a write per request would make every read a write.
const LAST_SEEN_EVERY = "interval '5 minutes'";
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Where a session was opened, as its owner sees it in the list of their sessions. */
export interface SessionOrigin {
  userAgent: string | null;
  address: string | null;
}

/** A new session; only the token's hash is stored, so a leaked table grants no access. */
export async function createSession(db: Queryable, userId: string, origin: SessionOrigin = { userAgent: null, address: null }): Promise<{ token: string; csrfToken: string; id: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const id = randomUUID();
  await db.query(
    `INSERT INTO sessions (id, token_hash, user_id, csrf_token, expires_at, user_agent, address)
     VALUES ($1, $2, $3, $4, now() + interval '${SESSION_DAYS} days', $5, $6)`,
    [id, sha256(token), userId, csrfToken, origin.userAgent?.slice(0, 300) ?? null, origin.address],
  );
  return { token, csrfToken, id };
}

export interface StoredSession {
  user: User;
  csrfToken: string;
  /** The session's id (not its token): what the list of sessions names. */
  id: string;
  /** The password fails today's policy: the user must change it before anything else. */
  passwordChangeRequired: boolean;
}

export async function sessionUser(db: Queryable, token: string): Promise<StoredSession | null> {
  const rows = await db.query<UserRow & { csrf_token: string; session_id: string; stale: boolean }>(
    `SELECT u.*, s.csrf_token, s.id AS session_id, s.last_seen_at < now() - ${LAST_SEEN_EVERY} AS stale
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > now() AND u.aktiv`,
    [sha256(token)],
  );
  const row = rows[0];
  if (!row) return null;
  if (row.stale) await db.query('UPDATE sessions SET last_seen_at = now() WHERE id = $1', [row.session_id]);
  return { user: toUser(row), csrfToken: row.csrf_token, id: row.session_id, passwordChangeRequired: row.password_change_required };
}

export async function deleteSession(db: Queryable, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [sha256(token)]);
}

/** One of a user's sessions as they see it. */
export interface SessionSummary {
  id: string;
  erstelltAm: string;
  zuletztAktivAm: string;
  laeuftAbAm: string;
  userAgent: string | null;
  address: string | null;
}

export async function listSessions(db: Queryable, userId: string): Promise<SessionSummary[]> {
  const rows = await db.query<{ id: string; created_at: Date | string; last_seen_at: Date | string; expires_at: Date | string; user_agent: string | null; address: string | null }>(
    'SELECT id, created_at, last_seen_at, expires_at, user_agent, address FROM sessions WHERE user_id = $1 AND expires_at > now() ORDER BY last_seen_at DESC, created_at DESC',
    [userId],
  );
  return rows.map((row) => ({
    id: row.id,
    erstelltAm: new Date(row.created_at).toISOString(),
    zuletztAktivAm: new Date(row.last_seen_at).toISOString(),
    laeuftAbAm: new Date(row.expires_at).toISOString(),
    userAgent: row.user_agent,
    address: row.address,
  }));
}

/** Ends one session of a user (only their own). Returns whether there was one. */
export async function endSession(db: Queryable, userId: string, sessionId: string): Promise<boolean> {
  return (await db.query('DELETE FROM sessions WHERE id = $1 AND user_id = $2 RETURNING id', [sessionId, userId])).length > 0;
}

/** Ends every session of a user but `keepId` (after a password change). Returns how many ended. */
export async function endOtherSessions(db: Queryable, userId: string, keepId: string | null): Promise<number> {
  return (await db.query('DELETE FROM sessions WHERE user_id = $1 AND id IS DISTINCT FROM $2 RETURNING id', [userId, keepId])).length;
}

/** Marks that a user's password fails today's policy (found at sign-in) or passes again. */
export async function setPasswordChangeRequired(db: Queryable, userId: string, required: boolean): Promise<void> {
  await db.query('UPDATE users SET password_change_required = $2 WHERE id = $1', [userId, required]);
}

/** A user's own new password: every other session ends, the one that changed it goes on. */
export async function replaceOwnPassword(db: Database, userId: string, passwordHash: string, keepSessionId: string): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('UPDATE users SET password_hash = $2, password_change_required = false WHERE id = $1', [userId, passwordHash]);
    return endOtherSessions(tx, userId, keepSessionId);
  });
}
