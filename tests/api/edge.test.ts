// What the server says no to at its edge, on the real app: the inputs that once gave 500, sizes,
// content types, origins, 401 before 400, web addresses in every output, security headers, and
// the facility list's ETag and compression.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_BODY_LIMIT, SMALL_BODY_LIMIT } from '../../src/server/security';
import { Client, POINTS, addUser, facilityAt, startTestApi, type TestApi } from './support/testServer';

let api: TestApi;
let planer: Client;
let chefin: Client;
let anonymous: Client;
let facilityId: string;

beforeAll(async () => {
  api = await startTestApi();
  await addUser(api, 'planer@test.invalid', 'planung');
  await addUser(api, 'chefin@test.invalid', 'admin');
  await addUser(api, 'vergeben@test.invalid', 'planung');
  planer = new Client(api);
  chefin = new Client(api);
  anonymous = new Client(api);
  await planer.login('planer@test.invalid');
  await chefin.login('chefin@test.invalid');
  const created = await planer.request('POST', '/api/districts/goettingen/facilities', facilityAt(POINTS.adelebsen, { name: 'Kita am Rand' }));
  expect(created.status).toBe(201);
  facilityId = created.body.id;
}, 60_000);

afterAll(async () => api?.close());

const FACILITIES = '/api/districts/goettingen/facilities';

describe('inputs that once gave HTTP 500', () => {
  it.each([
    [`${FACILITIES}?q=%00`, 'q'],
    [`${FACILITIES}?category=%00`, 'category'],
    [`${FACILITIES}?sozialraum=%00`, 'sozialraum'],
    ['/api/districts/goettingen/export.csv?q=%00', 'q'],
    ['/api/districts/goettingen/export.geojson?q=a%01b', 'q'],
  ])('GET %s is a German 400', async (path, field) => {
    const response = await anonymous.request('GET', path);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(new RegExp(`${field}: `));
  });

  it.each([
    ['name', 'Kita\u0000Nord', /name: enthält Steuerzeichen/],
    ['traeger', 'Verein\u0007', /traeger: enthält Steuerzeichen/],
    ['ort', 'Zeile\neins', /ort: enthält Steuerzeichen/],
    ['geprueftAm', '2024-02-30', /geprueftAm: kein gültiges Datum/],
    ['geprueftAm', '0000-00-00', /geprueftAm: kein gültiges Datum/],
    ['foerderung', { programm: 'Plus', seit: '2019-13' }, /foerderung\.seit: kein gültiges Datum/],
    ['web', 'javascript:alert(1)', /web: keine gültige Web-Adresse/],
    ['web', 'data:text/html,<script>alert(1)</script>', /web: keine gültige Web-Adresse/],
    ['web', 'vbscript:msgbox(1)', /web: keine gültige Web-Adresse/],
    ['web', `https://example.org/${'a'.repeat(3000)}`, /web: höchstens 2000 Zeichen/],
    ['zielgruppen', Array(300).fill('Eltern'), /zielgruppen: höchstens \d+ Zielgruppen/],
    ['email', `${'a'.repeat(300)}@example.org`, /email: höchstens 254 Zeichen/],
  ])('a facility with %s = %j is refused with a German 400 and nothing is written', async (field, value, message) => {
    const before = await anonymous.request('GET', FACILITIES);
    const response = await planer.request('POST', FACILITIES, facilityAt(POINTS.adelebsen, { [field]: value }));
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(message);
    const patch = await planer.request('PATCH', `/api/facilities/${facilityId}`, { baseVersion: 1, changes: { [field]: value } });
    expect(patch.status).toBe(400);
    expect((await anonymous.request('GET', FACILITIES)).body.facilities).toHaveLength(before.body.facilities.length);
  });

  it('keeps line breaks in Angebote, the one field of several lines', async () => {
    const response = await planer.request('POST', FACILITIES, facilityAt(POINTS.duderstadt, { name: 'Kita Zeilen', angebote: 'Krabbelgruppe\r\nElterncafé\tmittwochs' }));
    expect(response.status).toBe(201);
    expect(response.body.angebote).toBe('Krabbelgruppe\nElterncafé\tmittwochs');
    const refused = await planer.request('POST', FACILITIES, facilityAt(POINTS.duderstadt, { angebote: 'mit\u0000NUL' }));
    expect(refused.status).toBe(400);
  });

  it('answers a DELETE with Content-Type text/plain with 415, not 500', async () => {
    const response = await planer.request('DELETE', `/api/facilities/${facilityId}`, 'baseVersion=1', { 'content-type': 'text/plain' });
    expect(response.status).toBe(415);
    expect(response.body.error).toBe('Anfragen müssen JSON senden (Content-Type: application/json).');
  });

  it('maps a taken e-mail in a user update to 409 in German', async () => {
    const users = await chefin.request('GET', '/api/users');
    const planerId = users.body.users.find((user: { email: string }) => user.email === 'planer@test.invalid').id;
    const response = await chefin.request('PATCH', `/api/users/${planerId}`, { email: 'vergeben@test.invalid' });
    expect(response.status).toBe(409);
    expect(response.body.error).toBe('Die E-Mail-Adresse vergeben@test.invalid ist schon vergeben.');
  });

  it('refuses a version number beyond the database column with 400', async () => {
    const response = await planer.request('PATCH', `/api/facilities/${facilityId}`, { baseVersion: 2 ** 40, changes: { name: 'X' } });
    expect(response.status).toBe(400);
  });

  it('answers JSON nested too deep for the parser with 400', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const response = await planer.request('POST', FACILITIES, deep);
    expect(response.status).toBe(400);
  });
});

