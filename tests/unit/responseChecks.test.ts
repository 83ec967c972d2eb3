// What the browser reads from elsewhere is checked before a store sees it: API answers against
// the shared response schemas, the shipped territory files against theirs. A mismatch becomes
// an ApiError 'invalid_response' with a German message; the problems travel in `details`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TERRITORY_OUT_DIR } from '../../scripts/lib/geodata';
import { ApiError } from '../../src/state/api';
import { fetchPopulationGrid } from '../../src/state/coverageApi';
import { checkImport, executeOperation, fetchCategories, fetchFacilities, fetchHistory } from '../../src/state/facilityApi';
import { useSessionStore } from '../../src/state/sessionStore';
import { fetchDistrictIndex, fetchTerritory } from '../../src/state/territoryData';
import { useUsersStore } from '../../src/state/usersStore';
import { facility } from './support/facilities';

/** fetch answering every request with one status and body (text as is, anything else as JSON). */
function answer(status: number, body: unknown) {
  const fetch = vi.fn(async (_url: string) => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

const caught = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('API answers', () => {
  it('hands back a facility list that matches the schema', async () => {
    const kita = facility();
    answer(200, { stand: 7, facilities: [kita] });
    expect(await fetchFacilities('goettingen')).toEqual({ stand: 7, facilities: [kita] });
  });

  it.each<[string, unknown, () => Promise<unknown>, string, RegExp]>([
    [
      'a facility without version',
      { stand: 7, facilities: [{ ...facility(), version: undefined }] },
      () => fetchFacilities('goettingen'),
      'Die Liste der Einrichtungen vom Server ist unvollständig.',
      /^facilities\[0\]\.version: /,
    ],
    [
      'a category without symbol shape',
      { categories: [{ id: 'kita', label: 'Kita', colour: '#ef6c00', reachKm: 2 }] },
      () => fetchCategories('goettingen'),
      'Die Liste der Kategorien vom Server ist unvollständig.',
      /^categories\[0\]\.shape: /,
    ],
    [
      'a history entry of an unknown action',
      { versions: [{ version: 1, action: 'verzaubert', am: '2025-01-01', von: null, vorher: null, nachher: facility() }] },
      () => fetchHistory('x'),
      'Der Verlauf vom Server ist unvollständig.',
      /^versions\[0\]\.action: muss einer dieser Werte sein: „angelegt“/,
    ],
    [
      'an import report with the errors as text',
      { rows: [{ index: 0, errors: 'kaputt', warnings: [], gemeindeAgs: null, sozialraumId: null }] },
      () => checkImport('goettingen', []),
      'Die Prüfung des Imports vom Server ist unvollständig.',
      /^rows\[0\]\.errors: muss eine Liste sein \(ist ein Text\)$/,
    ],
    [
      'a changed facility with a position outside the earth',
      { ...facility(), lage: [200, 51] },
      () => executeOperation('goettingen', { kind: 'delete', facilityId: facility().id }, 1),
      'Die Einrichtung vom Server ist unvollständig.',
      /^lage\[0\]: darf höchstens 180 sein$/,
    ],
    [
      'a population grid without cell size',
      { method: {}, x: [], y: [], einwohner: [] },
      () => fetchPopulationGrid('goettingen'),
      'Das Bevölkerungsgitter vom Server ist unvollständig.',
      /cellSize/,
    ],
    [
      'a compact population grid without its lattice width',
      { format: 'kompakt', method: {}, cellSize: 100, x0: 0, y0: 0, zellen: [], einwohner: [] },
      () => fetchPopulationGrid('goettingen'),
      'Das Bevölkerungsgitter vom Server ist unvollständig.',
      /cols/,
    ],
  ])('refuses %s with a German message', async (_, body, request, message, problem) => {
    answer(200, body);
    const error = await caught(request());
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 200, code: 'invalid_response', message });
    expect((error as ApiError).details).toContainEqual(expect.stringMatching(problem));
  });

  it('checks the newer facility of a version conflict, which the conflict dialog shows', async () => {
    const current = facility({ version: 4 });
    answer(409, { error: 'Die Einrichtung wurde inzwischen geändert.', code: 'version_conflict', details: { current } });
    const conflict = await caught(executeOperation('goettingen', { kind: 'delete', facilityId: current.id }, 3));
    expect(conflict).toMatchObject({ status: 409, code: 'version_conflict', message: 'Die Einrichtung wurde inzwischen geändert.', details: { current } });

    answer(409, { error: 'Die Einrichtung wurde inzwischen geändert.', code: 'version_conflict', details: { current: { name: 'halb' } } });
    const broken = await caught(executeOperation('goettingen', { kind: 'delete', facilityId: current.id }, 3));
    expect(broken).toMatchObject({ status: 409, code: 'invalid_response', message: 'Die neuere Fassung vom Server ist unvollständig.' });
  });

  it('leaves the session signed out when the session answer is malformed', async () => {
    answer(200, { user: { name: 'Anna' }, csrfToken: 'x', anonymousRead: true });
    await useSessionStore.getState().load();
    expect(useSessionStore.getState()).toMatchObject({ user: null, status: 'error', error: 'Die Sitzung vom Server ist unvollständig.' });
  });

  it('shows the user list as failed when an entry has an unknown role', async () => {
    answer(200, { users: [{ id: '00000000-0000-4000-8000-0000000000a1', email: 'a@b.de', name: 'A', rolle: 'chef', zustaendigkeiten: [], aktiv: true }] });
    await useUsersStore.getState().load();
    expect(useUsersStore.getState()).toMatchObject({ status: 'error', error: 'Die Liste der Benutzer vom Server ist unvollständig.' });
  });
});

