import { ATLAS_TABS, type AtlasTab } from './atlasView';
import { CLASS_METHODS, type ClassMethod } from './indicators/choropleth';
import type { AreaRef } from './territory/summary';

/**
 * What the coverage analysis of a shared link shows: category, the reach chosen for it (null:
 * the category's own) and the what-if scenario (places of hypothetical facilities, ids of real
 * ones switched off), so the link reopens the same figures.
 */
export interface CoverageUrlState {
  category: string | null;
  radiusKm: number | null;
  hypothetical: [lng: number, lat: number][];
  switchedOff: string[];
}

/**
 * What the Kennzahlen tab of a shared link shows: the Kennzahl and date of the map, the class
 * method, and the profile open (an area key, with areas compared beside it).
 */
export interface IndicatorUrlState {
  kennzahl: string | null;
  /** JJJJ-MM-TT or a year. */
  stichtag: string | null;
  klassen: ClassMethod | null;
  /** Gemeinden instead of Sozialräume (Kennzahlen collected per Gemeinde). */
  ebene?: 'gemeinde' | null;
  profil: string | null;
  vergleich: string[];
}

/** What a shared link carries: district, tab, selection, map view and the coverage analysis. */
export interface AtlasUrlState {
  district: string;
  selection: AreaRef | null;
  view: MapView | null;
  /** Null: the first tab. */
  tab?: AtlasTab | null;
  /** Only with the tab „versorgung“. */
  coverage?: CoverageUrlState | null;
  /** Only with the tab „kennzahlen“. */
  indicators?: IndicatorUrlState | null;
}

/** Reach a link may ask for, km (the slider's range). */
export const URL_RADIUS_KM = { min: 0.5, max: 30 } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface MapView {
  zoom: number;
  center: [lng: number, lat: number];
}

export interface ParsedAtlasUrl {
  state: AtlasUrlState;
  /** German messages for parts of the address that could not be used; those parts are ignored. */
  problems: string[];
}

const SELECTABLE_KINDS = new Set(['sozialraum', 'sozialregion', 'ausserhalb']);

/**
 * Reads `?landkreis=goettingen&auswahl=sozialraum:adelebsen&karte=9.5/51.55/10.05`.
 * Invalid parts are reported and dropped; the rest of the address still applies, so a
 * mistyped selection never throws the user out of their district.
 */
export function parseAtlasUrl(search: string, knownDistricts: readonly string[], defaultDistrict: string): ParsedAtlasUrl {
  const params = new URLSearchParams(search);
  const problems: string[] = [];

  let district = defaultDistrict;
  const requestedDistrict = params.get('landkreis');
  if (requestedDistrict !== null) {
    if (knownDistricts.includes(requestedDistrict)) district = requestedDistrict;
    else problems.push(`Unbekannter Landkreis „${requestedDistrict}“ in der Adresse; angezeigt wird der Standard.`);
  }

  let selection: AreaRef | null = null;
  const requestedSelection = params.get('auswahl');
  if (requestedSelection !== null && requestedSelection !== '') {
    const match = /^([a-z]+):([a-z0-9-]+)$/.exec(requestedSelection);
    if (match && SELECTABLE_KINDS.has(match[1]!)) {
      selection = { kind: match[1] as AreaRef['kind'], id: match[2]! };
    } else {
      problems.push(`Auswahl „${requestedSelection}“ in der Adresse ist ungültig (erwartet z. B. sozialraum:adelebsen).`);
    }
  }

  let view: MapView | null = null;
  const requestedView = params.get('karte');
  if (requestedView !== null) {
    const parts = requestedView.split('/').map((part) => (part.trim() === '' ? Number.NaN : Number(part)));
    const [zoom, lat, lng] = parts;
    const valid =
      parts.length === 3 &&
      parts.every(Number.isFinite) &&
      zoom! >= 0 && zoom! <= 22 &&
      lat! >= -85 && lat! <= 85 &&
      lng! >= -180 && lng! <= 180;
    if (valid) view = { zoom: zoom!, center: [lng!, lat!] };
    else problems.push(`Kartenausschnitt „${requestedView}“ in der Adresse ist ungültig (erwartet Zoom/Breite/Länge).`);
  }

  let tab: AtlasTab | null = null;
  const requestedTab = params.get('ansicht');
  if (requestedTab !== null) {
    if ((ATLAS_TABS as readonly string[]).includes(requestedTab)) tab = requestedTab as AtlasTab;
    else problems.push(`Ansicht „${requestedTab}“ in der Adresse ist unbekannt (möglich: ${ATLAS_TABS.join(', ')}).`);
  }
  const coverage = tab === 'versorgung' ? parseCoverage(params, problems) : null;
  const indicators = tab === 'kennzahlen' ? parseIndicators(params, problems) : null;
  // Tab and coverage only where the link names them: older links read exactly as before.
  return { state: { district, selection, view, ...(tab ? { tab } : {}), ...(coverage ? { coverage } : {}), ...(indicators ? { indicators } : {}) }, problems };
}

const AREA_KEY = /^(sozialraum|sozialregion|planungsraum|ausserhalb|gemeinde|kreis):[a-z0-9-]+$/;

