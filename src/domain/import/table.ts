import { CSV_NOTES_MARKER, CsvQuoteError, parseCsvLines, type CsvRow } from '../csv';
import { formatInteger } from '../format';
import { parseNumber } from './numbers';
import { ImportFileError, MAX_IMPORT_ROWS } from './errors';
import type { Delimiter } from './delimiter';
import type { CoordinateCrs } from './crs';

/**
 * The neutral form of an import file before mapping: named columns and rows of text cells.
 * CSV and GeoJSON files both become an ImportTable, so mapping, CRS detection and row building
 * do not care where the data came from.
 */
export interface ImportTable {
  kind: 'csv' | 'geojson';
  /** Column names as in the file, trimmed; an empty name becomes "Spalte 3". */
  headers: string[];
  rows: ImportTableRow[];
  /** GeoJSON only: the CRS named by an old-style `crs` member, when there is one. */
  declaredCrs?: CoordinateCrs;
}

export interface ImportTableRow {
  /** CSV: the file line the row starts on. GeoJSON: the 1-based number of the feature. */
  line: number;
  /** One text cell per header. */
  cells: string[];
  /** GeoJSON only: the point's coordinates as written in the file, or why there is no point. */
  geometry?: { coordinates: [number, number] } | { error: string };
}

/** How the UI and messages refer to one row: "Zeile 7" in a CSV file, "Objekt 7" in GeoJSON. */
export function rowNoun(table: Pick<ImportTable, 'kind'>): 'Zeile' | 'Objekt' {
  return table.kind === 'csv' ? 'Zeile' : 'Objekt';
}

/**
 * Reads CSV text into an ImportTable with csv.ts. Besides what the CSV reader checks, it
 * refuses files whose first row looks like data instead of column names ('no-header'), files
 * without data rows ('no-rows'), rows with another number of fields than the header
 * ('ragged-rows', naming the first such line) and more than MAX_IMPORT_ROWS rows ('too-large').
 *
 * Excel conventions are handled: a `sep=;` line on top is skipped, and rows whose cells are
 * all empty (";;;;") and empty cells beyond the header's last column are ignored. The notes
 * below the atlas' own exports (from the line „Quelle und Stand“ on) are not read.
 *
 * @example readCsvTable('Name;Art\r\nTestkita;Kita\r\n', ';').rows[0] // { line: 2, cells: ['Testkita', 'Kita'] }
 */
export function readCsvTable(text: string, delimiter: Delimiter): ImportTable {
  let parsed: CsvRow[];
  try {
    parsed = parseCsvLines(text, delimiter);
  } catch (error) {
    if (error instanceof CsvQuoteError) {
      throw new ImportFileError(
        'unclosed-quote',
        `Ein Anführungszeichen in Zeile ${error.line} wird nicht geschlossen. Bitte das Feld in dieser Zeile prüfen: ` +
          'Text mit Anführungszeichen muss selbst in Anführungszeichen stehen und jedes innere " verdoppeln.',
        error.line,
        { cause: error },
      );
    }
    throw error;
  }

  const withoutHint = parsed[0] && /^sep=.?$/i.test(parsed[0].fields.join(delimiter).trim()) ? parsed.slice(1) : parsed;
  // The atlas' own exports end with notes on source and date: not facilities.
  const notes = withoutHint.findIndex((row) => row.fields[0]?.trim() === CSV_NOTES_MARKER && row.fields.slice(1).every((cell) => cell.trim() === ''));
  const table = notes < 0 ? withoutHint : withoutHint.slice(0, notes);
  const [header, ...body] = table.filter((row) => row.fields.some((cell) => cell.trim() !== ''));
  if (!header) throw new ImportFileError('empty', 'Die Datei ist leer.');

  const headerCells = trimTrailingEmpty(header.fields.map((name) => name.trim()));
  if (headerCells.filter((name) => parseNumber(name) !== null).length >= 2 || headerCells.length === 0) {
    throw new ImportFileError(
      'no-header',
      'Die erste Zeile enthält Werte statt Spaltennamen. Bitte eine Kopfzeile mit Spaltennamen (z. B. „Name;Kategorie;Rechtswert;Hochwert“) einfügen.',
      header.line,
    );
  }
  if (body.length === 0) {
    throw new ImportFileError('no-rows', 'Die Datei enthält nur die Kopfzeile, aber keine Einrichtungen.');
  }
  if (body.length > MAX_IMPORT_ROWS) throw tooManyRows(body.length);

  const width = headerCells.length;
  const rows: ImportTableRow[] = body.map((row) => {
    const cells = row.fields.length > width && row.fields.slice(width).every((cell) => cell.trim() === '') ? row.fields.slice(0, width) : row.fields;
    if (cells.length !== width) {
      throw new ImportFileError(
        'ragged-rows',
        `Zeile ${row.line} hat ${cells.length} Felder, die Kopfzeile aber ${width}. ` +
          'Meist steht ein Trennzeichen im Text, ohne dass das Feld in Anführungszeichen steht.',
        row.line,
      );
    }
    return { line: row.line, cells };
  });
  return { kind: 'csv', headers: headerCells.map((name, index) => name || `Spalte ${index + 1}`), rows };
}

/** The 'too-large' error for a file with `count` rows. */
export function tooManyRows(count: number): ImportFileError {
  return new ImportFileError(
    'too-large',
    `Die Datei enthält ${formatInteger(count)} Einrichtungen; höchstens ${formatInteger(MAX_IMPORT_ROWS)} können auf einmal importiert werden. Bitte die Datei aufteilen.`,
  );
}

function trimTrailingEmpty(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === '') end--;
  return cells.slice(0, end);
}
