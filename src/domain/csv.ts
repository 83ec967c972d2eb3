/**
 * Minimal RFC 4180 CSV reader: quoted fields, doubled quotes, CRLF or LF line ends,
 * a configurable delimiter. German spreadsheet exports use ";" so the delimiter is a parameter.
 *
 * @example parseCsv('a;b\n1;"x;y"', ';') // [['a','b'],['1','x;y']]
 */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let fieldStarted = false;
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
        field += char;
      }
      continue;
    }
    if (char === '"' && !fieldStarted) {
      inQuotes = true;
      fieldStarted = true;
    } else if (char === delimiter) {
      row.push(field);
      field = '';
      fieldStarted = false;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      fieldStarted = false;
    } else {
      field += char;
      fieldStarted = true;
    }
  }
  if (inQuotes) throw new Error('CSV: Anführungszeichen wird nicht geschlossen.');
  if (fieldStarted || field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** Rows as objects keyed by the header row. Throws when a row has a different number of fields. */
export function parseCsvRecords(text: string, delimiter = ','): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text, delimiter);
  if (!header) return [];
  return rows.map((row, index) => {
    if (row.length !== header.length) {
      throw new Error(
        `CSV: Zeile ${index + 2} hat ${row.length} Felder, die Kopfzeile aber ${header.length}.`,
      );
    }
    return Object.fromEntries(header.map((name, column) => [name.trim(), row[column] ?? '']));
  });
}
