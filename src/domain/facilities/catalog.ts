/**
 * The default catalogue of facility categories. A district can extend it in
 * geodata/<id>/district.json ("kategorien"); ids are stable, labels are what users read.
 * Each category has a map symbol shape so categories differ by shape, not colour alone.
 */
export const SYMBOL_SHAPES = ['circle', 'square', 'triangle', 'diamond', 'star', 'hexagon', 'pentagon', 'cross'] as const;
export type SymbolShape = (typeof SYMBOL_SHAPES)[number];

export interface FacilityCategory {
  id: string;
  label: string;
  shape: SymbolShape;
  colour: string;
  /** Default reach for coverage analysis (issue 4), km. */
  reachKm: number;
}

export const DEFAULT_CATEGORIES: readonly FacilityCategory[] = [
  { id: 'familienzentrum', label: 'Familienzentrum', shape: 'star', colour: '#c2185b', reachKm: 5 },
  { id: 'kita', label: 'Kita', shape: 'circle', colour: '#ef6c00', reachKm: 2 },
  { id: 'grundschule', label: 'Grundschule', shape: 'square', colour: '#1565c0', reachKm: 3 },
  { id: 'weiterfuehrende-schule', label: 'weiterführende Schule', shape: 'pentagon', colour: '#283593', reachKm: 8 },
  { id: 'beratungsstelle', label: 'Beratungsstelle', shape: 'diamond', colour: '#2e7d32', reachKm: 10 },
  { id: 'fruehe-hilfen', label: 'Frühe Hilfen', shape: 'hexagon', colour: '#6a1b9a', reachKm: 10 },
  { id: 'jugendeinrichtung', label: 'Jugendeinrichtung', shape: 'triangle', colour: '#00838f', reachKm: 5 },
  { id: 'sonstiges', label: 'Sonstiges', shape: 'cross', colour: '#546e7a', reachKm: 5 },
];

export const TARGET_GROUPS = ['Eltern', 'Kinder', 'Fachkräfte', 'Gemeinwesen'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

export const FACILITY_STATUSES = ['geplant', 'in Betrieb', 'geschlossen'] as const;
export type FacilityStatus = (typeof FACILITY_STATUSES)[number];

/**
 * Whether a public source or a person vouches for the facility. An unconfirmed one (a press
 * note of an intention, an aggregator site) is shown, marked, and not counted in coverage.
 */
export const CONFIDENCE_LEVELS = ['bestätigt', 'unbestätigt'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

/** How exactly the location is known. */
export const LOCATION_PRECISIONS = ['adresse', 'ortslage', 'gemeinde'] as const;
export type LocationPrecision = (typeof LOCATION_PRECISIONS)[number];

export const PRECISION_LABELS: Record<LocationPrecision, string> = {
  adresse: 'Adresse',
  ortslage: 'Ortslage (genähert)',
  gemeinde: 'Gemeinde',
};

/** Merges a district's extra categories into the defaults; an extra with a known id replaces it. */
export function categoryCatalog(extra: readonly FacilityCategory[] = []): FacilityCategory[] {
  const byId = new Map(DEFAULT_CATEGORIES.map((category) => [category.id, category]));
  for (const category of extra) byId.set(category.id, category);
  return [...byId.values()];
}
