/**
 * Numbers as people and programs write them in German lists. The rules, in order:
 *
 * 1. Surrounding whitespace is ignored; an empty cell is null. A leading "+", "-" or "−" is the sign.
 * 2. Spaces (also non-breaking and thin spaces) may group thousands: "3 564 895", "3 564 895,5".
 *    Groups must be three digits after a first group of one to three.
 * 3. With both "." and "," present, the one that comes last is the decimal separator and occurs
 *    once; the other groups thousands, in threes: "564.895,12" and "564,895.12" are 564895.12.
 * 4. A single "," or a single "." is a decimal separator: "51,5328", "9.9356", "564895,12".
 *    So "1.234" is 1.234, not 1234 (for integers use parseInteger).
 * 5. The same separator several times groups thousands: "3.564.895" and "3,564,895" are 3564895.
 * 6. Scientific notation is read when the mantissa has no grouping: "5,709492E+06", "1e-7".
 *
 * Everything else is null: letters, units, two decimal separators, "1,2.3", "12,", ",5",
 * misplaced groups such as "5.64.895,12".
 *
 * @example parseNumber('564.895,12') // 564895.12
 * @example parseNumber('51,5328') // 51.5328
 * @example parseNumber('abc') // null
 */
export function parseNumber(raw: string): number | null {
  let text = raw.trim().replace(/[\u00a0\u2009\u202f]/g, ' ');
  if (text === '') return null;

  let sign = 1;
  if (/^[+\-\u2212]/.test(text)) {
    if (text[0] !== '+') sign = -1;
    text = text.slice(1);
  }

  const exponentMatch = /^(\d+(?:[.,]\d+)?)[eE]([+-]?\d{1,3})$/.exec(text);
  if (exponentMatch) {
    const value = Number(`${exponentMatch[1]!.replace(',', '.')}e${exponentMatch[2]!}`);
    return Number.isFinite(value) ? sign * value : null;
  }

  if (text.includes(' ')) {
    if (!/^\d{1,3}( \d{3})+([.,]\d+)?$/.test(text)) return null;
    text = text.replace(/ /g, '');
  }

  const value = parseSeparated(text);
  return value === null ? null : sign * value;
}

function parseSeparated(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);

  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? ',' : '.';
    const group = decimal === ',' ? '\\.' : ',';
    const pattern = new RegExp(`^\\d{1,3}(${group}\\d{3})+\\${decimal}\\d+$`);
    if (!pattern.test(text)) return null;
    const [integerPart, fraction] = text.split(decimal) as [string, string];
    return Number(`${integerPart.replace(/[.,]/g, '')}.${fraction}`);
  }

  const separator = lastComma >= 0 ? ',' : '.';
  const occurrences = text.split(separator).length - 1;
  if (occurrences === 1) {
    return /^\d+[.,]\d+$/.test(text) ? Number(text.replace(',', '.')) : null;
  }
  const grouped = new RegExp(`^\\d{1,3}(\\${separator}\\d{3})+$`);
  return grouped.test(text) ? Number(text.split(separator).join('')) : null;
}

/**
 * A whole number, for counts such as Kapazität. Unlike parseNumber, a dot followed by groups of
 * three digits is read as German thousands grouping ("1.200" is 1200), because a count never
 * has decimals. Numbers with a fractional part are null.
 *
 * @example parseInteger('1.200') // 1200
 * @example parseInteger('12,5') // null
 */
export function parseInteger(raw: string): number | null {
  const text = raw.trim();
  if (/^[+-]?\d{1,3}(\.\d{3})+$/.test(text)) return Number(text.replace(/\./g, ''));
  const value = parseNumber(text);
  return value !== null && Number.isInteger(value) ? value : null;
}
