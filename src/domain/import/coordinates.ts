import type { ColumnMapping } from './mapping';
import { parseNumber } from './numbers';
import type { ImportTableRow } from './table';

/**
 * The two numbers of a row's location as they stand in the file (not yet transformed), or why
 * there are none. The order is the file's: x/Rechtswert/Länge first when mapped to x/y columns,
 * as written when both stand in one "Koordinaten" column. CRS detection sorts out swaps.
 */
export type CoordinateReading =
  | { kind: 'pair'; pair: [number, number] }
  | { kind: 'missing'; error: string }
  | { kind: 'invalid'; error: string };

const MISSING: CoordinateReading = { kind: 'missing', error: 'Koordinaten fehlen' };

/**
 * Reads a row's coordinates: the GeoJSON geometry when the row has one, else the mapped x and y
 * columns, else the mapped "Koordinaten" column.
 *
 * @example readCoordinates({ line: 2, cells: ['564895,1', '5709492,7'] }, { x: 0, y: 1 })
 * // { kind: 'pair', pair: [564895.1, 5709492.7] }
 */
export function readCoordinates(row: ImportTableRow, mapping: ColumnMapping): CoordinateReading {
  if (row.geometry) {
    return 'coordinates' in row.geometry ? { kind: 'pair', pair: row.geometry.coordinates } : { kind: 'invalid', error: row.geometry.error };
  }
  if (mapping.x !== undefined || mapping.y !== undefined) {
    const x = cell(row, mapping.x);
    const y = cell(row, mapping.y);
    if (x === '' && y === '') return MISSING;
    if (x === '' || y === '') return { kind: 'missing', error: `Koordinaten unvollständig: ${x === '' ? 'Rechtswert / Länge' : 'Hochwert / Breite'} fehlt` };
    return readPair(x, y);
  }
  if (mapping.koordinaten !== undefined) {
    const text = cell(row, mapping.koordinaten);
    if (text === '') return MISSING;
    const parts = splitCoordinateText(text);
    if (!parts) {
      return { kind: 'invalid', error: `Koordinaten „${text}“ sind nicht lesbar (erwartet zwei Zahlen, z. B. „51,5328; 9,9356“)` };
    }
    return readPair(parts[0], parts[1]);
  }
  return MISSING;
}

function cell(row: ImportTableRow, column: number | undefined): string {
  return column === undefined ? '' : (row.cells[column] ?? '').trim();
}

function readPair(first: string, second: string): CoordinateReading {
  for (const text of [first, second]) {
    if (parseNumber(text) === null) return { kind: 'invalid', error: `Koordinate „${text}“ ist keine Zahl` };
  }
  return { kind: 'pair', pair: [parseNumber(first)!, parseNumber(second)!] };
}

/**
 * Splits one cell holding both coordinates into its two numbers' texts, or null when it cannot
 * be split unambiguously. Understood: "51,5328; 9,9356" (semicolon), "51.5328, 9.9356" and
 * "51,5328, 9,9356" (comma and space), "51.5328,9.9356" (comma between point decimals),
 * "564895 5709492" (space), each optionally in brackets, and WKT "POINT (9.9356 51.5328)".
 * "51,5328,9,9356" is refused: which comma separates the numbers cannot be known.
 *
 * @example splitCoordinateText('POINT (9.9356 51.5328)') // ['9.9356', '51.5328']
 */
export function splitCoordinateText(text: string): [string, string] | null {
  let inner = text.trim();
  const wkt = /^POINT\s*\(\s*(.*?)\s*\)$/i.exec(inner);
  if (wkt) inner = wkt[1]!;
  const bracketed = /^[[(]\s*(.*?)\s*[\])]$/.exec(inner);
  if (bracketed) inner = bracketed[1]!;

  let parts: string[];
  if (inner.includes(';')) parts = inner.split(';');
  else if (/,\s/.test(inner)) parts = inner.split(/\s*,\s+/);
  else if ((inner.match(/,/g) ?? []).length === 1 && /^[^,]*\.[^,]*,[^,]*\.[^,]*$/.test(inner)) parts = inner.split(',');
  else parts = inner.split(/\s+/);

  const trimmed = parts.map((part) => part.trim());
  return trimmed.length === 2 && trimmed[0] !== '' && trimmed[1] !== '' ? [trimmed[0]!, trimmed[1]!] : null;
}
