import { formatIsoDate } from '../format';
import { latestOnOrBefore } from './aggregate';
import { dataLevelOf, decimalsOf, type IndicatorDefinition, type IndicatorSource } from './catalog';
import type { IndicatorDataset, IndicatorValue, View } from './dataset';
import { areasOf, nodeOf, regionOf, type AreaHierarchy, type AreaLevel, type AreaNode } from './hierarchy';
import { similarAreas, SIMILAR_WITHIN } from './similar';
import { comparisonLevel, spineOf, trendOf } from './spine';
import {
  INTERNAL_VIEW_NOTE,
  type CatalogueItem,
  type CatalogueResponse,
  type LevelValuesResponse,
  type ProfileEntry,
  type ProfileResponse,
  type SimilarResponse,
  type ViewLevel,
} from './schema';

/**
 * What map, table, profile, API and command line show of a dataset: the catalogue with its
 * dates, one Kennzahl on one date at one level, and the profile of an area. Every figure comes
 * from the dataset (the one aggregation and protection), formatted once here.
 */

/** The source of the values of a Kennzahl on a date (a value may name another than its definition). */
export type SourceLookup = (definition: IndicatorDefinition, date: string) => IndicatorSource;

export const definitionSource: SourceLookup = (definition) => definition.quelle;

const formats = new Map<number, Intl.NumberFormat>();
/** One formatter per number of decimals: building an Intl.NumberFormat costs far more than using one (the report formats thousands). */
function number(decimals: number): Intl.NumberFormat {
  let format = formats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('de-DE', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    formats.set(decimals, format);
  }
  return format;
}

/** „12,5 %“, „6.519“, „•“ for a protected figure, „–“ without one. */
export function valueText(definition: IndicatorDefinition, value: IndicatorValue): string {
  if (value.status === 'geheim') return '•';
  if (value.status === 'fehlt') return '–';
  if (value.status === 'unvollstaendig') return 'unvollständig';
  if (value.status === 'nicht-verfuegbar') return 'nicht verfügbar';
  const text = number(decimalsOf(definition)).format(value.wert!);
  const shown = value.geheim ? `${text} (geschützt)` : text;
  return definition.einheit === '%' ? `${shown} %` : shown;
}

/** How old a figure is, as the reader must see it: „Stand 31.12.2015“, „Jahressumme 2015“, „Jahresdurchschnitt 2016“. */
export function dateLabel(definition: IndicatorDefinition, date: string): string {
  const year = date.slice(0, 4);
  if (definition.zeitbezug === 'jahressumme') return `Jahressumme ${year}`;
  if (definition.zeitbezug === 'jahresdurchschnitt') return `Jahresdurchschnitt ${year}`;
  return `Stand ${formatIsoDate(date)}`;
}

export function validityNote(threshold: number): string {
  return `Gebiete unter ${new Intl.NumberFormat('de-DE').format(threshold)} Einwohnern: Anteile und Quoten sind statistisch unsicher (kleine Fallzahlen); der Wert der Sozialregion ist verlässlicher.`;
}

function privacyText(dataset: IndicatorDataset, definition: IndicatorDefinition): string {
  if (definition.art === 'anzahl') {
    const rule = definition.geheimhaltung ?? { mindestwert: dataset.catalogue.geheimhaltung.mindestwert };
    if (rule === 'keine') return 'ohne Geheimhaltung veröffentlicht';
    return `Werte unter ${rule.mindestwert} als „•“, dazu Werte, aus denen sie sich errechnen ließen`;
  }
  if (definition.art === 'mittelwert') return definition.mindestGewicht ? `geschützt, wenn das Gewicht unter ${definition.mindestGewicht} liegt` : 'geschützt wie das Gewicht';
  return `geschützt wie Zähler und Nenner${definition.mindestNenner ? `; Nenner unter ${definition.mindestNenner}: „•“` : ''}`;
}

export function catalogueResponse(dataset: IndicatorDataset, versions: ReadonlyMap<string, number> = new Map()): CatalogueResponse {
  const { catalogue, hierarchy } = dataset;
  return {
    district: hierarchy.district,
    geheimhaltung: catalogue.geheimhaltung,
    gueltigkeit: { einwohner: hierarchy.validityThreshold, hinweis: validityNote(hierarchy.validityThreshold) },
    kennzahlen: catalogue.entries.map(({ definition, herkunft }): CatalogueItem => {
      const dates = dataset.dates(definition.id);
      const newest = dates.at(-1);
      return {
        id: definition.id,
        name: definition.name,
        definition: definition.definition,
        einheit: definition.einheit,
        thema: definition.thema,
        art: definition.art,
        polaritaet: definition.polaritaet,
        zeitbezug: definition.zeitbezug,
        ebene: dataLevelOf(catalogue, definition),
        herkunft,
        version: versions.get(definition.id) ?? 1,
        quelle: definition.quelle,
        stichtage: dates,
        stand: newest ? dateLabel(definition, newest) : null,
        geheimhaltung: privacyText(dataset, definition),
        hinweis: definition.hinweis ?? null,
        brueche: definition.brueche ?? [],
        kennzahl: definition,
      };
    }),
  };
}

