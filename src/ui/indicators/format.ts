import type { Polarity } from '../../domain/indicators/catalog';
import type { IndicatorSource } from '../../domain/indicators/catalog';

const numberFormat = (decimals: number) => new Intl.NumberFormat('de-DE', { minimumFractionDigits: 0, maximumFractionDigits: decimals });

/** A class bound or an axis figure: up to one decimal, the unit behind a per cent. */
export function figureText(value: number, unit: string): string {
  const text = numberFormat(Math.abs(value) >= 100 ? 0 : 1).format(value);
  return unit === '%' ? `${text} %` : text;
}

export const POLARITY_TEXT: Record<Polarity, string> = {
  'hoeher-besser': 'höher ist besser',
  'niedriger-besser': 'niedriger ist besser',
  neutral: 'neutral (weder höher noch niedriger ist besser)',
};

/** „Quelle: 12411-01-01-5 …, Landesamt für Statistik Niedersachsen, dl-de/by-2-0“. */
export function sourceText(source: IndicatorSource): string {
  return `Quelle: ${source.tabelle}; ${source.namensnennung}${source.lizenz && !source.namensnennung.includes(source.lizenz) ? `, ${source.lizenz}` : ''}`;
}
