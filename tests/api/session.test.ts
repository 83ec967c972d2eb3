// Signing in: slow password hashing, cookie flags, CSRF and throttling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword, hashPassword } from '../../src/server/auth/password';
import { Client, POINTS, addUser, facilityAt, startTestApi, type TestApi } from './support/testServer';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
  await addUser(api, 'anna@test.invalid', 'planung');
  await addUser(api, 'bert@test.invalid', 'planung');
}, 60_000);

afterAll(async () => api?.close());

describe('passwords', () => {
  it('are stored as salted scrypt hashes that verify only the right password', async () => {
    const hash = await hashPassword('Sehr-Geheim-1');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain('Sehr-Geheim-1');
    expect(await hashPassword('Sehr-Geheim-1')).not.toBe(hash);
    expect(await verifyPassword('Sehr-Geheim-1', hash)).toBe(true);
    expect(await verifyPassword('Sehr-Geheim-2', hash)).toBe(false);
  });
});

describe('sessions', () => {
  it('sign in sets an HttpOnly SameSite cookie and returns a CSRF token; sign out ends the session', async () => {
    const client = new Client(api);
    expect((await client.request('GET', '/api/session')).body.user).toBeNull();
    const login = await client.login('anna@test.invalid');
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(login.body.user.email).toBe('anna@test.invalid');
    expect(login.body.csrfToken).toMatch(/^[\w-]{20,}$/);
    expect((await client.request('GET', '/api/session')).body.user.name).toBe('anna');
    expect((await client.request('DELETE', '/api/session')).status).toBe(204);
    expect((await client.request('GET', '/api/session')).body.user).toBeNull();
  });

  it('refuses a wrong password and an unknown e-mail with the same message', async () => {
    const client = new Client(api);
    const wrong = await client.login('bert@test.invalid', 'falsch-falsch');
    const unknown = await client.login('niemand@test.invalid', 'falsch-falsch');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error).toBe(unknown.body.error);
    expect(wrong.body.error).toBe('E-Mail-Adresse oder Passwort ist falsch.');
  });

  it('refuses state-changing requests without the CSRF token', async () => {
    const client = new Client(api);
    await client.login('anna@test.invalid');
    const body = JSON.stringify(facilityAt(POINTS.adelebsen));
    const without = await client.request('POST', '/api/districts/goettingen/facilities', body, { 'x-csrf-token': '' });
    expect(without.status).toBe(403);
    expect(without.body.code).toBe('csrf');
    const forged = await client.request('POST', '/api/districts/goettingen/facilities', body, { 'x-csrf-token': 'geraten' });
    expect(forged.status).toBe(403);
    expect((await client.request('POST', '/api/districts/goettingen/facilities', body)).status).toBe(201);
  });

  it('throttles repeated failed sign-ins, even with the right password afterwards', async () => {
    await addUser(api, 'carla@test.invalid', 'planung');
    const client = new Client(api);
    for (let attempt = 0; attempt < 5; attempt++) expect((await client.login('carla@test.invalid', 'falsch-falsch')).status).toBe(401);
    const blocked = await client.login('carla@test.invalid');
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toMatch(/Zu viele fehlgeschlagene Anmeldungen/);
  }, 60_000);

  it('ends the sessions of a deactivated user', async () => {
    const admin = new Client(api);
    await addUser(api, 'chefin@test.invalid', 'admin');
    await admin.login('chefin@test.invalid');
    const dora = await addUser(api, 'dora@test.invalid', 'koordination');
    const client = new Client(api);
    await client.login('dora@test.invalid');
    expect((await admin.request('PATCH', `/api/users/${dora.id}`, { aktiv: false })).body.aktiv).toBe(false);
    expect((await client.request('GET', '/api/session')).body.user).toBeNull();
    expect((await client.login('dora@test.invalid')).status).toBe(401);
  });
});
