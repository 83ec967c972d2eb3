import type { Database, Queryable } from '../db/database';

/**
 * The sign-in throttle: exponential back-off per account and per client address, decided
 * atomically. An attempt is admitted (and counted as in flight) in one transaction with the
 * rows of both keys locked, before the password is judged; so a burst of parallel guesses gets
 * no more attempts judged than the allowance, and the right password inside the burst is refused
 * like the others.
 *
 * Who is not locked out: an account's back-off holds only for addresses that are failing
 * themselves, so the rightful user still signs in from a clean address while someone guesses
 * elsewhere; an address's back-off (an office behind one NAT) holds only for accounts that are
 * failing, so colleagues sign in while one machine there guesses.
 */

export interface ThrottlePolicy {
  /** Failed attempts per account before the back-off starts. */
  accountAllowance: number;
  /** Failed attempts per address before the back-off starts (an office shares one). */
  addressAllowance: number;
  /** Failures below which an address or account counts as clean (a typo or two). */
  cleanBelow: number;
  /** The first wait after the allowance; each further failure doubles it up to maxDelaySeconds. */
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** Failures are forgotten after this long without a new one. */
  forgetAfterHours: number;
  now(): Date;
}

export function throttlePolicy(options: { maxLoginFailures: number; loginWindowMinutes: number; clock?: () => Date }): ThrottlePolicy {
  return {
    accountAllowance: options.maxLoginFailures,
    addressAllowance: options.maxLoginFailures * 4,
    cleanBelow: 3,
    baseDelaySeconds: 30,
    maxDelaySeconds: options.loginWindowMinutes * 60,
    forgetAfterHours: 24,
    now: options.clock ?? (() => new Date()),
  };
}

// An attempt in flight for longer than this was lost (the process died while judging it).
const IN_FLIGHT_STALE_MS = 60_000;

interface ThrottleRow {
  key: string;
  kind: 'konto' | 'adresse';
  label: string;
  failures: number;
  in_flight: number;
  in_flight_since: Date | string | null;
  last_failure_at: Date | string | null;
}

interface KeyState {
  failures: number;
  inFlight: number;
  /** Seconds until the next attempt may be judged; 0: now. */
  waitSeconds: number;
}

const time = (value: Date | string | null) => (value === null ? null : new Date(value).getTime());

/** The delay after `failures` failures, in seconds (0 within the allowance). */
export function backOffSeconds(policy: ThrottlePolicy, failures: number, allowance: number): number {
  if (failures < allowance) return 0;
  return Math.min(policy.baseDelaySeconds * 2 ** (failures - allowance), policy.maxDelaySeconds);
}

function stateOf(policy: ThrottlePolicy, row: ThrottleRow | undefined, allowance: number, now: number): KeyState {
  if (!row) return { failures: 0, inFlight: 0, waitSeconds: 0 };
  const lastFailure = time(row.last_failure_at);
  const forgotten = lastFailure === null || now - lastFailure > policy.forgetAfterHours * 3600_000;
  const failures = forgotten ? 0 : row.failures;
  const since = time(row.in_flight_since);
  const inFlight = since === null || now - since > IN_FLIGHT_STALE_MS ? 0 : row.in_flight;
  let waitSeconds = 0;
  if (failures + inFlight >= allowance) {
    const delay = backOffSeconds(policy, failures, allowance);
    const remaining = lastFailure === null ? 0 : Math.ceil((lastFailure + delay * 1000 - now) / 1000);
    // Beyond the allowance one attempt at a time; while some are being judged, the next one
    // waits as long as it will have to if they fail.
    waitSeconds = inFlight > 0 ? Math.max(remaining, backOffSeconds(policy, failures + inFlight, allowance), 1) : Math.max(remaining, 0);
  }
  return { failures, inFlight, waitSeconds };
}

export const accountKey = (email: string) => `konto:${email.toLowerCase()}`;

/**
 * The address a throttle counts: IPv4 as it is, IPv6 by its /64 network (one household or
 * office gets a whole /64, so single addresses would cost an attacker nothing).
 */
export function addressLabel(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.split('::');
  const headParts = head === '' ? [] : head.split(':');
  const tailParts = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::') ? [...headParts, ...Array(8 - headParts.length - tailParts.length).fill('0'), ...tailParts] : headParts;
  return `${groups
    .slice(0, 4)
    .map((group) => (parseInt(group, 16) || 0).toString(16))
    .join(':')}::/64`;
}

export const addressKey = (address: string) => `adresse:${addressLabel(address)}`;

export type Admission =
  | { admitted: true; keys: readonly string[] }
  | { admitted: false; retryAfterSeconds: number };

