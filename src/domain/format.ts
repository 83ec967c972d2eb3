// German number formatting for everything the UI shows; one place so tables, panels and
// legends agree ("6.186", "1.234,5 km²", "12,3 %").
const integer = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatInteger(value: number): string {
  return integer.format(Math.round(value));
}

export function formatDecimal(value: number): string {
  return oneDecimal.format(value);
}

export function formatPercent(share: number): string {
  return `${oneDecimal.format(share * 100)} %`;
}

/** "2022-05-15" -> "15.05.2022" */
export function formatIsoDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}.${month}.${year}`;
}
