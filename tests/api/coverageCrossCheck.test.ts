// Cross-check of the raster coverage against PostGIS (the same database the server uses):
// covered residents per Sozialraum by ST_DWithin on the same points and facilities.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCoverage, prepareCoverage, type CoverageResult } from '../../src/domain/coverage/coverage';
import { cellCentre } from '../../src/domain/coverage/raster';
import { straightLineReach, type PlacedFacility } from '../../src/domain/coverage/reach';
import { areaToLaea } from '../../src/domain/coverage/surface';
import { surfaceFromGrid, zensusGridMethod } from '../../src/domain/coverage/zensusGrid';
import type { Queryable } from '../../src/server/db/database';
import { random } from '../unit/coverage/support';
import { syntheticTerritory } from '../unit/support/syntheticDistrict';
import { startTestApi, type TestApi } from './support/testServer';

const territory = syntheticTerritory();
const RADIUS_M = 2500;
const POINTS = 6000;

let api: TestApi;

// 6,000 random 100 m cells of the coverage grid with 1 to 20 inhabitants, and 8 facilities at
// random positions (not cell centres) in and around the Kreis.
const rand = random(3035);
const grid = prepareCoverage(territory, surfaceFromGrid(territory, { method: zensusGridMethod(100), cellSize: 100, x: [], y: [], einwohner: [] })).grid;
const cells = new Set<number>();
while (cells.size < POINTS) cells.add(Math.floor(rand() * grid.cols * grid.rows));
const centres = [...cells].map((cell) => cellCentre(grid, cell));
const einwohner = centres.map(() => 1 + Math.floor(rand() * 20));
const facilities: PlacedFacility[] = Array.from({ length: 8 }, (_, i) => ({
  id: `f${i}`,
  x: grid.x0 + 1000 + rand() * (grid.cols * 100 - 2000),
  y: grid.y0 + 1000 + rand() * (grid.rows * 100 - 2000),
}));
const reach = straightLineReach(RADIUS_M);

async function loadPoints(db: Queryable, table: string, xs: number[], ys: number[], sozialraum: (string | null)[]) {
  await db.query(`CREATE TABLE ${table} (x double precision, y double precision, einwohner double precision, sozialraum text, geom geometry(Point, 3035))`);
  await db.query(
    `INSERT INTO ${table} SELECT p.x, p.y, p.e, p.s, ST_SetSRID(ST_MakePoint(p.x, p.y), 3035)
     FROM unnest($1::double precision[], $2::double precision[], $3::double precision[], $4::text[]) AS p(x, y, e, s)`,
    [xs, ys, einwohner, sozialraum],
  );
}

/** Residents and covered residents per Sozialraum id (and 'kreis') from PostGIS. */
async function postgisCoverage(db: Queryable, table: string, attribution: 'polygon' | 'column', radius: number) {
  const reached = `EXISTS (SELECT 1 FROM cc_facilities f WHERE ST_DWithin(p.geom, f.geom, ${radius}))`;
  const bySozialraum =
    attribution === 'polygon'
      ? `SELECT s.id, sum(p.einwohner) AS einwohner, coalesce(sum(p.einwohner) FILTER (WHERE ${reached}), 0) AS versorgt
         FROM ${table} p JOIN cc_sozialraeume s ON ST_Intersects(s.geom, p.geom) GROUP BY s.id`
      : `SELECT p.sozialraum AS id, sum(p.einwohner) AS einwohner, coalesce(sum(p.einwohner) FILTER (WHERE ${reached}), 0) AS versorgt
         FROM ${table} p WHERE p.sozialraum IS NOT NULL GROUP BY p.sozialraum`;
  const kreis = `SELECT 'kreis' AS id, sum(p.einwohner) AS einwohner, coalesce(sum(p.einwohner) FILTER (WHERE ${reached}), 0) AS versorgt
                 FROM ${table} p JOIN cc_kreis k ON ST_Intersects(k.geom, p.geom)`;
  const rows = await db.query<{ id: string; einwohner: number; versorgt: number }>(`${bySozialraum} UNION ALL ${kreis}`);
  return new Map(rows.map((row) => [row.id, { einwohner: Number(row.einwohner), versorgt: Number(row.versorgt) }]));
}

const atlasRows = (result: CoverageResult) => new Map([...result.sozialraeume, { ...result.kreis, id: 'kreis' }].map((row) => [row.id, row]));

