// German number formatting for everything the UI shows; one place so tables, panels and
// legends agree ("6.186", "1.234,5 km²", "12,3 %").

/**
 * A formatter made on first use. Building an Intl formatter loads locale data (milliseconds
 * each, a date formatter more), which the map's first view should not wait for.
 */
export function lazyFormatter<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

const integer = lazyFormatter(() => new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 }));
const oneDecimal = lazyFormatter(() => new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 }));

export function formatInteger(value: number): string {
  return integer().format(Math.round(value));
}

export function formatDecimal(value: number): string {
  return oneDecimal().format(value);
}

export function formatPercent(share: number): string {
  return `${oneDecimal().format(share * 100)} %`;
}

/** "2022-05-15" -> "15.05.2022" */
export function formatIsoDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}.${month}.${year}`;
}

const coordinate = lazyFormatter(() => new Intl.NumberFormat('de-DE', { minimumFractionDigits: 5, maximumFractionDigits: 5 }));

/** "51,54321° N, 9,93456° O" */
export function formatLngLat([lng, lat]: readonly [number, number]): string {
  return `${coordinate().format(Math.abs(lat))}° ${lat >= 0 ? 'N' : 'S'}, ${coordinate().format(Math.abs(lng))}° ${lng >= 0 ? 'O' : 'W'}`;
}

/** "2024", "03.2024" or "15.03.2024" from JJJJ, JJJJ-MM or JJJJ-MM-TT. */
export function formatPartialDate(value: string): string {
  const parts = value.split('-');
  if (parts.length === 3) return formatIsoDate(value);
  if (parts.length === 2) return `${parts[1]}.${parts[0]}`;
  return value;
}
