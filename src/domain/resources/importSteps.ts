import type { FacilityCategory } from '../facilities/catalog';
import type { DuplicateFacility } from '../facilities/responses';
import { formatInteger } from '../format';
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
  /** Index (among the rows sent) of an earlier row this one repeats exactly. */
  wiederholt?: number | null;
  /** A facility in the database with the same name within 250 m. */
  duplikat?: DuplicateFacility | null;
  /** Index of an earlier row with the same name within 250 m that is not identical. */
  aehnlich?: number | null;
}

export interface CheckedImportRow extends ImportRow {
  /** Where the server places the row (null before the check or when outside). */
  sozialraumId: string | null;
  gemeindeAgs: string | null;
  /** File line of an earlier row this one repeats exactly: left out unless the user ticks it. */
  repeatsLine: number | null;
  /** The facility in the database this row may duplicate, shown side by side; left out unless ticked. */
  duplicateOf: DuplicateFacility | null;
}

/** The rows the report leaves out unless the user ticks them: exact repetitions and possible duplicates of facilities in the database. */
export function deselectedByDefault(rows: readonly CheckedImportRow[]): number[] {
  return rows.filter((row) => row.repeatsLine !== null || row.duplicateOf !== null).map((row) => row.line);
}

const unchecked = { sozialraumId: null, gemeindeAgs: null, repeatsLine: null, duplicateOf: null };

/**
 * Adds the server's findings to the rows that were sent (those with `facility`, in order). The
 * server's duplicate check covers the database and the file, so the browser's own duplicate
 * warnings give way to it; its findings about other rows are told by the file line the user
 * knows („Gleicht genau Zeile 5“), not by the index sent.
 */
export function mergeServerChecks(rows: readonly ImportRow[], checks: readonly ServerRowCheck[], noun = 'Zeile'): CheckedImportRow[] {
  const byIndex = new Map(checks.map((check) => [check.index, check]));
  const sentLines = rows.filter((row) => row.facility).map((row) => row.line);
  let sent = 0;
  return rows.map((row) => {
    if (!row.facility) return { ...row, ...unchecked };
    const check = byIndex.get(sent++);
    if (!check) return { ...row, ...unchecked };
    const repeatsLine = check.wiederholt == null ? null : (sentLines[check.wiederholt] ?? null);
    const similarLine = check.aehnlich == null ? null : (sentLines[check.aehnlich] ?? null);
    const duplicateOf = check.duplikat ?? null;
    // The server's messages, with the rows they refer to named by file line.
    const serverWarnings = check.warnings.map((message) => {
      if (repeatsLine !== null && message.startsWith('Gleicht genau')) return `Gleicht genau ${noun} ${repeatsLine} – nicht übernommen, außer Sie setzen den Haken`;
      if (duplicateOf !== null && message.startsWith('Mögliches Duplikat von')) {
        return `Mögliches Duplikat von „${duplicateOf.name}“ in der Datenbank (${formatInteger(duplicateOf.metres)} m entfernt) – nicht übernommen, außer Sie setzen den Haken`;
      }
      if (similarLine !== null && message.startsWith('Mögliches Duplikat einer früheren Zeile')) return message.replace('einer früheren Zeile', `in ${noun} ${similarLine}:`);
      return message;
    });
    return {
      ...row,
      errors: [...row.errors, ...check.errors.filter((message) => !row.errors.includes(message))],
      warnings: [...row.warnings.filter((message) => !message.startsWith('Mögliches Duplikat')), ...serverWarnings],
      sozialraumId: check.sozialraumId,
      gemeindeAgs: check.gemeindeAgs,
      repeatsLine,
      duplicateOf,
    };
  });
}
