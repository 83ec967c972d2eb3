import type { CoverageAnalysis } from '../coverage/analysis';
import { notCountedText, type FacilityTally } from '../coverage/counting';
import type { CoverageResult, CoverageRow } from '../coverage/coverage';
import { formatResidents, formatShare, roundResidents, type Precision } from '../coverage/precision';
import type { SurfaceMethod } from '../coverage/surface';
import type { SourceNote } from '../territory/types';
import type { FacilityCategory } from '../facilities/catalog';
import { formatStand } from '../facilities/stand';
import { formatDecimal, formatInteger } from '../format';

/**
 * The figures of a coverage result in the planners' words: classes for the map, the headline,
 * the change a scenario makes, file names. Pure functions; the UI, the map legend and the
 * exported picture all use them, so they say the same.
 */

/** Upper bounds (exclusive) of the classes of "share of residents in reach"; the last class is open. */
export const SHARE_CLASS_BOUNDS = [0.25, 0.5, 0.75, 0.9] as const;
export const SHARE_CLASS_LABELS = ['unter 25 %', '25 bis unter 50 %', '50 bis unter 75 %', '75 bis unter 90 %', '90 % und mehr'] as const;

/** Class 0…4 of a share of residents in reach. */
export function shareClass(share: number): number {
  const index = SHARE_CLASS_BOUNDS.findIndex((bound) => share < bound);
  return index < 0 ? SHARE_CLASS_BOUNDS.length : index;
}

/** Lower bounds of the classes of residents not reached per 1 km square. */
export const GAP_CLASS_MINIMA = [1, 50, 250, 1000] as const;
export const GAP_CLASS_LABELS = ['1 bis 49', '50 bis 249', '250 bis 999', '1.000 und mehr'] as const;

/** How a category is named in titles and headlines ("Familienzentren", "ohne Familienzentrum", "um ein Familienzentrum"). */
export interface CategoryWording {
  plural: string;
  ohne: string;
  umEin: string;
}

const WORDING: Record<string, CategoryWording> = {
  familienzentrum: { plural: 'Familienzentren', ohne: 'ohne Familienzentrum', umEin: 'um ein Familienzentrum' },
  kita: { plural: 'Kitas', ohne: 'ohne Kita', umEin: 'um eine Kita' },
  grundschule: { plural: 'Grundschulen', ohne: 'ohne Grundschule', umEin: 'um eine Grundschule' },
  'weiterfuehrende-schule': { plural: 'weiterführende Schulen', ohne: 'ohne weiterführende Schule', umEin: 'um eine weiterführende Schule' },
  beratungsstelle: { plural: 'Beratungsstellen', ohne: 'ohne Beratungsstelle', umEin: 'um eine Beratungsstelle' },
  'fruehe-hilfen': { plural: 'Angebote der Frühen Hilfen', ohne: 'ohne Angebot der Frühen Hilfen', umEin: 'um ein Angebot der Frühen Hilfen' },
  jugendeinrichtung: { plural: 'Jugendeinrichtungen', ohne: 'ohne Jugendeinrichtung', umEin: 'um eine Jugendeinrichtung' },
};

export function categoryWording(category: Pick<FacilityCategory, 'id' | 'label'>): CategoryWording {
  return (
    WORDING[category.id] ?? {
      plural: `Einrichtungen „${category.label}“`,
      ohne: `ohne Einrichtung „${category.label}“`,
      umEin: `um eine Einrichtung „${category.label}“`,
    }
  );
}

/**
 * „Keine Einrichtungen der Kategorie Kita erfasst im Gebiet der 18 Sozialräume“: what the tab and
 * the Kreistag view say instead of figures. `genitiv` names the planning area (PlanningAreaRow).
 */
export function emptyFindingText(category: Pick<FacilityCategory, 'label'>, genitiv: string): string {
  return `Keine Einrichtungen der Kategorie ${category.label} erfasst im Gebiet ${genitiv}`;
}

/** "5 km", "2,5 km". */
export function formatRadiusKm(km: number): string {
  return `${Number.isInteger(km) ? formatInteger(km) : km.toLocaleString('de-DE', { maximumFractionDigits: 2 })} km`;
}

