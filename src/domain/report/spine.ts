import type { Polarity } from '../indicators/catalog';

/**
 * The spine chart of a Kennzahl in the report: the range of all Sozialräume, their middle half,
 * the planning area's value and this area's, with the rule for „deutlich“: outside the middle
 * half of the Sozialräume. Only published (protected) values go in, so the chart reveals
 * nothing the tables do not show.
 */

export interface SpineStats {
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  /** How many Sozialräume had a published value. */
  count: number;
}

export type SpineJudgement = 'besser' | 'schlechter' | 'hoeher' | 'niedriger' | 'mittel';

export const SPINE_RULE = 'Deutlich über oder unter dem Üblichen: außerhalb der mittleren Hälfte (1. bis 3. Quartil) der veröffentlichten Werte aller Sozialräume.';

/** Quantile by linear interpolation between the order statistics (type 7, as R and spreadsheets). */
function quantile(sorted: readonly number[], p: number): number {
  const position = (sorted.length - 1) * p;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

/** null with fewer than 4 values: quartiles of three areas say nothing. */
export function spineStats(values: readonly number[]): SpineStats | null {
  if (values.length < 4) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0]!, q1: quantile(sorted, 0.25), median: quantile(sorted, 0.5), q3: quantile(sorted, 0.75), max: sorted.at(-1)!, count: sorted.length };
}

export function judge(stats: SpineStats, value: number, polarity: Polarity): SpineJudgement {
  const side = value > stats.q3 ? 1 : value < stats.q1 ? -1 : 0;
  if (side === 0) return 'mittel';
  if (polarity === 'neutral') return side > 0 ? 'hoeher' : 'niedriger';
  return (side > 0) === (polarity === 'hoeher-besser') ? 'besser' : 'schlechter';
}

export const JUDGEMENT_TEXT: Record<SpineJudgement, string> = {
  besser: 'deutlich besser',
  schlechter: 'deutlich schlechter',
  hoeher: 'deutlich höher',
  niedriger: 'deutlich niedriger',
  mittel: 'im mittleren Bereich',
};