describe('limits', () => {
  it('refuses an anonymous sign-in with a huge body with 413 before parsing it', async () => {
    const response = await anonymous.request('POST', '/api/session', JSON.stringify({ email: 'a@b.de', passwort: 'x'.repeat(SMALL_BODY_LIMIT) }));
    expect(response.status).toBe(413);
    expect(response.body.error).toBe('Die Anfrage ist zu groß: höchstens 64 KB.');
  });

  it('sizes import bodies for 20,000 rows with every field filled, and refuses larger ones with 413', async () => {
    const row = facilityAt(POINTS.adelebsen, {
      name: 'Familienzentrum Sonnenschein am Marktplatz',
      traeger: 'Testverein Familienglück e. V., Kreisverband Göttingen',
      strasse: 'Musterweg 12a',
      plz: '37139',
      ort: 'Adelebsen',
      telefon: '05506 123456',
      email: 'kontakt@familienzentrum-sonnenschein.example.org',
      web: 'https://www.familienzentrum-sonnenschein.example.org/angebote/eltern-und-kinder',
      zielgruppen: ['Eltern', 'Kinder', 'Fachkräfte'],
      angebote: 'Elterncafé dienstags; Krabbelgruppe; Beratung für Alleinerziehende; Sprachkurse; Hausaufgabenhilfe. '.repeat(4),
      kapazitaet: 120,
      status: 'in Betrieb',
      foerderung: { programm: 'Familienzentrum Plus', seit: '2019-08' },
      quelle: 'Trägerliste des Landkreises, Stand 2024, ergänzt durch Telefonat',
      geprueftAm: '2024-04-30',
    });
    const body = JSON.stringify({ rows: Array(20_000).fill(row), dateiname: 'einrichtungen.csv' });
    expect(Buffer.byteLength(body)).toBeLessThan(IMPORT_BODY_LIMIT);
    const tooLarge = `{"rows":[],"dateiname":"${'x'.repeat(IMPORT_BODY_LIMIT)}"}`;
    const response = await planer.request('POST', '/api/districts/goettingen/import/check', tooLarge);
    expect(response.status).toBe(413);
    expect(response.body.error).toMatch(/^Die Anfrage ist zu groß: höchstens 40 MB für einen Import/);
    // Anonymous clients get no import body read at all.
    expect((await anonymous.request('POST', '/api/districts/goettingen/import/check', tooLarge)).status).toBe(401);
  }, 60_000);
});

describe('who asks first', () => {
  it('tells an anonymous client 401 before anything about its input', async () => {
    expect((await anonymous.request('POST', FACILITIES, { name: '' })).status).toBe(401);
    expect((await anonymous.request('PATCH', '/api/facilities/keine-uuid', { baseVersion: 'x' })).status).toBe(401);
    expect((await anonymous.request('POST', '/api/users', 'kein json', { 'content-type': 'text/plain' })).status).toBe(401);
    expect((await anonymous.request('DELETE', '/api/session')).status).toBe(204);
  });
});

