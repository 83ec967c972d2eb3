// What the Kreistag view and its PNG say: the headline figures and the legend entries of what is
// on the map. One list feeds the view (CoverageLegend's LegendEntries) and the picture
// (presentationPng.ts), so both name the same things.
import type { CoverageAnalysis } from '../../domain/coverage/analysis';
import { formatResidentChange, formatResidents, formatShare, roundResidents } from '../../domain/coverage/precision';
import { isHypotheticalId, isScenarioActive, type Scenario } from '../../domain/coverageView/scenario';
import { GAP_CLASS_LABELS, SHARE_CLASS_LABELS, categoryWording, coverageHeadline, formatRadiusKm } from '../../domain/coverageView/summary';
import type { FacilityCategory } from '../../domain/facilities/catalog';
import type { Facility } from '../../domain/facilities/schema';
import { SYMBOL_LEGEND, symbolVariantOf, type SymbolVariant } from '../../domain/resources/symbols';
import { formatInteger } from '../../domain/format';
import { planningAreaOf } from '../../domain/territory/planningArea';
import type { TerritoryFile } from '../../domain/territory/types';
import { GAP_CLASS_COLOURS, SHARE_CLASS_COLOURS, SUGGESTION_FILL } from '../../map/coverageLayers';
import { OUTSIDE_FILL, UNINCORPORATED_FILL } from '../../map/palette';

export type LegendEntry =
  | { kind: 'fill' | 'square'; colour: string; label: string }
  | { kind: 'line'; colour: string; label: string }
  | { kind: 'facility'; category: FacilityCategory; variant: SymbolVariant; faded?: boolean; label: string }
  | { kind: 'hypothetical'; category: FacilityCategory; label: string }
  | { kind: 'switched-off'; label: string }
  | { kind: 'suggestion'; colour: string; label: string };

export interface LegendGroup {
  title: string;
  entries: LegendEntry[];
}

export interface Figure {
  value: string;
  text: string;
  tone: 'alarm' | 'good' | 'neutral';
  testId: string;
}

const EXACT_IN_OPERATION: SymbolVariant = { status: 'in Betrieb', approximate: false, unconfirmed: false };

/** The headline figures of the Kreistag view, about the planning area and rounded like the surface allows. */
export function presentationFigures(analysis: CoverageAnalysis, real: CoverageAnalysis | null, category: FacilityCategory, radiusKm: number, scenario: Scenario): Figure[] {
  const headline = coverageHeadline(analysis, category, radiusKm);
  const { precision } = analysis;
  const area = analysis.result.planungsraum;
  const wording = categoryWording(category);
  const share = (count: number) => formatShare(headline.einwohner > 0 ? count / Math.round(area.einwohner) : 0, precision.erreicht);
  const inhabitants = `${precision.einwohner === 'gerundet' ? 'ca. ' : ''}${formatInteger(roundResidents(area.einwohner, precision.einwohner))}`;
  const figures: Figure[] = [
    {
      value: `${formatInteger(headline.ohneEinrichtung)} von ${formatInteger(headline.sozialraeume)}`,
      text: `Sozialräumen ${wording.ohne} in Betrieb`,
      tone: headline.ohneEinrichtung > 0 ? 'alarm' : 'good',
      testId: 'presentation-figure-ohne',
    },
    {
      value: formatResidents(headline.unversorgt, precision.erreicht),
      text: `Einwohner (${share(headline.unversorgt)}) ${area.genitiv} wohnen nicht im Umkreis von ${formatRadiusKm(radiusKm)} (Luftlinie) ${wording.umEin}`,
      tone: 'alarm',
      testId: 'presentation-figure-unversorgt',
    },
    {
      value: formatResidents(headline.versorgt, precision.erreicht),
      text: `Einwohner (${share(headline.versorgt)}) im Umkreis – von ${inhabitants} Einwohnern ${area.genitiv}`,
      tone: 'good',
      testId: 'presentation-figure-versorgt',
    },
  ];
  if (isScenarioActive(scenario) && real) {
    const delta = Math.round(area.versorgt) - Math.round(real.result.planungsraum.versorgt);
    figures.push({
      value: formatResidentChange(delta, precision.erreicht),
      text: `Einwohner in Reichweite durch das Szenario (${scenario.hypothetical.length} hypothetische, ${scenario.switchedOff.length} ausgeschaltete ${wording.plural})`,
      tone: 'neutral',
      testId: 'presentation-figure-delta',
    });
  }
  return figures;
}

/**
 * The facility symbols on the coverage map, each once: counted ones, then every variant that
 * does not count (planned, closed, unconfirmed, outside the planning area), approximate
 * locations, and the scenario's marks. Only what is on the map is listed.
 */
