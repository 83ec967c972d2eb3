/**
 * Minimal RFC 4180 CSV reader: quoted fields, doubled quotes, CRLF or LF line ends,
 * a configurable delimiter. German spreadsheet exports use ";" so the delimiter is a parameter.
 *
 * @example parseCsv('a;b\n1;"x;y"', ';') // [['a','b'],['1','x;y']]
 */
export function parseCsv(text: string, delimiter = ','): string[][] {
  return parseCsvLines(text, delimiter).map((row) => row.fields);
}

/** A quote that is never closed; `line` is the (1-based) line where the quoted field starts. */
export class CsvQuoteError extends Error {
  override readonly name = 'CsvQuoteError';

  constructor(readonly line: number) {
    super(`CSV: Anführungszeichen wird nicht geschlossen. Das Feld beginnt in Zeile ${line}.`);
  }
}

/** A parsed row with the (1-based) line of the file it starts on, for error messages. */
export interface CsvRow {
  line: number;
  fields: string[];
}

/**
 * Like parseCsv, but keeps each row's starting line; blank lines are skipped.
 * Throws CsvQuoteError when a quote is never closed.
 */
export function parseCsvLines(text: string, delimiter = ','): CsvRow[] {
  const rows: CsvRow[] = [];
  let row: string[] = [];
  let line = 1;
  let rowLine = 1;
  let field = '';
  let inQuotes = false;
  let fieldStarted = false;
  let quoteLine = 1;
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;

  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (inQuotes) {
      if (char === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (char === '\n') line++;
        field += char;
      }
      continue;
    }
    if (char === '"' && !fieldStarted) {
      inQuotes = true;
      fieldStarted = true;
      quoteLine = line;
    } else if (char === delimiter) {
      row.push(field);
      field = '';
      fieldStarted = false;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i++;
      row.push(field);
      rows.push({ line: rowLine, fields: row });
      line++;
      rowLine = line;
      row = [];
      field = '';
      fieldStarted = false;
    } else {
      field += char;
      fieldStarted = true;
    }
  }
  if (inQuotes) throw new CsvQuoteError(quoteLine);
  if (fieldStarted || field !== '' || row.length > 0) {
    row.push(field);
    rows.push({ line: rowLine, fields: row });
  }
  return rows.filter((r) => !(r.fields.length === 1 && r.fields[0] === ''));
}

/**
 * The first cell of the line that starts the notes under a table the atlas writes (source,
 * date, what the figures are about), after an empty line. Readers of our own files stop there.
 */
export const CSV_NOTES_MARKER = 'Quelle und Stand';

export interface CsvRecord {
  line: number;
  values: Record<string, string>;
}

/**
 * Rows as objects keyed by the header row, with their line numbers. Throws when a row has a
 * different number of fields than the header, naming the line.
 */
export function parseCsvTable(text: string, delimiter = ','): CsvRecord[] {
  const [header, ...rows] = parseCsvLines(text, delimiter);
  if (!header) return [];
  const names = header.fields.map((name) => name.trim());
  return rows.map((row) => {
    if (row.fields.length !== names.length) {
      throw new Error(`CSV: Zeile ${row.line} hat ${row.fields.length} Felder, die Kopfzeile aber ${names.length}.`);
    }
    return { line: row.line, values: Object.fromEntries(names.map((name, column) => [name, row.fields[column] ?? ''])) };
  });
}

/** Rows as objects keyed by the header row (see parseCsvTable for line numbers). */
export function parseCsvRecords(text: string, delimiter = ','): Record<string, string>[] {
  return parseCsvTable(text, delimiter).map((record) => record.values);
}
