import {
  aggregateSum,
  combineSums,
  commonDates,
  datesOf,
  indexValues,
  latestOnOrBefore,
  productsOf,
  ratioCell,
  type AggregateCell,
  type StoredValue,
} from './aggregate';
import { findDefinition, isStored, type IndicatorCatalogue, type IndicatorDefinition, type MeanDefinition, type RatioDefinition } from './catalog';
import { belowValidity, nodeOf, type AreaHierarchy } from './hierarchy';
import { cellId, protect, smallCount, type Composition, type QuantityTable, type SuppressionReason } from './protection';

/**
 * Every figure of a district, protected: the one place that turns stored values into what map,
 * table, profile, export, API and command line show. Built once from the catalogue, the area
 * tree and all stored values; the protection pattern is computed over all of them at once, so
 * every view of the same data withholds the same cells.
 */

/** „geschuetzt“: what anyone may see. „intern“: planners' unprotected view, never exported. */
export type View = 'geschuetzt' | 'intern';
export type ValueStatus = 'wert' | 'geheim' | 'fehlt' | 'unvollstaendig' | 'nicht-verfuegbar';
/** Why a figure is withheld (told only in the internal view: the protected view must not reveal which were 1 or 2). */
export type WithholdReason = SuppressionReason | 'mindestnenner' | 'mindestgewicht';

export interface IndicatorValue {
  /** null unless status is „wert“ (or the internal view of a withheld figure). */
  wert: number | null;
  status: ValueStatus;
  /** Withheld to protect small numbers; in the internal view the value is there all the same. */
  geheim: boolean;
  grund: WithholdReason | null;
  /** Areas at the data's level whose values are missing from this aggregate. */
  fehlend: readonly string[];
  /** Rates: the summed numerator and denominator; means: Σ mean × weight and Σ weight. */
  zaehler: number | null;
  nenner: number | null;
  /** The date of the denominator (or weight), where it differs from the value's. */
  nennerStichtag: string | null;
  /** A rate or mean of an area below the district's validity threshold. */
  unsicher: boolean;
}

export interface IndicatorDataset {
  readonly catalogue: IndicatorCatalogue;
  readonly hierarchy: AreaHierarchy;
  definition(id: string): IndicatorDefinition | undefined;
  /** The dates with figures, oldest first. */
  dates(id: string): string[];
  value(id: string, areaKey: string, date: string, view: View): IndicatorValue;
}

const EMPTY = new Map<string, number>();
const NO_DATA: IndicatorValue = Object.freeze({
  wert: null,
  status: 'fehlt',
  geheim: false,
  grund: null,
  fehlend: Object.freeze([]) as readonly string[],
  zaehler: null,
  nenner: null,
  nennerStichtag: null,
  unsicher: false,
});

/** A cell for an area the quantity has nothing for. */
const MISSING_CELL: AggregateCell = Object.freeze({ wert: null, status: 'fehlt', fehlend: Object.freeze([]) as readonly string[] });

const quantityOf = (ids: readonly string[]): string => (ids.length === 1 ? ids[0]! : `summe:${ids.join('+')}`);

