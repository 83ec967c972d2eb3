// Properties of the coverage analysis on random inputs (seeded, so failures reproduce):
// more reach or one more facility never reduces coverage, and the suggested sites deliver
// exactly the gains they promise.
import { describe, expect, it } from 'vitest';
import { bestNextLocations } from '../../../src/domain/coverage/bestLocation';
import { computeCoverage, prepareCoverage, type CoverageResult } from '../../../src/domain/coverage/coverage';
import { cellCentre } from '../../../src/domain/coverage/raster';
import { straightLineReach, type PlacedFacility } from '../../../src/domain/coverage/reach';
import { surfaceFromGrid, zensusGridMethod } from '../../../src/domain/coverage/zensusGrid';
import { syntheticTerritory } from '../support/syntheticDistrict';
import { random } from './support';

const territory = syntheticTerritory();

// 4,000 random 100 m cells of the grid (some outside the Kreis) with 0 to 30 inhabitants each.
const empty = prepareCoverage(territory, surfaceFromGrid(territory, { method: zensusGridMethod(100), cellSize: 100, x: [], y: [], einwohner: [] }));
const { grid } = empty;
const surfaceRand = random(2022);
const cells = new Set<number>();
while (cells.size < 4000) cells.add(Math.floor(surfaceRand() * grid.cols * grid.rows));
const centres = [...cells].map((cell) => cellCentre(grid, cell));
const surface = surfaceFromGrid(territory, {
  method: zensusGridMethod(100),
  cellSize: 100,
  x: centres.map(([x]) => x),
  y: centres.map(([, y]) => y),
  einwohner: centres.map(() => Math.floor(surfaceRand() * 31)),
});
const setup = prepareCoverage(territory, surface);

const randomFacility = (rand: () => number, id: string): PlacedFacility => ({ id, x: grid.x0 + rand() * grid.cols * grid.cellSize, y: grid.y0 + rand() * grid.rows * grid.cellSize });
const rowsOf = (result: CoverageResult) => [...result.sozialraeume, ...result.sozialregionen, result.planungsraum, result.kreis];

function expectNotLess(larger: CoverageResult, smaller: CoverageResult, context: string) {
  rowsOf(larger).forEach((row, i) => {
    const before = rowsOf(smaller)[i]!;
    if (row.versorgt < before.versorgt - 1e-9 || row.flaecheVersorgt < before.flaecheVersorgt - 1e-12) {
      throw new Error(`${context}: ${row.name} fiel von ${before.versorgt} auf ${row.versorgt}`);
    }
  });
}

describe('monotonicity', () => {
  it('coverage never falls when the reach grows (50 random facility sets)', () => {
    const rand = random(1);
    for (let trial = 0; trial < 50; trial++) {
      const facilities = Array.from({ length: Math.floor(rand() * 6) }, (_, i) => randomFacility(rand, `f${i}`));
      let previous = computeCoverage(setup, facilities, straightLineReach(200), { distances: false });
      for (const radius of [500, 1000, 2500, 4000, 7500]) {
        const next = computeCoverage(setup, facilities, straightLineReach(radius + rand() * 400), { distances: false });
        expectNotLess(next, previous, `Versuch ${trial}, ${radius} m`);
        previous = next;
      }
    }
  });

  it('coverage never falls when a facility is added (50 random sequences)', () => {
    const rand = random(2);
    for (let trial = 0; trial < 50; trial++) {
      const reach = straightLineReach(500 + rand() * 5000);
      const facilities: PlacedFacility[] = [];
      let previous = computeCoverage(setup, facilities, reach, { distances: false });
      for (let added = 0; added < 6; added++) {
        facilities.push(randomFacility(rand, `f${added}`));
        const next = computeCoverage(setup, facilities, reach, { distances: false });
        expectNotLess(next, previous, `Versuch ${trial}, Einrichtung ${added + 1}`);
        expect(next.kreis.einrichtungen).toBeGreaterThanOrEqual(previous.kreis.einrichtungen);
        previous = next;
      }
    }
  });
});

describe('bestNextLocations', () => {
  it('reports gains that equal the actual increase when the sites are added as facilities (20 random cases)', () => {
    const rand = random(3);
    for (let trial = 0; trial < 20; trial++) {
      const reach = straightLineReach(1000 + rand() * 3000);
      const facilities = Array.from({ length: Math.floor(rand() * 4) }, (_, i) => randomFacility(rand, `f${i}`));
      let before = computeCoverage(setup, facilities, reach, { distances: false });
      const suggestions = bestNextLocations(setup, before.mask, reach, 4);
      expect(suggestions.length).toBeGreaterThan(0);
      suggestions.forEach((site, i) => {
        facilities.push({ id: `vorschlag-${i}`, x: site.x, y: site.y });
        const after = computeCoverage(setup, facilities, reach, { distances: false });
        // Gains are residents of the planning area: the total row, not the whole Kreis.
        expect(after.planungsraum.versorgt - before.planungsraum.versorgt).toBeCloseTo(site.zusaetzlichVersorgt, 6);
        if (i > 0) expect(site.zusaetzlichVersorgt).toBeLessThanOrEqual(suggestions[i - 1]!.zusaetzlichVersorgt + 1e-9);
        before = after;
      });
    }
  });

  it('finds with the disk’s stencil the same sites as with the runs of every candidate (radii from 0.3 to 9 km, sites at the grid’s edge)', () => {
    const rand = random(5);
    for (const radiusM of [300, 1000, 2550, 5000, 9000]) {
      const reach = straightLineReach(radiusM);
      const facilities = [randomFacility(rand, 'a')];
      const { mask } = computeCoverage(setup, facilities, reach, { distances: false });
      const stencil = bestNextLocations(setup, mask, reach, 5);
      expect(stencil.length).toBeGreaterThan(0);
      expect(stencil).toEqual(bestNextLocations(setup, mask, reach, 5, { perCandidate: true }));
    }
  });

  it('suggests first a site at least as good as every candidate checked by brute force', () => {
    const rand = random(4);
    const reach = straightLineReach(1500);
    const facilities = [randomFacility(rand, 'a'), randomFacility(rand, 'b')];
    const base = computeCoverage(setup, facilities, reach, { distances: false });
    const [first] = bestNextLocations(setup, base.mask, reach, 1);
    // The candidates: every 5th cell in both directions (500 m), inside the planning area.
    let bestGain = 0;
    let checked = 0;
    for (let row = 2; row < grid.rows; row += 5) {
      for (let col = 2; col < grid.cols; col += 5) {
        const cell = row * grid.cols + col;
        if (!setup.inPlanungsraum[cell]) continue;
        const [x, y] = cellCentre(grid, cell);
        const gain = computeCoverage(setup, [...facilities, { id: 'kandidat', x, y }], reach, { distances: false }).planungsraum.versorgt - base.planungsraum.versorgt;
        bestGain = Math.max(bestGain, gain);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(900);
    expect(first!.zusaetzlichVersorgt).toBeGreaterThanOrEqual(bestGain - 1e-9);
    expect(first!.zusaetzlichVersorgt).toBeCloseTo(bestGain, 9);
  });

  it('suggests nothing when every resident is reached', () => {
    const reach = straightLineReach(60_000);
    const all = computeCoverage(setup, [randomFacility(random(1), 'x')], reach, { distances: false });
    expect(all.kreis.versorgt).toBeCloseTo(all.kreis.einwohner, 9);
    expect(bestNextLocations(setup, all.mask, reach, 3)).toEqual([]);
  });
});
