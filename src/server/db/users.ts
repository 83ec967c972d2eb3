import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Role, User } from '../../domain/facilities/schema';
import type { Queryable } from './database';

interface UserRow {
  id: string;
  email: string;
  name: string;
  rolle: Role;
  zustaendigkeiten: User['zustaendigkeiten'];
  aktiv: boolean;
  password_hash: string;
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
  const rows = await db.query<UserRow>(
    `INSERT INTO users (id, email, name, rolle, password_hash, zustaendigkeiten) VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING *`,
    [randomUUID(), user.email.toLowerCase(), user.name, user.rolle, user.passwordHash, JSON.stringify(user.zustaendigkeiten)],
  );
  return toUser(rows[0]!);
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
  const rows = await db.query<UserRow>(`UPDATE users SET ${assignments.join(', ')} WHERE id = $1 RETURNING *`, [id, ...set.map(([, v]) => v)]);
  if (changes.aktiv === false || changes.passwordHash) await db.query('DELETE FROM sessions WHERE user_id = $1', [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

const SESSION_DAYS = 7;
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A new session; only the token's hash is stored, so a leaked table grants no access. */
export async function createSession(db: Queryable, userId: string): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.query(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, now() + interval '${SESSION_DAYS} days')`,
    [sha256(token), userId, csrfToken],
  );
  return { token, csrfToken };
}

export async function sessionUser(db: Queryable, token: string): Promise<{ user: User; csrfToken: string } | null> {
  const rows = await db.query<UserRow & { csrf_token: string }>(
    `SELECT u.*, s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > now() AND u.aktiv`,
    [sha256(token)],
  );
  return rows[0] ? { user: toUser(rows[0]), csrfToken: rows[0].csrf_token } : null;
}

export async function deleteSession(db: Queryable, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [sha256(token)]);
}

/** Failed logins per key (e-mail and client address) within the window. */
export async function recentFailures(db: Queryable, key: string, windowMinutes: number): Promise<number> {
  const rows = await db.query<{ n: number | string }>(
    `SELECT count(*) AS n FROM login_attempts WHERE key = $1 AND attempted_at > now() - ($2 || ' minutes')::interval`,
    [key, String(windowMinutes)],
  );
  return Number(rows[0]?.n ?? 0);
}

export async function recordFailure(db: Queryable, key: string): Promise<void> {
  await db.query('INSERT INTO login_attempts (key) VALUES ($1)', [key]);
}

export async function clearFailures(db: Queryable, key: string): Promise<void> {
  await db.query('DELETE FROM login_attempts WHERE key = $1', [key]);
}
