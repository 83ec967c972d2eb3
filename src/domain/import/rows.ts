import { DEFAULT_CATEGORIES, type FacilityCategory, type LocationPrecision } from '../facilities/catalog';
import { FacilityFieldsSchema, type FacilityFields } from '../facilities/schema';
import type { CoordinateCrs } from './crs';
import { createDuplicateCheck, type ExistingFacility } from './duplicates';
import { readFields, type ImportFields } from './fields';
import { translateIssues } from './issues';
import type { ColumnMapping } from './mapping';
import { rowNoun, type ImportTable } from './table';

/** One row of an import file, checked: what was read, what is wrong, what looks suspicious. */
export interface ImportRow {
  /** CSV: the file line the row starts on. GeoJSON: the 1-based number of the feature. */
  line: number;
  /** What was read from the row (lage in WGS84, rounded to 6 decimals); may be incomplete. */
  fields: ImportFields;
  /** The fields as FacilityFieldsSchema parses them, ready to send; null when there are errors. */
  facility: FacilityFields | null;
  /** The ID (and Version) columns of our own export: the row describes that facility. */
  existing: { id: string; version: number | null } | null;
  /** German messages that keep the row from being imported. */
  errors: string[];
  /** German messages worth a look that do not keep the row out ("Mögliches Duplikat …"). */
  warnings: string[];
}

export interface BuildImportRowsOptions {
  /** The CRS of the coordinates in the file (from the guess or chosen by the user). */
  crs: CoordinateCrs;
  /** The two coordinate values stand the other way round in the file. */
  swapped?: boolean;
  /** The category catalogue of the district. Default: DEFAULT_CATEGORIES. */
  categories?: readonly FacilityCategory[];
  /** Category id for rows without a category (or when no column is mapped). */
  defaultCategory?: string | null;
  /** Precision of coordinates from the file unless a column says otherwise. Default 'adresse'. */
  lagegenauigkeit?: LocationPrecision;
  /** Whether a WGS84 point lies in the district; without it no district check is made. */
  isInsideDistrict?: (lngLat: [number, number]) => boolean;
  /** Facilities already in the atlas, for the duplicate check. */
  existingFacilities?: readonly ExistingFacility[];
  /** Same-name facilities closer than this are possible duplicates. Default 250 m. */
  duplicateDistanceM?: number;
  /** Called after each chunk with the number of rows done and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Rows per chunk between progress reports (and, async, between yields). Default 500. */
  chunkSize?: number;
}

/**
 * Checks every row of a table under a mapping and returns one ImportRow per table row, in
 * order. Each row's cells are read (fields.ts), the location is checked against the district,
 * the whole is validated with FacilityFieldsSchema (issues translated into German), and rows
 * are compared with the existing facilities and the earlier rows for possible duplicates.
 *
 * Does not change its inputs. Never throws for bad cells: problems become row errors.
 *
 * @example
 * const rows = buildImportRows(preview.table, mapping, { crs: 'EPSG:25832', isInsideDistrict, existingFacilities });
 * rows.filter((row) => row.facility).map((row) => row.facility) // what to send
 */
export function buildImportRows(table: ImportTable, mapping: ColumnMapping, options: BuildImportRowsOptions): ImportRow[] {
  const builder = rowBuilder(table, mapping, options);
  const chunkSize = chunkSizeOf(options);
  const rows: ImportRow[] = [];
  for (let start = 0; start < table.rows.length; start += chunkSize) {
    const end = Math.min(start + chunkSize, table.rows.length);
    for (let index = start; index < end; index++) rows.push(builder(index));
    options.onProgress?.(end, table.rows.length);
  }
  return rows;
}

/**
 * Like buildImportRows, but yields to the event loop between chunks so a browser tab stays
 * responsive and can show progress; `signal` stops the work (the promise rejects with the
 * signal's reason).
 *
 * @example
 * await buildImportRowsAsync(table, mapping, { crs, chunkSize: 1000, onProgress: (done, total) => setProgress(done / total) });
 */
export async function buildImportRowsAsync(
  table: ImportTable,
  mapping: ColumnMapping,
  options: BuildImportRowsOptions & { signal?: AbortSignal },
): Promise<ImportRow[]> {
  const builder = rowBuilder(table, mapping, options);
  const chunkSize = chunkSizeOf(options);
  const rows: ImportRow[] = [];
  for (let start = 0; start < table.rows.length; start += chunkSize) {
    options.signal?.throwIfAborted();
    const end = Math.min(start + chunkSize, table.rows.length);
    for (let index = start; index < end; index++) rows.push(builder(index));
    options.onProgress?.(end, table.rows.length);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  options.signal?.throwIfAborted();
  return rows;
}

function chunkSizeOf(options: BuildImportRowsOptions): number {
  const size = options.chunkSize ?? 500;
  return Number.isInteger(size) && size > 0 ? size : 500;
}

// The row-by-row work with its state (the duplicate index), so sync and async share it.
function rowBuilder(table: ImportTable, mapping: ColumnMapping, options: BuildImportRowsOptions): (index: number) => ImportRow {
  const noun = rowNoun(table);
  const readingOptions = {
    categories: options.categories ?? DEFAULT_CATEGORIES,
    defaultCategory: options.defaultCategory ?? null,
    crs: options.crs,
    swapped: options.swapped ?? false,
    lagegenauigkeit: options.lagegenauigkeit ?? 'adresse',
  };
  const checkDuplicates = createDuplicateCheck({
    existing: options.existingFacilities ?? [],
    rowNoun: noun,
    ...(options.duplicateDistanceM === undefined ? {} : { maxDistanceM: options.duplicateDistanceM }),
  });

  return (index) => {
    const row = table.rows[index]!;
    const { fields, errors, failed, existing } = readFields(row, mapping, readingOptions);
    if (fields.lage && options.isInsideDistrict && !options.isInsideDistrict([fields.lage[0], fields.lage[1]])) {
      errors.push('Punkt liegt außerhalb des Landkreises');
      failed.add('lage');
    }

    const parsed = FacilityFieldsSchema.safeParse(fields, { reportInput: true });
    if (!parsed.success) errors.push(...translateIssues(parsed.error.issues, failed));

    const warnings = fields.lage && fields.name ? checkDuplicates({ line: row.line, name: fields.name, lage: fields.lage, existingId: existing?.id }) : [];
    return { line: row.line, fields, facility: parsed.success && errors.length === 0 ? parsed.data : null, existing, errors, warnings };
  };
}

export interface ImportReport {
  total: number;
  /** Rows without errors (they may have warnings). */
  valid: number;
  withErrors: number;
  withWarnings: number;
}

/**
 * Counts for the summary above the preview table ("120 gültig, 3 mit Fehlern, 2 mit Warnungen").
 *
 * @example importReport(rows) // { total: 125, valid: 122, withErrors: 3, withWarnings: 2 }
 */
export function importReport(rows: readonly { errors: readonly string[]; warnings: readonly string[] }[]): ImportReport {
  const withErrors = rows.filter((row) => row.errors.length > 0).length;
  return {
    total: rows.length,
    valid: rows.length - withErrors,
    withErrors,
    withWarnings: rows.filter((row) => row.warnings.length > 0).length,
  };
}
