// Import batches on the real app: duplicates in the file and in the database, the batch with
// its history, undo with and without later edits, restore, and a client that goes away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FacilityFieldsSchema } from '../../src/domain/facilities/schema';
import { loadDistricts } from '../../src/server/districts';
import { syntheticFacilityRows } from '../../scripts/lib/facilityRows';
import { Client, POINTS, ROOT, addUser, facilityAt, startTestApi, type TestApi } from './support/testServer';

const territory = loadDistricts(ROOT).get('goettingen')!.territory;
let api: TestApi;
let planer: Client;

beforeAll(async () => {
  api = await startTestApi();
  await addUser(api, 'planung@example.org', 'planung');
  planer = new Client(api);
  await planer.login('planung@example.org');
});

afterAll(async () => api?.close());

const list = async () => (await planer.request('GET', '/api/districts/goettingen/facilities')).body.facilities as { id: string; name: string }[];
const imported = async (rows: unknown[], dateiname = 'kitas.csv') => {
  const response = await planer.request('POST', '/api/districts/goettingen/import', { rows, dateiname });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { created: number; batch: { id: string; dateiname: string; zeilen: number; status: string; von: string }; facilities: { id: string; name: string; version: number }[] };
};

describe('duplicates', () => {
  it('marks exact repetitions, database duplicates (with the facility) and similar rows', async () => {
    const [existing] = (await imported([facilityAt(POINTS.duderstadt, { name: 'Kita Am Wall', strasse: 'Wall 1', ort: 'Duderstadt' })])).facilities;
    const near = [POINTS.duderstadt[0] + 0.0005, POINTS.duderstadt[1]] as [number, number];
    const rows = [
      facilityAt(POINTS.adelebsen, { name: 'Hort Sonne' }),
      facilityAt(near, { name: 'kita am wall' }),
      facilityAt(POINTS.adelebsen, { name: 'Hort Sonne' }),
      facilityAt([POINTS.adelebsen[0] + 0.001, POINTS.adelebsen[1]], { name: 'Hort  Sonne', strasse: 'Anderswo 2' }),
    ];
    const check = await planer.request('POST', '/api/districts/goettingen/import/check', { rows });
    expect(check.status).toBe(200);
    const [first, second, third, fourth] = check.body.rows;
    expect(first).toMatchObject({ wiederholt: null, duplikat: null, aehnlich: null, warnings: [] });
    expect(second.duplikat).toMatchObject({ id: existing!.id, name: 'Kita Am Wall', strasse: 'Wall 1', ort: 'Duderstadt', category: 'kita' });
    expect(second.duplikat.metres).toBeGreaterThan(20);
    expect(second.duplikat.metres).toBeLessThan(50);
    expect(third).toMatchObject({ wiederholt: 0, aehnlich: null });
    expect(third.warnings).toEqual(['Gleicht genau einer früheren Zeile']);
    expect(fourth).toMatchObject({ wiederholt: null, aehnlich: 0 });
    expect(fourth.warnings[0]).toMatch(/^Mögliches Duplikat einer früheren Zeile „Hort Sonne“ \(\d+ m entfernt\)$/);
  });

  it('finds the nearest duplicate among many facilities of the same name, and none beyond 250 m', async () => {
    const base = POINTS.stadtGoettingen;
    // 0.001° longitude ≈ 69 m here: rows 0 … 5 are 0, 69 … 345 m east of the base point.
    const rows = Array.from({ length: 6 }, (_, i) => facilityAt([base[0] + i * 0.001, base[1]], { name: 'Kita Reihe', strasse: `Nr. ${i}` }));
    const check = await planer.request('POST', '/api/districts/goettingen/import/check', { rows });
    expect(check.body.rows.map((row: { aehnlich: number | null }) => row.aehnlich)).toEqual([null, 0, 1, 2, 3, 4]);
    const far = await planer.request('POST', '/api/districts/goettingen/import/check', {
      rows: [rows[0], facilityAt([base[0] + 0.004, base[1]], { name: 'Kita Reihe' })],
    });
    expect(far.body.rows[1].aehnlich).toBeNull();
  });

  it('refuses rows that are not facilities with every problem and the row number', async () => {
    const response = await planer.request('POST', '/api/districts/goettingen/import/check', { rows: [facilityAt(POINTS.adelebsen), { category: 'kita' }] });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/^Ungültige Eingabe: rows\.1\.name: /);
    expect(response.body.details.problems.every((problem: string) => problem.startsWith('rows.1.'))).toBe(true);
  });
});

