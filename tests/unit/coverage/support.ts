// Shared helpers of the coverage tests: seeded random numbers and the synthetic coverage input.
import type { FeatureCollection, Point } from 'geojson';
import type { CoverageFacilityInput } from '../../../src/domain/coverage/analysis';
import { fromLaea } from '../../../src/domain/coverage/surface';
import type { PopulationGridData } from '../../../src/domain/coverage/zensusGrid';
import { zensusGridMethod } from '../../../src/domain/coverage/zensusGrid';
import type { FacilityStatus } from '../../../src/domain/facilities/catalog';
import { readJsonFixture } from '../support/fixtures';

export { random } from '../../../scripts/lib/random';

type InputProperties =
  | { kind: 'einrichtung'; id: string; name: string; category: string; status: FacilityStatus; geloescht: boolean }
  | { kind: 'bevoelkerung'; name: string; einwohner: number };

/** tests/fixtures/in/coverage-synthetic.geojson: facilities and population points in EPSG:3035. */
export function coverageInput(): { facilities: CoverageFacilityInput[]; grid: PopulationGridData; names: string[] } {
  const input = readJsonFixture<FeatureCollection<Point, InputProperties>>('in/coverage-synthetic.geojson');
  const facilities: CoverageFacilityInput[] = [];
  const grid: PopulationGridData = { method: zensusGridMethod(100), cellSize: 100, x: [], y: [], einwohner: [] };
  const names: string[] = [];
  for (const feature of input.features) {
    const [x, y] = feature.geometry.coordinates as [number, number];
    const p = feature.properties;
    if (p.kind === 'einrichtung') {
      facilities.push({ id: p.id, category: p.category, status: p.status, geloescht: p.geloescht, lage: fromLaea([x, y]) });
    } else {
      grid.x.push(x);
      grid.y.push(y);
      grid.einwohner.push(p.einwohner);
      names.push(p.name);
    }
  }
  return { facilities, grid, names };
}
