// Importing a Zensus grid file (synthetic, tests/fixtures/zensus) for Landkreis Göttingen:
// streamed, clipped to the Kreis, stored in one transaction, served by the API.
import { booleanPointInPolygon } from '@turf/turf';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areaToLaea } from '../../src/domain/coverage/surface';
import { decodePopulationGrid, encodePopulationGrid, surfaceFromGrid, type CompactPopulationGrid, type PopulationGridData } from '../../src/domain/coverage/zensusGrid';
import type { Database, Queryable } from '../../src/server/db/database';
import { loadDistricts } from '../../src/server/districts';
import { ZensusGridError, importPopulationGrid, storedGridInfo } from '../../src/server/populationGrid';
import { Client, ROOT, startTestApi, type TestApi } from './support/testServer';

const FIXTURES = join(ROOT, 'tests', 'fixtures', 'zensus');
const goettingen = loadDistricts(ROOT).get('goettingen')!;
const kreis = areaToLaea(goettingen.territory.kreis.geometry);

let api: TestApi;
let client: Client;
let scratch: string;

beforeAll(async () => {
  api = await startTestApi();
  client = new Client(api);
  scratch = mkdtempSync(join(tmpdir(), 'sra-grid-'));
}, 90_000);

afterAll(async () => {
  await api?.close();
  rmSync(scratch, { recursive: true, force: true });
});

async function stored(db: Queryable) {
  const [row] = await db.query<{ cells: string | number; einwohner: number | null; sizes: number[] | string | null }>(
    "SELECT count(*) AS cells, sum(einwohner) AS einwohner, array_agg(DISTINCT ST_SRID(geom)) AS sizes FROM population_cells WHERE district = 'goettingen'",
  );
  return { cells: Number(row!.cells), einwohner: Number(row!.einwohner ?? 0), info: await storedGridInfo(db, 'goettingen') };
}

describe('GET /api/districts/{district}/population', () => {
  it('answers 404 no_grid before any import, and 404 for an unknown district', async () => {
    const none = await client.request('GET', '/api/districts/goettingen/population');
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('no_grid');
    expect(none.body.error).toMatch(/kein Zensus-Gitter geladen/);
    const unknown = await client.request('GET', '/api/districts/atlantis/population');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'unknown_district']);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = await client.request('GET', '/api/openapi.json');
    expect(Object.keys(doc.body.paths)).toContain('/api/districts/{district}/population');
  });
});

