// The facility endpoints of the API, one function each. Paths are built here only; every
// answer is checked against the shared response schemas (src/domain/facilities/responses.ts).
import type { FacilityCategory } from '../domain/facilities/catalog';
import {
  CategoriesResponseSchema,
  FacilitiesResponseSchema,
  HistoryResponseSchema,
  ImportCheckResponseSchema,
  ImportCommitResponseSchema,
  type ImportRowReport,
} from '../domain/facilities/responses';
import { FacilitySchema, type Facility, type FacilityFields, type FacilityVersion } from '../domain/facilities/schema';
import type { FacilityOperation } from '../domain/resources/changes';
import { parseGerman, problemLines } from '../domain/schemaProblems';
import { api, ApiError, type Expected } from './api';

const districtPath = (district: string) => `/api/districts/${encodeURIComponent(district)}`;
const facilityPath = (id: string) => `/api/facilities/${encodeURIComponent(id)}`;

const ONE_FACILITY: Expected<Facility> = { schema: FacilitySchema, what: 'Die Einrichtung' };

export async function fetchCategories(district: string): Promise<FacilityCategory[]> {
  const expected = { schema: CategoriesResponseSchema, what: 'Die Liste der Kategorien' };
  return (await api.get(`${districtPath(district)}/categories`, expected)).categories;
}

/** All facilities of a district including deleted ones (the table filters them locally). */
export async function fetchFacilities(district: string, signal?: AbortSignal): Promise<Facility[]> {
  const expected = { schema: FacilitiesResponseSchema, what: 'Die Liste der Einrichtungen' };
  return (await api.get(`${districtPath(district)}/facilities?geloescht=alle`, expected, signal)).facilities;
}

export function fetchFacility(id: string): Promise<Facility> {
  return api.get(facilityPath(id), ONE_FACILITY);
}

export async function fetchHistory(id: string): Promise<FacilityVersion[]> {
  return (await api.get(`${facilityPath(id)}/history`, { schema: HistoryResponseSchema, what: 'Der Verlauf' })).versions;
}

function sendOperation(district: string, operation: FacilityOperation, baseVersion: number): Promise<Facility> {
  switch (operation.kind) {
    case 'create':
      return api.post(`${districtPath(district)}/facilities`, operation.fields, ONE_FACILITY);
    case 'update':
      return api.patch(facilityPath(operation.facilityId), { baseVersion, changes: operation.changes }, ONE_FACILITY);
    case 'delete':
      return api.delete(facilityPath(operation.facilityId), { baseVersion }, ONE_FACILITY);
    case 'restore':
      return api.post(`${facilityPath(operation.facilityId)}/restore`, { baseVersion }, ONE_FACILITY);
    case 'revert':
      return api.post(`${facilityPath(operation.facilityId)}/revert`, { baseVersion, toVersion: operation.toVersion }, ONE_FACILITY);
  }
}

/**
 * Sends one operation; `baseVersion` is the version the user saw (ignored for create). A
 * version conflict (409) carries the newer facility in `details.current`; it is checked like
 * any answer, since the conflict dialog shows it beside the user's values.
 */
export async function executeOperation(district: string, operation: FacilityOperation, baseVersion: number): Promise<Facility> {
  try {
    return await sendOperation(district, operation, baseVersion);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'version_conflict') throw error;
    const current = parseGerman(FacilitySchema, (error.details as { current?: unknown } | undefined)?.current);
    if (!current.success) {
      throw new ApiError(error.status, 'invalid_response', 'Die neuere Fassung vom Server ist unvollständig.', problemLines(current.error.issues));
    }
    throw new ApiError(error.status, error.code, error.message, { ...(error.details as object), current: current.data });
  }
}

export type ImportCheckRow = ImportRowReport;

export async function checkImport(district: string, rows: FacilityFields[]): Promise<ImportCheckRow[]> {
  const expected = { schema: ImportCheckResponseSchema, what: 'Die Prüfung des Imports' };
  return (await api.post(`${districtPath(district)}/import/check`, { rows }, expected)).rows;
}

export function commitImport(district: string, rows: FacilityFields[], dateiname: string): Promise<{ created: number; facilities: Facility[] }> {
  return api.post(`${districtPath(district)}/import`, { rows, dateiname }, { schema: ImportCommitResponseSchema, what: 'Das Ergebnis des Imports' });
}

/** URL of a download of the current filter (the browser fetches it with the session cookie). */
export function exportUrl(district: string, format: 'csv' | 'geojson', query: string): string {
  return `${districtPath(district)}/export.${format}?${query}`;
}
