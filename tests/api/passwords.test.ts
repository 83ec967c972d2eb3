// The password policy where passwords are set, the change asked of users whose password fails
// it, the list of one's own sessions, and that no log line ever holds a secret.
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashPassword } from '../../src/server/auth/password';
import { createUser } from '../../src/server/db/users';
import { Client, POINTS, addUser, facilityAt, startTestApi, type TestApi } from './support/testServer';

let api: TestApi;
const admin = () => new Client(api);
let chefin: Client;

beforeAll(async () => {
  api = await startTestApi();
  await addUser(api, 'chefin@test.invalid', 'admin');
  chefin = admin();
  expect((await chefin.login('chefin@test.invalid')).status).toBe(200);
}, 60_000);

afterAll(async () => api?.close());

const newUser = (email: string, passwort: string) => ({ email, name: 'Neue Kollegin', rolle: 'planung', passwort, zustaendigkeiten: [] });

describe('the password policy', () => {
  it.each([
    ['aaaaaaaaaaaa', /einem oder zwei verschiedenen Zeichen/],
    ['            ', /einem oder zwei verschiedenen Zeichen/],
    ['123456789012', /zu leicht zu erraten/],
    ['passwort1234', /zu leicht zu erraten/],
    ['neu1@test.invalid', /nicht die E-Mail-Adresse/],
    ['Neue Kollegin', /nicht der eigene Name/],
  ])('refuses %j with a German explanation and creates nobody', async (passwort, reason) => {
    const response = await chefin.request('POST', '/api/users', newUser('neu1@test.invalid', passwort));
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(reason);
    expect(response.body.error).toMatch(/Mindestens 12 Zeichen, nicht die eigene E-Mail-Adresse/);
    const users = await chefin.request('GET', '/api/users');
    expect(users.body.users.some((user: { email: string }) => user.email === 'neu1@test.invalid')).toBe(false);
  });

  it('refuses a short password by its length', async () => {
    const response = await chefin.request('POST', '/api/users', newUser('neu1@test.invalid', 'zu-kurz'));
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('Ungültige Eingabe: passwort: Passwort braucht mindestens 12 Zeichen');
  });

  it('accepts a long password that is hard to guess, and applies the policy to a password an administrator resets', async () => {
    const created = await chefin.request('POST', '/api/users', newUser('neu2@test.invalid', 'Kaffeetasse unter dem Regenbogen'));
    expect(created.status).toBe(201);
    const reset = await chefin.request('PATCH', `/api/users/${created.body.id}`, { passwort: '111111111111' });
    expect(reset.status).toBe(400);
    expect(reset.body.code).toBe('weak_password');
  });
});

describe('a password that fails today’s policy', () => {
  it('signs in, but asks for a change before anything is edited; the change ends every other session', async () => {
    const oldPassword = 'geheim12';
    await createUser(api.db, { email: 'alt@test.invalid', name: 'Alte Kollegin', rolle: 'planung', passwordHash: await hashPassword(oldPassword), zustaendigkeiten: [] });
    const laptop = new Client(api, { address: '10.0.0.5' });
    const tablet = new Client(api, { address: '10.0.0.6' });
    const signIn = await laptop.login('alt@test.invalid', oldPassword);
    expect(signIn.status).toBe(200);
    expect(signIn.body.passwortAendern).toBe(true);
    expect((await tablet.login('alt@test.invalid', oldPassword)).body.passwortAendern).toBe(true);
    expect((await laptop.request('GET', '/api/session')).body.passwortAendern).toBe(true);

    // Reading goes on; editing waits for the new password.
    expect((await laptop.request('GET', '/api/districts/goettingen/facilities')).status).toBe(200);
    const blocked = await laptop.request('POST', '/api/districts/goettingen/facilities', facilityAt(POINTS.adelebsen));
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('password_change_required');

    const weak = await laptop.request('POST', '/api/session/password', { passwort: oldPassword, neuesPasswort: 'alt@test.invalid' });
    expect(weak.status).toBe(400);
    const wrongCurrent = await laptop.request('POST', '/api/session/password', { passwort: 'falsch-falsch-1', neuesPasswort: 'Ein ganz neuer Satz zum Merken' });
    expect(wrongCurrent.status).toBe(401);
    expect(wrongCurrent.body.error).toBe('Das bisherige Passwort ist falsch.');

    const changed = await laptop.request('POST', '/api/session/password', { passwort: oldPassword, neuesPasswort: 'Ein ganz neuer Satz zum Merken' });
    expect(changed.status).toBe(200);
    expect(changed.body.beendeteSitzungen).toBe(1);
    expect((await laptop.request('GET', '/api/session')).body).toMatchObject({ passwortAendern: false, user: { email: 'alt@test.invalid' } });
    expect((await tablet.request('GET', '/api/session')).body.user).toBeNull();
    expect((await laptop.request('POST', '/api/districts/goettingen/facilities', facilityAt(POINTS.adelebsen))).status).toBe(201);
    expect((await new Client(api).login('alt@test.invalid', oldPassword)).status).toBe(401);
    const again = await new Client(api).login('alt@test.invalid', 'Ein ganz neuer Satz zum Merken');
    expect(again.body.passwortAendern).toBe(false);
  }, 60_000);
});