describe('import batches', () => {
  it('records every import as a batch with who, when, file and rows; its history names the import', async () => {
    const result = await imported(syntheticFacilityRows(territory, 3, 1), 'familienzentren.csv');
    expect(result.batch).toMatchObject({ dateiname: 'familienzentren.csv', zeilen: 3, status: 'abgeschlossen', von: 'planung', aktiv: 3, geaendert: 0 });
    const batches = (await planer.request('GET', '/api/districts/goettingen/imports')).body.importe;
    expect(batches[0]).toEqual(result.batch);
    const history = await planer.request('GET', `/api/facilities/${result.facilities[0]!.id}/history`);
    expect(history.body.versions.map((version: { action: string }) => version.action)).toEqual(['importiert']);
  });

  it('undoes a batch as recoverable deletions with history, and restores it', async () => {
    const result = await imported(syntheticFacilityRows(territory, 4, 2));
    const undo = await planer.request('POST', `/api/imports/${result.batch.id}/undo`, {});
    expect(undo.status, JSON.stringify(undo.body)).toBe(200);
    expect(undo.body.batch).toMatchObject({ status: 'rueckgaengig', aktiv: 0, rueckgaengigVon: 'planung' });
    expect(undo.body.facilities).toHaveLength(4);
    const ids = new Set(result.facilities.map((facility) => facility.id));
    expect((await list()).filter((facility) => ids.has(facility.id))).toEqual([]);
    const history = await planer.request('GET', `/api/facilities/${result.facilities[0]!.id}/history`);
    expect(history.body.versions.map((version: { action: string }) => version.action)).toEqual(['import_rueckgaengig', 'importiert']);
    expect(history.body.versions[0].nachher.geloescht).toBe(true);

    const again = await planer.request('POST', `/api/imports/${result.batch.id}/undo`, {});
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('Dieser Import ist schon rückgängig gemacht.');

    const restore = await planer.request('POST', `/api/imports/${result.batch.id}/restore`, {});
    expect(restore.status).toBe(200);
    expect(restore.body.batch).toMatchObject({ status: 'abgeschlossen', aktiv: 4, geaendert: 0 });
    expect((await list()).filter((facility) => ids.has(facility.id))).toHaveLength(4);
  });

  it('asks about facilities edited since the import, then keeps or deletes them as told', async () => {
    for (const choice of ['behalten', 'loeschen'] as const) {
      const result = await imported(syntheticFacilityRows(territory, 3, choice === 'behalten' ? 3 : 4));
      const [edited, other] = result.facilities;
      const patch = await planer.request('PATCH', `/api/facilities/${edited!.id}`, { baseVersion: 1, changes: { name: 'Umbenannt nach Import' } });
      expect(patch.status).toBe(200);
      // A facility deleted by hand is not "changed": there is nothing left to undo about it.
      expect((await planer.request('DELETE', `/api/facilities/${other!.id}`, { baseVersion: 1 })).status).toBe(200);

      const details = await planer.request('GET', `/api/imports/${result.batch.id}`);
      expect(details.body.batch).toMatchObject({ aktiv: 2, geaendert: 1 });
      expect(details.body.geaenderte).toEqual([expect.objectContaining({ id: edited!.id, name: 'Umbenannt nach Import', version: 2, geaendertVon: 'planung' })]);

      const asked = await planer.request('POST', `/api/imports/${result.batch.id}/undo`, {});
      expect(asked.status).toBe(409);
      expect(asked.body.code).toBe('import_changed');
      expect(asked.body.error).toBe('1 Einrichtung aus diesem Import wurde seitdem geändert: „Umbenannt nach Import“. Mitlöschen oder behalten?');
      expect((await list()).some((facility) => facility.id === edited!.id)).toBe(true);

      const undo = await planer.request('POST', `/api/imports/${result.batch.id}/undo`, { geaenderte: choice });
      expect(undo.status).toBe(200);
      const remaining = new Set((await list()).map((facility) => facility.id));
      expect(remaining.has(edited!.id)).toBe(choice === 'behalten');
      expect(remaining.has(result.facilities[2]!.id)).toBe(false);
      expect(undo.body.facilities).toHaveLength(choice === 'behalten' ? 1 : 2);
    }
  });

  it('writes nothing when the client goes away during the write', async () => {
    const rows = syntheticFacilityRows(territory, 3_000, 5);
    const before = (await list()).length;
    const controller = new AbortController();
    const vorgang = crypto.randomUUID();
    const request = api.app.request('/api/districts/goettingen/import', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: planer.cookieHeader(), 'x-csrf-token': planer.csrfToken! },
      body: JSON.stringify({ rows, dateiname: 'abgebrochen.csv', vorgang }),
      signal: controller.signal,
    });
    for (;;) {
      const progress = await planer.request('GET', `/api/import-progress/${vorgang}`);
      if (progress.status === 200 && progress.body.schritt === 'schreiben' && progress.body.erledigt > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    controller.abort();
    await Promise.resolve(request).catch(() => null);
    const batch = (await planer.request('GET', '/api/districts/goettingen/imports')).body.importe.find((b: { dateiname: string }) => b.dateiname === 'abgebrochen.csv');
    expect(batch).toMatchObject({ status: 'abgebrochen', aktiv: 0 });
    expect((await list()).length).toBe(before);
    const written = await api.db.query<{ count: string }>('SELECT count(*) FROM facilities WHERE import_batch_id = $1', [batch.id]);
    expect(Number(written[0]!.count)).toBe(0);
  }, 60_000);
});

