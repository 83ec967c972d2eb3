// Long on purpose: the report's whole content model (which sections, figures, notes and sources), in
// one place so the PDF and its tests agree on one decision per figure.
import type { FacilityCategory } from '../facilities/catalog';
import { facilityStand, formatStand, type DatedFacility } from '../facilities/stand';
import { formatIsoDate, formatInteger } from '../format';
import type { IndicatorDefinition, IndicatorSource } from '../indicators/catalog';
import type { IndicatorDataset } from '../indicators/dataset';
import { areasOf, belowValidity, nodeOf, sozialraeumeBelow, type AreaNode } from '../indicators/hierarchy';
import type { ProfileEntry } from '../indicators/schema';
import type { SpineClass } from '../indicators/spine';
import { areaProfile, dateLabel, validityNote, type SourceLookup } from '../indicators/views';
import type { TerritoryFile } from '../territory/types';
import { categoryRows, coverageNote, type CategoryRow, type ReportCoverage } from './coverage';
import type { ReportChoice } from './template';

/**
 * What the profile report of a district says, before anything is drawn: which sections in which
 * order, and in each the key figures against the planning area, spine charts, the trend, the
 * facilities by category, the notes and the sources. Every figure comes from the protected view
 * of the dataset (views.ts: areaProfile, with the spine and trend of indicators/spine.ts, the same
 * as the profile page's), so nothing withheld in the app can appear
 * here; the PDF renderer (src/server/report) only lays this out. Browser and command line build
 * the same document from the same template.
 */

export type SectionLevel = 'planungsraum' | 'sozialregion' | 'sozialraum';

/** A facility as the report needs it (the resource map's fields). */
export interface ReportFacility extends DatedFacility {
  name: string;
  category: string;
  status: string;
  lage: readonly [number, number];
  sozialraumId: string | null;
}

export interface ReportInput {
  dataset: IndicatorDataset;
  sourceOf: SourceLookup;
  territory: TerritoryFile;
  facilities: readonly ReportFacility[];
  categories: readonly Pick<FacilityCategory, 'id' | 'label' | 'colour'>[];
  choice: ReportChoice;
  /** The day the report is made (JJJJ-MM-TT). */
  producedOn: string;
  /** The template's name, when it came from one. */
  templateName?: string | null;
  /** Residents within reach per category and area (domain/report/coverage.ts); null: not computed. */
  coverage?: ReportCoverage | null;
}

export interface FigureRow {
  id: string;
  name: string;
  /** The area's value as shown („12,5 %“, „•“, „–“). */
  value: string;
  /** The value it is compared with: the planning area's (the Kreis' in the overview). */
  reference: string;
  /** The Sozialregion's value where the area is below the validity threshold. */
  regionValue: string | null;
  stand: string;
  /** Table code of the source, and who to name. */
  source: string;
  withheld: boolean;
  uncertain: boolean;
  spine: {
    stats: { min: number; q1: number; median: number; q3: number; max: number; count: number };
    /** The comparison areas: „Sozialräume“, „Sozialregionen“. */
    comparison: string;
    value: number | null;
    /** The planning area's value as a line (none in the overview, which is the planning area). */
    reference: number | null;
    judgement: SpineClass;
    /** „deutlich besser als die mittlere Hälfte der Sozialräume“: the alternative text says it in full. */
    judgementLong: string;
  } | null;
  /** „deutlich besser“ etc. beside the chart, so the judgement is searchable; null in the middle half and without one. */
  judgementText: string | null;
}

export interface TrendPoint {
  date: string;
  /** Index: the first date's value = 100; null where the value is withheld or missing. */
  area: number | null;
  reference: number | null;
}

export interface Trend {
  kennzahl: string;
  name: string;
  points: TrendPoint[];
  /** Dates where the series breaks (Zensus), with the note. */
  breaks: { date: string; note: string }[];
  firstLabel: string;
  lastLabel: string;
  /** The area's first and last value as text (protected). */
  firstValue: string;
  lastValue: string;
  source: string;
  description: string;
}

