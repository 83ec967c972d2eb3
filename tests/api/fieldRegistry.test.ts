// Every field of the registry (src/domain/facilities/fields.ts) survives the database: created
// with all fields, changed one field at a time, read back, recorded in the history and reverted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACILITY_FIELDS, fieldDefinition, type FieldKey } from '../../src/domain/facilities/fields';
import { fieldsOf } from '../../src/domain/facilities/schema';
import { Client, addUser, startTestApi, type TestApi } from './support/testServer';

// The registry's own keys, so that a field missing from a derived list fails here.
const REGISTRY_KEYS = Object.keys(FACILITY_FIELDS) as FieldKey[];
const example = (key: FieldKey, which: 0 | 1) => fieldDefinition(key).examples[which];
const firstExamples = Object.fromEntries(REGISTRY_KEYS.map((key) => [key, example(key, 0)]));

let api: TestApi;
let planer: Client;

beforeAll(async () => {
  api = await startTestApi();
  await addUser(api, 'planer@test.invalid', 'planung');
  planer = new Client(api);
  await planer.login('planer@test.invalid');
}, 90_000);

afterAll(async () => api?.close());

describe('the database keeps every registry field', () => {
  it('stores and serves a facility with every field set', async () => {
    const created = await planer.request('POST', '/api/districts/goettingen/facilities', firstExamples);
    expect(created.status, created.text).toBe(201);
    expect(fieldsOf(created.body)).toEqual(firstExamples);
    const read = await planer.request('GET', `/api/facilities/${created.body.id}`);
    expect(fieldsOf(read.body)).toEqual(firstExamples);
  });

  it('imports facilities with every field set, each example, as a single save stores them', async () => {
    // The import writes in bulk (one JSON parameter per chunk), a save with one placeholder per value.
    const rows = [firstExamples, Object.fromEntries(REGISTRY_KEYS.map((key) => [key, example(key, 1)]))];
    const imported = await planer.request('POST', '/api/districts/goettingen/import', { rows, dateiname: 'alle-felder.csv' });
    expect(imported.status, imported.text).toBe(201);
    const ids: string[] = imported.body.facilities.map((facility: { id: string }) => facility.id);
    expect(ids).toHaveLength(2);
    for (const [index, id] of ids.entries()) {
      const read = await planer.request('GET', `/api/facilities/${id}`);
      expect(fieldsOf(read.body)).toEqual(rows[index]);
      expect(fieldsOf(imported.body.facilities[index])).toEqual(rows[index]);
      const [first] = (await planer.request('GET', `/api/facilities/${id}/history`)).body.versions;
      expect(fieldsOf(first.nachher)).toEqual(rows[index]);
    }
  });

  it.each(REGISTRY_KEYS.map((key) => [key]))('changes %s alone, records it and reverts it', async (key) => {
    const created = (await planer.request('POST', '/api/districts/goettingen/facilities', firstExamples)).body;
    const changed = await planer.request('PATCH', `/api/facilities/${created.id}`, { baseVersion: 1, changes: { [key]: example(key, 1) } });
    expect(changed.status, changed.text).toBe(200);
    expect(fieldsOf(changed.body)).toEqual({ ...firstExamples, [key]: example(key, 1) });
    expect(fieldsOf((await planer.request('GET', `/api/facilities/${created.id}`)).body)[key]).toEqual(example(key, 1));

    const [newest] = (await planer.request('GET', `/api/facilities/${created.id}/history`)).body.versions;
    expect(newest.vorher[key]).toEqual(example(key, 0));
    expect(newest.nachher[key]).toEqual(example(key, 1));

    const reverted = await planer.request('POST', `/api/facilities/${created.id}/revert`, { baseVersion: 2, toVersion: 1 });
    expect(reverted.status, reverted.text).toBe(200);
    expect(fieldsOf(reverted.body)).toEqual(firstExamples);
  });
});
