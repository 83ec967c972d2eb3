// Synthetic facility rows for the import benchmark and the API tests: valid, inside the Kreis,
// with distinct names, reproducible from a seed (test data stay synthetic).
import { createLocator } from '../../src/domain/facilities/locate';
import type { FacilityFieldsInput } from '../../src/domain/facilities/schema';
import type { TerritoryFile } from '../../src/domain/territory/types';
import { random } from './random';

export function syntheticFacilityRows(territory: TerritoryFile, count: number, seed = 8): FacilityFieldsInput[] {
  const rand = random(seed);
  const locate = createLocator(territory);
  const [west, south, east, north] = territory.bbox;
  const rows: FacilityFieldsInput[] = [];
  while (rows.length < count) {
    const lage: [number, number] = [Number((west + rand() * (east - west)).toFixed(6)), Number((south + rand() * (north - south)).toFixed(6))];
    if (locate(lage).gemeindeAgs === null) continue;
    const n = rows.length + 1;
    rows.push({
      category: n % 3 === 0 ? 'familienzentrum' : 'kita',
      name: `${n % 3 === 0 ? 'Familienzentrum' : 'Kita'} Beispiel ${n}`,
      lage,
      lagegenauigkeit: 'adresse',
      strasse: `Musterweg ${n}`,
      plz: '37000',
      ort: 'Musterort',
      traeger: 'Beispielträger e. V.',
      status: 'in Betrieb',
    });
  }
  return rows;
}
