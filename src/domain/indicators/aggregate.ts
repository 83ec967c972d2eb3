import type { DataLevel } from './catalog';
import { dataTierOf, storedLevels, tierOf, type AreaHierarchy } from './hierarchy';

/**
 * Aggregation up the area tree, pure: sums of counts, and from them rates (summed numerator
 * over summed denominator, never an average of rates) and weighted means (summed products over
 * summed weights). An aggregate with a missing part has no value and says which parts are
 * missing: never a silently partial sum.
 */

/** Why an area has a value or not. „nicht-verfuegbar“: the data do not come this fine (or divide by zero). */
export type CellStatus = 'wert' | 'fehlt' | 'unvollstaendig' | 'nicht-verfuegbar';

export interface AggregateCell {
  wert: number | null;
  status: CellStatus;
  /** Keys of the areas at the data's level whose value is missing (empty when complete). */
  fehlend: readonly string[];
}

/** One stored value: a count or a mean of an area (AGS, Sozialraum id or Kreis AGS) on a date. */
export interface StoredValue {
  kennzahl: string;
  gebiet: string;
  stichtag: string;
  wert: number;
}

const RANK: Record<CellStatus, number> = { wert: 0, fehlt: 1, unvollstaendig: 2, 'nicht-verfuegbar': 3 };
const NOT_AVAILABLE: AggregateCell = Object.freeze({ wert: null, status: 'nicht-verfuegbar', fehlend: Object.freeze([]) as readonly string[] });

/** The worse of several statuses, with the missing parts of all of them. */
function worst(cells: readonly AggregateCell[]): AggregateCell {
  let status: CellStatus = 'wert';
  for (const cell of cells) if (RANK[cell.status] > RANK[status]) status = cell.status;
  if (status === 'nicht-verfuegbar') return NOT_AVAILABLE;
  return { wert: null, status, fehlend: [...new Set(cells.flatMap((cell) => cell.fehlend))] };
}

/** An aggregate over parts of which some lack a value. */
function incomplete(parts: readonly AggregateCell[]): AggregateCell {
  const cell = worst(parts);
  return cell.status === 'fehlt' ? { ...cell, status: 'unvollstaendig' } : cell;
}

/**
 * Sums one stored quantity up the tree. `byArea` holds the values at the data's level by area
 * id; areas below that level get „nicht-verfuegbar“, areas above the sum of their children
 * when every child has a value. For Kreis-level data the planning area shares the Kreis value
 * when it is the whole Kreis.
 */
export function aggregateSum(hierarchy: AreaHierarchy, level: DataLevel, byArea: ReadonlyMap<string, number>): Map<string, AggregateCell> {
  const cells = new Map<string, AggregateCell>();
  const baseTier = dataTierOf(level);
  const baseLevels = storedLevels(level);
  for (const node of hierarchy.nodes.values()) {
    if (baseLevels.includes(node.level)) {
      const value = byArea.get(node.id);
      cells.set(node.key, value === undefined ? { wert: null, status: 'fehlt', fehlend: [node.key] } : { wert: value, status: 'wert', fehlend: [] });
    } else if (tierOf(node.level) < baseTier || node.children.length === 0) {
      cells.set(node.key, NOT_AVAILABLE);
    } else {
      const parts = node.children.map((child) => cells.get(child) ?? NOT_AVAILABLE);
      cells.set(node.key, parts.every((part) => part.status === 'wert') ? { wert: sum(parts.map((part) => part.wert!)), status: 'wert', fehlend: [] } : incomplete(parts));
    }
  }
  if (level === 'kreis' && hierarchy.planningAreaIsKreis) cells.set(hierarchy.planningAreaKey, cells.get(hierarchy.kreisKey)!);
  return cells;
}

/** Adds numbers in a fixed order (the caller's), so every run gives the same last digit. */
const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

/** Area by area, the sum of several quantities (a numerator of several age groups). */
export function combineSums(parts: readonly ReadonlyMap<string, AggregateCell>[]): Map<string, AggregateCell> {
  if (parts.length === 1) return new Map(parts[0]);
  const combined = new Map<string, AggregateCell>();
  for (const key of parts[0]?.keys() ?? []) {
    const cells = parts.map((part) => part.get(key) ?? NOT_AVAILABLE);
    combined.set(key, cells.every((cell) => cell.status === 'wert') ? { wert: sum(cells.map((cell) => cell.wert!)), status: 'wert', fehlend: [] } : worst(cells));
  }
  return combined;
}

export interface RatioCell extends AggregateCell {
  zaehler: number | null;
  nenner: number | null;
}

/** numerator / denominator × factor, from the summed counts of the area. */
export function ratioCell(numerator: AggregateCell, denominator: AggregateCell, factor: number): RatioCell {
  if (numerator.status !== 'wert' || denominator.status !== 'wert') return { ...worst([numerator, denominator]), zaehler: numerator.wert, nenner: denominator.wert };
  if (denominator.wert === 0) return { ...NOT_AVAILABLE, zaehler: numerator.wert, nenner: 0 };
  return { wert: (numerator.wert! / denominator.wert!) * factor, status: 'wert', fehlend: [], zaehler: numerator.wert, nenner: denominator.wert };
}

/** Products mean × weight at the data's level, which sum up the tree like counts. */
export function productsOf(means: ReadonlyMap<string, number>, weights: ReadonlyMap<string, number>): Map<string, number> {
  const products = new Map<string, number>();
  for (const [area, mean] of means) {
    const weight = weights.get(area);
    if (weight !== undefined) products.set(area, mean * weight);
  }
  return products;
}

/** The latest of `dates` on or before `date` (ISO strings), or null. */
export function latestOnOrBefore(dates: readonly string[], date: string): string | null {
  let best: string | null = null;
  for (const candidate of dates) if (candidate <= date && (best === null || candidate > best)) best = candidate;
  return best;
}

/** Values by Kennzahl, date and area id, for the lookups of the aggregation. */
export type ValueIndex = ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, number>>>;

export function indexValues(values: readonly StoredValue[]): ValueIndex {
  const index = new Map<string, Map<string, Map<string, number>>>();
  for (const value of values) {
    let byDate = index.get(value.kennzahl);
    if (!byDate) index.set(value.kennzahl, (byDate = new Map()));
    let byArea = byDate.get(value.stichtag);
    if (!byArea) byDate.set(value.stichtag, (byArea = new Map()));
    byArea.set(value.gebiet, value.wert);
  }
  return index;
}

/** The dates with values of a Kennzahl, oldest first. */
export function datesOf(index: ValueIndex, kennzahl: string): string[] {
  return [...(index.get(kennzahl)?.keys() ?? [])].sort();
}

/** The dates on which every one of several Kennzahlen has values, oldest first. */
export function commonDates(index: ValueIndex, ids: readonly string[]): string[] {
  const [first, ...rest] = ids.map((id) => new Set(datesOf(index, id)));
  if (!first) return [];
  return [...first].filter((date) => rest.every((dates) => dates.has(date))).sort();
}
