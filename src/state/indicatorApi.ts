// The Kennzahlen endpoints of the API (catalogue, one Kennzahl at a level, profile, similar
// areas, the facilities and coverage of an area, planners' own definitions, the import of
// values: check and commit). Paths are built here only; every answer is checked against the domain's schema.
import type { IndicatorDefinition } from '../domain/indicators/catalog';
import type { View } from '../domain/indicators/dataset';
import {
  AreaFacilitiesResponseSchema,
  CatalogueResponseSchema,
  DefinitionResponseSchema,
  ImportCommitResponseSchema,
  ImportReportSchema,
  LevelValuesResponseSchema,
  ProfileResponseSchema,
  SimilarResponseSchema,
  type AreaFacilitiesResponse,
  type CatalogueResponse,
  type DefinitionResponse,
  type ImportReport,
  type ImportRequest,
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

/** Checks a file of values on the server: the report per row and what would be written; writes nothing. */
export function checkIndicatorImport(district: string, request: ImportRequest): Promise<ImportReport> {
  return api.post(`${base(district)}/indicators/import/check`, request, { schema: ImportReportSchema, what: 'Der Prüfbericht' });
}

/** Imports a file of values, all or nothing (422 with the report when it has errors). */
export function commitIndicatorImport(district: string, request: ImportRequest): Promise<{ geschrieben: number; neu: number; geaendert: number }> {
  return api.post(`${base(district)}/indicators/import`, request, { schema: ImportCommitResponseSchema, what: 'Die Antwort auf den Import' });
}

/** Adds a planner's own Kennzahl (409 when the id is taken). */
export function createDefinition(district: string, kennzahl: IndicatorDefinition): Promise<DefinitionResponse> {
  return api.post(`${base(district)}/indicators`, { kennzahl }, { schema: DefinitionResponseSchema, what: 'Die gespeicherte Kennzahl' });
}

/** Changes a planner's own Kennzahl on top of the version the planner saw (409 when someone changed it since). */
export function updateDefinition(district: string, kennzahl: IndicatorDefinition, baseVersion: number): Promise<DefinitionResponse> {
  return api.patch(`${base(district)}/indicators/${encodeURIComponent(kennzahl.id)}`, { kennzahl, baseVersion }, { schema: DefinitionResponseSchema, what: 'Die gespeicherte Kennzahl' });
}

/** Deletes a planner's own Kennzahl (recoverably; 409 when stale or used by another). */
export function deleteDefinition(district: string, id: string, baseVersion: number): Promise<DefinitionResponse> {
  return api.delete(`${base(district)}/indicators/${encodeURIComponent(id)}`, { baseVersion }, { schema: DefinitionResponseSchema, what: 'Die gelöschte Kennzahl' });
}
