// The synthetic Testkreis of tests/fixtures/indicators: its area tree, Kennzahlen catalogue and
// values, frozen, for the indicator tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvRecords } from '../../../src/domain/csv';
import type { StoredValue } from '../../../src/domain/indicators/aggregate';
import { catalogueFileProblems, type IndicatorCatalogue, type IndicatorDefinition } from '../../../src/domain/indicators/catalog';
import { buildHierarchy, type AreaHierarchy, type HierarchySource } from '../../../src/domain/indicators/hierarchy';
import { deepFreeze, readJsonFixture, readTextFixture } from './fixtures';

export const testkreisSource = (): HierarchySource => readJsonFixture<HierarchySource>('indicators/testkreis-gebiete.json');

export function testkreisCatalogue(edit?: (file: Record<string, any>) => void): IndicatorCatalogue {
  const file = structuredClone(readJsonFixture<Record<string, any>>('indicators/testkreis-kennzahlen.json'));
  edit?.(file);
  const { catalogue, problems } = catalogueFileProblems(file);
  if (!catalogue) throw new Error(problems.join('; '));
  return deepFreeze(catalogue);
}

export const testkreisValues = (): StoredValue[] =>
  deepFreeze(
    parseCsvRecords(readTextFixture('indicators/testkreis-werte.csv')).map((row) => ({
      kennzahl: row.kennzahl!,
      gebiet: row.gebiet!,
      stichtag: row.stichtag!,
      wert: Number(row.wert),
    })),
  );

export const testkreisHierarchy = (): AreaHierarchy => deepFreeze(buildHierarchy(testkreisSource()));

/** Landkreis Göttingen as shipped: the real catalogue, area tree and key crosswalk (geodata/, public/data). */
export function goettingenShipped(): { catalogue: IndicatorCatalogue; hierarchy: AreaHierarchy; crosswalk: Map<string, string>; values: StoredValue[] } {
  const root = join(import.meta.dirname, '..', '..', '..');
  const { catalogue, problems } = catalogueFileProblems(JSON.parse(readFileSync(join(root, 'geodata/goettingen/kennzahlen.json'), 'utf8')));
  if (!catalogue) throw new Error(problems.join('; '));
  const territory = JSON.parse(readFileSync(join(root, 'public/data/territory/goettingen.json'), 'utf8')) as HierarchySource;
  const crosswalk = new Map(parseCsvRecords(readFileSync(join(root, 'geodata/goettingen/schluessel.csv'), 'utf8')).map((row) => [row.schluessel!, row.ags!]));
  const values = parseCsvRecords(readFileSync(join(root, 'geodata/goettingen/kennzahlen-werte.csv'), 'utf8')).map((row) => ({
    kennzahl: row.kennzahl!,
    gebiet: row.gebiet!,
    stichtag: row.stichtag!,
    wert: Number(row.wert),
  }));
  return deepFreeze({ catalogue, hierarchy: buildHierarchy(territory), crosswalk, values });
}

/** A planner's own Kennzahl (synthetic), as the import and form tests create it. */
export const OWN_TEST_INDICATOR: IndicatorDefinition = deepFreeze({
  id: 'testbesuche',
  name: 'Testbesuche',
  definition: 'Synthetische Zählung für Tests.',
  einheit: 'Besuche',
  thema: 'Eigene Kennzahlen',
  art: 'anzahl',
  ebene: 'sozialraum',
  polaritaet: 'neutral',
  zeitbezug: 'stichtag',
  quelle: { tabelle: 'Testzählung', herausgeber: 'Testkreis', lizenz: 'intern', namensnennung: 'Testkreis' },
});