/** Admits an attempt (and counts it as in flight) or refuses it with the seconds to wait. */
export async function admitAttempt(db: Database, policy: ThrottlePolicy, email: string, address: string): Promise<Admission> {
  const account = accountKey(email);
  const place = addressKey(address);
  const keys = [account, place].sort();
  return db.transaction(async (tx) => {
    // Sorted, so two attempts lock the same rows in the same order.
    for (const key of keys) {
      const isAccount = key === account;
      await tx.query('INSERT INTO login_throttle (key, kind, label) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING', [
        key,
        isAccount ? 'konto' : 'adresse',
        isAccount ? email.toLowerCase() : addressLabel(address),
      ]);
    }
    const rows = await tx.query<ThrottleRow>('SELECT * FROM login_throttle WHERE key = ANY($1) ORDER BY key FOR UPDATE', [keys]);
    const now = policy.now().getTime();
    const accountState = stateOf(policy, rows.find((row) => row.key === account), policy.accountAllowance, now);
    const addressState = stateOf(policy, rows.find((row) => row.key === place), policy.addressAllowance, now);
    const addressClean = addressState.failures + addressState.inFlight < policy.cleanBelow;
    const accountClean = accountState.failures + accountState.inFlight < policy.cleanBelow;
    const waits = [
      accountState.waitSeconds > 0 && !addressClean ? accountState.waitSeconds : 0,
      addressState.waitSeconds > 0 && !accountClean ? addressState.waitSeconds : 0,
    ];
    const retryAfterSeconds = Math.max(...waits);
    if (retryAfterSeconds > 0) return { admitted: false, retryAfterSeconds };
    const at = new Date(now);
    for (const [key, state] of [
      [account, accountState],
      [place, addressState],
    ] as const) {
      await tx.query(
        `UPDATE login_throttle SET failures = $2, in_flight = $3, in_flight_since = $4,
           last_failure_at = CASE WHEN $2 = 0 THEN NULL ELSE last_failure_at END
         WHERE key = $1`,
        [key, state.failures, state.inFlight + 1, at],
      );
    }
    return { admitted: true, keys: [account, place] };
  });
}

/**
 * Records the verdict on an admitted attempt. A failure counts for both keys; a success
 * clears the account's failures and takes back only its own attempt from the address, so a
 * guesser cannot wash an address clean with an account of their own.
 */
export async function settleAttempt(db: Database, policy: ThrottlePolicy, admission: { keys: readonly string[] }, outcome: 'failure' | 'success'): Promise<void> {
  const [account, place] = admission.keys;
  const at = policy.now();
  await db.transaction(async (tx) => {
    if (outcome === 'failure') {
      await tx.query(
        `UPDATE login_throttle SET failures = failures + 1, in_flight = greatest(in_flight - 1, 0), last_failure_at = $2 WHERE key = ANY($1)`,
        [[account, place], at],
      );
      const forgotten = new Date(at.getTime() - policy.forgetAfterHours * 3600_000);
      await tx.query('DELETE FROM login_throttle WHERE last_failure_at < $1 AND in_flight = 0', [forgotten]);
      return;
    }
    await tx.query('UPDATE login_throttle SET failures = 0, last_failure_at = NULL, in_flight = greatest(in_flight - 1, 0) WHERE key = $1', [account]);
    await tx.query('UPDATE login_throttle SET in_flight = greatest(in_flight - 1, 0) WHERE key = $1', [place]);
    await tx.query('DELETE FROM login_throttle WHERE key = ANY($1) AND failures = 0 AND in_flight = 0', [[account, place]]);
  });
}

/** An account or address with recent failures, for the administrators' view. */
export interface ThrottleEntry {
  key: string;
  kind: 'konto' | 'adresse';
  label: string;
  failures: number;
  lastFailureAt: string;
  /** When the next attempt may be judged (for failing addresses or accounts); null: now. */
  waitUntil: string | null;
}

export async function listThrottled(db: Queryable, policy: ThrottlePolicy): Promise<ThrottleEntry[]> {
  const now = policy.now().getTime();
  const rows = await db.query<ThrottleRow>('SELECT * FROM login_throttle WHERE failures > 0 ORDER BY last_failure_at DESC, key');
  return rows.flatMap((row) => {
    const allowance = row.kind === 'konto' ? policy.accountAllowance : policy.addressAllowance;
    const state = stateOf(policy, { ...row, in_flight: 0 }, allowance, now);
    if (state.failures === 0) return [];
    return [
      {
        key: row.key,
        kind: row.kind,
        label: row.label,
        failures: state.failures,
        lastFailureAt: new Date(row.last_failure_at!).toISOString(),
        waitUntil: state.waitSeconds > 0 ? new Date(now + state.waitSeconds * 1000).toISOString() : null,
      },
    ];
  });
}

/** Forgets the failures of one account or address (an administrator's decision). Returns whether it existed. */
export async function releaseThrottle(db: Queryable, key: string): Promise<boolean> {
  const rows = await db.query<{ key: string }>('DELETE FROM login_throttle WHERE key = $1 RETURNING key', [key]);
  return rows.length > 0;
}
