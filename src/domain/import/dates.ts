/**
 * Dates as they appear in German lists, normalised to ISO 8601 as the facility model stores
 * them. German day-first dates ("01.05.2024", "1.5.2024") and ISO dates ("2024-05-01") are read;
 * a time after the date (Excel writes "01.05.2024 00:00") is ignored. Two-digit years and
 * month-first dates are not read, because they cannot be told apart reliably.
 */

/**
 * A complete calendar date as "JJJJ-MM-TT", or null.
 *
 * @example parseDate('1.5.2024') // '2024-05-01'
 * @example parseDate('31.02.2024') // null
 */
export function parseDate(raw: string): string | null {
  const text = stripTime(raw.trim());
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (german) return isoDate(Number(german[3]), Number(german[2]), Number(german[1]));
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return null;
}

/**
 * A year, month or day as "JJJJ", "JJJJ-MM" or "JJJJ-MM-TT" (the precision of "Förderung seit"),
 * or null. Months may be written "05.2019", "5/2019" or "2019-05".
 *
 * @example parsePartialDate('05/2019') // '2019-05'
 * @example parsePartialDate('2019') // '2019'
 */
export function parsePartialDate(raw: string): string | null {
  const text = raw.trim();
  if (/^\d{4}$/.test(text)) return plausibleYear(Number(text)) ? text : null;
  const germanMonth = /^(\d{1,2})[./](\d{4})$/.exec(text);
  const isoMonth = /^(\d{4})-(\d{2})$/.exec(text);
  if (germanMonth || isoMonth) {
    const year = Number(germanMonth ? germanMonth[2] : isoMonth![1]);
    const month = Number(germanMonth ? germanMonth[1] : isoMonth![2]);
    return plausibleYear(year) && month >= 1 && month <= 12 ? `${year}-${pad(month)}` : null;
  }
  return parseDate(text);
}

function stripTime(text: string): string {
  return text.replace(/[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/, '');
}

function plausibleYear(year: number): boolean {
  return year >= 1900 && year <= 2100;
}

function isoDate(year: number, month: number, day: number): string | null {
  if (!plausibleYear(year) || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth ? `${year}-${pad(month)}-${pad(day)}` : null;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