describe('importing the 100 m grid', () => {
  const progress: [number, number][] = [];
  let summary: Awaited<ReturnType<typeof importPopulationGrid>>;

  beforeAll(async () => {
    summary = await importPopulationGrid(api.db, goettingen, join(FIXTURES, 'goettingen-100m.csv'), { onProgress: (read, total) => progress.push([read, total]) });
  });

  it('keeps the cells whose midpoint lies in the Kreis', () => {
    // The transect row across the western border: which of its 60 cells are inside, by turf.
    const lines = readFileSync(join(FIXTURES, 'goettingen-100m.csv'), 'utf8').split('\r\n').slice(1, -1);
    const transect = lines.slice(144 + 20 + 10, 144 + 20 + 10 + 60).map((line) => line.split(';').map(Number));
    const inside = transect.filter(([, x, y]) => booleanPointInPolygon([x!, y!], kreis));
    expect(inside.length).toBe(31);
    expect(summary).toMatchObject({
      cellsRead: 284,
      // 144 Adelebsen + 20 Stadt Göttingen + 10 "–" in Duderstadt + 31 of the transect.
      cellsInKreis: 144 + 20 + 10 + inside.length,
      cellsGesperrt: 10,
      cells: 144 + 20 + inside.length,
      einwohner: 144 * 3 + 20 * 12 + inside.reduce((sum, [, , , einwohner]) => sum + einwohner!, 0),
      encoding: 'utf-8',
      cellSize: 100,
      titel: 'Zensus 2022, Gitter 100 m',
      quelle: '© Statistische Ämter des Bundes und der Länder, Zensus 2022 (dl-de/by-2-0)',
      stand: '15.05.2022',
    });
    expect(summary.einwohner).toBe(2067);
  });

  it('reports progress in bytes up to the file size', () => {
    const size = readFileSync(join(FIXTURES, 'goettingen-100m.csv')).length;
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toEqual([size, size]);
    progress.forEach(([read], i) => expect(read).toBeGreaterThanOrEqual(progress[i - 1]?.[0] ?? 0));
  });

  it('stores the cells as EPSG:3035 points with the grid description', async () => {
    const now = await stored(api.db);
    expect(now.cells).toBe(195);
    expect(now.einwohner).toBe(2067);
    expect(now.info).toMatchObject({ cellSize: 100, cells: 195, einwohner: 2067, titel: 'Zensus 2022, Gitter 100 m', stand: '15.05.2022' });
    const [point] = await api.db.query<{ srid: number; same: boolean }>(
      "SELECT ST_SRID(geom) AS srid, bool_and(ST_X(geom) = x AND ST_Y(geom) = y) AS same FROM population_cells WHERE district = 'goettingen' GROUP BY 1",
    );
    expect(point).toEqual({ srid: 3035, same: true });
  });

  it('serves the grid as compact JSON that becomes the same surface in the browser', async () => {
    const response = await client.request('GET', '/api/districts/goettingen/population');
    expect(response.status).toBe(200);
    const grid = response.body as PopulationGridData;
    expect(grid.method).toMatchObject({ kind: 'zensus-gitter', titel: 'Zensus 2022, Gitter 100 m' });
    expect(grid.cellSize).toBe(100);
    expect([grid.x.length, grid.y.length, grid.einwohner.length]).toEqual([195, 195, 195]);
    expect(grid.einwohner.reduce((a, b) => a + b, 0)).toBe(2067);
    grid.x.forEach((x, i) => expect(booleanPointInPolygon([x, grid.y[i]!], kreis)).toBe(true));
    const surface = surfaceFromGrid(goettingen.territory, grid);
    const names = goettingen.territory.gemeinden.features.map((f) => f.properties.name);
    const perGemeinde = new Map<string, number>();
    surface.gemeinde!.forEach((g, i) => perGemeinde.set(names[g] ?? '?', (perGemeinde.get(names[g] ?? '?') ?? 0) + surface.einwohner[i]!));
    expect(perGemeinde.get('Adelebsen')).toBe(432);
    expect(perGemeinde.get('Göttingen')).toBe(240);
    expect(perGemeinde.get('Hann. Münden')).toBe(1395);
  });
});

describe('the compact form for the browser', () => {
  const points = (grid: PopulationGridData) => grid.x.map((x, i) => `${x}|${grid.y[i]}|${grid.einwohner[i]}`).sort();

  it('sends the same cells and residents in fewer bytes (?format=kompakt), and refuses an unknown format in German', async () => {
    const plain = await client.request('GET', '/api/districts/goettingen/population');
    const compact = await client.request('GET', '/api/districts/goettingen/population?format=kompakt');
    expect(compact.status).toBe(200);
    expect(compact.body).toMatchObject({ format: 'kompakt', cellSize: 100 });
    const decoded = decodePopulationGrid(compact.body as CompactPopulationGrid);
    expect(points(decoded)).toEqual(points(plain.body as PopulationGridData));
    expect(decoded.method).toEqual(plain.body.method);
    expect(JSON.stringify(compact.body).length).toBeLessThan(JSON.stringify(plain.body).length / 2);
    const wrong = await client.request('GET', '/api/districts/goettingen/population?format=binaer');
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatch(/format/);
  });

  it('keeps points off one lattice as plain arrays, and gives back every point of a lattice exactly', () => {
    const method = { kind: 'zensus-gitter', titel: 't', beschreibung: 'b', quelle: 'q', stand: 's', genauigkeit: 'exakt' } as const;
    expect(encodePopulationGrid({ method, cellSize: 100, x: [4_300_050, 4_300_075], y: [3_000_050, 3_000_050], einwohner: [1, 2] })).toBeNull();
    const grid = { method, cellSize: 100, x: [4_300_350, 4_300_050, 4_310_050], y: [3_000_050, 3_020_150, 3_000_050], einwohner: [3, 1, 2] };
    const encoded = encodePopulationGrid(grid)!;
    expect(encoded.zellen.every((step) => step >= 0)).toBe(true);
    expect(points(decodePopulationGrid(encoded))).toEqual(points(grid));
  });
});