beforeAll(async () => {
  api = await startTestApi();
  const { db } = api;
  await db.query('CREATE TABLE cc_sozialraeume (id text, geom geometry(Geometry, 3035))');
  for (const feature of territory.sozialraeume.features) {
    await db.query('INSERT INTO cc_sozialraeume VALUES ($1, ST_SetSRID(ST_GeomFromGeoJSON($2), 3035))', [feature.properties.id, JSON.stringify(areaToLaea(feature.geometry))]);
  }
  await db.query('CREATE TABLE cc_kreis (geom geometry(Geometry, 3035))');
  await db.query('INSERT INTO cc_kreis VALUES (ST_SetSRID(ST_GeomFromGeoJSON($1), 3035))', [JSON.stringify(areaToLaea(territory.kreis.geometry))]);
  await db.query('CREATE TABLE cc_facilities (id text, geom geometry(Point, 3035))');
  for (const f of facilities) await db.query('INSERT INTO cc_facilities VALUES ($1, ST_SetSRID(ST_MakePoint($2, $3), 3035))', [f.id, f.x, f.y]);
}, 90_000);

afterAll(async () => api?.close());

describe('raster coverage against PostGIS ST_DWithin', () => {
  it('agrees exactly for residents at cell centres (the Zensus grid case), per Sozialraum and Kreis', async () => {
    const xs = centres.map(([x]) => x);
    const ys = centres.map(([, y]) => y);
    const setup = prepareCoverage(territory, surfaceFromGrid(territory, { method: zensusGridMethod(100), cellSize: 100, x: xs, y: ys, einwohner }));
    const atlas = atlasRows(computeCoverage(setup, facilities, reach, { distances: false }));
    await loadPoints(api.db, 'cc_centres', xs, ys, xs.map(() => null));
    const postgis = await postgisCoverage(api.db, 'cc_centres', 'polygon', RADIUS_M);
    expect([...postgis.keys()].sort()).toEqual(['kreis', 'nordtal', 'oelsen', 'puehberg']);
    let reached = 0;
    for (const [id, expected] of postgis) {
      const row = atlas.get(id)!;
      expect(row.einwohner, id).toBeCloseTo(expected.einwohner, 6);
      expect(row.versorgt, id).toBeCloseTo(expected.versorgt, 6);
      reached += expected.versorgt;
    }
    // Not a trivial agreement: some but not all residents are reached.
    expect(reached).toBeGreaterThan(0);
    expect(postgis.get('kreis')!.versorgt).toBeLessThan(postgis.get('kreis')!.einwohner);
  });

  it('differs for residents anywhere in their cell by at most those within half a cell diagonal of the reach edge', async () => {
    // Residents at random places in their cell (like addresses): the atlas decides by the cell
    // centre, PostGIS by the point. Point and centre are at most h = 100·√2/2 ≈ 70.7 m apart, so
    // by the triangle inequality only residents whose nearest facility lies between r − h and
    // r + h can be decided differently; that band is the tolerance, counted in PostGIS itself.
    // Sozialraum attribution is the atlas' own (checked exactly above), so only reach differs.
    const h = (100 * Math.SQRT2) / 2;
    const jitter = random(7);
    const xs = centres.map(([x]) => x + (jitter() - 0.5) * 100);
    const ys = centres.map(([, y]) => y + (jitter() - 0.5) * 100);
    const centreSetup = prepareCoverage(territory, surfaceFromGrid(territory, { method: zensusGridMethod(100), cellSize: 100, x: centres.map(([x]) => x), y: centres.map(([, y]) => y), einwohner }));
    const surface = { ...centreSetup.surface, x: Float64Array.from(xs), y: Float64Array.from(ys) };
    const setup = prepareCoverage(territory, surface);
    const atlas = atlasRows(computeCoverage(setup, facilities, reach, { distances: false }));
    const sozialraumIds = Array.from(setup.sozialraumOfPoint, (unit, i) => (unit >= 0 && setup.cellOfPoint[i]! >= 0 ? setup.sozialraeume[unit]!.id : null));
    await loadPoints(api.db, 'cc_jittered', xs, ys, sozialraumIds);
    const postgis = await postgisCoverage(api.db, 'cc_jittered', 'column', RADIUS_M);
    const outer = await postgisCoverage(api.db, 'cc_jittered', 'column', RADIUS_M + h);
    const inner = await postgisCoverage(api.db, 'cc_jittered', 'column', RADIUS_M - h);
    let band = 0;
    let total = 0;
    for (const id of ['nordtal', 'oelsen', 'puehberg']) {
      const tolerance = outer.get(id)!.versorgt - inner.get(id)!.versorgt;
      const difference = Math.abs(atlas.get(id)!.versorgt - postgis.get(id)!.versorgt);
      expect(atlas.get(id)!.einwohner).toBeCloseTo(postgis.get(id)!.einwohner, 6);
      expect(difference, `${id}: Abweichung ${difference}, Band ${tolerance}`).toBeLessThanOrEqual(tolerance + 1e-6);
      band += tolerance;
      total += postgis.get(id)!.einwohner;
    }
    // The band is a small share of the residents: the discretisation costs little.
    expect(band / total).toBeLessThan(0.1);
  });
});
