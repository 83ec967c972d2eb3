// Helpers for the import tests: fresh fixture bytes, the real districts' bbox, CRS and Kreis
// polygon (public/data/territory), and a facility factory. Nothing here is shared mutable state.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import { defaultFields, type Facility } from '../../../src/domain/facilities/schema';
import type { Bbox } from '../../../src/domain/import/crs';
import type { TerritoryFile } from '../../../src/domain/territory/types';
import { FIXTURES_DIR, deepFreeze } from '../support/fixtures';

/** The bytes of tests/fixtures/import/<name>, read fresh for every call. */
export function importFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES_DIR, 'import', name)));
}

export interface DistrictFacts {
  crs: TerritoryFile['district']['crs'];
  bbox: Bbox;
  /** Whether a WGS84 point lies in the Kreis polygon. */
  isInside: (lngLat: [number, number]) => boolean;
}

/** Facts of a shipped district, for CRS hints and the district check. */
export function district(id: string): DistrictFacts {
  const territory = JSON.parse(readFileSync(join(FIXTURES_DIR, '..', '..', 'public', 'data', 'territory', `${id}.json`), 'utf8')) as TerritoryFile;
  const kreis = territory.kreis;
  return {
    crs: territory.district.crs,
    bbox: territory.bbox as unknown as Bbox,
    isInside: (lngLat) => booleanPointInPolygon(lngLat, kreis),
  };
}

/** A complete, valid facility with synthetic values; `overrides` replace fields. Deep-frozen. */
export function testFacility(overrides: Partial<Facility> = {}): Facility {
  return deepFreeze({
    id: '00000000-0000-4000-8000-000000000001',
    district: 'goettingen',
    version: 3,
    gemeindeAgs: '03159016',
    sozialraumId: 'testraum-nord',
    geloescht: false,
    geaendertAm: '2024-05-01T10:00:00.000Z',
    geaendertVon: 'Test Koordination',
    // Fields this factory does not name get their defaults, so a new optional field needs no change here.
    ...defaultFields(),
    category: 'familienzentrum',
    name: 'Familienzentrum Musterdorf',
    traeger: 'Testverein Familienglück e. V.',
    strasse: 'Musterweg 1',
    plz: '37099',
    ort: 'Musterdorf',
    telefon: '0551 000000',
    email: 'kontakt@familienzentrum-musterdorf.example',
    web: 'https://familienzentrum-musterdorf.example/',
    zielgruppen: ['Eltern', 'Kinder'],
    angebote: 'Elterncafé; Beratung "Frühe Hilfen"\nund Krabbelgruppe',
    kapazitaet: 40,
    status: 'in Betrieb',
    foerderung: { programm: 'Familienzentrum Plus', seit: '2019-08' },
    lage: [9.955123, 51.551234],
    lagegenauigkeit: 'adresse',
    quelle: 'Testquelle',
    geprueftAm: '2024-04-30',
    ...overrides,
  } satisfies Facility);
}