export interface ReportSection {
  key: string;
  level: SectionLevel;
  /** „Sozialraum Adelebsen“ */
  title: string;
  name: string;
  einwohner: number;
  /** The Sozialregion the Sozialraum belongs to, or the Sozialräume of a region. */
  context: string;
  /** Sozialraum ids the map highlights. */
  focus: string[];
  referenceName: string;
  figures: FigureRow[];
  trend: Trend | null;
  categories: CategoryRow[];
  facilities: { lage: readonly [number, number]; colour: string; hollow: boolean }[];
  facilityStand: string;
  notes: string[];
  sources: string[];
  /** Pages this section takes (the first carries map and charts; more rows continue). */
  pages: number;
}

export interface ReportDocument {
  title: string;
  subtitle: string;
  district: { id: string; name: string };
  producedOn: string;
  producedOnText: string;
  templateName: string | null;
  stichtag: string;
  sources: string[];
  validityNote: string;
  privacyNote: string;
  /** The spine's rule as the profile states it (from indicators/spine.ts). */
  spineRule: string;
  /** The overview's list of areas: name, inhabitants, below the validity threshold. */
  areas: { name: string; level: SectionLevel; einwohner: string; uncertain: boolean }[];
  sections: ReportSection[];
  /** Page of each section's start (1-based), for the table of contents and the bookmarks. */
  startPages: number[];
  pageCount: number;
}

/** Rows on a section's first page (below map and charts) and on each page after. */
export const ROWS_FIRST_PAGE = 16;
export const ROWS_NEXT_PAGE = 44;
/** Title page and table of contents come first; the overview has one page more (the list of areas). */
export const FRONT_PAGES = 2;
export const OVERVIEW_EXTRA_PAGES = 1;

export function sectionPages(rows: number): number {
  return 1 + Math.ceil(Math.max(0, rows - ROWS_FIRST_PAGE) / ROWS_NEXT_PAGE);
}

/** What a report can show: every Kennzahl with values, in the catalogue's order, and whether the standard choice has it. */
export function reportIndicators(dataset: IndicatorDataset): { id: string; name: string; thema: string; standard: boolean }[] {
  const standard = new Set(standardIndicators(dataset));
  return dataset.catalogue.entries
    .filter((entry) => dataset.dates(entry.definition.id).length > 0)
    .map(({ definition }) => ({ id: definition.id, name: definition.name, thema: definition.thema, standard: standard.has(definition.id) }));
}

/** The standard choice: the population and every rate, share and mean that has a value below the Kreis. */
export function standardIndicators(dataset: IndicatorDataset): string[] {
  return dataset.catalogue.entries
    .map(({ definition }) => definition)
    .filter((definition, index, all) => definition.art !== 'anzahl' || all.findIndex((other) => other.art === 'anzahl') === index)
    .filter((definition) => !('ebene' in definition) || definition.ebene !== 'kreis')
    .filter((definition) => definition.art === 'anzahl' || !ratioAtKreisOnly(dataset, definition))
    .map((definition) => definition.id);
}

function ratioAtKreisOnly(dataset: IndicatorDataset, definition: IndicatorDefinition): boolean {
  if (definition.art !== 'anteil' && definition.art !== 'quote') return false;
  return [...definition.zaehler, ...definition.nenner].some((id) => {
    const part = dataset.definition(id);
    return part !== undefined && 'ebene' in part && part.ebene === 'kreis';
  });
}

/** Unknown ids of a choice, for a German refusal (null when all are known). */
export function choiceProblems(dataset: IndicatorDataset, choice: ReportChoice): string | null {
  const unknownIndicators = (choice.kennzahlen ?? []).filter((id) => !dataset.definition(id));
  const unknownAreas = (choice.gebiete ?? []).filter((key) => !dataset.hierarchy.nodes.has(key));
  const problems = [
    unknownIndicators.length > 0 ? `unbekannte Kennzahl${unknownIndicators.length > 1 ? 'en' : ''} ${unknownIndicators.map((id) => `„${id}“`).join(', ')}` : null,
    unknownAreas.length > 0 ? `unbekannte${unknownAreas.length > 1 ? ' Gebiete' : 's Gebiet'} ${unknownAreas.map((key) => `„${key}“`).join(', ')}` : null,
  ].filter(Boolean);
  return problems.length > 0 ? `${problems.join('; ')}.` : null;
}

