// Benchmark suite „versorgung“: coverage of 200,000 population cells by 1,000 facilities, computed by the
// atlas (grid marking) and by a straightforward turf computation (buffer, union, intersect with
// each Sozialraum, point in polygon) on the same inputs, side by side in one run. Prints both
// times, their ratio and the largest difference in covered share; fails if the two disagree by
// more than 0.5 percentage points. Compare ratios, not absolute times: machines are noisy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { booleanPointInPolygon, circle, featureCollection, intersect, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { computeCoverage, prepareCoverage } from '../../src/domain/coverage/coverage';
import { cellCentre, gridFor, rasterizeAreas } from '../../src/domain/coverage/raster';
import { straightLineReach } from '../../src/domain/coverage/reach';
import { areaToLaea, boundsOf, fromLaea, type PopulationSurface } from '../../src/domain/coverage/surface';
import type { TerritoryFile } from '../../src/domain/territory/types';
import { random } from '../lib/random';
import type { BenchSuite } from './suite';

const CELLS = 200_000;
const FACILITIES = 1_000;
// 1 km keeps coverage partial (about two thirds), so the comparison of shares means something.
const RADIUS_M = 1_000;
const TOLERANCE_PP = 0.5;

export const coverageSuite: BenchSuite = {
  id: 'versorgung',
  title: 'Versorgungsanalyse: Atlas gegen turf auf denselben Eingaben',
  run() {
    const territory = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', '..', 'public', 'data', 'territory', 'potsdam-mittelmark.json'), 'utf8'),
    ) as TerritoryFile;

    // Inputs: the first 200,000 100 m cells inside the Kreis (Potsdam-Mittelmark has about 268,000)
    // with pseudo-random populations, and 1,000 facilities at pseudo-random cells of the Kreis.
    const rand = random(20221);
    const kreis = areaToLaea(territory.kreis.geometry);
    const grid = gridFor(boundsOf(kreis), 100);
    const inside: number[] = [];
    rasterizeAreas(grid, [kreis]).forEach((owner, cell) => {
      if (owner === 0) inside.push(cell);
    });
    if (inside.length < CELLS) throw new Error(`only ${inside.length} cells in the Kreis`);
    const cells = inside.slice(0, CELLS);
    const surface: PopulationSurface = {
      cellSize: 100,
      x: new Float64Array(CELLS),
      y: new Float64Array(CELLS),
      einwohner: new Float64Array(CELLS),
      method: { kind: 'zensus-gitter', titel: 'Benchmark', beschreibung: 'synthetisch', quelle: '-', stand: '-', genauigkeit: 'exakt' },
    };
    cells.forEach((cell, i) => {
      const [x, y] = cellCentre(grid, cell);
      surface.x[i] = x;
      surface.y[i] = y;
      surface.einwohner[i] = Math.floor(rand() * 8);
    });
    const facilities = Array.from({ length: FACILITIES }, (_, i) => {
      const [x, y] = cellCentre(grid, inside[Math.floor(rand() * inside.length)]!);
      return { id: String(i), x: x + (rand() - 0.5) * 100, y: y + (rand() - 0.5) * 100 };
    });

    console.log(`Eingaben: ${CELLS.toLocaleString('de-DE')} Bevölkerungszellen (100 m), ${FACILITIES} Einrichtungen, Reichweite ${(RADIUS_M / 1000).toLocaleString('de-DE')} km, Landkreis Potsdam-Mittelmark\n`);

    // The atlas: prepare once (as when a district is opened), then time repeated recomputations.
    let t0 = performance.now();
    const setup = prepareCoverage(territory, surface);
    const prepareMs = performance.now() - t0;
    const reach = straightLineReach(RADIUS_M);
    const timings: number[] = [];
    let atlas = computeCoverage(setup, facilities, reach, { distances: false });
    for (let run = 0; run < 30; run++) {
      t0 = performance.now();
      atlas = computeCoverage(setup, facilities, reach, { distances: false });
      timings.push(performance.now() - t0);
    }
    timings.sort((a, b) => a - b);
    const atlasMs = timings[Math.floor(timings.length / 2)]!;
    t0 = performance.now();
    computeCoverage(setup, facilities, reach, { distances: true });
    const withDistancesMs = performance.now() - t0;

    // The straightforward turf computation on the same inputs.
    t0 = performance.now();
    const buffers = facilities.map((f) => circle(fromLaea([f.x, f.y]), RADIUS_M / 1000, { units: 'kilometers', steps: 64 }));
    const covered = union(featureCollection(buffers))!;
    const bufferUnionMs = performance.now() - t0;
    const pointsBySozialraum = new Map<number, number[]>();
    setup.sozialraumOfPoint.forEach((unit, i) => {
      if (unit >= 0 && setup.cellOfPoint[i]! >= 0) pointsBySozialraum.set(unit, [...(pointsBySozialraum.get(unit) ?? []), i]);
    });
    const turfShares = territory.sozialraeume.features.map((feature, unit) => {
      const part = intersect(featureCollection([covered, feature as Feature<Polygon | MultiPolygon>]));
      let total = 0;
      let reached = 0;
      for (const i of pointsBySozialraum.get(unit) ?? []) {
        total += surface.einwohner[i]!;
        if (part && booleanPointInPolygon(fromLaea([surface.x[i]!, surface.y[i]!]), part)) reached += surface.einwohner[i]!;
      }
      return total > 0 ? reached / total : 0;
    });
    const turfMs = performance.now() - t0;

    let worst = 0;
    let worstName = '';
    atlas.sozialraeume.forEach((row, unit) => {
      const difference = Math.abs(row.anteilVersorgt - turfShares[unit]!) * 100;
      if (difference > worst) {
        worst = difference;
        worstName = row.name;
      }
    });

    const fmt = (ms: number) => `${ms.toLocaleString('de-DE', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} ms`;
    console.log('Verfahren                                   Zeit');
    console.log(`Atlas: Raster markieren (Median von 30)     ${fmt(atlasMs)}`);
    console.log(`  einmalige Vorbereitung des Landkreises    ${fmt(prepareMs)}`);
    console.log(`  mit Entfernungen (Median/Maximum)         ${fmt(withDistancesMs)}`);
    console.log(`turf: buffer + union                        ${fmt(bufferUnionMs)}`);
    console.log(`turf: + intersect je Sozialraum + Punkte    ${fmt(turfMs)}`);
    console.log(`\nVerhältnis turf / Atlas: ${(turfMs / atlasMs).toLocaleString('de-DE', { maximumFractionDigits: 0 })} : 1`);
    console.log(`Ein Animationsbild (16 ms): Atlas ${atlasMs <= 16 ? 'passt' : 'passt NICHT'} (${fmt(atlasMs)})`);
    console.log(`Versorgter Anteil im Kreis: Atlas ${(atlas.kreis.anteilVersorgt * 100).toFixed(2)} %`);
    console.log(`Größte Abweichung des versorgten Anteils: ${worst.toFixed(3)} Prozentpunkte (${worstName}), erlaubt ${TOLERANCE_PP}`);
    if (worst > TOLERANCE_PP) throw new Error('Atlas und turf weichen zu stark voneinander ab.');
  },
};
