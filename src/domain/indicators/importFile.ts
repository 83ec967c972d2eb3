import { CsvQuoteError, parseCsvLines, type CsvRow } from '../csv';
import { parseDate } from '../import/dates';
import { detectDelimiter } from '../import/delimiter';
import { matchKey } from '../import/matchKey';

/**
 * Reads a file of Kennzahlen values into observations (one per area, date and value column),
 * before anything is known of the district: CSV as German Excel saves it (a key column, a date
 * or year column, one column per Kennzahl, or a long table with Kennzahl and Wert), and the
 * Regionalstatistik / GENESIS export (title lines, column headers over several rows, `;`, the
 * symbols `-` `.` `x` `...` `/`, a footer with copyright and „Stand“).
 */

export interface ValueColumn {
  /** The column's label as the file names it: „Insgesamt“, „arbeitslose“, „unter 3 Jahre · Insgesamt“. */
  label: string;
  /** GENESIS: the date in the column's header, where the table has dates as columns. */
  date: string | null;
}

export interface Observation {
  /** 1-based line in the file. */
  line: number;
  area: string;
  /** As written: „31.12.2015“, „2015“, „2015-12-31“; null when the file has no date for it. */
  date: string | null;
  /** Index into `columns`; for a long table the column of the values. */
  column: number;
  /** Long tables: the Kennzahl named in the row. */
  indicator: string | null;
  value: string;
}

export interface ImportFile {
  format: 'csv' | 'genesis';
  /** GENESIS table code („12411-01-01-5“) and title, copyright line and „Stand“ of the export. */
  tabelle: string | null;
  titel: string | null;
  copyright: string | null;
  stand: string | null;
  columns: ValueColumn[];
  observations: Observation[];
  /** Problems with the file as a whole (no key column …): nothing can be imported. */
  problems: string[];
}

const AREA_HEADERS = ['ags', 'gemeindeschlussel', 'schlussel', 'regionalschlussel', 'ars', 'gebiet', 'gebietsschlussel', 'kennziffer', 'sozialraum', 'sozialraumid', 'gemeinde', 'kreis', 'id'];
const DATE_HEADERS = ['stichtag', 'datum', 'jahr', 'zeitpunkt', 'bezugsdatum', 'referenzdatum', 'zeit'];
const NAME_HEADERS = ['name', 'gemeindename', 'bezeichnung', 'gebietsname', 'sozialraumname'];

/** „31.12.2015“, „2015-12-31“ or a year: an ISO date; a year is read as its last day. */
export function readDate(text: string): string | null {
  const trimmed = text.trim();
  if (/^\d{4}$/.test(trimmed)) return Number(trimmed) >= 1900 && Number(trimmed) <= 2100 ? `${trimmed}-12-31` : null;
  return parseDate(trimmed);
}

export function readImportFile(text: string): ImportFile {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const genesis = /^\s*"?GENESIS-Tabelle/i.test(source);
  try {
    return genesis ? readGenesis(source) : readCsv(source);
  } catch (error) {
    // A quote never closed: the file as a whole cannot be read, and says where.
    if (error instanceof CsvQuoteError) return blank({ format: genesis ? 'genesis' : 'csv', problems: [error.message] });
    throw error;
  }
}

function blank(file: Partial<ImportFile> & Pick<ImportFile, 'format'>): ImportFile {
  return { tabelle: null, titel: null, copyright: null, stand: null, columns: [], observations: [], problems: [], ...file };
}

function readCsv(text: string): ImportFile {
  const rows = parseCsvLines(text, detectDelimiter(text));
  const [header, ...body] = rows;
  if (!header || body.length === 0) return blank({ format: 'csv', problems: ['Die Datei hat keine Datenzeilen unter der Kopfzeile.'] });
  const keys = header.fields.map((field) => matchKey(field));
  const find = (names: readonly string[]) => {
    for (const name of names) {
      const index = keys.indexOf(name);
      if (index >= 0) return index;
    }
    return -1;
  };
  const areaIndex = find(AREA_HEADERS);
  const dateIndex = find(DATE_HEADERS);
  const indicatorIndex = find(['kennzahl', 'indikator', 'merkmal']);
  const valueIndex = find(['wert', 'value', 'anzahl']);
  const problems: string[] = [];
  if (areaIndex < 0) problems.push('Keine Spalte mit dem Gebiet gefunden (z. B. „AGS“, „Regionalschlüssel“ oder „Sozialraum“).');
  if (dateIndex < 0) problems.push('Keine Spalte mit dem Stichtag oder Jahr gefunden (z. B. „Stichtag“ oder „Jahr“).');
  if (problems.length > 0) return blank({ format: 'csv', problems });

  const long = indicatorIndex >= 0 && valueIndex >= 0;
  const skip = new Set([areaIndex, dateIndex, ...header.fields.flatMap((_, index) => (NAME_HEADERS.includes(keys[index]!) ? [index] : []))]);
  const valueIndices = long ? [valueIndex] : header.fields.map((_, index) => index).filter((index) => !skip.has(index) && header.fields[index]!.trim() !== '');
  const columns: ValueColumn[] = valueIndices.map((index) => ({ label: header.fields[index]!.trim(), date: null }));
  if (columns.length === 0) return blank({ format: 'csv', problems: ['Die Datei hat außer Gebiet und Stichtag keine Spalte mit Werten.'] });
  const observations: Observation[] = [];
  for (const row of body) {
    if (row.fields.every((field) => field.trim() === '')) continue;
    valueIndices.forEach((index, column) => {
      observations.push({
        line: row.line,
        area: row.fields[areaIndex] ?? '',
        date: row.fields[dateIndex]?.trim() || null,
        column,
        indicator: long ? (row.fields[indicatorIndex] ?? '').trim() : null,
        value: row.fields[index] ?? '',
      });
    });
  }
  return blank({ format: 'csv', columns, observations });
}

