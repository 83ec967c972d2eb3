// One measurement of the suite „land“ (landScale.ts) in a process of its own: builds a synthetic
// Land-sized coverage setup, computes the coverage of 5,000 facilities, then searches three
// sites by the way named on the command line, and prints times, memory and the sites as JSON.
import { bestNextLocations } from '../../src/domain/coverage/bestLocation';
import { computeCoverage, type CoverageSetup } from '../../src/domain/coverage/coverage';
import { straightLineReach, type PlacedFacility } from '../../src/domain/coverage/reach';
import { zensusGridMethod } from '../../src/domain/coverage/zensusGrid';
import { random } from '../lib/random';

const SIDE = 2_300;
const CELL = 100;
const BLOCKS = 20;
const FACILITIES = 5_000;
const POPULATED_SHARE = 0.76;

const variant = process.argv[2];
if (variant !== 'schablone' && variant !== 'je-kandidat') {
  console.error('Aufruf: landScaleRun.ts schablone|je-kandidat');
  process.exit(2);
}
const rssMb = () => process.memoryUsage().rss / 1_048_576;

const started = performance.now();
const rand = random(2026);
const grid = { x0: 4_000_000, y0: 2_900_000, cellSize: CELL, cols: SIDE, rows: SIDE };
const cellCount = SIDE * SIDE;
const blockOf = (cell: number) => {
  const row = Math.floor(cell / SIDE);
  const col = cell - row * SIDE;
  return Math.floor((row * BLOCKS) / SIDE) * BLOCKS + Math.floor((col * BLOCKS) / SIDE);
};
const sozialraumOfCell = new Int32Array(cellCount);
for (let cell = 0; cell < cellCount; cell++) sozialraumOfCell[cell] = blockOf(cell);
const populated: number[] = [];
for (let cell = 0; cell < cellCount; cell++) if (rand() < POPULATED_SHARE) populated.push(cell);
const cellOfPoint = Int32Array.from(populated);
const einwohner = Float64Array.from(populated, () => 1 + Math.floor(rand() * 30));
const units = Array.from({ length: BLOCKS * BLOCKS }, (_, index) => ({ kind: 'sozialraum' as const, id: `sr-${index}`, name: `Synthetischer Sozialraum ${index}` }));
const regions = Array.from({ length: BLOCKS }, (_, index) => ({ kind: 'sozialregion' as const, id: `region-${index}`, name: `Synthetische Region ${index}` }));
const x = Float64Array.from(populated, (cell) => grid.x0 + ((cell % SIDE) + 0.5) * CELL);
const y = Float64Array.from(populated, (cell) => grid.y0 + (Math.floor(cell / SIDE) + 0.5) * CELL);
const setup: CoverageSetup = {
  grid,
  sozialraeume: units,
  sozialregionen: regions,
  kreis: { kind: 'kreis', id: 'land', name: 'Synthetisches Land' },
  planungsraum: { kind: 'planungsraum', id: 'land', name: 'Synthetisches Land', umfang: 'kreis', genitiv: 'des synthetischen Landes' },
  sozialraumOfCell,
  inKreis: new Uint8Array(cellCount).fill(1),
  inPlanungsraum: new Uint8Array(cellCount).fill(1),
  regionOfSozialraum: Int32Array.from(units, (_, index) => Math.floor(index / BLOCKS)),
  cellOfPoint,
  sozialraumOfPoint: Int32Array.from(populated, (cell) => sozialraumOfCell[cell]!),
  planungsraumOfPoint: new Uint8Array(populated.length).fill(1),
  kreisCells: Int32Array.from({ length: cellCount }, (_, cell) => cell),
  einwohner,
  cellsPerSozialraum: new Float64Array(units.length).fill(cellCount / units.length),
  cellsInKreis: cellCount,
  surface: { cellSize: CELL, x, y, einwohner, method: zensusGridMethod(100) },
};
populated.length = 0;
const facilities: PlacedFacility[] = Array.from({ length: FACILITIES }, (_, index) => ({ id: `e-${index}`, x: grid.x0 + rand() * SIDE * CELL, y: grid.y0 + rand() * SIDE * CELL }));
const setupMs = performance.now() - started;

const reach = straightLineReach(5_000);
const coverageStarted = performance.now();
const { mask } = computeCoverage(setup, facilities, reach, { distances: false });
const coverageMs = performance.now() - coverageStarted;
const rssAfterSetupMb = rssMb();

const searchStarted = performance.now();
const sites = bestNextLocations(setup, mask, reach, 3, { perCandidate: variant === 'je-kandidat' });
const searchMs = performance.now() - searchStarted;

console.log(
  JSON.stringify({
    variant,
    populated: cellOfPoint.length,
    setupMs,
    coverageMs,
    searchMs,
    rssAfterSetupMb,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    sites,
  }),
);
