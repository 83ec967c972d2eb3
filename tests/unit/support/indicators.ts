// The synthetic Testkreis of tests/fixtures/indicators: its area tree, Kennzahlen catalogue and
// values, frozen, for the indicator tests.
import { parseCsvRecords } from '../../../src/domain/csv';
import type { StoredValue } from '../../../src/domain/indicators/aggregate';
import { catalogueFileProblems, type IndicatorCatalogue } from '../../../src/domain/indicators/catalog';
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
