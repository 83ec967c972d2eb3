// The facility API: derived location, validation, versions, concurrency, history, import, export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, POINTS, addUser, facilityAt, startTestApi, type TestApi } from './support/testServer';

let api: TestApi;
let planer: Client;
let other: Client;

beforeAll(async () => {
  api = await startTestApi();
  await addUser(api, 'planer@test.invalid', 'planung');
  await addUser(api, 'kollegin@test.invalid', 'planung');
  planer = new Client(api);
  other = new Client(api);
  await planer.login('planer@test.invalid');
  await other.login('kollegin@test.invalid');
}, 60_000);

afterAll(async () => api?.close());

const create = async (overrides: Record<string, unknown> = {}, at = POINTS.adelebsen) => {
  const response = await planer.request('POST', '/api/districts/goettingen/facilities', facilityAt(at, overrides));
  expect(response.status, response.text).toBe(201);
  return response.body;
};

describe('creating', () => {
  it('derives municipality and Sozialraum from the location', async () => {
    const facility = await create();
    expect(facility.gemeindeAgs).toBe('03159001');
    expect(facility.sozialraumId).toBe('adelebsen');
    expect(facility.version).toBe(1);
    expect(facility.geaendertVon).toBe('planer');
    const stadt = await create({}, POINTS.stadtGoettingen);
    expect(stadt.gemeindeAgs).toBe('03159016');
    expect(stadt.sozialraumId).toBeNull();
  });

  it('ignores a municipality sent by the client', async () => {
    const facility = await create({ gemeindeAgs: '03159010', sozialraumId: 'duderstadt' });
    expect(facility.sozialraumId).toBe('adelebsen');
  });

  it.each([
    ['a point outside the Kreis', facilityAt(POINTS.berlin), 'outside_district', /außerhalb des Landkreis Göttingen/],
    ['an unknown category', facilityAt(POINTS.adelebsen, { category: 'hort' }), 'unknown_category', /Unbekannte Kategorie „hort“/],
    ['a missing name', facilityAt(POINTS.adelebsen, { name: '' }), 'invalid_input', /name: Name fehlt/],
    ['a bad postcode', facilityAt(POINTS.adelebsen, { plz: '3707' }), 'invalid_input', /plz: PLZ hat fünf Ziffern/],
    ['coordinates out of range', facilityAt([200, 51] as [number, number]), 'invalid_input', /lage/],
  ])('refuses %s with a specific error and writes nothing', async (_, body, code, message) => {
    const before = (await planer.request('GET', '/api/districts/goettingen/facilities')).body.facilities.length;
    const response = await planer.request('POST', '/api/districts/goettingen/facilities', body);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe(code);
    expect(response.body.error).toMatch(message);
    expect((await planer.request('GET', '/api/districts/goettingen/facilities')).body.facilities.length).toBe(before);
  });

  it('words every validation problem in German, also where the schema has no message of its own', async () => {
    const { name: _name, ...withoutName } = facilityAt(POINTS.adelebsen) as Record<string, unknown>;
    const bodies = [
      withoutName,
      { ...withoutName, name: 'Test', lage: 'mitten im Ort', zielgruppen: 'Eltern', kapazitaet: -3, lagegenauigkeit: 'irgendwo', bestaetigung: 'vielleicht' },
    ];
    const answers = [];
    for (const body of bodies) answers.push(await planer.request('POST', '/api/districts/goettingen/facilities', body));
    expect(answers.map((answer) => answer.status)).toEqual([400, 400]);
    expect(answers[0]!.body.error).toBe('Ungültige Eingabe: name: fehlt');
    expect(answers[1]!.body.details.problems).toEqual([
      'zielgruppen: muss eine Liste sein (ist ein Text)',
      'zielgruppen: höchstens 4 Zielgruppen',
      'kapazitaet: muss mindestens 0 sein',
      'lage: muss eine Liste sein (ist ein Text)',
      'lagegenauigkeit: muss einer dieser Werte sein: „adresse“, „ortslage“, „gemeinde“',
      'bestaetigung: muss einer dieser Werte sein: „bestätigt“, „unbestätigt“',
    ]);
    const history = await planer.request('GET', '/api/facilities/not-a-uuid/history');
    expect(history.status).toBe(400);
    for (const text of [...answers.map((answer) => answer.body.error as string), history.body.error as string]) {
      expect(text).not.toMatch(/Invalid|expected|received|must|Required|input/);
    }
  });

  it('refuses malformed JSON, wrong content types and unknown districts', async () => {
    expect((await planer.request('POST', '/api/districts/goettingen/facilities', '{"name": ')).body.code).toBe('invalid_input');
    const form = await planer.request('POST', '/api/districts/goettingen/facilities', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    const unknown = await planer.request('GET', '/api/districts/atlantis/facilities');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('Unbekannter Landkreis „atlantis“.');
  });

  it('stores user text verbatim (it is rendered as text, never as HTML)', async () => {
    const name = '<img src=x onerror=alert(1)>';
    const facility = await create({ name });
    expect((await planer.request('GET', `/api/facilities/${facility.id}`)).body.name).toBe(name);
  });
});

describe('concurrent edits', () => {
  it('lets one of two saves on the same version win and refuses the other with the newer version', async () => {
    const facility = await create({ name: 'Familienzentrum Gleichzeitig' });
    const [first, second] = await Promise.all([
      planer.request('PATCH', `/api/facilities/${facility.id}`, { baseVersion: 1, changes: { name: 'Änderung A' } }),
      other.request('PATCH', `/api/facilities/${facility.id}`, { baseVersion: 1, changes: { name: 'Änderung B' } }),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([200, 409]);
    const refused = first.status === 409 ? first : second;
    const winner = first.status === 200 ? first : second;
    expect(refused.body.code).toBe('version_conflict');
    expect(refused.body.details.current.version).toBe(2);
    expect(refused.body.details.current.name).toBe(winner.body.name);
    expect(refused.body.error).toMatch(/inzwischen von .* geändert \(Version 2\)/);
    const stored = await planer.request('GET', `/api/facilities/${facility.id}`);
    expect(stored.body.name).toBe(winner.body.name);
    expect(stored.body.version).toBe(2);
  });

  it('refuses a save based on an older version even after several changes', async () => {
    const facility = await create();
    await planer.request('PATCH', `/api/facilities/${facility.id}`, { baseVersion: 1, changes: { kapazitaet: 40 } });
    await planer.request('PATCH', `/api/facilities/${facility.id}`, { baseVersion: 2, changes: { kapazitaet: 45 } });
    const stale = await other.request('PATCH', `/api/facilities/${facility.id}`, { baseVersion: 2, changes: { kapazitaet: 50 } });
    expect(stale.status).toBe(409);
    expect(stale.body.details.current.kapazitaet).toBe(45);
  });
});

describe('history', () => {
  it('records every change with who and before/after, and restores an earlier version as a new one', async () => {
    const facility = await create({ name: 'Kita Verlauf' });
    const renamed = await planer.request('PATCH', `/api/facilities/${facility.id}`, { baseVersion: 1, changes: { name: 'Kita Verlauf (neu)' } });
    const moved = await other.request('PATCH', `/api/facilities/${facility.id}`, { baseVersion: 2, changes: { lage: POINTS.duderstadt } });
    expect(moved.body.sozialraumId).toBe('duderstadt');
    const deleted = await planer.request('DELETE', `/api/facilities/${facility.id}`, { baseVersion: 3 });
    expect(deleted.body.geloescht).toBe(true);
    expect((await planer.request('GET', '/api/districts/goettingen/facilities')).body.facilities.some((f: { id: string }) => f.id === facility.id)).toBe(false);
    const restored = await planer.request('POST', `/api/facilities/${facility.id}/restore`, { baseVersion: 4 });
    expect(restored.body.geloescht).toBe(false);

    const history = (await planer.request('GET', `/api/facilities/${facility.id}/history`)).body.versions;
    expect(history.map((v: { version: number; action: string }) => `${v.version}:${v.action}`)).toEqual([
      '5:wiederhergestellt',
      '4:geloescht',
      '3:verschoben',
      '2:geaendert',
      '1:angelegt',
    ]);
    expect(history[2].von).toBe('kollegin');
    expect(history[3].vorher.name).toBe('Kita Verlauf');
    expect(history[3].nachher.name).toBe(renamed.body.name);
    expect(history[4].vorher).toBeNull();

    const reverted = await planer.request('POST', `/api/facilities/${facility.id}/revert`, { baseVersion: 5, toVersion: 1 });
    expect(reverted.status).toBe(200);
    expect(reverted.body.version).toBe(6);
    expect(reverted.body.name).toBe('Kita Verlauf');
    expect(reverted.body.sozialraumId).toBe('adelebsen');
    const after = (await planer.request('GET', `/api/facilities/${facility.id}/history`)).body.versions;
    expect(after).toHaveLength(6);
    expect(after[0].action).toBe('zurueckgesetzt');
  });

  it('refuses to revert to a version that does not exist', async () => {
    const facility = await create();
    const response = await planer.request('POST', `/api/facilities/${facility.id}/revert`, { baseVersion: 1, toVersion: 9 });
    expect(response.status).toBe(404);
    expect(response.body.error).toBe('Version 9 gibt es nicht.');
  });
});

describe('filters, import and export', () => {
  it('filters by category, Sozialraum, status, precision and text (LIKE wildcards are literal)', async () => {
    await create({ name: 'Beratungsstelle 100% Familie', category: 'beratungsstelle', status: 'geplant' }, POINTS.duderstadt);
    const list = async (query: string) =>
      (await planer.request('GET', `/api/districts/goettingen/facilities?${query}`)).body.facilities.map((f: { name: string }) => f.name);
    expect(await list('category=beratungsstelle')).toEqual(['Beratungsstelle 100% Familie']);
    expect(await list('sozialraum=duderstadt&status=geplant')).toEqual(['Beratungsstelle 100% Familie']);
    expect(await list('q=100%25')).toEqual(['Beratungsstelle 100% Familie']);
    expect(await list('q=1_0')).toEqual([]);
    const bad = await planer.request('GET', '/api/districts/goettingen/facilities?status=offen');
    expect(bad.status).toBe(400);
  });

  it('checks import rows without writing and reports errors and duplicates per row', async () => {
    await create({ name: 'Kita Doppelt' }, POINTS.adelebsen);
    const rows = [
      facilityAt(POINTS.adelebsen, { name: 'Kita  doppelt' }),
      facilityAt(POINTS.berlin, { name: 'Kita Berlin' }),
      facilityAt(POINTS.adelebsen, { name: 'Hort am Bach', category: 'hort' }),
      facilityAt([POINTS.adelebsen[0] + 0.0005, POINTS.adelebsen[1]], { name: 'Kita Doppelt' }),
    ];
    const before = (await planer.request('GET', '/api/districts/goettingen/facilities')).body.facilities.length;
    const check = await planer.request('POST', '/api/districts/goettingen/import/check', { rows });
    expect(check.status).toBe(200);
    const [first, second, third, fourth] = check.body.rows;
    expect(first.errors).toEqual([]);
    expect(first.warnings[0]).toMatch(/^Mögliches Duplikat von „Kita Doppelt“ \(\d+ m entfernt\)$/);
    expect(second.errors).toEqual(['Punkt liegt außerhalb des Landkreis Göttingen']);
    expect(third.errors).toEqual(['Unbekannte Kategorie „hort“']);
    expect(fourth.warnings).toContainEqual(expect.stringMatching(/^Mögliches Duplikat einer früheren Zeile/));
    expect((await planer.request('GET', '/api/districts/goettingen/facilities')).body.facilities.length).toBe(before);

    const refused = await planer.request('POST', '/api/districts/goettingen/import', { rows, dateiname: 'kitas.csv' });
    expect(refused.status).toBe(422);
    expect(refused.body.details.rows.map((r: { index: number }) => r.index)).toEqual([1, 2]);
    expect((await planer.request('GET', '/api/districts/goettingen/facilities')).body.facilities.length).toBe(before);

    const accepted = await planer.request('POST', '/api/districts/goettingen/import', { rows: [rows[0], rows[3]], dateiname: 'kitas.csv' });
    expect(accepted.status).toBe(201);
    expect(accepted.body.created).toBe(2);
    const history = await planer.request('GET', `/api/facilities/${accepted.body.facilities[0].id}/history`);
    expect(history.body.versions[0].action).toBe('importiert');
  });

  it('exports the current filter as CSV for German Excel and as GeoJSON, with Sozialraum names, source and date', async () => {
    const csv = await planer.request('GET', '/api/districts/goettingen/export.csv?category=beratungsstelle');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="einrichtungen-goettingen-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    // The table, an empty line, then the notes on source and date.
    const [table, notes] = csv.text.slice(1).split('\r\n\r\n');
    const lines = table!.split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]!.split(';')[0]).toBe('Name');
    expect(lines[1]).toContain('Beratungsstelle 100% Familie');
    const sozialraum = lines[0]!.split(';').indexOf('Sozialraum');
    expect(lines[1]!.split(';')[sozialraum]).toBe('Duderstadt');
    const noteLines = notes!.split('\r\n').filter(Boolean);
    expect(noteLines[0]).toBe('Quelle und Stand');
    expect(noteLines).toContain('Daten;Ressourcenkarte des Sozialraumatlas, Landkreis Göttingen: 1 Einrichtung');
    expect(noteLines.find((line) => line.startsWith('Stand der Einrichtungen;'))).toMatch(/geprüft/);
    expect(noteLines.find((line) => line.startsWith('Exportiert am;'))).toMatch(/^Exportiert am;\d{2}\.\d{2}\.\d{4}$/);
    const geojson = await planer.request('GET', '/api/districts/goettingen/export.geojson?category=beratungsstelle');
    expect(geojson.body.type).toBe('FeatureCollection');
    expect(geojson.body.features).toHaveLength(1);
    expect(geojson.body.features[0].geometry.type).toBe('Point');
    expect(geojson.body.features[0].properties.sozialraum).toBe('Duderstadt');
    expect(geojson.body.metadata).toMatchObject({ Daten: 'Ressourcenkarte des Sozialraumatlas, Landkreis Göttingen: 1 Einrichtung' });
    expect(geojson.body.metadata['Stand der Einrichtungen']).toMatch(/geprüft/);
  });
});

describe('the API description', () => {
  it('publishes an OpenAPI document with the facility routes', async () => {
    const doc = await planer.request('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/districts/{district}/facilities', '/api/facilities/{id}', '/api/facilities/{id}/history', '/api/session']),
    );
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const response = await planer.request('GET', '/api/gibtsnicht');
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('not_found');
  });
});

describe('partial changes', () => {
  it('change only the fields sent and leave the others as they were', async () => {
    const facility = await create({ traeger: 'Testträger e. V.', zielgruppen: ['Eltern', 'Kinder'], status: 'geplant', kapazitaet: 30 });
    const changed = await planer.request('PATCH', `/api/facilities/${facility.id}`, { baseVersion: 1, changes: { name: 'Nur der Name' } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Nur der Name', traeger: 'Testträger e. V.', zielgruppen: ['Eltern', 'Kinder'], status: 'geplant', kapazitaet: 30 });
  });
});