/** The table's code where it starts with one („12411-01-01-5 Bevölkerung …“ → „12411-01-01-5“), else its whole name. */
const sourceCode = (source: IndicatorSource) => /^[0-9][0-9A-Za-z-]*(?=\s|$)/.exec(source.tabelle)?.[0] ?? source.tabelle;
const sourceLine = (source: IndicatorSource) => `${source.tabelle} – ${source.namensnennung} (${source.lizenz})${source.stand ? `, Stand der Veröffentlichung ${formatIsoDate(source.stand)}` : ''}`;

/** The sections in reading order: overview, then each Sozialregion followed by its Sozialräume (or the Sozialräume alone). */
export function sectionOrder(dataset: IndicatorDataset, chosen: ReportChoice['gebiete']): AreaNode[] {
  const { hierarchy } = dataset;
  const wanted = (node: AreaNode) => chosen === null || chosen.includes(node.key);
  const order: AreaNode[] = [nodeOf(hierarchy, hierarchy.planningAreaKey)];
  const regions = areasOf(hierarchy, 'sozialregion');
  const placed = new Set<string>();
  for (const region of regions) {
    if (wanted(region)) order.push(region);
    for (const child of region.children) {
      const node = nodeOf(hierarchy, child);
      placed.add(node.key);
      if (wanted(node)) order.push(node);
    }
  }
  for (const node of areasOf(hierarchy, 'sozialraum')) if (!placed.has(node.key) && wanted(node)) order.push(node);
  return order;
}

interface Context {
  input: ReportInput;
  indicators: string[];
  requested: string | undefined;
}

const SHORT_JUDGEMENT: Partial<Record<SpineClass, string>> = {
  besser: 'deutlich besser',
  schlechter: 'deutlich schlechter',
  hoeher: 'deutlich höher',
  niedriger: 'deutlich niedriger',
};

/** The spine of the profile entry when there is one to draw: a range of at least four comparison areas. */
function spineRow(entry: ProfileEntry, overview: boolean): FigureRow['spine'] {
  const { spine } = entry;
  if (entry.art === 'anzahl' || spine.vergleich.anzahl < 4 || spine.min === null || spine.q1 === null || spine.median === null || spine.q3 === null || spine.max === null) return null;
  return {
    stats: { min: spine.min, q1: spine.q1, median: spine.median, q3: spine.q3, max: spine.max, count: spine.vergleich.anzahl },
    comparison: spine.vergleich.name,
    value: spine.gebiet,
    reference: overview ? null : spine.planungsraum,
    judgement: spine.klasse,
    judgementLong: spine.klasseText,
  };
}

function figureRow(entry: ProfileEntry, overview: boolean): FigureRow {
  const reference = overview ? entry.kreis : entry.planungsraum;
  const spine = spineRow(entry, overview);
  return {
    id: entry.id,
    name: entry.name,
    value: entry.wert.text,
    reference: reference.text,
    regionValue: entry.sozialregion ? `${entry.sozialregion.name}: ${entry.sozialregion.wert.text}` : null,
    stand: entry.stand,
    source: sourceCode(entry.quelle),
    withheld: entry.wert.status === 'geheim',
    uncertain: entry.gueltigkeitsHinweis !== null,
    spine,
    judgementText: spine && !overview ? (SHORT_JUDGEMENT[spine.judgement] ?? null) : null,
  };
}

/**
 * The trend: the first chosen Kennzahl with three or more dates (up to the reference date), from
 * the profile entry's series, indexed to the first date with a value (= 100) beside the planning area's.
 */
