import { ckmeans, equalIntervalBreaks, quantileSorted } from 'simple-statistics';
import type { LevelValuesResponse } from './schema';

/**
 * The indicator map's classes: breaks by quantiles, equal intervals or natural breaks (Jenks-like
 * optimal 1-D k-means, simple-statistics' ckmeans), each area's class, and the legend with the
 * count per class. Withheld and missing figures get no class: they are drawn hatched with „•“
 * and as missing, and counted in the legend apart.
 */

export const CLASS_METHODS = ['quantile', 'gleich', 'natuerlich'] as const;
export type ClassMethod = (typeof CLASS_METHODS)[number];
export const CLASS_METHOD_LABELS: Record<ClassMethod, string> = {
  quantile: 'Quantile (gleich viele Gebiete je Klasse)',
  gleich: 'Gleiche Intervalle',
  natuerlich: 'Natürliche Brüche (ckmeans)',
};

/** Classes drawn at most; fewer when there are fewer distinct values. */
export const CLASS_COUNT = 5;

/**
 * Five sequential classes, light to dark (ColorBrewer YlGnBu: colour-blind safe and readable in
 * grey). Neutral by design: whether high is good is told by the polarity in the legend, not by
 * red and green, which many readers cannot tell apart.
 */
export const CLASS_COLOURS = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'] as const;
export const MISSING_FILL = '#bdbdbd';

/** Upper bounds of the classes but the last (ascending): value ≤ bound[i] is class i. */
export function classBreaks(values: readonly number[], method: ClassMethod, count = CLASS_COUNT): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const distinct = new Set(sorted).size;
  if (distinct < 2) return [];
  // Equal intervals split the range whatever the values; the others cannot make more classes than values.
  const classes = method === 'gleich' ? count : Math.min(count, distinct);
  let bounds: number[];
  if (method === 'quantile') {
    bounds = Array.from({ length: classes - 1 }, (_, index) => quantileSorted(sorted, (index + 1) / classes));
  } else if (method === 'gleich') {
    // equalIntervalBreaks gives min, the inner breaks and max.
    bounds = equalIntervalBreaks(sorted, classes).slice(1, -1);
  } else {
    // Each cluster's last value is its upper bound.
    bounds = ckmeans(sorted, classes)
      .slice(0, -1)
      .map((cluster) => cluster.at(-1)!);
  }
  return [...new Set(bounds)].sort((a, b) => a - b);
}

export function classOf(value: number, breaks: readonly number[]): number {
  const index = breaks.findIndex((bound) => value <= bound);
  return index === -1 ? breaks.length : index;
}

export interface LegendClass {
  /** Index into the colours, spread over the palette when there are fewer classes. */
  colour: string;
  from: number;
  to: number;
  count: number;
}

export interface AreaClass {
  id: string;
  /** Class index, or null for a withheld or missing figure. */
  klasse: number | null;
  colour: string | null;
  status: 'wert' | 'geheim' | 'fehlt';
  unsicher: boolean;
}

export interface Choropleth {
  method: ClassMethod;
  breaks: number[];
  legend: LegendClass[];
  areas: AreaClass[];
  withheld: number;
  missing: number;
  uncertain: number;
}

/** The palette for n classes: spread over the five colours, so two classes are light and dark. */
export function paletteFor(classes: number): string[] {
  if (classes <= 1) return [CLASS_COLOURS[2]];
  return Array.from({ length: classes }, (_, index) => CLASS_COLOURS[Math.round((index * (CLASS_COLOURS.length - 1)) / (classes - 1))]!);
}

/**
 * Classes of the Sozialräume of a level's values, by id. Areas outside the Sozialraum system
 * (Stadt Göttingen) are not on the choropleth and so neither move its breaks nor count in it.
 */
export function choropleth(response: Pick<LevelValuesResponse, 'werte'>, method: ClassMethod): Choropleth {
  const werte = response.werte.filter((entry) => entry.ebene !== 'ausserhalb');
  const present = werte.filter((entry) => entry.wert.status === 'wert' && entry.wert.wert !== null);
  const values = present.map((entry) => entry.wert.wert!);
  const breaks = classBreaks(values, method);
  const classes = values.length === 0 ? 0 : breaks.length + 1;
  const colours = paletteFor(classes);
  const sorted = [...values].sort((a, b) => a - b);
  const legend: LegendClass[] = Array.from({ length: classes }, (_, index) => ({
    colour: colours[index]!,
    from: index === 0 ? sorted[0]! : breaks[index - 1]!,
    to: index === breaks.length ? sorted.at(-1)! : breaks[index]!,
    count: 0,
  }));
  const areas: AreaClass[] = werte.map((entry) => {
    const unsicher = entry.wert.unsicher;
    if (entry.wert.status === 'geheim') return { id: entry.id, klasse: null, colour: null, status: 'geheim', unsicher };
    if (entry.wert.status !== 'wert' || entry.wert.wert === null) return { id: entry.id, klasse: null, colour: null, status: 'fehlt', unsicher: false };
    const klasse = classOf(entry.wert.wert, breaks);
    legend[klasse]!.count += 1;
    return { id: entry.id, klasse, colour: colours[klasse]!, status: 'wert', unsicher };
  });
  return {
    method,
    breaks,
    legend,
    areas,
    withheld: areas.filter((area) => area.status === 'geheim').length,
    missing: areas.filter((area) => area.status === 'fehlt').length,
    uncertain: areas.filter((area) => area.unsicher && area.status === 'wert').length,
  };
}