describe('shipped territory files', () => {
  const goettingen = readFileSync(join(TERRITORY_OUT_DIR, 'goettingen.json'), 'utf8');
  const entry = { id: 'goettingen', name: 'Landkreis Göttingen', file: 'goettingen.json' };

  it('reads the index and a territory file through the one fetch wrapper', async () => {
    const fetch = answer(200, readFileSync(join(TERRITORY_OUT_DIR, 'index.json'), 'utf8'));
    expect((await fetchDistrictIndex()).map((district) => district.id)).toContain('goettingen');
    answer(200, goettingen);
    expect(await fetchTerritory(entry)).toEqual(JSON.parse(goettingen));
    expect(fetch.mock.calls[0]![0]).toBe('/data/territory/index.json');
  });

  it.each<[string, number, unknown, string]>([
    ['an empty index', 200, { districts: [] }, 'Die Liste der Landkreise ist leer oder beschädigt.'],
    ['an index entry pointing elsewhere', 200, { districts: [{ id: 'x', name: 'X', file: '../geheim.json' }] }, 'Die Liste der Landkreise ist leer oder beschädigt.'],
    ['a missing index', 404, 'Not Found', 'Die Liste der Landkreise konnte nicht geladen werden (HTTP 404).'],
    ['an index that is no JSON', 200, '<html>', 'Die Liste der Landkreise ist keine gültige JSON-Datei.'],
  ])('refuses %s in German', async (_, status, body, message) => {
    answer(status, body);
    await expect(fetchDistrictIndex()).rejects.toMatchObject({ message });
  });

  it('names an old format and tells to rebuild', async () => {
    answer(200, { ...JSON.parse(goettingen), format: 'sozialraumatlas-territory/0' });
    await expect(fetchTerritory(entry)).rejects.toMatchObject({
      code: 'invalid_response',
      message: 'Das Gebiet Landkreis Göttingen hat ein unbekanntes Format („sozialraumatlas-territory/0“); npm run territory ausführen.',
    });
  });

  it('names the damaged part of a territory file', async () => {
    const damaged = JSON.parse(goettingen);
    damaged.sozialraeume.features[2].properties.einwohner = 'viele';
    damaged.gemeinden.features[0].geometry = { type: 'Point', coordinates: [9.9, 51.5] };
    // A ring too shallow: positions where rings belong.
    damaged.kreis.geometry = { type: 'Polygon', coordinates: [[9.9, 51.5], [9.8, 51.4]] };
    // One level too deep: MultiPolygon coordinates under the type Polygon.
    const multi = damaged.ausserhalb.features[0].geometry;
    damaged.ausserhalb.features[0].geometry = { type: 'Polygon', coordinates: [multi.type === 'Polygon' ? multi.coordinates : multi.coordinates[0]] };
    answer(200, damaged);
    const error = await caught(fetchTerritory(entry));
    // The message names the first three problems, details all of them.
    expect((error as ApiError).details).toContain('kreis.geometry: ist kein Polygon oder MultiPolygon');
    expect(error).toMatchObject({
      code: 'invalid_response',
      message:
        'Das Gebiet Landkreis Göttingen ist beschädigt (gemeinden.features[0].geometry: ist kein Polygon oder MultiPolygon; ' +
        'sozialraeume.features[2].properties.einwohner: muss eine Zahl sein (ist ein Text); ' +
        'ausserhalb.features[0].geometry: ist kein Polygon oder MultiPolygon); npm run territory ausführen.',
    });
  });
});
