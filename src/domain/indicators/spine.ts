import { quantileSorted } from 'simple-statistics';
import type { IndicatorDefinition, Polarity } from './catalog';
import type { IndicatorDataset, View } from './dataset';
import { areasOf, nodeOf, type AreaLevel, type AreaNode } from './hierarchy';

/**
 * The spine chart of a Kennzahl on a date (as the English public-health profiles draw it): the
 * range of all comparison areas, their middle half, the planning area's value and this area's,
 * classed by the Kennzahl's polarity with a rule the reader is told. And the trend of an area
 * over every date the Kennzahl has, with the breaks of the series.
 *
 * Every figure is read from the dataset in the view asked for, so in the protected view a
 * withheld value is simply not among the figures: it neither widens the range nor moves a
 * quartile, and the spine says how many areas it leaves out.
 */

/** How an area's value compares with the middle half of the comparison areas. */
export type SpineClass = 'besser' | 'schlechter' | 'mittel' | 'hoeher' | 'niedriger' | 'keine-wertung' | 'kein-wert';

/** Fewer comparison values than this and no area is called „deutlich“ anything. */
export const SPINE_MINIMUM_AREAS = 4;

export interface Spine {
  /** The level of the comparison areas and how they are named: „Sozialräume“. */
  vergleich: { ebene: AreaLevel; name: string; anzahl: number; ohneWert: number };
  min: number | null;
  q1: number | null;
  median: number | null;
  q3: number | null;
  max: number | null;
  planungsraum: number | null;
  gebiet: number | null;
  klasse: SpineClass;
  /** The class as the reader reads it: „deutlich besser als die mittlere Hälfte der Sozialräume“. */
  klasseText: string;
  /** The stated rule, shown beside every spine chart. */
  regel: string;
}

const PLURAL: Partial<Record<AreaLevel, string>> = { sozialraum: 'Sozialräume', sozialregion: 'Sozialregionen', gemeinde: 'Gemeinden' };

/** The areas an area is compared with: those of its own level, Sozialräume for the planning area and the Kreis. */
export function comparisonLevel(node: AreaNode): AreaLevel {
  if (node.level === 'sozialregion' || node.level === 'gemeinde') return node.level;
  return 'sozialraum';
}

export function spineRule(levelName: string): string {
  return (
    `Deutlich besser oder schlechter: der Wert liegt außerhalb der mittleren Hälfte der ${levelName} (unter dem unteren oder über dem oberen Quartil), ` +
    `gewertet nach der Richtung der Kennzahl; bei neutralen Kennzahlen nur „höher“ oder „niedriger“. ` +
    `Gewertet wird erst ab ${SPINE_MINIMUM_AREAS} ${levelName} mit Wert; geschützte und fehlende Werte zählen nicht mit.`
  );
}

/** The class of a value against the quartiles, by polarity (pure, for the legend and the tests). */
export function classify(value: number | null, q1: number | null, q3: number | null, polarity: Polarity, count: number): SpineClass {
  if (value === null) return 'kein-wert';
  if (q1 === null || q3 === null || count < SPINE_MINIMUM_AREAS) return 'keine-wertung';
  const side = value > q3 ? 'hoch' : value < q1 ? 'niedrig' : 'mitte';
  if (side === 'mitte') return 'mittel';
  if (polarity === 'neutral') return side === 'hoch' ? 'hoeher' : 'niedriger';
  const better = (side === 'hoch') === (polarity === 'hoeher-besser');
  return better ? 'besser' : 'schlechter';
}

export function classText(klasse: SpineClass, levelName: string): string {
  switch (klasse) {
    case 'besser':
      return `deutlich besser als die mittlere Hälfte der ${levelName}`;
    case 'schlechter':
      return `deutlich schlechter als die mittlere Hälfte der ${levelName}`;
    case 'hoeher':
      return `höher als die mittlere Hälfte der ${levelName} (neutral)`;
    case 'niedriger':
      return `niedriger als die mittlere Hälfte der ${levelName} (neutral)`;
    case 'mittel':
      return `in der mittleren Hälfte der ${levelName}`;
    case 'keine-wertung':
      return `keine Wertung (weniger als ${SPINE_MINIMUM_AREAS} ${levelName} mit Wert)`;
    case 'kein-wert':
      return 'kein Wert für dieses Gebiet';
  }
}