/** Metres as kilometres with one decimal ("9,9 km"); a dash where unknown. */
export function formatDistanceKm(metres: number | null): string {
  return metres === null ? '–' : `${formatDecimal(metres / 1000)} km`;
}

/** "+1.240", "−312" (minus sign), "±0". */
export function formatSignedInteger(value: number): string {
  const rounded = Math.round(value);
  if (rounded === 0) return '±0';
  return `${rounded > 0 ? '+' : '−'}${formatInteger(Math.abs(rounded))}`;
}

export interface CoverageHeadline {
  sozialraeume: number;
  /** Sozialräume with no counted facility of the category inside them. */
  ohneEinrichtung: number;
  /** Inhabitants of the planning area, as the total row shows them. */
  einwohner: number;
  /** Whole people (the figures behind the rounded text). */
  versorgt: number;
  unversorgt: number;
  anteilUnversorgt: number;
  /** Whether reached and not reached are shown exactly or as „ca.“ hundreds. */
  rounding: Precision['erreicht'];
  /** "3 von 18 Sozialräumen ohne Familienzentrum" */
  ohneEinrichtungText: string;
  /** "ca. 95.900" */
  unversorgtZahl: string;
  /** "von 201.151 Einwohnern der 18 Sozialräume (ca. 48 %) nicht im Umkreis von 5 km um ein Familienzentrum" */
  unversorgtRest: string;
  /** Both parts of the line on residents. */
  unversorgtText: string;
  /** Both lines, joined by " · ". */
  text: string;
}

/**
 * The headline of an analysis: how many Sozialräume have no counted facility of their own, and
 * how many residents of the planning area (the table's total row, never the outside areas) live
 * beyond the reach, rounded like the surface allows:
 * „ca. 95.900 von 201.151 Einwohnern der 18 Sozialräume (ca. 48 %) nicht im Umkreis von 5 km um ein Familienzentrum“.
 */
export function coverageHeadline(
  analysis: { result: CoverageResult; precision: Precision },
  category: Pick<FacilityCategory, 'id' | 'label'>,
  radiusKm: number,
): CoverageHeadline {
  const { result, precision } = analysis;
  const area = result.planungsraum;
  const sozialraeume = result.sozialraeume.length;
  const ohneEinrichtung = result.sozialraeume.filter((row) => row.einrichtungen === 0).length;
  const einwohner = roundResidents(area.einwohner, precision.einwohner);
  const versorgt = Math.round(area.versorgt);
  const unversorgt = Math.max(0, Math.round(area.einwohner) - versorgt);
  const anteilUnversorgt = area.einwohner > 0 ? unversorgt / Math.round(area.einwohner) : 0;
  const wording = categoryWording(category);
  const ohneEinrichtungText = `${formatInteger(ohneEinrichtung)} von ${formatInteger(sozialraeume)} Sozialr${sozialraeume === 1 ? 'aum' : 'äumen'} ${wording.ohne}`;
  const unversorgtZahl = formatResidents(unversorgt, precision.erreicht);
  const inhabitants = `${precision.einwohner === 'gerundet' ? 'ca. ' : ''}${formatInteger(einwohner)}`;
  const unversorgtRest =
    `von ${inhabitants} Einwohnern ${area.genitiv} (${formatShare(anteilUnversorgt, precision.erreicht)}) ` +
    `nicht im Umkreis von ${formatRadiusKm(radiusKm)} ${wording.umEin}`;
  const unversorgtText = `${unversorgtZahl} ${unversorgtRest}`;
  return {
    sozialraeume,
    ohneEinrichtung,
    einwohner,
    versorgt,
    unversorgt,
    anteilUnversorgt,
    rounding: precision.erreicht,
    ohneEinrichtungText,
    unversorgtZahl,
    unversorgtRest,
    unversorgtText,
    text: `${ohneEinrichtungText} · ${unversorgtText}`,
  };
}

