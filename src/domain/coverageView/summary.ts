import type { CoverageResult, CoverageRow } from '../coverage/coverage';
import type { SurfaceMethod } from '../coverage/surface';
import type { SourceNote } from '../territory/types';
import type { FacilityCategory } from '../facilities/catalog';
import { formatDecimal, formatInteger, formatIsoDate, formatPercent } from '../format';

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

/** How a category is named in titles and headlines ("Familienzentren", "ohne Familienzentrum"). */
export interface CategoryWording {
  plural: string;
  ohne: string;
}

const WORDING: Record<string, CategoryWording> = {
  familienzentrum: { plural: 'Familienzentren', ohne: 'ohne Familienzentrum' },
  kita: { plural: 'Kitas', ohne: 'ohne Kita' },
  grundschule: { plural: 'Grundschulen', ohne: 'ohne Grundschule' },
  'weiterfuehrende-schule': { plural: 'weiterführende Schulen', ohne: 'ohne weiterführende Schule' },
  beratungsstelle: { plural: 'Beratungsstellen', ohne: 'ohne Beratungsstelle' },
  'fruehe-hilfen': { plural: 'Angebote der Frühen Hilfen', ohne: 'ohne Angebot der Frühen Hilfen' },
  jugendeinrichtung: { plural: 'Jugendeinrichtungen', ohne: 'ohne Jugendeinrichtung' },
};

export function categoryWording(category: Pick<FacilityCategory, 'id' | 'label'>): CategoryWording {
  return WORDING[category.id] ?? { plural: `Einrichtungen „${category.label}“`, ohne: `ohne Einrichtung „${category.label}“` };
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
  /** Sozialräume with no facility of the category inside them. */
  ohneEinrichtung: number;
  einwohner: number;
  versorgt: number;
  unversorgt: number;
  anteilUnversorgt: number;
  /** "3 von 18 Sozialräumen ohne Familienzentrum" */
  ohneEinrichtungText: string;
  /** "12.345 Einwohner (6,2 %) nicht im Umkreis von 5 km" */
  unversorgtText: string;
  /** Both, joined by " · ". */
  text: string;
}

/**
 * The headline of a result: how many Sozialräume have no facility of their own and how many
 * residents of the Kreis (the table's total row) live beyond the reach. Figures are whole
 * people, as in the table and the CSV.
 */
export function coverageHeadline(result: CoverageResult, category: Pick<FacilityCategory, 'id' | 'label'>, radiusKm: number): CoverageHeadline {
  const sozialraeume = result.sozialraeume.length;
  const ohneEinrichtung = result.sozialraeume.filter((row) => row.einrichtungen === 0).length;
  const einwohner = Math.round(result.kreis.einwohner);
  const versorgt = Math.round(result.kreis.versorgt);
  const unversorgt = einwohner - versorgt;
  const anteilUnversorgt = einwohner > 0 ? unversorgt / einwohner : 0;
  const ohneEinrichtungText = `${formatInteger(ohneEinrichtung)} von ${formatInteger(sozialraeume)} Sozialr${sozialraeume === 1 ? 'aum' : 'äumen'} ${categoryWording(category).ohne}`;
  const unversorgtText = `${formatInteger(unversorgt)} Einwohner (${formatPercent(anteilUnversorgt)}) nicht im Umkreis von ${formatRadiusKm(radiusKm)}`;
  return {
    sozialraeume,
    ohneEinrichtung,
    einwohner,
    versorgt,
    unversorgt,
    anteilUnversorgt,
    ohneEinrichtungText,
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
  const before = new Map([...real.sozialraeume, ...real.sozialregionen, real.kreis].map((row) => [rowKey(row), Math.round(row.versorgt)]));
  const deltas = new Map<string, number>();
  for (const row of [...scenario.sozialraeume, ...scenario.sozialregionen, scenario.kreis]) {
    deltas.set(rowKey(row), Math.round(row.versorgt) - (before.get(rowKey(row)) ?? 0));
  }
  return deltas;
}

/** The latest change of the facilities of a category (ISO timestamp), or null without any. */
export function latestChange(facilities: readonly { category: string; geaendertAm: string }[], category: string): string | null {
  let latest: string | null = null;
  for (const facility of facilities) {
    if (facility.category === category && (latest === null || facility.geaendertAm > latest)) latest = facility.geaendertAm;
  }
  return latest;
}

/** "2025-03-12T10:00:00Z" → "12.03.2025". */
export function formatChangeDate(iso: string): string {
  return formatIsoDate(iso.slice(0, 10));
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
 * exported picture: residents (the surface's own description), facilities (date of the latest
 * change in the resource map), the reach rule, boundaries and place names.
 */
export function coverageSourceLines(input: {
  method: Pick<SurfaceMethod, 'titel' | 'stand' | 'quelle'>;
  territorySources: readonly Pick<SourceNote, 'id' | 'label' | 'attribution' | 'stand'>[];
  facilitiesChangedAt: string | null;
  reachLabel: string;
}): SourceLine[] {
  const source = (id: SourceNote['id']) => input.territorySources.find((item) => item.id === id);
  const lines: SourceLine[] = [
    { label: 'Einwohner', text: `${input.method.titel}, Stand ${input.method.stand} · ${input.method.quelle}` },
    {
      label: 'Einrichtungen',
      text: input.facilitiesChangedAt
        ? `Ressourcenkarte, Stand ${formatChangeDate(input.facilitiesChangedAt)} (nur „in Betrieb“)`
        : 'Ressourcenkarte: noch keine Einrichtung dieser Kategorie erfasst',
    },
    { label: 'Reichweite', text: `${input.reachLabel} um jede Einrichtung` },
  ];
  const grenzen = source('grenzen');
  if (grenzen) lines.push({ label: 'Grenzen', text: `${grenzen.label}, Stand ${grenzen.stand} · ${grenzen.attribution}` });
  const orte = source('siedlungen');
  if (orte) lines.push({ label: 'Ortsnamen', text: `GeoNames · ${orte.attribution}` });
  return lines;
}
