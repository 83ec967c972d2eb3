// The shipped Kennzahlen are reviewed like code: every catalogue in geodata/ passes its schema,
// and the committed values and key crosswalks are exactly what `npm run indicators` derives from
// the Regionalstatistik extracts and the Zensus 2022 population, byte for byte.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isStored } from '../../../src/domain/indicators/catalog';
import { GEODATA_DIR, listDistrictIds } from '../../../scripts/lib/geodata';
import { KEYS_FILE, VALUES_FILE, deriveKeysCsv, deriveValuesCsv, readCatalogue } from '../../../scripts/lib/indicatorValues';

const districts = listDistrictIds().filter((id) => existsSync(join(GEODATA_DIR, id, 'kennzahlen.json')));

describe.each(districts)('geodata/%s', (id) => {
  it('has a valid catalogue whose every stored Kennzahl has values', () => {
    const catalogue = readCatalogue(id)!;
    const values = readFileSync(join(GEODATA_DIR, id, VALUES_FILE), 'utf8');
    for (const { definition } of catalogue.entries.filter((entry) => isStored(entry.definition))) {
      expect(values, definition.id).toContain(`\n${definition.id},`);
    }
  });

  it('ships exactly the derived values and key crosswalk', () => {
    expect(readFileSync(join(GEODATA_DIR, id, VALUES_FILE), 'utf8')).toBe(deriveValuesCsv(id));
    expect(readFileSync(join(GEODATA_DIR, id, KEYS_FILE), 'utf8')).toBe(deriveKeysCsv(id));
  });
});

it('covers both districts', () => {
  expect(districts).toEqual(expect.arrayContaining(['goettingen', 'potsdam-mittelmark']));
});