export const rowKey = (row: Pick<CoverageRow, 'kind' | 'id'>): string => `${row.kind}:${row.id}`;

/**
 * Residents in reach in the scenario minus in the real state, per row (key "kind:id"), in
 * whole people as the table shows them.
 */
export function coverageDeltas(real: CoverageResult, scenario: CoverageResult): Map<string, number> {
  const rows = (result: CoverageResult) => [...result.sozialraeume, ...result.sozialregionen, result.planungsraum, result.kreis];
  const before = new Map(rows(real).map((row) => [rowKey(row), Math.round(row.versorgt)]));
  const deltas = new Map<string, number>();
  for (const row of rows(scenario)) {
    deltas.set(rowKey(row), Math.round(row.versorgt) - (before.get(rowKey(row)) ?? 0));
  }
  return deltas;
}

/**
 * What the figures count of the category's facilities: „9 gezählt (in Betrieb, bestätigt) ·
 * 2 geplant, 1 unbestätigt, nicht mitgezählt · 1 außerhalb des Planungsraums“.
 */
export function facilityCountText(counted: number, tally: FacilityTally): string {
  const notCounted = notCountedText(tally);
  return [
    `${formatInteger(counted)} gezählt (in Betrieb, bestätigt)`,
    notCounted,
    tally.ausserhalb > 0 ? `${formatInteger(tally.ausserhalb)} außerhalb des Planungsraums, nicht mitgezählt` : null,
  ]
    .filter((part) => part !== null)
    .join(' · ');
}

/** File name of an export, e.g. versorgung-familienzentrum-5km-goettingen.png. */
export function coverageFileName(parts: { categoryId: string; radiusKm: number; districtId: string; scenario?: boolean }, extension: 'csv' | 'png'): string {
  const radius = `${String(parts.radiusKm).replace('.', ',')}km`;
  return ['versorgung', parts.categoryId, radius, parts.districtId, ...(parts.scenario ? ['szenario'] : [])].join('-') + `.${extension}`;
}

export interface SourceLine {
  label: string;
  text: string;
}

/**
 * Where the figures come from and how old they are, for the table, the council view and the
 * exported picture: the base, residents (the surface's own description, both dates, rounding),
 * facilities (what counts, and the „Stand“ from their own dates), the reach rule, boundaries and
 * place names.
 */
export function coverageSourceLines(input: {
  method: Pick<SurfaceMethod, 'titel' | 'stand' | 'quelle' | 'kind' | 'genauigkeit'>;
  territorySources: readonly Pick<SourceNote, 'id' | 'label' | 'attribution' | 'stand'>[];
  analysis: Pick<CoverageAnalysis, 'facilities' | 'bestand' | 'result'>;
  reachLabel: string;
}): SourceLine[] {
  const source = (id: SourceNote['id']) => input.territorySources.find((item) => item.id === id);
  const { bestand, result } = input.analysis;
  const rounded = input.method.genauigkeit === 'exakt' ? '' : ' · Näherung: Zahlen auf Hunderte gerundet';
  const counted = input.analysis.facilities.filter((facility) => !facility.id.startsWith('hypothetisch-')).length;
  const lines: SourceLine[] = [
    { label: 'Bezug', text: `${result.planungsraum.name}; Gebiete außerhalb werden gezeigt, aber nicht mitgezählt` },
    { label: 'Einwohner', text: `${input.method.titel}, Stand ${input.method.stand}${rounded} · ${input.method.quelle}` },
    { label: 'Einrichtungen', text: `Ressourcenkarte: ${facilityCountText(counted, bestand.planungsraum)} · ${formatStand(bestand.stand)}` },
    { label: 'Reichweite', text: `${input.reachLabel} um jede Einrichtung` },
  ];
  const grenzen = source('grenzen');
  if (grenzen) lines.push({ label: 'Grenzen', text: `${grenzen.label}, Stand ${grenzen.stand} · ${grenzen.attribution}` });
  const orte = source('siedlungen');
  if (orte) lines.push({ label: 'Ortsnamen', text: `GeoNames · ${orte.attribution}` });
  return lines;
}
