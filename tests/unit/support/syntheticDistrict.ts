// The synthetic "Landkreis Testkreis" (Kreisschlüssel 99999) near Göttingen: five
// municipalities on a grid of 0.1° × 0.06° cells, one of them merged from two 2016 parts,
// one outside the Sozialräume, one unincorporated forest and one cell of a neighbouring Kreis.
//
//   51.58 ┌──────────┬──────────┬──────────┬──────────┐
//         │ C        │ D        │ E        │ (99996…) │   C + A = Sozialraum Nordtal
//   51.52 ├──────────┼──────────┼──────────┼──────────┤   B     = Ölsen, E = Pühberg
//         │ A        )  B-West  │  B-Ost   │ Testforst│   D     = außerhalb
//   51.46 └──────────┴──────────┴──────────┴──────────┘
//        9.8        9.9       10.0       10.1       10.2
import type { FeatureCollection } from 'geojson';
import { parseDistrictConfig, parseGemeindenCsv } from '../../../src/domain/territory/config';
import { buildTerritory, type BoundaryPart } from '../../../src/domain/territory/build';
import type { Areal } from '../../../src/domain/geo/geometry';
import type { DistrictConfig, GemeindeRecord, TerritoryFile } from '../../../src/domain/territory/types';
import { deepFreeze, readJsonFixture, readTextFixture } from './fixtures';

export interface SyntheticDistrict {
  config: DistrictConfig;
  gemeinden: GemeindeRecord[];
  boundaries2016: BoundaryPart[];
}

/** Fresh, deep-frozen inputs on every call. */
export function syntheticDistrict(): SyntheticDistrict {
  const config = parseDistrictConfig(readJsonFixture('district-valid.json'), 'tests/fixtures/district-valid.json');
  const gemeinden = parseGemeindenCsv(readTextFixture('gemeinden-valid.csv'), 'tests/fixtures/gemeinden-valid.csv');
  const boundaries = readJsonFixture<FeatureCollection<Areal, { ags2016: string; name: string }>>(
    'in/territory-boundaries-2016.geojson',
  );
  const boundaries2016 = boundaries.features.map((feature) => ({
    ags2016: feature.properties.ags2016,
    name: feature.properties.name,
    geometry: feature.geometry,
  }));
  return deepFreeze({ config, gemeinden, boundaries2016 });
}

/** The built territory of the synthetic district, deep-frozen. */
export function syntheticTerritory(): TerritoryFile {
  const { config, gemeinden, boundaries2016 } = syntheticDistrict();
  return deepFreeze(buildTerritory(config, gemeinden, boundaries2016).territory);
}