describe('changes since a stand', () => {
  const changesSince = async (stand: number) => {
    const response = await planer.request('GET', `/api/districts/goettingen/facilities/changes?seit=${stand}`);
    expect(response.status, response.text).toBe(200);
    return response.body as { stand: number; facilities: { id: string; name: string; geloescht: boolean }[] };
  };
  const standNow = async () => (await planer.request('GET', '/api/districts/goettingen/facilities?geloescht=alle')).body.stand as number;

  it('brings new, changed and deleted facilities once, and nothing when nothing changed', async () => {
    const stand = await standNow();
    const [kept, changed, deleted] = (await imported([facilityAt(POINTS.adelebsen, { name: 'Stand A' }), facilityAt(POINTS.adelebsen, { name: 'Stand B' }), facilityAt(POINTS.duderstadt, { name: 'Stand C' })])).facilities;
    const afterImport = await changesSince(stand);
    expect(afterImport.facilities.map((facility) => facility.id).sort()).toEqual([kept!.id, changed!.id, deleted!.id].sort());
    expect(afterImport.stand).toBeGreaterThan(stand);

    expect((await planer.request('PATCH', `/api/facilities/${changed!.id}`, { baseVersion: 1, changes: { name: 'Stand B2' } })).status).toBe(200);
    expect((await planer.request('DELETE', `/api/facilities/${deleted!.id}`, { baseVersion: 1 })).status).toBe(200);
    const later = await changesSince(afterImport.stand);
    expect(later.facilities.map(({ name, geloescht }) => ({ name, geloescht }))).toEqual([
      { name: 'Stand B2', geloescht: false },
      { name: 'Stand C', geloescht: true },
    ]);
    expect((await changesSince(later.stand)).facilities).toEqual([]);
  });

  it('brings an import batch when it becomes visible, though its rows were numbered before a stand read meanwhile', async () => {
    const { createBatch, setBatchStatus } = await import('../../src/server/db/imports');
    const { insertFacilities } = await import('../../src/server/db/facilities');
    const district = loadDistricts(ROOT).get('goettingen')!;
    const fields = syntheticFacilityRows(territory, 2, 5).map((row) => FacilityFieldsSchema.parse(row));
    const batchId = crypto.randomUUID();
    const author = { userId: null, name: 'Test' };
    await createBatch(api.db, { id: batchId, district: 'goettingen', dateiname: 'laufend.csv', zeilen: fields.length }, author);
    const written = await api.db.transaction((tx) =>
      insertFacilities(tx, 'goettingen', fields.map((row) => ({ fields: row, location: district.locate(row.lage) })), author, 'importiert', batchId),
    );
    // A reader asks while the batch is written: its rows are not there yet, the stand is past their numbers.
    const during = await changesSince(0);
    expect(during.facilities.map((facility) => facility.id)).not.toContain(written[0]!.id);
    await setBatchStatus(api.db, batchId, 'abgeschlossen');
    expect((await changesSince(during.stand)).facilities.map((facility) => facility.id).sort()).toEqual(written.map((facility) => facility.id).sort());
  });

  it('refuses a stand that is no whole number, in German', async () => {
    for (const seit of ['abc', '-1', '1.5', '']) {
      const response = await planer.request('GET', `/api/districts/goettingen/facilities/changes?seit=${seit}`);
      expect(response.status).toBe(400);
      expect(response.body.error).toContain('seit muss der Stand einer früheren Liste sein');
    }
  });
});