export function createDataset(catalogue: IndicatorCatalogue, hierarchy: AreaHierarchy, values: readonly StoredValue[]): IndicatorDataset {
  const definitions = new Map(catalogue.entries.map((entry) => [entry.definition.id, entry.definition]));
  const index = indexValues(
    values.filter((value) => {
      const definition = definitions.get(value.kennzahl);
      return definition !== undefined && isStored(definition);
    }),
  );
  const memo = new Map<string, Map<string, AggregateCell>>();

  /** Minimum of a count's primary rule, or null when its figures are published unprotected. */
  const minimumOf = (id: string): number | null => {
    const definition = definitions.get(id);
    if (!definition || definition.art !== 'anzahl') return null;
    const rule = definition.geheimhaltung ?? { mindestwert: catalogue.geheimhaltung.mindestwert };
    return rule === 'keine' ? null : rule.mindestwert;
  };

  const weightDate = (mean: MeanDefinition, date: string) => latestOnOrBefore(datesOf(index, mean.gewicht), date);

  function cells(quantity: string, date: string): Map<string, AggregateCell> {
    const key = `${quantity}|${date}`;
    const known = memo.get(key);
    if (known) return known;
    let result: Map<string, AggregateCell>;
    if (quantity.startsWith('summe:')) {
      result = combineSums(quantity.slice(6).split('+').map((id) => cells(id, date)));
    } else if (quantity.startsWith('produkt:')) {
      const mean = definitions.get(quantity.slice(8)) as MeanDefinition;
      const weightOn = weightDate(mean, date);
      const products = productsOf(index.get(mean.id)?.get(date) ?? EMPTY, weightOn ? (index.get(mean.gewicht)?.get(weightOn) ?? EMPTY) : EMPTY);
      result = aggregateSum(hierarchy, mean.ebene, products);
    } else if (quantity.startsWith('zeitraum:')) {
      const id = quantity.slice(9);
      result = combineSums(datesOf(index, id).map((each) => cells(id, each)));
    } else {
      const definition = definitions.get(quantity);
      result = definition && isStored(definition) ? aggregateSum(hierarchy, definition.ebene, index.get(quantity)?.get(date) ?? EMPTY) : new Map();
    }
    memo.set(key, result);
    return result;
  }

  const withheld = computeProtection();

  function computeProtection(): Map<string, SuppressionReason> {
    const tables: QuantityTable[] = [];
    const compositions: Composition[] = [];
    const seen = new Set<string>();
    const addTable = (quantity: string, date: string, minimum: number) => {
      if (seen.has(`${quantity}|${date}`)) return;
      seen.add(`${quantity}|${date}`);
      tables.push({ quantity, date, cells: cells(quantity, date), primary: smallCount(minimum) });
    };
    for (const definition of definitions.values()) {
      if (definition.art !== 'anzahl') continue;
      const minimum = minimumOf(definition.id);
      if (minimum === null) continue;
      const dates = datesOf(index, definition.id);
      for (const date of dates) addTable(definition.id, date, minimum);
      if (definition.zeitraumSumme && dates.length > 1) {
        addTable(`zeitraum:${definition.id}`, 'zeitraum', minimum);
        compositions.push({ sum: { quantity: `zeitraum:${definition.id}`, date: 'zeitraum' }, parts: dates.map((date) => ({ quantity: definition.id, date })) });
      }
    }
    for (const definition of definitions.values()) {
      if (definition.art !== 'anteil' && definition.art !== 'quote') continue;
      for (const ids of [definition.zaehler, definition.nenner]) {
        const minima = ids.map(minimumOf).filter((minimum): minimum is number => minimum !== null);
        if (ids.length < 2 || minima.length === 0) continue;
        for (const date of commonDates(index, ids)) {
          addTable(quantityOf(ids), date, Math.max(...minima));
          compositions.push({ sum: { quantity: quantityOf(ids), date }, parts: ids.map((id) => ({ quantity: id, date })) });
        }
      }
    }
    const outcome = new Map(protect(hierarchy, tables, compositions).withheld);

    // Means second: a withheld weight withholds its product too, or the mean and the published
    // products of the others would give the weight back.
    const productTables: QuantityTable[] = [];
    for (const definition of definitions.values()) {
      if (definition.art !== 'mittelwert') continue;
      if (definition.mindestGewicht === undefined && minimumOf(definition.gewicht) === null) continue;
      for (const date of datesOf(index, definition.id)) {
        const weightOn = weightDate(definition, date);
        const weights = weightOn ? cells(definition.gewicht, weightOn) : new Map<string, AggregateCell>();
        const minimum = definition.mindestGewicht ?? 0;
        productTables.push({
          quantity: `produkt:${definition.id}`,
          date,
          cells: cells(`produkt:${definition.id}`, date),
          primary: (area) => {
            const weight = weights.get(area);
            return (weight?.wert ?? 0) < minimum || (weightOn !== null && outcome.has(cellId(definition.gewicht, weightOn, area)));
          },
        });
      }
    }
    for (const [id, reason] of protect(hierarchy, productTables).withheld) outcome.set(id, reason);
    return outcome;
  }

  function dates(id: string): string[] {
    const definition = definitions.get(id);
    if (!definition) return [];
    if (isStored(definition)) return datesOf(index, id);
    const denominatorDates = commonDates(index, definition.nenner);
    return commonDates(index, definition.zaehler).filter((date) => latestOnOrBefore(denominatorDates, date) !== null);
  }

  function present(
    cell: AggregateCell,
    reason: WithholdReason | null,
    view: View,
    extra: Pick<IndicatorValue, 'zaehler' | 'nenner' | 'nennerStichtag' | 'unsicher'>,
  ): IndicatorValue {
    if (cell.status !== 'wert') return { wert: null, status: cell.status, geheim: false, grund: null, fehlend: cell.fehlend, ...extra, zaehler: null, nenner: null, unsicher: false };
    if (reason === null) return { wert: cell.wert, status: 'wert', geheim: false, grund: null, fehlend: [], ...extra };
    if (view === 'intern') return { wert: cell.wert, status: 'wert', geheim: true, grund: reason, fehlend: [], ...extra };
    return { wert: null, status: 'geheim', geheim: true, grund: null, fehlend: [], ...extra, zaehler: null, nenner: null };
  }

  function ratioValue(definition: RatioDefinition, areaKey: string, date: string, view: View): IndicatorValue {
    if (!commonDates(index, definition.zaehler).includes(date)) return NO_DATA;
    const denominatorDate = latestOnOrBefore(commonDates(index, definition.nenner), date);
    if (denominatorDate === null) return NO_DATA;
    const numeratorQuantity = quantityOf(definition.zaehler);
    const denominatorQuantity = quantityOf(definition.nenner);
    const cell = ratioCell(
      cells(numeratorQuantity, date).get(areaKey) ?? MISSING_CELL,
      cells(denominatorQuantity, denominatorDate).get(areaKey) ?? MISSING_CELL,
      definition.faktor,
    );
    const reason =
      withheld.get(cellId(numeratorQuantity, date, areaKey)) ??
      withheld.get(cellId(denominatorQuantity, denominatorDate, areaKey)) ??
      (definition.mindestNenner !== undefined && cell.nenner !== null && cell.nenner < definition.mindestNenner ? 'mindestnenner' : null);
    return present(cell, reason, view, {
      zaehler: cell.zaehler,
      nenner: cell.nenner,
      nennerStichtag: denominatorDate === date ? null : denominatorDate,
      unsicher: belowValidity(hierarchy, nodeOf(hierarchy, areaKey)),
    });
  }

  function meanValue(definition: MeanDefinition, areaKey: string, date: string, view: View): IndicatorValue {
    const weightOn = weightDate(definition, date);
    if (!datesOf(index, definition.id).includes(date) || weightOn === null) return NO_DATA;
    const product = cells(`produkt:${definition.id}`, date).get(areaKey) ?? MISSING_CELL;
    const weight = cells(definition.gewicht, weightOn).get(areaKey) ?? MISSING_CELL;
    const cell = ratioCell(product, weight, 1);
    const reason =
      withheld.get(cellId(`produkt:${definition.id}`, date, areaKey)) ??
      withheld.get(cellId(definition.gewicht, weightOn, areaKey)) ??
      (definition.mindestGewicht !== undefined && cell.nenner !== null && cell.nenner < definition.mindestGewicht ? 'mindestgewicht' : null);
    return present(cell, reason, view, {
      zaehler: cell.zaehler,
      nenner: cell.nenner,
      nennerStichtag: weightOn === date ? null : weightOn,
      unsicher: belowValidity(hierarchy, nodeOf(hierarchy, areaKey)),
    });
  }

  function value(id: string, areaKey: string, date: string, view: View): IndicatorValue {
    const definition = definitions.get(id);
    if (!definition || !hierarchy.nodes.has(areaKey)) return NO_DATA;
    if (definition.art === 'anteil' || definition.art === 'quote') return ratioValue(definition, areaKey, date, view);
    if (definition.art === 'mittelwert') return meanValue(definition, areaKey, date, view);
    // Counts from here on.
    // A total over the years exists only where the catalogue shows one; it was protected with the years.
    if (date === 'zeitraum' && definition.zeitraumSumme !== true) return NO_DATA;
    const quantity = date === 'zeitraum' ? `zeitraum:${id}` : id;
    const cell = cells(quantity, date).get(areaKey) ?? MISSING_CELL;
    return present(cell, withheld.get(cellId(quantity, date, areaKey)) ?? null, view, { zaehler: null, nenner: null, nennerStichtag: null, unsicher: false });
  }

  return { catalogue, hierarchy, definition: (id) => findDefinition(catalogue, id), dates, value };
}
