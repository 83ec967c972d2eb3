import type { FacilityCategory, LocationPrecision } from '../facilities/catalog';
import { FIELD_KEYS, IMPORT_ORDER, fieldDefinition, type FieldKey } from '../facilities/fields';
import type { FacilityFieldsInput } from '../facilities/schema';
import { readLocation, type CoordinateCrs } from './crs';
import type { ColumnMapping } from './mapping';
import { parseInteger } from './numbers';
import type { ImportTableRow } from './table';

/** The facility fields read from one row; complete only when the row has no errors. */
export type ImportFields = Partial<FacilityFieldsInput>;

export interface FieldReadingOptions {
  categories: readonly FacilityCategory[];
  /** The category for rows without one (a file that lists only Kitas); null: the column is needed. */
  defaultCategory: string | null;
  crs: CoordinateCrs;
  swapped: boolean;
  /** The precision of coordinates from the file when the file does not say. */
  lagegenauigkeit: LocationPrecision;
}

export interface FieldReading {
  fields: ImportFields;
  errors: string[];
  /** Top-level fields with an error, so schema issues about them are not reported twice. */
  failed: Set<keyof FacilityFieldsInput>;
  /** The ID and Version columns (our own export), when filled. */
  existing: { id: string; version: number | null } | null;
}

/**
 * Reads one table row into facility fields under a mapping, with a specific German error for
 * each cell that cannot be used ("Unbekannte Kategorie „Hort“", "PLZ „3707“ hat nicht fünf
 * Ziffern", "Koordinate „abc“ ist keine Zahl"). Values are normalised on the way: German dates
 * become ISO, "www.…" gets "https://", umlaut and case variants of categories, statuses, target
 * groups and precisions find their catalogue value, the location becomes WGS84 rounded to six
 * decimals (about 0.1 m). The district and duplicate checks are not done here (see rows.ts).
 *
 * @example readFields({ line: 2, cells: ['Testkita', 'KiTa', '9,9356', '51,5328'] }, { name: 0, category: 1, x: 2, y: 3 }, options).fields
 * // { name: 'Testkita', category: 'kita', lage: [9.9356, 51.5328], lagegenauigkeit: 'adresse', … }
 */
export function readFields(row: ImportTableRow, mapping: ColumnMapping, options: FieldReadingOptions): FieldReading {
  const errors: string[] = [];
  const failed = new Set<keyof FacilityFieldsInput>();
  const cell = (target: string) => readCell(row, (mapping as Partial<Record<string, number>>)[target]);
  const context = { ...options, row, mapping, location: () => readLocation(row, mapping as Partial<Record<string, number>>, options) };
  const read: Partial<Record<FieldKey, unknown>> = {};
  for (const key of IMPORT_ORDER) {
    const reading = fieldDefinition(key).import.read(cell, context);
    read[key] = reading.value;
    if (reading.errors.length > 0) {
      errors.push(...reading.errors);
      failed.add(key);
    }
  }
  // In the registry's order, as the fields are listed everywhere else.
  const fields = Object.fromEntries(FIELD_KEYS.map((key) => [key, read[key]])) as ImportFields;
  const id = cell('id');
  const version = cell('version') === '' ? null : parseInteger(cell('version'));
  return { fields, errors, failed, existing: id === '' ? null : { id, version } };
}

// A cell as text: trimmed, and without the apostrophe our export puts before a leading
// = + - @ so that spreadsheets do not run it as a formula.
function readCell(row: ImportTableRow, column: number | undefined): string {
  const value = column === undefined ? '' : (row.cells[column] ?? '').trim();
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}