function trendFor(context: Context, entries: readonly ProfileEntry[], overview: boolean, referenceName: string): Trend | null {
  const { dataset, sourceOf } = context.input;
  const limit = context.requested ? (/^\d{4}$/.test(context.requested) ? `${context.requested}-12-31` : context.requested) : null;
  for (const entry of entries) {
    const points = entry.verlauf.punkte.filter((point) => limit === null || point.stichtag <= limit);
    if (points.length < 3) continue;
    const ownBase = points.find((point) => point.wert !== null && point.wert !== 0)?.wert ?? null;
    if (ownBase === null) continue;
    const referenceBase = overview ? null : (points.find((point) => point.planungsraum !== null && point.planungsraum !== 0)?.planungsraum ?? null);
    const index = (value: number | null, base: number | null) => (value !== null && base !== null ? (value / base) * 100 : null);
    const definition = dataset.definition(entry.id)!;
    const first = points[0]!;
    const last = points.at(-1)!;
    const firstLabel = dateLabel(definition, first.stichtag);
    const lastLabel = dateLabel(definition, last.stichtag);
    const breaks = entry.verlauf.brueche.filter((each) => each.ab > first.stichtag && each.ab <= last.stichtag).map((each) => ({ date: each.ab, note: each.hinweis }));
    const change = index(last.wert, ownBase);
    return {
      kennzahl: entry.id,
      name: entry.name,
      points: points.map((point) => ({ date: point.stichtag, area: index(point.wert, ownBase), reference: index(point.planungsraum, referenceBase) })),
      breaks,
      firstLabel,
      lastLabel,
      firstValue: first.text,
      lastValue: last.text,
      source: sourceCode(sourceOf(definition, last.stichtag)),
      description:
        `Verlauf ${entry.name}, ${firstLabel} bis ${lastLabel}, als Index (erster Stichtag = 100)${overview ? '' : ` gegenüber ${referenceName}`}` +
        `${change === null ? '' : `; zuletzt ${new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 }).format(change)}`}${breaks.length > 0 ? `; ${breaks.length} Reihenbruch` + (breaks.length > 1 ? 'e' : '') : ''}.`,
    };
  }
  return null;
}

function spineNotes(entries: readonly ProfileEntry[], figures: readonly FigureRow[], overview: boolean, referenceName: string): string[] {
  const drawn = entries.filter((_, index) => figures[index]!.spine !== null);
  if (drawn.length === 0) return [];
  const comparison = drawn[0]!.spine.vergleich.name;
  return [
    `Spine-Diagramm: Spanne der ${comparison} (hellgrau), ihre mittlere Hälfte (dunkelgrau)${overview ? '' : `, Strich: ${referenceName}`}, Punkt: ${overview ? 'Planungsraum' : 'dieses Gebiet'}. ${drawn[0]!.spine.regel}`,
  ];
}

function buildSection(context: Context, node: AreaNode): ReportSection {
  const { input } = context;
  const { dataset, sourceOf, territory } = input;
  const { hierarchy } = dataset;
  const overview = node.level === 'planungsraum';
  const profile = areaProfile(dataset, node.key, 'geschuetzt', context.requested, sourceOf);
  const byId = new Map(profile.kennzahlen.map((entry) => [entry.id, entry]));
  const entries = context.indicators.map((id) => byId.get(id)).filter((entry): entry is ProfileEntry => entry !== undefined && entry.wert.status !== 'fehlt');
  const figures = entries.map((entry) => figureRow(entry, overview));
  const referenceKey = overview ? hierarchy.kreisKey : hierarchy.planningAreaKey;
  const referenceName = nodeOf(hierarchy, referenceKey).name;
  const focus = sozialraeumeBelow(hierarchy, node);
  const inFocus = new Set(focus);
  const facilities = input.facilities.filter((facility) => facility.sozialraumId !== null && inFocus.has(facility.sozialraumId));
  const colours = new Map(input.categories.map((category) => [category.id, category.colour]));
  const uncertain = belowValidity(hierarchy, node);
  const level = node.level as SectionLevel;
  const region = node.parent ? hierarchy.nodes.get(node.parent) : undefined;
  const context_ =
    level === 'sozialraum'
      ? region?.level === 'sozialregion'
        ? `gehört zur ${region.name}`
        : `im ${nodeOf(hierarchy, hierarchy.planningAreaKey).name}`
      : level === 'sozialregion'
        ? `Sozialräume: ${node.children.map((child) => nodeOf(hierarchy, child).name).join(', ')}`
        : `${focus.length} Sozialräume${areasOf(hierarchy, 'sozialregion').length > 0 ? ` in ${areasOf(hierarchy, 'sozialregion').length} Sozialregionen` : ''}`;
  const notes = [
    uncertain ? `Unter ${formatInteger(hierarchy.validityThreshold)} Einwohnern: ${validityNote(hierarchy.validityThreshold)}` : null,
    figures.some((row) => row.uncertain) ? '¹ statistisch unsicher (kleines Gebiet); daneben der Wert der Sozialregion.' : null,
    figures.some((row) => row.withheld) ? `„•“: ${profile.geheimhaltung}` : null,
    ...new Set(entries.map((entry) => entry.bruch).filter((text): text is string => text !== null)),
    ...spineNotes(entries, figures, overview, referenceName),
    coverageNote(input.coverage ?? null, input.categories),
  ].filter((note): note is string => note !== null);
  const usedSources = new Map<string, IndicatorSource>();
  for (const entry of entries) usedSources.set(entry.quelle.tabelle, entry.quelle);
  const stand = formatStand(facilityStand(facilities));
  const boundaries = territory.sources.find((source) => source.id === 'grenzen');
  const sources = [
    ...[...usedSources.values()].map((source) => `${sourceCode(source)} ${source.namensnennung}`),
    boundaries ? `Karte: ${boundaries.attribution}, Stand ${boundaries.stand}` : null,
    `Einrichtungen: Ressourcenkarte des Sozialraumatlas, ${stand}`,
  ].filter((line): line is string => line !== null);
  const title = level === 'planungsraum' ? `Übersicht: ${node.name}` : level === 'sozialregion' ? node.name : `Sozialraum ${node.name}`;
  return {
    key: node.key,
    level,
    title,
    name: node.name,
    einwohner: node.einwohner,
    context: context_,
    focus,
    referenceName,
    figures,
    trend: trendFor(context, entries, overview, nodeOf(hierarchy, hierarchy.planningAreaKey).name),
    categories: categoryRows(input.categories, facilities, input.coverage ?? null, node.key),
    facilities: facilities
      .filter((facility) => facility.status !== 'geschlossen')
      .map((facility) => ({ lage: facility.lage, colour: colours.get(facility.category) ?? '#546e7a', hollow: facility.status !== 'in Betrieb' })),
    facilityStand: stand,
    notes,
    sources,
    pages: sectionPages(figures.length) + (overview ? OVERVIEW_EXTRA_PAGES : 0),
  };
}

