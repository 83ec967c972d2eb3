// Who may do what: every role against every write route (issue 3, section 5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, POINTS, addUser, facilityAt, startTestApi, type TestApi } from './support/testServer';

type RoleName = 'anonym' | 'koordinationAdelebsen' | 'koordinationRegion5' | 'planung' | 'admin';
const ROLES: RoleName[] = ['anonym', 'koordinationAdelebsen', 'koordinationRegion5', 'planung', 'admin'];

let api: TestApi;
const clients = {} as Record<RoleName, Client>;
let admin: Client;

beforeAll(async () => {
  api = await startTestApi();
  await addUser(api, 'koord-a@test.invalid', 'koordination', [{ district: 'goettingen', gebiet: 'sozialraum:adelebsen' }]);
  await addUser(api, 'koord-r5@test.invalid', 'koordination', [{ district: 'goettingen', gebiet: 'sozialregion:sozialregion-5' }]);
  await addUser(api, 'planung@test.invalid', 'planung');
  await addUser(api, 'admin@test.invalid', 'admin');
  const logins: Record<RoleName, string | null> = {
    anonym: null,
    koordinationAdelebsen: 'koord-a@test.invalid',
    koordinationRegion5: 'koord-r5@test.invalid',
    planung: 'planung@test.invalid',
    admin: 'admin@test.invalid',
  };
  for (const role of ROLES) {
    clients[role] = new Client(api);
    const email = logins[role];
    if (email) expect((await clients[role].login(email)).status).toBe(200);
  }
  admin = clients.admin;
}, 60_000);

afterAll(async () => api?.close());

/** A fresh facility in Adelebsen (Sozialregion 2), created by the admin. */
async function facilityInAdelebsen(): Promise<{ id: string; version: number }> {
  const created = await admin.request('POST', '/api/districts/goettingen/facilities', facilityAt(POINTS.adelebsen));
  expect(created.status).toBe(201);
  return created.body;
}

