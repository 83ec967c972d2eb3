// The sign-in throttle on the real app: parallel bursts, exponential back-off on a clock the test
// moves, no lockout of the rightful user from a clean address or of colleagues behind one NAT,
// and the administrators' view of throttled accounts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressLabel } from '../../src/server/auth/loginThrottle';
import { Client, PASSWORD, addUser, startTestApi, type TestApi } from './support/testServer';

let api: TestApi;
let now = new Date('2025-03-01T08:00:00Z');
const advance = (seconds: number) => {
  now = new Date(now.getTime() + seconds * 1000);
};

beforeAll(async () => {
  api = await startTestApi({ clock: () => now });
  await addUser(api, 'chefin@test.invalid', 'admin');
  for (const name of ['burst', 'burst2', 'sabine', 'tom', 'uwe', 'vera', 'wilma']) await addUser(api, `${name}@test.invalid`, 'planung');
}, 60_000);

afterAll(async () => api?.close());

const wrong = 'Falsch-Falsch-Falsch';

describe('a parallel burst of guesses', () => {
  it('judges no more than the allowance; the right password inside the burst is refused like the others', async () => {
    const attacker = new Client(api, { address: '203.0.113.7' });
    const attempts = Array.from({ length: 200 }, (_, index) => attacker.login('burst@test.invalid', index === 25 ? PASSWORD : wrong));
    const results = await Promise.all(attempts);
    const judged = results.filter((result) => result.status !== 429);
    expect(judged.length).toBe(5);
    expect(judged.every((result) => result.status === 401)).toBe(true);
    expect(results[25]!.status).toBe(429);
    const refused = results.find((result) => result.status === 429)!;
    expect(refused.body.error).toMatch(/^Zu viele fehlgeschlagene Anmeldungen\. Bitte in 30 Sekunden erneut versuchen\.$/);
    expect(refused.headers.get('retry-after')).toBe('30');
  }, 120_000);

  it('has the right password refused from the same address until the back-off is over, then accepted', async () => {
    const attacker = new Client(api, { address: '198.51.100.9' });
    for (let attempt = 0; attempt < 5; attempt++) expect((await attacker.login('burst2@test.invalid', wrong)).status).toBe(401);
    expect((await attacker.login('burst2@test.invalid')).status).toBe(429);
    advance(31);
    expect((await attacker.login('burst2@test.invalid')).status).toBe(200);
  }, 60_000);
});

describe('exponential back-off', () => {
  it('doubles the wait with every failure beyond the allowance, up to the longest wait', async () => {
    const guesser = new Client(api, { address: '192.0.2.44' });
    for (let attempt = 0; attempt < 5; attempt++) expect((await guesser.login('sabine@test.invalid', wrong)).status).toBe(401);
    const waits: number[] = [];
    for (let step = 0; step < 7; step++) {
      const refused = await guesser.login('sabine@test.invalid', wrong);
      expect(refused.status).toBe(429);
      const wait = Number(refused.headers.get('retry-after'));
      waits.push(wait);
      advance(wait);
      expect((await guesser.login('sabine@test.invalid', wrong)).status).toBe(401);
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900]);
    // The message names the wait in minutes once it is long.
    expect((await guesser.login('sabine@test.invalid', wrong)).body.error).toBe('Zu viele fehlgeschlagene Anmeldungen. Bitte in 15 Minuten erneut versuchen.');
  }, 120_000);
});

describe('no lockout of the rightful user', () => {
  it('signs in with the right password from an address that has not been failing while the account is guessed elsewhere', async () => {
    const attacker = new Client(api, { address: '203.0.113.50' });
    for (let attempt = 0; attempt < 6; attempt++) await attacker.login('tom@test.invalid', wrong);
    expect((await attacker.login('tom@test.invalid')).status).toBe(429);
    const office = new Client(api, { address: '10.20.30.40' });
    expect((await office.login('tom@test.invalid')).status).toBe(200);
  }, 60_000);

  it('lets colleagues behind the same address sign in while one machine there guesses', async () => {
    const nat = '192.0.2.200';
    const guesser = new Client(api, { address: nat });
    // Three failures on each of eight accounts: 24 from the address, beyond its allowance of 20.
    for (let account = 0; account < 8; account++) {
      for (let attempt = 0; attempt < 3; attempt++) expect((await guesser.login(`niemand${account}@test.invalid`, wrong)).status).toBe(401);
    }
    // The address's back-off holds for accounts that are failing, not for a clean one.
    expect((await guesser.login('niemand0@test.invalid', wrong)).status).toBe(429);
    expect((await guesser.login('niemand-neu@test.invalid', wrong)).status).toBe(401);
    const colleague = new Client(api, { address: nat });
    expect((await colleague.login('uwe@test.invalid')).status).toBe(200);
  }, 120_000);

  it('counts IPv6 clients by their /64 network', () => {
    expect(addressLabel('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressLabel('2001:db8:1:2:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(addressLabel('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressLabel('192.0.2.1')).toBe('192.0.2.1');
  });
});

describe('the administrators’ view', () => {
  it('lists throttled accounts and addresses and lets an administrator release one', async () => {
    const guesser = new Client(api, { address: '198.51.100.77' });
    for (let attempt = 0; attempt < 6; attempt++) await guesser.login('vera@test.invalid', wrong);
    const admin = new Client(api, { address: '10.0.0.1' });
    expect((await admin.login('chefin@test.invalid')).status).toBe(200);
    const list = await admin.request('GET', '/api/users/login-throttle');
    expect(list.status).toBe(200);
    const vera = list.body.entries.find((entry: { key: string }) => entry.key === 'konto:vera@test.invalid');
    expect(vera).toMatchObject({ kind: 'konto', label: 'vera@test.invalid', failures: 5 });
    expect(vera.waitUntil).not.toBeNull();
    expect(list.body.entries.some((entry: { key: string }) => entry.key === 'adresse:198.51.100.77')).toBe(true);

    const released = await admin.request('DELETE', '/api/users/login-throttle', { key: 'konto:vera@test.invalid' });
    expect(released.status).toBe(204);
    const after = await admin.request('GET', '/api/users/login-throttle');
    expect(after.body.entries.some((entry: { key: string }) => entry.key === 'konto:vera@test.invalid')).toBe(false);

    const planer = new Client(api, { address: '10.0.0.2' });
    await planer.login('wilma@test.invalid');
    expect((await planer.request('GET', '/api/users/login-throttle')).status).toBe(403);
    expect((await new Client(api).request('GET', '/api/users/login-throttle')).status).toBe(401);
  }, 60_000);
});