describe('origins', () => {
  it('refuses state-changing requests from another site, by Origin or Sec-Fetch-Site', async () => {
    const body = facilityAt(POINTS.adelebsen, { name: 'Von fremder Seite' });
    const foreign = await planer.request('POST', FACILITIES, body, { origin: 'https://boese.example', host: 'localhost' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('foreign_origin');
    expect((await planer.request('POST', FACILITIES, body, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await planer.request('POST', FACILITIES, body, { origin: 'null' })).status).toBe(403);
    expect((await planer.request('POST', FACILITIES, body, { origin: 'http://localhost', host: 'localhost' })).status).toBe(201);
    expect((await planer.request('POST', FACILITIES, { ...body, name: 'Gleiche Seite' }, { 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    // Reading from anywhere is fine: the list is public.
    expect((await anonymous.request('GET', FACILITIES, undefined, { origin: 'https://boese.example' })).status).toBe(200);
  });
});

describe('web addresses in every output', () => {
  it('never serves or exports a javascript: address, not even one stored before the rule', async () => {
    const created = await planer.request('POST', FACILITIES, facilityAt(POINTS.stadtGoettingen, { name: 'Alte Einrichtung', web: 'https://example.org/' }));
    await api.db.query(`UPDATE facilities SET web = 'javascript:alert(1)' WHERE id = $1`, [created.body.id]);
    const list = await anonymous.request('GET', FACILITIES);
    expect(list.body.facilities.find((f: { id: string }) => f.id === created.body.id).web).toBeNull();
    expect((await anonymous.request('GET', `/api/facilities/${created.body.id}`)).body.web).toBeNull();
    const csv = await anonymous.request('GET', '/api/districts/goettingen/export.csv');
    const geojson = await anonymous.request('GET', '/api/districts/goettingen/export.geojson');
    for (const file of [csv.text, geojson.text]) expect(file).not.toMatch(/javascript:/);
    expect(csv.text).toMatch(/Alte Einrichtung/);
  });

  it('takes http(s) and mailto addresses', async () => {
    for (const web of ['https://example.org/kita', 'http://example.org/', 'mailto:kita@example.org']) {
      expect((await planer.request('POST', FACILITIES, facilityAt(POINTS.adelebsen, { name: `Kita ${web}`, web }))).status).toBe(201);
    }
  });
});

describe('security headers', () => {
  it('come with every API response, errors included', async () => {
    for (const path of ['/api/session', FACILITIES, '/api/unbekannt']) {
      const response = await anonymous.request('GET', path);
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    }
  });
});

describe('the facility list for many readers', () => {
  it('answers 304 to the ETag of an unchanged list and a new ETag after a change', async () => {
    const first = await anonymous.request('GET', FACILITIES);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const again = await anonymous.request('GET', FACILITIES, undefined, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const changed = await planer.request('POST', FACILITIES, facilityAt(POINTS.duderstadt, { name: 'Neu nach dem ETag' }));
    expect(changed.status).toBe(201);
    const after = await anonymous.request('GET', FACILITIES, undefined, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(after.body.facilities.some((f: { name: string }) => f.name === 'Neu nach dem ETag')).toBe(true);
    // Another filter is another list with its own ETag.
    const filtered = await anonymous.request('GET', `${FACILITIES}?q=Rand`);
    expect(filtered.headers.get('etag')).not.toBe(after.headers.get('etag'));
    expect(filtered.body.facilities.map((f: { name: string }) => f.name)).toEqual(['Kita am Rand']);
  });

  it('is compressed for clients that accept it', async () => {
    const response = await api.app.request(FACILITIES, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    const body = JSON.parse(gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8'));
    expect(body.facilities.length).toBeGreaterThan(0);
    const brotli = await api.app.request(FACILITIES, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(brotli.headers.get('content-encoding')).toBe('br');
  });

  it('compresses other reads, but not the small answers polled during an import', async () => {
    const document = await api.app.request('/api/openapi.json', { headers: { 'accept-encoding': 'gzip' } });
    expect(document.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(gunzipSync(Buffer.from(await document.arrayBuffer())).toString('utf8')).openapi).toBe('3.1.0');
    const health = await api.app.request('/api/health', { headers: { 'accept-encoding': 'gzip' } });
    expect(health.headers.get('content-encoding')).toBeNull();
    expect(await health.json()).toMatchObject({ ok: true });
  });
});
