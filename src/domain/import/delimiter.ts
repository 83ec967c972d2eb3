/** The field delimiters the import recognises. */
export type Delimiter = ';' | ',' | '\t';

const CANDIDATES: readonly Delimiter[] = [';', '\t', ','];
const SAMPLE_LINES = 20;

/**
 * Detects the field delimiter from the header and the first lines.
 *
 * German Excel writes ";" (the comma is the decimal separator), international tools ",", and
 * "Unicode-Text" or copy-paste gives tabs. A line `sep=;` at the top (an Excel convention)
 * decides directly. Otherwise each candidate is counted outside quotes in the header line;
 * candidates that do not occur in the header are out, and of the others the one whose count in
 * the following lines most often equals the header count wins (then the higher count, then
 * ";" before tab before ","). A file with a single column gets ";".
 *
 * @example detectDelimiter('Name;Rechtswert;Hochwert\r\nKita A;564895,1;5709492,2') // ';'
 */
export function detectDelimiter(text: string): Delimiter {
  const hint = separatorHint(text);
  if (hint) return hint;

  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/, SAMPLE_LINES * 4)
    .filter((line) => line.trim() !== '')
    .slice(0, SAMPLE_LINES);
  const [header, ...data] = lines;
  if (header === undefined) return ';';

  let best: { delimiter: Delimiter; agreement: number; count: number } | null = null;
  for (const delimiter of CANDIDATES) {
    const count = countOutsideQuotes(header, delimiter);
    if (count === 0) continue;
    const agreeing = data.filter((line) => countOutsideQuotes(line, delimiter) === count).length;
    const agreement = data.length === 0 ? 1 : agreeing / data.length;
    if (!best || agreement > best.agreement || (agreement === best.agreement && count > best.count)) {
      best = { delimiter, agreement, count };
    }
  }
  return best?.delimiter ?? ';';
}

/**
 * The delimiter named by an Excel `sep=` line at the very top of the file, or null.
 *
 * @example separatorHint('sep=,\nName,Ort') // ','
 */
export function separatorHint(text: string): Delimiter | null {
  const match = /^\uFEFF?sep=(.)\s*(\r\n|\n|\r|$)/i.exec(text);
  const delimiter = match?.[1];
  return delimiter === ';' || delimiter === ',' || delimiter === '\t' ? delimiter : null;
}

// Counts on one physical line; a quoted field that spans lines only disturbs that line's count.
function countOutsideQuotes(line: string, delimiter: Delimiter): number {
  let count = 0;
  let inQuotes = false;
  for (const char of line) {
    if (char === '"') inQuotes = !inQuotes;
    else if (char === delimiter && !inQuotes) count++;
  }
  return count;
}
