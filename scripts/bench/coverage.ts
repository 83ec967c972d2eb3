// Benchmark suite „versorgung“: who lives within 1 km of one of 1,000 facilities, for 200,000
// population cells (100 m) of Landkreis Potsdam-Mittelmark, computed by the atlas and by fair,
// straightforward alternatives on the same inputs in one run:
//   - the atlas: reach marked on the raster (src/domain/coverage/coverage.ts), without and with
//     the distances to the nearest facility;
//   - grid buckets: facilities sorted into 1 km buckets, each resident checks the 3 × 3 buckets;
//   - kdbush: the residents in a static spatial index, one range query per facility (distances:
//     flatbush's nearest-neighbour search per resident);
//   - PostGIS: ST_DWithin with a GiST index in the embedded database (distances: a KNN
//     `<->` query per resident).
// Every one prepares its index once (like the atlas prepares a district once) and is timed as the
// warm median of several runs. All must reach the same residents per Sozialraum (exactly; the
// median distances within 150 m: the atlas bins distances by 100 m and measures from cell
// centres), otherwise the suite fails. Compare the ratios, not the absolute times.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Flatbush from 'flatbush';
import KDBush from 'kdbush';
import { computeCoverage, prepareCoverage, type CoverageSetup } from '../../src/domain/coverage/coverage';
import { cellCentre, gridFor, rasterizeAreas } from '../../src/domain/coverage/raster';
import { straightLineReach } from '../../src/domain/coverage/reach';
import { areaToLaea, boundsOf, type PopulationSurface } from '../../src/domain/coverage/surface';
import type { TerritoryFile } from '../../src/domain/territory/types';
import { openPglite } from '../../src/server/db/database';
import { random } from '../lib/random';
import type { BenchSuite } from './suite';

const CELLS = 200_000;
const FACILITIES = 1_000;
// 1 km keeps coverage partial (about two thirds), so agreeing on who is reached means something.
const RADIUS_M = 1_000;
const RUNS = 7;
const DISTANCE_TOLERANCE_M = 150;

interface Inputs {
  territory: TerritoryFile;
  surface: PopulationSurface;
  facilities: { id: string; x: number; y: number }[];
  setup: CoverageSetup;
  prepareMs: number;
}

function inputs(): Inputs {
  const territory = JSON.parse(
    readFileSync(join(import.meta.dirname, '..', '..', 'public', 'data', 'territory', 'potsdam-mittelmark.json'), 'utf8'),
  ) as TerritoryFile;
  // The first 200,000 100 m cells inside the Kreis (it has about 268,000) with pseudo-random
  // residents, and 1,000 facilities at pseudo-random places in the Kreis.
  const rand = random(20221);
  const kreis = areaToLaea(territory.kreis.geometry);
  const grid = gridFor(boundsOf(kreis), 100);
  const inside: number[] = [];
  rasterizeAreas(grid, [kreis]).forEach((owner, cell) => {
    if (owner === 0) inside.push(cell);
  });
  if (inside.length < CELLS) throw new Error(`nur ${inside.length} Zellen im Kreis`);
  const surface: PopulationSurface = {
    cellSize: 100,
    x: new Float64Array(CELLS),
    y: new Float64Array(CELLS),
    einwohner: new Float64Array(CELLS),
    method: { kind: 'zensus-gitter', titel: 'Benchmark', beschreibung: 'synthetisch', quelle: '-', stand: '-', genauigkeit: 'exakt' },
  };
  inside.slice(0, CELLS).forEach((cell, i) => {
    const [x, y] = cellCentre(grid, cell);
    surface.x[i] = x;
    surface.y[i] = y;
    surface.einwohner[i] = Math.floor(rand() * 8);
  });
  const facilities = Array.from({ length: FACILITIES }, (_, i) => {
    const [x, y] = cellCentre(grid, inside[Math.floor(rand() * inside.length)]!);
    return { id: String(i), x: x + (rand() - 0.5) * 100, y: y + (rand() - 0.5) * 100 };
  });
  const started = performance.now();
  const setup = prepareCoverage(territory, surface);
  return { territory, surface, facilities, setup, prepareMs: performance.now() - started };
}