/** Range, quartiles (type 7 of simple-statistics' quantileSorted) of the values present. */
export function spineStatistics(values: readonly (number | null)[]): Pick<Spine, 'min' | 'q1' | 'median' | 'q3' | 'max'> {
  const sorted = values.filter((value): value is number => value !== null).sort((a, b) => a - b);
  if (sorted.length === 0) return { min: null, q1: null, median: null, q3: null, max: null };
  return {
    min: sorted[0]!,
    q1: quantileSorted(sorted, 0.25),
    median: quantileSorted(sorted, 0.5),
    q3: quantileSorted(sorted, 0.75),
    max: sorted.at(-1)!,
  };
}

const figure = (dataset: IndicatorDataset, id: string, key: string, date: string, view: View): number | null => {
  const value = dataset.value(id, key, date, view);
  return value.status === 'wert' ? value.wert : null;
};

/** The spine of one Kennzahl on one date for an area, compared with the areas of `comparisonLevel`. */
export function spineOf(dataset: IndicatorDataset, definition: IndicatorDefinition, areaKey: string, date: string, view: View): Spine {
  const { hierarchy } = dataset;
  const node = nodeOf(hierarchy, areaKey);
  const level = comparisonLevel(node);
  const levelName = PLURAL[level] ?? level;
  const areas = areasOf(hierarchy, level);
  const values = areas.map((area) => figure(dataset, definition.id, area.key, date, view));
  const present = values.filter((value) => value !== null).length;
  const stats = spineStatistics(values);
  const own = figure(dataset, definition.id, areaKey, date, view);
  const klasse = classify(own, stats.q1, stats.q3, definition.polaritaet, present);
  return {
    vergleich: { ebene: level, name: levelName, anzahl: present, ohneWert: areas.length - present },
    ...stats,
    planungsraum: figure(dataset, definition.id, hierarchy.planningAreaKey, date, view),
    gebiet: own,
    klasse,
    klasseText: classText(klasse, levelName),
    regel: spineRule(levelName),
  };
}

export interface TrendPoint {
  stichtag: string;
  /** null for a withheld (protected view), missing or incomplete figure: a gap in the line. */
  wert: number | null;
  planungsraum: number | null;
  /** As shown: „12,5 %“, „•“, „–“. */
  text: string;
}

export interface Trend {
  punkte: TrendPoint[];
  /** Breaks of the series inside the range shown: the line is not drawn across them. */
  brueche: { ab: string; hinweis: string }[];
}

/**
 * An area's figures on every date the Kennzahl has, oldest first, with the planning area's; the
 * breaks (e.g. the Zensus 2011) that fall after the first date, so the chart can mark them.
 */
export function trendOf(
  dataset: IndicatorDataset,
  definition: IndicatorDefinition,
  areaKey: string,
  view: View,
  textOf: (definition: IndicatorDefinition, value: ReturnType<IndicatorDataset['value']>) => string,
): Trend {
  const { hierarchy } = dataset;
  const dates = dataset.dates(definition.id).filter((date) => date !== 'zeitraum');
  const punkte = dates.map((date) => {
    const value = dataset.value(definition.id, areaKey, date, view);
    return {
      stichtag: date,
      wert: value.status === 'wert' ? value.wert : null,
      planungsraum: figure(dataset, definition.id, hierarchy.planningAreaKey, date, view),
      text: textOf(definition, value),
    };
  });
  const first = dates[0];
  const last = dates.at(-1);
  const brueche = (definition.brueche ?? []).filter((entry) => first !== undefined && last !== undefined && entry.ab > first && entry.ab <= last);
  return { punkte, brueche: brueche.map(({ ab, hinweis }) => ({ ab, hinweis })) };
}

/** Whether the line between two neighbouring points crosses a break of the series. */
export function crossesBreak(trend: Trend, from: string, to: string): boolean {
  return trend.brueche.some((entry) => entry.ab > from && entry.ab <= to);
}
