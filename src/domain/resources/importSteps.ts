import type { FacilityCategory } from '../facilities/catalog';
import { matchCategory, type ColumnMapping, type ImportRow, type ImportTable } from '../import/index';

/**
 * Glue between the import parser (src/domain/import) and the import wizard: the category values
 * a file uses that the catalogue does not know, and the merge of the server's checks.
 */

/** Distinct non-empty values of the category column that match no category, in file order. */
export function unknownCategoryValues(table: ImportTable, mapping: ColumnMapping, categories: readonly FacilityCategory[]): string[] {
  const column = mapping.category;
  if (column === undefined) return [];
  const seen = new Set<string>();
  for (const row of table.rows) {
    const value = (row.cells[column] ?? '').trim();
    if (value !== '' && !seen.has(value) && matchCategory(value, categories) === null) seen.add(value);
  }
  return [...seen];
}

/**
 * A copy of the table in which the category cells the user assigned a category to hold that
 * category's id. The input is not changed.
 */
export function applyCategoryChoices(table: ImportTable, mapping: ColumnMapping, choices: Readonly<Record<string, string>>): ImportTable {
  const column = mapping.category;
  if (column === undefined || Object.keys(choices).length === 0) return table;
  return {
    ...table,
    rows: table.rows.map((row) => {
      const value = (row.cells[column] ?? '').trim();
      const choice = choices[value];
      if (!choice) return row;
      const cells = [...row.cells];
      cells[column] = choice;
      return { ...row, cells };
    }),
  };
}

export interface ServerRowCheck {
  index: number;
  errors: string[];
  warnings: string[];
  gemeindeAgs: string | null;
  sozialraumId: string | null;
}

export interface CheckedImportRow extends ImportRow {
  /** Where the server places the row (null before the check or when outside). */
  sozialraumId: string | null;
  gemeindeAgs: string | null;
}

/**
 * Adds the server's findings to the rows that were sent (those with `facility`, in order). The
 * server's duplicate check covers the database and the file, so the browser's own duplicate
 * warnings give way to it.
 */
export function mergeServerChecks(rows: readonly ImportRow[], checks: readonly ServerRowCheck[]): CheckedImportRow[] {
  const byIndex = new Map(checks.map((check) => [check.index, check]));
  let sent = 0;
  return rows.map((row) => {
    if (!row.facility) return { ...row, sozialraumId: null, gemeindeAgs: null };
    const check = byIndex.get(sent++);
    if (!check) return { ...row, sozialraumId: null, gemeindeAgs: null };
    return {
      ...row,
      errors: [...row.errors, ...check.errors.filter((message) => !row.errors.includes(message))],
      warnings: [...row.warnings.filter((message) => !message.startsWith('Mögliches Duplikat')), ...check.warnings],
      sozialraumId: check.sozialraumId,
      gemeindeAgs: check.gemeindeAgs,
    };
  });
}