/** The date to show: the given one (a year means its newest date), or the newest; null when there is none. */
export function pickDate(dataset: IndicatorDataset, id: string, requested?: string): string | null {
  const dates = dataset.dates(id);
  if (requested === undefined) return dates.at(-1) ?? null;
  if (/^\d{4}$/.test(requested)) return dates.filter((date) => date.startsWith(requested)).at(-1) ?? null;
  return dates.includes(requested) ? requested : null;
}

const LEVELS: Record<ViewLevel, AreaLevel[]> = {
  gemeinde: ['gemeinde'],
  sozialraum: ['sozialraum', 'ausserhalb'],
  sozialregion: ['sozialregion'],
  planungsraum: ['planungsraum'],
  kreis: ['kreis'],
};

export const areaRef = (node: AreaNode) => ({ schluessel: node.key, ebene: node.level, id: node.id, name: node.name, einwohner: node.einwohner });

function shownValue(dataset: IndicatorDataset, definition: IndicatorDefinition, key: string, date: string, view: View) {
  const value = dataset.value(definition.id, key, date, view);
  return { ...value, fehlend: [...value.fehlend], text: valueText(definition, value) };
}

function viewFields(view: View) {
  return { ansicht: view, hinweisIntern: view === 'intern' ? INTERNAL_VIEW_NOTE : null };
}

/** One Kennzahl on one date for every area of a level, with the planning area and the Kreis. */
export function levelValues(dataset: IndicatorDataset, definition: IndicatorDefinition, date: string, level: ViewLevel, view: View, sourceOf: SourceLookup = definitionSource): LevelValuesResponse {
  const { hierarchy } = dataset;
  const withValue = (node: AreaNode) => ({ ...areaRef(node), wert: shownValue(dataset, definition, node.key, date, view) });
  return {
    ...viewFields(view),
    kennzahl: { id: definition.id, name: definition.name, einheit: definition.einheit, art: definition.art, polaritaet: definition.polaritaet },
    ebene: level,
    stichtag: date,
    stand: dateLabel(definition, date),
    quelle: sourceOf(definition, date),
    werte: LEVELS[level].flatMap((each) => areasOf(hierarchy, each)).map(withValue),
    planungsraum: withValue(nodeOf(hierarchy, hierarchy.planningAreaKey)),
    kreis: withValue(nodeOf(hierarchy, hierarchy.kreisKey)),
    gueltigkeitsHinweis: validityNote(hierarchy.validityThreshold),
  };
}

/** The newest date of a Kennzahl on or before `requested` (a year: its end), or its newest. */
function profileDate(dataset: IndicatorDataset, id: string, requested?: string): string | null {
  const dates = dataset.dates(id);
  if (requested === undefined) return dates.at(-1) ?? null;
  return latestOnOrBefore(dates, /^\d{4}$/.test(requested) ? `${requested}-12-31` : requested);
}

/** The break of a series that lies between the first date and this one, nearest first. */
function breakNote(dataset: IndicatorDataset, definition: IndicatorDefinition, date: string): string | null {
  const first = dataset.dates(definition.id)[0];
  const relevant = (definition.brueche ?? []).filter((entry) => entry.ab <= date && first !== undefined && entry.ab > first);
  return relevant.at(-1)?.hinweis ?? null;
}

/**
 * Every Kennzahl of an area: its value, the planning area's and the Kreis', the Sozialregion's
 * where the area is below the validity threshold, the date, the source and the breaks.
 */