const KEY = /^(DG|\d{2,12})$/;
/** Unit rows of GENESIS headers, left out of column labels. */
const UNITS = new Set(['anzahl', 'prozent', 'personen', 'euro', 'tsd', '1000', 'jahre', 'qm', 'ha', 'km2']);
const isDateText = (text: string) => readDate(text) !== null;

/** Where a GENESIS data row's key is: after a leading date column, or first. */
function keyIndexOf(row: CsvRow): number | null {
  const [first = '', second = ''] = row.fields.map((field) => field.trim());
  if (KEY.test(first) && !(first.length === 4 && isDateText(first) && KEY.test(second))) return 0;
  if (isDateText(first) && KEY.test(second)) return 1;
  return null;
}

function readGenesis(text: string): ImportFile {
  const rows = parseCsvLines(text, ';');
  const tabelle = /GENESIS-Tabelle:\s*([\w-]+)/i.exec(rows[0]?.fields.join(';') ?? '')?.[1] ?? null;
  const titel = rows[1]?.fields[0]?.trim() || null;
  const firstData = rows.findIndex((row, index) => index > 0 && keyIndexOf(row) !== null && row.fields.length >= 3);
  if (firstData < 0) return blank({ format: 'genesis', tabelle, titel, problems: ['Die GENESIS-Tabelle enthält keine Zeilen mit Gebietsschlüsseln.'] });
  const footer = rows.findIndex((row, index) => index > firstData && /^_{3,}/.test(row.fields[0]?.trim() ?? ''));
  const dataRows = rows.slice(firstData, footer < 0 ? undefined : footer).filter((row) => keyIndexOf(row) !== null);
  const tail = footer < 0 ? [] : rows.slice(footer + 1).map((row) => row.fields.join(';').replace(/;+$/, '').trim());
  const copyright = tail.find((line) => /^\(C\)|^©|copyright/i.test(line))?.replace(/^\(C\)\s*opyright\s*/i, '© ') ?? null;
  const standText = tail.map((line) => /^Stand:\s*(\d{1,2}\.\d{1,2}\.\d{4})/.exec(line)?.[1]).find(Boolean);
  const stand = standText ? parseDate(standText) : null;

  // Column headers: the multi-field rows between the title lines and the first data row.
  const headerRows = rows.slice(1, firstData).filter((row) => row.fields.filter((field) => field.trim() !== '').length >= 1 && row.fields.length > 2);
  const firstKeyIndex = keyIndexOf(rows[firstData]!)!;
  const valueStart = firstKeyIndex + 2;
  const width = dataRows.reduce((widest, row) => Math.max(widest, row.fields.length), 0);
  const columns: ValueColumn[] = [];
  for (let index = valueStart; index < width; index++) {
    const cells = headerRows.map((row) => row.fields[index]?.trim() ?? '').filter((cell) => cell !== '');
    const date = cells.find(isDateText) ?? null;
    const labels = [...new Set(cells.filter((cell) => !isDateText(cell) && !UNITS.has(matchKey(cell))))];
    columns.push({ label: labels.join(' · ') || `Spalte ${index + 1}`, date });
  }
  // A date in the title („- Stichtag 31.12.2015 -“) serves tables that give it nowhere else.
  const titleDate = rows
    .slice(1, firstData)
    .map((row) => /(\d{1,2}\.\d{1,2}\.\d{4})/.exec(row.fields[0] ?? '')?.[1])
    .find(Boolean);
  const observations: Observation[] = [];
  for (const row of dataRows) {
    const keyIndex = keyIndexOf(row)!;
    columns.forEach((column, offset) => {
      observations.push({
        line: row.line,
        area: row.fields[keyIndex]!.trim(),
        date: keyIndex === 1 ? row.fields[0]!.trim() : (column.date ?? titleDate ?? null),
        column: offset,
        indicator: null,
        value: row.fields[keyIndex + 2 + offset] ?? '',
      });
    });
  }
  return blank({ format: 'genesis', tabelle, titel, copyright, stand, columns, observations });
}

/** The GENESIS symbols: `-` nothing (0); the others no value, with why. */
export function genesisSymbol(text: string): { value: 0 } | { reason: string } | null {
  const trimmed = text.trim();
  if (trimmed === '-') return { value: 0 };
  if (trimmed === '.') return { reason: 'Zahlenwert unbekannt oder geheim zu halten („.“)' };
  if (trimmed.toLowerCase() === 'x') return { reason: 'Tabellenfach gesperrt, Aussage nicht sinnvoll („x“)' };
  if (trimmed === '...') return { reason: 'Angabe fällt später an („...“)' };
  if (trimmed === '/') return { reason: 'keine Angabe, Zahlenwert nicht sicher genug („/“)' };
  return null;
}