/** Residents reached per Sozialraum (index as in setup.sozialraeume), and per resident whether reached. */
interface Answer {
  reached: number[];
  /** Median distance (metres) of the residents of each Sozialraum to their nearest facility. */
  medianM?: (number | null)[];
}

async function warmMedian<T>(run: () => T | Promise<T>, runs = RUNS): Promise<{ ms: number; result: T }> {
  let result = await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    result = await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, result };
}

/** Sums the residents marked reached per Sozialraum; the same bookkeeping for every candidate. */
function reachedPerUnit(setup: CoverageSetup, surface: PopulationSurface, isReached: (i: number) => boolean): number[] {
  const sums = new Array<number>(setup.sozialraeume.length).fill(0);
  for (let i = 0; i < surface.einwohner.length; i++) {
    const unit = setup.sozialraumOfPoint[i]!;
    if (unit >= 0 && setup.cellOfPoint[i]! >= 0 && isReached(i)) sums[unit]! += surface.einwohner[i]!;
  }
  return sums;
}

/** Median distance per Sozialraum, weighted by residents, from each resident's nearest distance. */
function mediansPerUnit(setup: CoverageSetup, surface: PopulationSurface, distance: Float64Array): (number | null)[] {
  const perUnit = setup.sozialraeume.map(() => [] as [number, number][]);
  for (let i = 0; i < surface.einwohner.length; i++) {
    const unit = setup.sozialraumOfPoint[i]!;
    if (unit >= 0 && setup.cellOfPoint[i]! >= 0 && surface.einwohner[i]! > 0) perUnit[unit]!.push([distance[i]!, surface.einwohner[i]!]);
  }
  return perUnit.map((pairs) => {
    if (pairs.length === 0) return null;
    pairs.sort((a, b) => a[0] - b[0]);
    const total = pairs.reduce((sum, [, weight]) => sum + weight, 0);
    let running = 0;
    for (const [value, weight] of pairs) {
      running += weight;
      if (running >= total / 2) return value;
    }
    return pairs.at(-1)![0];
  });
}

function gridBuckets({ surface, facilities, setup }: Inputs): Answer {
  const buckets = new Map<number, { x: number; y: number }[]>();
  const key = (col: number, row: number) => row * 100_000 + col;
  for (const facility of facilities) {
    const k = key(Math.floor(facility.x / RADIUS_M), Math.floor(facility.y / RADIUS_M));
    let bucket = buckets.get(k);
    if (!bucket) buckets.set(k, (bucket = []));
    bucket.push(facility);
  }
  const r2 = RADIUS_M * RADIUS_M;
  return {
    reached: reachedPerUnit(setup, surface, (i) => {
      const x = surface.x[i]!;
      const y = surface.y[i]!;
      const col = Math.floor(x / RADIUS_M);
      const row = Math.floor(y / RADIUS_M);
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          for (const facility of buckets.get(key(col + dc, row + dr)) ?? []) {
            const dx = facility.x - x;
            const dy = facility.y - y;
            if (dx * dx + dy * dy <= r2) return true;
          }
        }
      }
      return false;
    }),
  };
}

