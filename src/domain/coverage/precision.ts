import { formatInteger, formatPercent } from '../format';
import type { SurfaceMethod } from './surface';

/**
 * How precisely a figure may be shown. Only a Zensus 2022 100 m grid counts residents where they
 * live; every other surface estimates where they live, so residents reached or not reached are
 * rounded to hundreds and marked „ca.“, and shares are whole percents. The inhabitants of a
 * Sozialraum stay exact where the surface keeps the municipal Zensus totals (the Zensus 2011
 * distribution and the GeoNames fallback do; a 1 km grid does not).
 */
export interface Precision {
  /** Residents reached / not reached, and shares of them. */
  erreicht: 'exakt' | 'gerundet';
  /** Inhabitants of an area. */
  einwohner: 'exakt' | 'gerundet';
}

export function precisionOf(method: Pick<SurfaceMethod, 'kind' | 'genauigkeit'>): Precision {
  if (method.genauigkeit === 'exakt') return { erreicht: 'exakt', einwohner: 'exakt' };
  return { erreicht: 'gerundet', einwohner: method.kind === 'zensus-gitter' ? 'gerundet' : 'exakt' };
}

export const EXACT: Precision = { erreicht: 'exakt', einwohner: 'exakt' };

/** Whole people, or hundreds. */
export function roundResidents(value: number, rounding: Precision['erreicht']): number {
  return rounding === 'exakt' ? Math.round(value) : Math.round(value / 100) * 100;
}

/**
 * „12.345“ exactly, or „ca. 12.300“; below 50 an estimate says „unter 50“ rather than a false 0.
 *
 * @example formatResidents(95_926.4, 'gerundet') // 'ca. 95.900'
 */
export function formatResidents(value: number, rounding: Precision['erreicht']): string {
  if (rounding === 'exakt') return formatInteger(value);
  if (value < 0.5) return '0';
  if (value < 50) return 'unter 50';
  return `ca. ${formatInteger(roundResidents(value, rounding))}`;
}

/** „47,7 %“ exactly, or „ca. 48 %“. */
export function formatShare(share: number, rounding: Precision['erreicht']): string {
  return rounding === 'exakt' ? formatPercent(share) : `ca. ${formatInteger(share * 100)} %`;
}

/** A change of residents: „+1.240“ exactly, „ca. +1.200“ rounded, „±0“. */
export function formatResidentChange(value: number, rounding: Precision['erreicht']): string {
  const rounded = roundResidents(value, rounding);
  if (rounded === 0) return rounding === 'exakt' || Math.abs(value) < 0.5 ? '±0' : value > 0 ? '+ unter 50' : '− unter 50';
  const text = `${rounded > 0 ? '+' : '−'}${formatInteger(Math.abs(rounded))}`;
  return rounding === 'exakt' ? text : `ca. ${text}`;
}