describe('replacing and refusing', () => {
  it('replaces the stored grid with the 1 km grid', async () => {
    const summary = await importPopulationGrid(api.db, goettingen, join(FIXTURES, 'goettingen-1km.csv'));
    expect(summary).toMatchObject({ cellSize: 1000, cellsRead: 11, cellsInKreis: 9, cells: 9, einwohner: 999, titel: 'Zensus 2022, Gitter 1 km' });
    expect(await stored(api.db)).toMatchObject({ cells: 9, einwohner: 999 });
    const response = await client.request('GET', '/api/districts/goettingen/population');
    expect([response.body.cellSize, response.body.x.length]).toEqual([1000, 9]);
  });

  it.each([
    ['falscher-kopf.csv', /^Zeile 1: Unbekannter Dateikopf „GITTER_ID;x;y;Einwohner“/],
    ['kaputte-zahl.csv', /^Zeile 12: Einwohner „3,5“ ist keine ganze Zahl/],
    ['ausserhalb-100m.csv', /^Keine der 50 Gitterzellen liegt im Landkreis Göttingen\./],
  ])('refuses %s with a specific error and writes nothing', async (file, message) => {
    const before = await stored(api.db);
    const attempt = importPopulationGrid(api.db, goettingen, join(FIXTURES, file));
    await expect(attempt).rejects.toThrow(ZensusGridError);
    await expect(importPopulationGrid(api.db, goettingen, join(FIXTURES, file))).rejects.toThrow(message);
    expect(await stored(api.db)).toEqual(before);
  });

  it('refuses a missing, an empty, a header-only and an all-„–“ file', async () => {
    const empty = join(scratch, 'leer.csv');
    const headerOnly = join(scratch, 'nur-kopf.csv');
    writeFileSync(empty, '');
    writeFileSync(headerOnly, 'GITTER_ID_100m;x_mp_100m;y_mp_100m;Einwohner\n');
    await expect(importPopulationGrid(api.db, goettingen, join(scratch, 'fehlt.csv'))).rejects.toThrow(/gibt es nicht/);
    await expect(importPopulationGrid(api.db, goettingen, empty)).rejects.toThrow(/ist leer/);
    await expect(importPopulationGrid(api.db, goettingen, headerOnly)).rejects.toThrow('Die Datei enthält nur den Kopf, keine Gitterzellen.');
    const dashesOnly = join(scratch, 'nur-striche.csv');
    const lines = readFileSync(join(FIXTURES, 'goettingen-100m.csv'), 'utf8').split('\r\n');
    writeFileSync(dashesOnly, [lines[0], ...lines.slice(1, 11).map((line) => line.replace(/;\d+$/, ';–'))].join('\n'));
    await expect(importPopulationGrid(api.db, goettingen, dashesOnly)).rejects.toThrow(
      'Alle 10 Gitterzellen im Landkreis Göttingen haben 0 Einwohner oder „–“; ein solches Gitter ersetzt die Ersatzfläche nicht.',
    );
  });

  it('never leaves half a grid when writing fails midway', async () => {
    const before = await stored(api.db);
    let inserts = 0;
    const failing: Database = {
      ...api.db,
      transaction: (fn) =>
        api.db.transaction((tx) =>
          fn({
            query: async (sql, params) => {
              if (sql.includes('INSERT INTO population_cells') && ++inserts === 3) throw new Error('Verbindung verloren');
              return tx.query(sql, params);
            },
          }),
        ),
    };
    await expect(importPopulationGrid(failing, goettingen, join(FIXTURES, 'goettingen-100m.csv'), { batchSize: 50 })).rejects.toThrow('Verbindung verloren');
    expect(inserts).toBe(3);
    expect(await stored(api.db)).toEqual(before);
  });

  it('reads a Windows-1252 file (Excel) like the UTF-8 one', async () => {
    const utf8 = readFileSync(join(FIXTURES, 'goettingen-100m.csv'), 'utf8').replace(/^\uFEFF/, '');
    const bytes = Buffer.from(utf8.replaceAll('–', '\u0096'), 'latin1');
    expect(bytes.includes(0x96)).toBe(true);
    const file = join(scratch, 'excel.csv');
    writeFileSync(file, bytes);
    const summary = await importPopulationGrid(api.db, goettingen, file, { batchSize: 64 });
    expect(summary).toMatchObject({ encoding: 'windows-1252', cellsInKreis: 205, cellsGesperrt: 10, cells: 195, einwohner: 2067 });
  });
});