export function areaProfile(dataset: IndicatorDataset, areaKey: string, view: View, requested?: string, sourceOf: SourceLookup = definitionSource): ProfileResponse {
  const { hierarchy, catalogue } = dataset;
  const node = nodeOf(hierarchy, areaKey);
  const region = regionOf(hierarchy, areaKey);
  const entries: ProfileEntry[] = [];
  for (const { definition } of catalogue.entries) {
    const date = profileDate(dataset, definition.id, requested);
    if (date === null) continue;
    // „unsicher“: a rate or mean with a figure, of an area below the validity threshold.
    const value = shownValue(dataset, definition, areaKey, date, view);
    entries.push({
      id: definition.id,
      name: definition.name,
      thema: definition.thema,
      einheit: definition.einheit,
      art: definition.art,
      polaritaet: definition.polaritaet,
      stichtag: date,
      stand: dateLabel(definition, date),
      wert: value,
      planungsraum: shownValue(dataset, definition, hierarchy.planningAreaKey, date, view),
      kreis: shownValue(dataset, definition, hierarchy.kreisKey, date, view),
      sozialregion: value.unsicher && region ? { ...areaRef(region), wert: shownValue(dataset, definition, region.key, date, view) } : null,
      gueltigkeitsHinweis: value.unsicher ? validityNote(hierarchy.validityThreshold) : null,
      bruch: breakNote(dataset, definition, date),
      quelle: sourceOf(definition, date),
      spine: spineOf(dataset, definition, areaKey, date, view),
      verlauf: trendOf(dataset, definition, areaKey, view, valueText),
    });
  }
  return {
    ...viewFields(view),
    gebiet: areaRef(node),
    planungsraum: areaRef(nodeOf(hierarchy, hierarchy.planningAreaKey)),
    kreis: areaRef(nodeOf(hierarchy, hierarchy.kreisKey)),
    geheimhaltung: catalogue.geheimhaltung.hinweis,
    kennzahlen: entries,
  };
}

/**
 * The areas most like this one on the chosen Kennzahlen (each at its newest date on or before
 * `requested`), among the areas of its comparison level, from the figures of the view: in the
 * protected view a withheld figure counts as missing.
 */
export function similarView(dataset: IndicatorDataset, areaKey: string, ids: readonly string[], view: View, count: number, requested?: string): SimilarResponse {
  const { hierarchy } = dataset;
  const node = nodeOf(hierarchy, areaKey);
  const level = comparisonLevel(node);
  const candidates = areasOf(hierarchy, level);
  if (!candidates.some((area) => area.key === areaKey)) candidates.push(node);
  const chosen = ids.flatMap((id) => {
    const definition = dataset.definition(id);
    const date = definition ? profileDate(dataset, id, requested) : null;
    return definition && date ? [{ definition, date }] : [];
  });
  const result = similarAreas({
    indicators: chosen.map(({ definition }) => ({ id: definition.id, name: definition.name })),
    areas: candidates.map((area) => ({
      key: area.key,
      name: area.name,
      values: Object.fromEntries(
        chosen.map(({ definition, date }) => {
          const value = dataset.value(definition.id, area.key, date, view);
          return [definition.id, value.status === 'wert' ? value.wert : null];
        }),
      ),
    })),
    target: areaKey,
    count,
  });
  const missing = ids.filter((id) => !chosen.some(({ definition }) => definition.id === id));
  const byId = new Map(chosen.map((each) => [each.definition.id, each]));
  const levelName = level === 'sozialregion' ? 'Sozialregionen' : level === 'gemeinde' ? 'Gemeinden' : 'Sozialräume';
  return {
    ...viewFields(view),
    gebiet: areaRef(node),
    vergleich: levelName,
    regel:
      `Jede Kennzahl über die ${levelName} mit Wert standardisiert (Mittel 0, Standardabweichung 1); Distanz: Wurzel aus dem Mittel der quadrierten Unterschiede. ` +
      `„Ähnlich in“: höchstens ${new Intl.NumberFormat('de-DE').format(SIMILAR_WITHIN)} Standardabweichungen auseinander. Geschützte und fehlende Werte zählen nicht.`,
    kennzahlen: result.used.map((stats) => {
      const { definition, date } = byId.get(stats.id)!;
      return { ...stats, stichtag: date, stand: dateLabel(definition, date) };
    }),
    nichtVerwendet: [...missing.map((id) => ({ id, name: dataset.definition(id)?.name ?? id, grund: 'keine Werte' })), ...result.unused],
    nachbarn: result.neighbours.map((each) => ({ gebiet: areaRef(nodeOf(hierarchy, each.key)), distanz: each.distanz, kennzahlen: each.kennzahlen, aehnlichIn: each.aehnlichIn })),
    nichtVergleichbar: result.notCompared.map((each) => ({ gebiet: areaRef(nodeOf(hierarchy, each.key)), fehlt: each.fehlt })),
  };
}

/** An area of the tree by key („sozialraum:adelebsen“, „kreis“) or by a plain id or AGS, or null. */
export function findArea(hierarchy: AreaHierarchy, text: string): AreaNode | null {
  const { nodes } = hierarchy;
  if (text === 'kreis') return nodes.get(hierarchy.kreisKey)!;
  if (nodes.has(text)) return nodes.get(text)!;
  const order: AreaLevel[] = ['sozialraum', 'ausserhalb', 'sozialregion', 'gemeinde', 'planungsraum', 'kreis'];
  for (const level of order) {
    const found = nodes.get(`${level}:${text}`);
    if (found) return found;
  }
  return null;
}