export function buildReport(input: ReportInput): ReportDocument {
  const { dataset, territory, choice } = input;
  const { hierarchy } = dataset;
  const indicators = choice.kennzahlen ?? standardIndicators(dataset);
  const context: Context = { input, indicators, requested: choice.stichtag ?? undefined };
  const sections = sectionOrder(dataset, choice.gebiete).map((node) => buildSection(context, node));
  const startPages: number[] = [];
  let page = FRONT_PAGES + 1;
  for (const section of sections) {
    startPages.push(page);
    page += section.pages;
  }
  const sourceLines = new Map<string, string>();
  for (const id of indicators) {
    const definition = dataset.definition(id);
    if (!definition) continue;
    const dates = dataset.dates(id);
    const date = dates.at(-1);
    if (!date) continue;
    const source = input.sourceOf(definition, date);
    sourceLines.set(source.tabelle, sourceLine(source));
  }
  const stichtag = choice.stichtag ? `Stichtag ${/^\d{4}$/.test(choice.stichtag) ? choice.stichtag : formatIsoDate(choice.stichtag)} (je Kennzahl der letzte Stand bis dahin)` : 'je Kennzahl der neueste Stand';
  const overview = sections[0]!;
  return {
    title: `Sozialraumprofile ${territory.district.name}`,
    subtitle: `${overview.name}: Übersicht, ${sections.filter((section) => section.level === 'sozialregion').length} Sozialregionen und ${sections.filter((section) => section.level === 'sozialraum').length} Sozialräume`,
    district: { id: territory.district.id, name: territory.district.name },
    producedOn: input.producedOn,
    producedOnText: formatIsoDate(input.producedOn),
    templateName: input.templateName ?? null,
    stichtag,
    sources: [
      ...sourceLines.values(),
      ...territory.sources.filter((source) => source.id !== 'siedlungen' && source.id !== 'zensus2011').map((source) => `${source.label} – ${source.attribution}, Stand ${source.stand}`),
      `Einrichtungen: Ressourcenkarte des Sozialraumatlas (Datenbank), ${overview.facilityStand}`,
    ],
    validityNote: validityNote(hierarchy.validityThreshold),
    privacyNote: `„•“: ${dataset.catalogue.geheimhaltung.hinweis}`,
    spineRule: sections.flatMap((section) => section.notes).find((note) => note.startsWith('Spine-Diagramm: ')) ?? '',
    areas: sectionOrder(dataset, null)
      .slice(1)
      .map((node) => ({ name: node.name, level: node.level as SectionLevel, einwohner: formatInteger(node.einwohner), uncertain: belowValidity(hierarchy, node) })),
    sections,
    startPages,
    pageCount: page - 1,
  };
}