async function postgis(inputs: Inputs): Promise<{ setupMs: number; reached: { ms: number; result: Answer }; distances: { ms: number; result: Answer } }> {
  const { surface, facilities, setup } = inputs;
  const dir = mkdtempSync(join(tmpdir(), 'sra-bench-postgis-'));
  const started = performance.now();
  const db = await openPglite(dir);
  try {
    await db.query('CREATE EXTENSION IF NOT EXISTS postgis');
    await db.query('CREATE TABLE bewohner (i integer, geom geometry(Point, 3035))');
    await db.query('CREATE TABLE einrichtung (geom geometry(Point, 3035))');
    for (let start = 0; start < CELLS; start += 20_000) {
      const end = Math.min(CELLS, start + 20_000);
      const ids = Array.from({ length: end - start }, (_, k) => start + k);
      await db.query('INSERT INTO bewohner SELECT i, ST_SetSRID(ST_MakePoint(x, y), 3035) FROM unnest($1::int[], $2::float8[], $3::float8[]) AS t(i, x, y)', [
        ids,
        ids.map((i) => surface.x[i]),
        ids.map((i) => surface.y[i]),
      ]);
    }
    await db.query('INSERT INTO einrichtung SELECT ST_SetSRID(ST_MakePoint(x, y), 3035) FROM unnest($1::float8[], $2::float8[]) AS t(x, y)', [
      facilities.map((f) => f.x),
      facilities.map((f) => f.y),
    ]);
    await db.query('CREATE INDEX ON bewohner USING gist (geom)');
    await db.query('CREATE INDEX ON einrichtung USING gist (geom)');
    await db.query('ANALYZE');
    const setupMs = performance.now() - started;
    const reached = await warmMedian(async () => {
      const rows = await db.query<{ i: number }>(
        `SELECT DISTINCT b.i FROM einrichtung e JOIN bewohner b ON ST_DWithin(e.geom, b.geom, ${RADIUS_M})`,
      );
      const marked = new Uint8Array(CELLS);
      for (const row of rows) marked[row.i] = 1;
      return { reached: reachedPerUnit(setup, surface, (i) => marked[i] === 1) };
    }, 3);
    // One resident after the other asks the GiST index for its nearest facility; slow, so run twice.
    const distances = await warmMedian(async () => {
      const rows = await db.query<{ i: number; d: number }>(
        'SELECT b.i, n.d FROM bewohner b CROSS JOIN LATERAL (SELECT ST_Distance(e.geom, b.geom) AS d FROM einrichtung e ORDER BY e.geom <-> b.geom LIMIT 1) n',
      );
      const distance = new Float64Array(CELLS);
      for (const row of rows) distance[row.i] = row.d;
      return { reached: [], medianM: mediansPerUnit(setup, surface, distance) };
    }, 1);
    return { setupMs, reached, distances };
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (ms: number) => `${ms.toLocaleString('de-DE', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} ms`.padStart(12);
const ratio = (ms: number, atlasMs: number) => `${(ms / atlasMs).toLocaleString('de-DE', { maximumFractionDigits: 1 })} : 1`.padStart(10);

export const coverageSuite: BenchSuite = {
  id: 'versorgung',
  title: 'Versorgungsanalyse: Atlas gegen Gitter-Eimer, kdbush und PostGIS auf denselben Eingaben',
  async run() {
    const data = inputs();
    const { surface, facilities, setup } = data;
    console.log(
      `Eingaben: ${CELLS.toLocaleString('de-DE')} Bevölkerungszellen (100 m), ${FACILITIES.toLocaleString('de-DE')} Einrichtungen, ` +
        `Reichweite ${(RADIUS_M / 1000).toLocaleString('de-DE')} km, Landkreis Potsdam-Mittelmark; Median von ${RUNS} warmen Läufen\n`,
    );
    const reach = straightLineReach(RADIUS_M);
    const atlas = await warmMedian(() => computeCoverage(setup, facilities, reach, { distances: false }));
    const atlasDistances = await warmMedian(() => computeCoverage(setup, facilities, reach, { distances: true }));
    const atlasAnswer: Answer = {
      reached: atlas.result.sozialraeume.map((row) => row.versorgt),
      medianM: atlasDistances.result.sozialraeume.map((row) => row.medianDistanzM),
    };

    const buckets = await warmMedian(() => gridBuckets(data));

    const started = performance.now();
    const points = new KDBush(CELLS);
    for (let i = 0; i < CELLS; i++) points.add(surface.x[i]!, surface.y[i]!);
    points.finish();
    const facilityIndex = new Flatbush(FACILITIES);
    for (const facility of facilities) facilityIndex.add(facility.x, facility.y);
    facilityIndex.finish();
    const indexMs = performance.now() - started;
    const kdbush = await warmMedian(() => {
      const marked = new Uint8Array(CELLS);
      for (const facility of facilities) for (const i of points.within(facility.x, facility.y, RADIUS_M)) marked[i] = 1;
      return { reached: reachedPerUnit(setup, surface, (i) => marked[i] === 1) } satisfies Answer;
    });
    const flatbush = await warmMedian(() => {
      const distance = new Float64Array(CELLS);
      for (let i = 0; i < CELLS; i++) {
        const [nearest] = facilityIndex.neighbors(surface.x[i]!, surface.y[i]!, 1);
        const facility = facilities[nearest!]!;
        distance[i] = Math.hypot(facility.x - surface.x[i]!, facility.y - surface.y[i]!);
      }
      return { reached: [], medianM: mediansPerUnit(setup, surface, distance) } satisfies Answer;
    }, 3);

    const database = await postgis(data);

    console.log('Wer wohnt im Umkreis (ohne Entfernungen)           Zeit    Verhältnis');
    console.log(`  Atlas: Reichweite im Raster markieren      ${fmt(atlas.ms)}    ${ratio(atlas.ms, atlas.ms)}`);
    console.log(`  Gitter-Eimer (1 km) je Einwohner           ${fmt(buckets.ms)}    ${ratio(buckets.ms, atlas.ms)}`);
    console.log(`  kdbush: Bereichsabfrage je Einrichtung     ${fmt(kdbush.ms)}    ${ratio(kdbush.ms, atlas.ms)}`);
    console.log(`  PostGIS: ST_DWithin mit GiST-Index         ${fmt(database.reached.ms)}    ${ratio(database.reached.ms, atlas.ms)}`);
    console.log('\nMit Entfernung zur nächsten Einrichtung (Median je Sozialraum)');
    console.log(`  Atlas: Raster + Distanztransformation      ${fmt(atlasDistances.ms)}    ${ratio(atlasDistances.ms, atlasDistances.ms)}`);
    console.log(`  flatbush: nächster Nachbar je Einwohner    ${fmt(flatbush.ms)}    ${ratio(flatbush.ms, atlasDistances.ms)}`);
    console.log(`  PostGIS: KNN (<->) je Einwohner, 1 Lauf    ${fmt(database.distances.ms)}    ${ratio(database.distances.ms, atlasDistances.ms)}`);
    console.log('\nEinmalige Vorbereitung (nicht in den Zeiten oben)');
    console.log(`  Atlas: Landkreis ins Raster                ${fmt(data.prepareMs)}`);
    console.log(`  kdbush + flatbush: Indizes aufbauen        ${fmt(indexMs)}`);
    console.log(`  PostGIS: Tabellen füllen, GiST, ANALYZE    ${fmt(database.setupMs)}`);

    const problems: string[] = [];
    const names = setup.sozialraeume.map((unit) => unit.name);
    for (const [label, answer] of [
      ['Gitter-Eimer', buckets.result],
      ['kdbush', kdbush.result],
      ['PostGIS', database.reached.result],
    ] as const) {
      answer.reached.forEach((value, unit) => {
        if (value !== atlasAnswer.reached[unit]) problems.push(`${label}, ${names[unit]}: ${value} statt ${atlasAnswer.reached[unit]} erreicht`);
      });
    }
    let worstDistance = 0;
    for (const [label, answer] of [
      ['flatbush', flatbush.result],
      ['PostGIS', database.distances.result],
    ] as const) {
      answer.medianM!.forEach((value, unit) => {
        const atlasValue = atlasAnswer.medianM![unit];
        if (value === null || atlasValue === null || atlasValue === undefined) return;
        worstDistance = Math.max(worstDistance, Math.abs(value - atlasValue));
        if (Math.abs(value - atlasValue) > DISTANCE_TOLERANCE_M) problems.push(`${label}, ${names[unit]}: Median ${Math.round(value)} m statt ${Math.round(atlasValue)} m`);
      });
    }
    const reachedTotal = atlasAnswer.reached.reduce((sum, value) => sum + value, 0);
    console.log(`\nGleiche Antwort: ${reachedTotal.toLocaleString('de-DE')} erreichte Einwohner in allen Verfahren, je Sozialraum gleich; Median-Entfernungen höchstens ${Math.round(worstDistance)} m auseinander (erlaubt ${DISTANCE_TOLERANCE_M} m)`);
    console.log(`Ein Animationsbild (16 ms): Atlas ohne Entfernungen ${atlas.ms <= 16 ? 'passt' : 'passt NICHT'}`);
    if (problems.length > 0) throw new Error(`Die Verfahren geben verschiedene Antworten:\n  ${problems.slice(0, 10).join('\n  ')}`);
  },
};