describe('sessions', () => {
  it('lists the user’s own sessions and ends one of them; another user’s session cannot be ended', async () => {
    await addUser(api, 'sitzungen@test.invalid', 'planung');
    const office = new Client(api, { address: '10.1.1.1' });
    const home = new Client(api, { address: '10.2.2.2' });
    await office.request('GET', '/api/session');
    await office.login('sitzungen@test.invalid');
    await home.login('sitzungen@test.invalid');
    const list = await office.request('GET', '/api/session/sessions');
    expect(list.status).toBe(200);
    expect(list.body.sessions).toHaveLength(2);
    const own = list.body.sessions.find((session: { aktuell: boolean }) => session.aktuell);
    const other = list.body.sessions.find((session: { aktuell: boolean }) => !session.aktuell);
    expect(own.address).toBe('10.1.1.1');
    expect(other.address).toBe('10.2.2.2');

    const stranger = await chefin.request('DELETE', `/api/session/sessions/${other.id}`);
    expect(stranger.status).toBe(404);
    expect((await home.request('GET', '/api/session')).body.user).not.toBeNull();

    expect((await office.request('DELETE', `/api/session/sessions/${other.id}`)).status).toBe(204);
    expect((await home.request('GET', '/api/session')).body.user).toBeNull();
    expect((await office.request('GET', '/api/session/sessions')).body.sessions).toHaveLength(1);
    expect((await new Client(api).request('GET', '/api/session/sessions')).status).toBe(401);
  }, 60_000);

  it('keeps older sessions of the same user visible after a new sign-in', async () => {
    await addUser(api, 'zweimal@test.invalid', 'planung');
    const first = new Client(api);
    const second = new Client(api);
    await first.login('zweimal@test.invalid');
    await second.login('zweimal@test.invalid');
    expect((await second.request('GET', '/api/session/sessions')).body.sessions).toHaveLength(2);
  });
});

describe('the log', () => {
  it('holds no hash, password, token or cookie when an administrator’s password change fails', async () => {
    const target = await chefin.request('POST', '/api/users', newUser('opfer@test.invalid', 'Ein sicheres Passwort fürs Opfer'));
    expect(target.status).toBe(201);
    // A broken schema makes the UPDATE fail inside the database: a real 500, with the new hash among the statement's parameters.
    await api.db.query('ALTER TABLE users RENAME COLUMN password_change_required TO kaputt');
    const lines: string[] = [];
    const capture = (...args: unknown[]) => lines.push(args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg, { depth: 5 }))).join(' '));
    const spies = (['error', 'log', 'warn', 'info'] as const).map((method) => vi.spyOn(console, method).mockImplementation(capture));
    const newPassword = 'Das neue geheime Passwort 2025';
    let response;
    try {
      response = await chefin.request('PATCH', `/api/users/${target.body.id}`, { passwort: newPassword });
    } finally {
      for (const spy of spies) spy.mockRestore();
      await api.db.query('ALTER TABLE users RENAME COLUMN kaputt TO password_change_required');
    }
    expect(response.status).toBe(500);
    expect(response.body.error).toBe('Interner Fehler. Die Änderung wurde nicht gespeichert.');
    const log = lines.join('\n');
    const stored = await api.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE email = $1', ['chefin@test.invalid']);
    const [, , , , salt = '', hash = ''] = stored[0]!.password_hash.split('$');
    for (const secret of ['scrypt$', newPassword, 'Richtig-Geheim-42', chefin.csrfToken!, salt, hash.slice(0, 20)]) expect(log).not.toContain(secret);
    expect(log).not.toMatch(/sra_session=/);
    // What the log does say: which request failed and how.
    expect(log).toMatch(/Fehler bei PATCH \/api\/users\/[0-9a-f-]{36}/);
    expect(log).toMatch(/42703/);
  }, 60_000);
});