const writeRoutes: { name: string; expected: Record<RoleName, number>; run(client: Client): Promise<{ status: number }> }[] = [
  {
    name: 'add a facility in Adelebsen',
    expected: { anonym: 401, koordinationAdelebsen: 201, koordinationRegion5: 403, planung: 201, admin: 201 },
    run: (client) => client.request('POST', '/api/districts/goettingen/facilities', facilityAt(POINTS.adelebsen)),
  },
  {
    name: 'add a facility in Duderstadt (Sozialregion 5)',
    expected: { anonym: 401, koordinationAdelebsen: 403, koordinationRegion5: 201, planung: 201, admin: 201 },
    run: (client) => client.request('POST', '/api/districts/goettingen/facilities', facilityAt(POINTS.duderstadt)),
  },
  {
    name: 'add a facility in Stadt Göttingen (outside every Sozialraum)',
    expected: { anonym: 401, koordinationAdelebsen: 403, koordinationRegion5: 403, planung: 201, admin: 201 },
    run: (client) => client.request('POST', '/api/districts/goettingen/facilities', facilityAt(POINTS.stadtGoettingen)),
  },
  {
    name: 'change a facility',
    expected: { anonym: 401, koordinationAdelebsen: 200, koordinationRegion5: 403, planung: 200, admin: 200 },
    run: async (client) => {
      const { id, version } = await facilityInAdelebsen();
      return client.request('PATCH', `/api/facilities/${id}`, { baseVersion: version, changes: { name: 'Neuer Name' } });
    },
  },
  {
    name: 'move a facility out of the own area',
    expected: { anonym: 401, koordinationAdelebsen: 403, koordinationRegion5: 403, planung: 200, admin: 200 },
    run: async (client) => {
      const { id, version } = await facilityInAdelebsen();
      return client.request('PATCH', `/api/facilities/${id}`, { baseVersion: version, changes: { lage: POINTS.duderstadt } });
    },
  },
  {
    name: 'delete a facility',
    expected: { anonym: 401, koordinationAdelebsen: 200, koordinationRegion5: 403, planung: 200, admin: 200 },
    run: async (client) => {
      const { id, version } = await facilityInAdelebsen();
      return client.request('DELETE', `/api/facilities/${id}`, { baseVersion: version });
    },
  },
  {
    name: 'restore a deleted facility',
    expected: { anonym: 401, koordinationAdelebsen: 200, koordinationRegion5: 403, planung: 200, admin: 200 },
    run: async (client) => {
      const { id, version } = await facilityInAdelebsen();
      const deleted = await admin.request('DELETE', `/api/facilities/${id}`, { baseVersion: version });
      return client.request('POST', `/api/facilities/${id}/restore`, { baseVersion: deleted.body.version });
    },
  },
  {
    name: 'revert to an earlier version',
    expected: { anonym: 401, koordinationAdelebsen: 200, koordinationRegion5: 403, planung: 200, admin: 200 },
    run: async (client) => {
      const { id, version } = await facilityInAdelebsen();
      const changed = await admin.request('PATCH', `/api/facilities/${id}`, { baseVersion: version, changes: { name: 'Zwischenstand' } });
      return client.request('POST', `/api/facilities/${id}/revert`, { baseVersion: changed.body.version, toVersion: 1 });
    },
  },
  {
    name: 'import facilities in Adelebsen',
    expected: { anonym: 401, koordinationAdelebsen: 201, koordinationRegion5: 422, planung: 201, admin: 201 },
    run: (client) =>
      client.request('POST', '/api/districts/goettingen/import', {
        dateiname: 'test.csv',
        rows: [facilityAt(POINTS.adelebsen, { name: `Importkita ${Math.random()}` })],
      }),
  },
  {
    name: 'check an import',
    expected: { anonym: 401, koordinationAdelebsen: 200, koordinationRegion5: 200, planung: 200, admin: 200 },
    run: (client) => client.request('POST', '/api/districts/goettingen/import/check', { rows: [facilityAt(POINTS.adelebsen)] }),
  },
  {
    name: 'create a user',
    expected: { anonym: 401, koordinationAdelebsen: 403, koordinationRegion5: 403, planung: 403, admin: 201 },
    run: (client) =>
      client.request('POST', '/api/users', {
        email: `neu-${Math.random().toString(36).slice(2)}@test.invalid`,
        name: 'Neue Kollegin',
        rolle: 'koordination',
        passwort: 'Ein-langes-Passwort',
      }),
  },
  {
    name: 'change a user',
    expected: { anonym: 401, koordinationAdelebsen: 403, koordinationRegion5: 403, planung: 403, admin: 200 },
    run: async (client) => {
      const users = await admin.request('GET', '/api/users');
      const target = users.body.users.find((u: { email: string }) => u.email === 'planung@test.invalid');
      return client.request('PATCH', `/api/users/${target.id}`, { name: 'Planung (umbenannt)' });
    },
  },
];

describe.each(writeRoutes)('$name', ({ expected, run }) => {
  it.each(ROLES)('as %s', async (role) => {
    const response = await run(clients[role]);
    expect(response.status, JSON.stringify((response as { body?: unknown }).body)).toBe(expected[role]);
  });
});

describe('reading', () => {
  it('is open to anonymous viewers by default', async () => {
    const response = await clients.anonym.request('GET', '/api/districts/goettingen/facilities');
    expect(response.status).toBe(200);
    expect(Array.isArray(response.body.facilities)).toBe(true);
  });

  it('requires signing in when anonymous reading is switched off', async () => {
    const closed = await startTestApi({ anonymousRead: false });
    try {
      const anonymous = new Client(closed);
      const response = await anonymous.request('GET', '/api/districts/goettingen/facilities');
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('not_signed_in');
      expect((await anonymous.request('GET', '/api/session')).body.anonymousRead).toBe(false);
    } finally {
      await closed.close();
    }
  }, 60_000);

  it('lists users only for admins', async () => {
    expect((await clients.planung.request('GET', '/api/users')).status).toBe(403);
    const users = await admin.request('GET', '/api/users');
    expect(users.status).toBe(200);
    expect(users.body.users.every((u: Record<string, unknown>) => !('passwordHash' in u) && !('password_hash' in u))).toBe(true);
  });
});