export function symbolEntries(category: FacilityCategory, analysis: CoverageAnalysis, facilities: readonly Facility[], scenario: Scenario): LegendEntry[] {
  const states = analysis.bestand.states;
  const off = new Set(scenario.switchedOff);
  const shown = facilities.filter((facility) => facility.category === category.id && !facility.geloescht && states.has(facility.id));
  const counted = new Set(analysis.facilities.filter((facility) => !isHypotheticalId(facility.id)).map((facility) => facility.id));
  const any = (test: (facility: Facility) => boolean) => shown.some(test);
  const entries: LegendEntry[] = [];
  if (counted.size > 0) entries.push({ kind: 'facility', category, variant: EXACT_IN_OPERATION, label: `${category.label} in Betrieb (gefüllt), zählt` });
  const notCounted = (facility: Facility) => !counted.has(facility.id) && !off.has(facility.id) && states.get(facility.id) !== 'ausserhalb';
  if (any((facility) => notCounted(facility) && facility.status === 'geplant')) {
    entries.push({ kind: 'facility', category, variant: { ...EXACT_IN_OPERATION, status: 'geplant' }, label: `${SYMBOL_LEGEND.geplant}, zählt nicht` });
  }
  if (any((facility) => notCounted(facility) && facility.status === 'geschlossen')) {
    entries.push({ kind: 'facility', category, variant: { ...EXACT_IN_OPERATION, status: 'geschlossen' }, label: `${SYMBOL_LEGEND.geschlossen}, zählt nicht` });
  }
  if (any((facility) => facility.bestaetigung === 'unbestätigt')) {
    entries.push({ kind: 'facility', category, variant: { ...EXACT_IN_OPERATION, unconfirmed: true }, label: `${SYMBOL_LEGEND.unconfirmed}, zählt nicht` });
  }
  if (any((facility) => symbolVariantOf(facility).approximate)) {
    entries.push({ kind: 'facility', category, variant: { ...EXACT_IN_OPERATION, approximate: true }, label: SYMBOL_LEGEND.approximate });
  }
  if (any((facility) => states.get(facility.id) === 'ausserhalb')) {
    entries.push({ kind: 'facility', category, variant: EXACT_IN_OPERATION, faded: true, label: 'außerhalb des Planungsraums (blass), zählt nicht' });
  }
  if (scenario.hypothetical.length > 0) entries.push({ kind: 'hypothetical', category, label: 'hypothetische Einrichtung (Szenario)' });
  if (scenario.switchedOff.length > 0) entries.push({ kind: 'switched-off', label: 'im Szenario ausgeschaltet' });
  if (analysis.suggestions.length > 0) entries.push({ kind: 'suggestion', colour: SUGGESTION_FILL, label: 'vorgeschlagener Standort' });
  return entries;
}

/** The areas the map shows as context: outside the planning area, greyed and never counted. */
export function contextEntries(territory: TerritoryFile): LegendEntry[] {
  const outside = new Set(planningAreaOf(territory).ausserhalb);
  return territory.ausserhalb.features
    .filter((feature) => outside.has(feature.properties.id))
    .map((feature) => ({
      kind: 'fill' as const,
      colour: feature.properties.kind === 'gemeindefrei' ? UNINCORPORATED_FILL : OUTSIDE_FILL,
      label:
        feature.properties.kind === 'gemeindefrei'
          ? `${feature.properties.name}: ohne Einwohner, kein Sozialraum`
          : `${feature.properties.name}: außerhalb des Planungsraums, nicht mitgezählt`,
    }));
}

/** All legend groups of the Kreistag map. */
export function presentationLegend(
  territory: TerritoryFile,
  category: FacilityCategory,
  analysis: CoverageAnalysis,
  facilities: readonly Facility[],
  scenario: Scenario,
): LegendGroup[] {
  const context = contextEntries(territory);
  return [
    {
      title: 'Anteil der Einwohner im Umkreis (je Sozialraum)',
      entries: SHARE_CLASS_LABELS.map((label, index) => ({ kind: 'fill' as const, colour: SHARE_CLASS_COLOURS[index]!, label })),
    },
    {
      title: 'Einwohner ohne Einrichtung im Umkreis (je km²)',
      entries: GAP_CLASS_LABELS.map((label, index) => ({ kind: 'square', colour: GAP_CLASS_COLOURS[index]!, label })),
    },
    ...(context.length > 0 ? [{ title: 'Grau: außerhalb des Planungsraums', entries: context }] : []),
    { title: 'Symbole', entries: symbolEntries(category, analysis, facilities, scenario) },
  ];
}
