// The facility endpoints of the API, one function each. Paths are built here only; every
// answer is checked against the shared response schemas (src/domain/facilities/responses.ts).
import type { FacilityCategory } from '../domain/facilities/catalog';
import {
  CategoriesResponseSchema,
  FacilitiesResponseSchema,
  HistoryResponseSchema,
  ImportBatchChangeResponseSchema,
  ImportBatchDetailsSchema,
  ImportBatchesResponseSchema,
  ImportCheckResponseSchema,
  ImportCommitResponseSchema,
  ImportProgressSchema,
  type ChangedSinceImport,
  type ImportBatch,
  type ImportProgress,
  type ImportRowReport,
} from '../domain/facilities/responses';
import { FacilitySchema, type Facility, type FacilityFields, type FacilityVersion } from '../domain/facilities/schema';
import type { FacilityOperation } from '../domain/resources/changes';
import { parseGerman, problemLines } from '../domain/schemaProblems';
import { api, ApiError, type Expected } from './api';

export interface FacilityList {
  stand: number;
  facilities: Facility[];
}

const districtPath = (district: string) => `/api/districts/${encodeURIComponent(district)}`;
const facilityPath = (id: string) => `/api/facilities/${encodeURIComponent(id)}`;

const ONE_FACILITY: Expected<Facility> = { schema: FacilitySchema, what: 'Die Einrichtung' };

export async function fetchCategories(district: string): Promise<FacilityCategory[]> {
  const expected = { schema: CategoriesResponseSchema, what: 'Die Liste der Kategorien' };
  return (await api.get(`${districtPath(district)}/categories`, expected)).categories;
}

/** All facilities of a district including deleted ones (the table filters them locally). */
export async function fetchFacilities(district: string, signal?: AbortSignal): Promise<FacilityList> {
  const expected = { schema: FacilitiesResponseSchema, what: 'Die Liste der Einrichtungen' };
  return api.get(`${districtPath(district)}/facilities?geloescht=alle`, expected, signal);
}

/** What changed (deleted ones included) since the stand of an earlier list, with the new stand. */
export async function fetchFacilityChanges(district: string, since: number): Promise<FacilityList> {
  const expected = { schema: FacilitiesResponseSchema, what: 'Die Änderungen der Einrichtungen' };
  return api.get(`${districtPath(district)}/facilities/changes?seit=${since}`, expected);
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

/** Checks import rows on the server; `vorgang` names the run for fetchImportProgress. */
export async function checkImport(district: string, rows: FacilityFields[], vorgang?: string): Promise<ImportCheckRow[]> {
  const expected = { schema: ImportCheckResponseSchema, what: 'Die Prüfung des Imports' };
  return (await api.post(`${districtPath(district)}/import/check`, { rows, vorgang }, expected)).rows;
}

export function commitImport(
  district: string,
  rows: FacilityFields[],
  dateiname: string,
  vorgang?: string,
): Promise<{ created: number; batch: ImportBatch; facilities: Facility[] }> {
  return api.post(`${districtPath(district)}/import`, { rows, dateiname, vorgang }, { schema: ImportCommitResponseSchema, what: 'Das Ergebnis des Imports' });
}

/** How far the server's check or import named `vorgang` has come; null before it starts (or long after). */
export async function fetchImportProgress(vorgang: string): Promise<ImportProgress | null> {
  try {
    return await api.get(`/api/import-progress/${encodeURIComponent(vorgang)}`, { schema: ImportProgressSchema, what: 'Der Fortschritt' });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export async function fetchImportBatches(district: string): Promise<ImportBatch[]> {
  return (await api.get(`${districtPath(district)}/imports`, { schema: ImportBatchesResponseSchema, what: 'Die Liste der Importe' })).importe;
}

export function fetchImportBatch(id: string): Promise<{ batch: ImportBatch; geaenderte: ChangedSinceImport[] }> {
  return api.get(`/api/imports/${encodeURIComponent(id)}`, { schema: ImportBatchDetailsSchema, what: 'Der Import' });
}

const BATCH_CHANGE = { schema: ImportBatchChangeResponseSchema, what: 'Das Ergebnis' };

/** Undoes a batch; facilities changed since are deleted ('loeschen') or kept ('behalten'); without a choice a 409 lists them. */
export function undoImportBatch(id: string, geaenderte?: 'behalten' | 'loeschen'): Promise<{ batch: ImportBatch; facilities: Facility[] }> {
  return api.post(`/api/imports/${encodeURIComponent(id)}/undo`, geaenderte ? { geaenderte } : {}, BATCH_CHANGE);
}

export function restoreImportBatch(id: string): Promise<{ batch: ImportBatch; facilities: Facility[] }> {
  return api.post(`/api/imports/${encodeURIComponent(id)}/restore`, {}, BATCH_CHANGE);
}

/** URL of a download of the current filter (the browser fetches it with the session cookie). */
export function exportUrl(district: string, format: 'csv' | 'geojson', query: string): string {
  return `${districtPath(district)}/export.${format}?${query}`;
}
