import type { AreaRef } from './territory/summary';

/** What a shared link carries: district, selection and map view. */
export interface AtlasUrlState {
  district: string;
  selection: AreaRef | null;
  view: MapView | null;
}

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
  return { state: { district, selection, view }, problems };
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
  return `?${params.toString().replaceAll('%3A', ':').replaceAll('%2F', '/')}`;
}
