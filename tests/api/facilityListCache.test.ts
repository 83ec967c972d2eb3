// The cached facility list against the import's way of writing: a batch is written while hidden
// and made visible by one UPDATE of its status, which touches no facility row. The cache must
// see that change, or every viewer keeps the list without the import until the next edit.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLocator } from '../../src/domain/facilities/locate';
import { FacilityFieldsSchema } from '../../src/domain/facilities/schema';
import { insertFacilities } from '../../src/server/db/facilities';
import { createBatch, setBatchStatus } from '../../src/server/db/imports';
import { loadDistricts } from '../../src/server/districts';
import { FacilityListCache } from '../../src/server/routes/facilityListCache';
import { POINTS, ROOT, facilityAt, startTestApi, type TestApi } from './support/testServer';

let api: TestApi;
const author = { userId: null, name: 'Test Import' };
const locate = createLocator(loadDistricts(ROOT).get('goettingen')!.territory);

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.close());

const names = (list: { body: { identity: Uint8Array } }) =>
  (JSON.parse(Buffer.from(list.body.identity).toString('utf8')).facilities as { name: string }[]).map((facility) => facility.name);

it('shows an import batch as soon as it is marked complete, though no facility row changed then', async () => {
  const cache = new FacilityListCache(api.db);
  const batch = randomUUID();
  await createBatch(api.db, { id: batch, district: 'goettingen', dateiname: 'synthetisch.csv', zeilen: 2 }, author);
  const rows = [POINTS.adelebsen, POINTS.duderstadt].map((lage, i) => ({
    fields: FacilityFieldsSchema.parse(facilityAt(lage, { name: `Synthetische Kita ${i + 1}` })),
    location: locate(lage),
  }));
  await api.db.transaction((tx) => insertFacilities(tx, 'goettingen', rows, author, 'importiert', batch));

  const whileWriting = await cache.get('goettingen', { geloescht: 'nein' });
  expect(names(whileWriting)).not.toContain('Synthetische Kita 1');

  await setBatchStatus(api.db, batch, 'abgeschlossen');
  cache.invalidate(); // what the app does after every successful state-changing request
  const afterwards = await cache.get('goettingen', { geloescht: 'nein' });
  expect(names(afterwards)).toEqual(expect.arrayContaining(['Synthetische Kita 1', 'Synthetische Kita 2']));
  expect(afterwards.etag).not.toBe(whileWriting.etag);
});