function parseIndicators(params: URLSearchParams, problems: string[]): IndicatorUrlState {
  const state: IndicatorUrlState = { kennzahl: null, stichtag: null, klassen: null, profil: null, vergleich: [] };
  const id = params.get('kennzahl');
  if (id !== null) {
    if (/^[a-z0-9-]+$/.test(id)) state.kennzahl = id;
    else problems.push(`Kennzahl „${id}“ in der Adresse ist ungültig.`);
  }
  const date = params.get('stichtag');
  if (date !== null) {
    if (/^\d{4}(-\d{2}-\d{2})?$/.test(date)) state.stichtag = date;
    else problems.push(`Stichtag „${date}“ in der Adresse ist ungültig (erwartet JJJJ oder JJJJ-MM-TT).`);
  }
  const method = params.get('klassen');
  if (method !== null) {
    if ((CLASS_METHODS as readonly string[]).includes(method)) state.klassen = method as ClassMethod;
    else problems.push(`Klassenbildung „${method}“ in der Adresse ist unbekannt (möglich: ${CLASS_METHODS.join(', ')}).`);
  }
  const level = params.get('ebene');
  if (level !== null) {
    if (level === 'gemeinde') state.ebene = 'gemeinde';
    else if (level !== 'sozialraum') problems.push(`Ebene „${level}“ in der Adresse ist unbekannt (möglich: sozialraum, gemeinde).`);
  }
  const profile = params.get('profil');
  if (profile !== null) {
    if (AREA_KEY.test(profile)) state.profil = profile;
    else problems.push(`Profil „${profile}“ in der Adresse ist ungültig (erwartet z. B. sozialraum:adelebsen).`);
  }
  const compared = params.get('vergleich');
  if (compared) {
    for (const key of compared.split(',')) {
      if (AREA_KEY.test(key)) state.vergleich.push(key);
      else problems.push(`Vergleichsgebiet „${key}“ in der Adresse ist ungültig.`);
    }
  }
  return state;
}

function parseCoverage(params: URLSearchParams, problems: string[]): CoverageUrlState {
  const state: CoverageUrlState = { category: null, radiusKm: null, hypothetical: [], switchedOff: [] };
  const category = params.get('kategorie');
  if (category !== null) {
    if (/^[a-z0-9-]+$/.test(category)) state.category = category;
    else problems.push(`Kategorie „${category}“ in der Adresse ist ungültig.`);
  }
  const radius = params.get('reichweite');
  if (radius !== null) {
    const km = /^\d+([.,]\d+)?$/.test(radius) ? Number(radius.replace(',', '.')) : Number.NaN;
    if (km >= URL_RADIUS_KM.min && km <= URL_RADIUS_KM.max) state.radiusKm = km;
    else problems.push(`Reichweite „${radius}“ in der Adresse ist ungültig (erwartet ${URL_RADIUS_KM.min.toLocaleString('de-DE')} bis ${URL_RADIUS_KM.max} km).`);
  }
  const hypothetical = params.get('neu');
  if (hypothetical) {
    for (const part of hypothetical.split(';')) {
      const [lng, lat] = part.split(',').map((value) => (value.trim() === '' ? Number.NaN : Number(value)));
      const valid = part.split(',').length === 2 && Number.isFinite(lng) && Number.isFinite(lat) && Math.abs(lat!) <= 85 && Math.abs(lng!) <= 180;
      if (valid) state.hypothetical.push([lng!, lat!]);
      else problems.push(`Hypothetische Einrichtung „${part}“ in der Adresse ist ungültig (erwartet Länge,Breite).`);
    }
  }
  const off = params.get('aus');
  if (off) {
    for (const id of off.split(',')) {
      if (UUID.test(id)) state.switchedOff.push(id.toLowerCase());
      else problems.push(`Ausgeschaltete Einrichtung „${id}“ in der Adresse ist ungültig.`);
    }
  }
  return state;
}

/** The query string for a state; coordinates rounded so links stay short (5 decimals ≈ 1 m). */
export function serializeAtlasUrl(state: AtlasUrlState): string {
  const params = new URLSearchParams();
  params.set('landkreis', state.district);
  if (state.selection) params.set('auswahl', `${state.selection.kind}:${state.selection.id}`);
  if (state.view) {
    const { zoom, center } = state.view;
    params.set('karte', `${zoom.toFixed(2)}/${center[1].toFixed(5)}/${center[0].toFixed(5)}`);
  }
  if (state.tab && state.tab !== ATLAS_TABS[0]) params.set('ansicht', state.tab);
  const coverage = state.tab === 'versorgung' ? state.coverage : null;
  if (coverage) {
    if (coverage.category) params.set('kategorie', coverage.category);
    if (coverage.radiusKm !== null) params.set('reichweite', String(coverage.radiusKm));
    if (coverage.hypothetical.length > 0) params.set('neu', coverage.hypothetical.map(([lng, lat]) => `${lng.toFixed(5)},${lat.toFixed(5)}`).join(';'));
    if (coverage.switchedOff.length > 0) params.set('aus', coverage.switchedOff.join(','));
  }
  const indicators = state.tab === 'kennzahlen' ? state.indicators : null;
  if (indicators) {
    if (indicators.kennzahl) params.set('kennzahl', indicators.kennzahl);
    if (indicators.stichtag) params.set('stichtag', indicators.stichtag);
    if (indicators.klassen) params.set('klassen', indicators.klassen);
    if (indicators.ebene) params.set('ebene', indicators.ebene);
    if (indicators.profil) params.set('profil', indicators.profil);
    if (indicators.vergleich.length > 0) params.set('vergleich', indicators.vergleich.join(','));
  }
  return `?${params.toString().replaceAll('%3A', ':').replaceAll('%2F', '/').replaceAll('%2C', ',').replaceAll('%3B', ';')}`;
}
