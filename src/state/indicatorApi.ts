// The Kennzahlen endpoints of the API (catalogue, one Kennzahl at a level, profile, similar
// areas, the facilities and coverage of an area). Paths are built here only; every answer is checked against the domain's schema.
import type { View } from '../domain/indicators/dataset';
import {
  AreaFacilitiesResponseSchema,
  CatalogueResponseSchema,
  LevelValuesResponseSchema,
  ProfileResponseSchema,
  SimilarResponseSchema,
  type AreaFacilitiesResponse,
  type CatalogueResponse,
  type LevelValuesResponse,
  type ProfileResponse,
  type SimilarResponse,
  type ViewLevel,
} from '../domain/indicators/schema';
import { api } from './api';

const base = (district: string) => `/api/districts/${encodeURIComponent(district)}`;

function query(entries: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(entries)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The protected view is the server's default; only the internal one is asked for by name. */
const viewParam = (view: View) => (view === 'intern' ? 'intern' : null);

export function fetchCatalogue(district: string, signal?: AbortSignal): Promise<CatalogueResponse> {
  return api.get(`${base(district)}/indicators`, { schema: CatalogueResponseSchema, what: 'Der Kennzahlenkatalog' }, signal);
}

export function fetchLevelValues(district: string, id: string, level: ViewLevel, date: string | null, view: View, signal?: AbortSignal): Promise<LevelValuesResponse> {
  const path = `${base(district)}/indicators/${encodeURIComponent(id)}/values${query({ ebene: level, stichtag: date, ansicht: viewParam(view) })}`;
  return api.get(path, { schema: LevelValuesResponseSchema, what: 'Die Werte der Kennzahl' }, signal);
}

export function fetchProfile(district: string, area: string, date: string | null, view: View, signal?: AbortSignal): Promise<ProfileResponse> {
  const path = `${base(district)}/areas/${encodeURIComponent(area)}/profile${query({ stichtag: date, ansicht: viewParam(view) })}`;
  return api.get(path, { schema: ProfileResponseSchema, what: 'Das Gebietsprofil' }, signal);
}

export function fetchSimilar(district: string, area: string, ids: readonly string[], date: string | null, view: View, signal?: AbortSignal): Promise<SimilarResponse> {
  const path = `${base(district)}/areas/${encodeURIComponent(area)}/similar${query({ kennzahlen: ids.join(','), stichtag: date, ansicht: viewParam(view) })}`;
  return api.get(path, { schema: SimilarResponseSchema, what: 'Die ähnlichen Gebiete' }, signal);
}

export function fetchAreaFacilities(district: string, area: string, signal?: AbortSignal): Promise<AreaFacilitiesResponse> {
  return api.get(`${base(district)}/areas/${encodeURIComponent(area)}/facilities`, { schema: AreaFacilitiesResponseSchema, what: 'Die Einrichtungen und die Versorgung des Gebiets' }, signal);
}
