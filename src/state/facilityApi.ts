// The facility endpoints of the API, one function each. Paths are built here only.
import type { FacilityCategory } from '../domain/facilities/catalog';
import type { Facility, FacilityFields, FacilityVersion } from '../domain/facilities/schema';
import type { FacilityOperation } from '../domain/resources/changes';
import { api } from './api';

const districtPath = (district: string) => `/api/districts/${encodeURIComponent(district)}`;
const facilityPath = (id: string) => `/api/facilities/${encodeURIComponent(id)}`;

export async function fetchCategories(district: string): Promise<FacilityCategory[]> {
  return (await api.get<{ categories: FacilityCategory[] }>(`${districtPath(district)}/categories`)).categories;
}

/** All facilities of a district including deleted ones (the table filters them locally). */
export async function fetchFacilities(district: string, signal?: AbortSignal): Promise<Facility[]> {
  return (await api.get<{ facilities: Facility[] }>(`${districtPath(district)}/facilities?geloescht=alle`, signal)).facilities;
}

export function fetchFacility(id: string): Promise<Facility> {
  return api.get<Facility>(facilityPath(id));
}

export async function fetchHistory(id: string): Promise<FacilityVersion[]> {
  return (await api.get<{ versions: FacilityVersion[] }>(`${facilityPath(id)}/history`)).versions;
}

/** Sends one operation; `baseVersion` is the version the user saw (ignored for create). */
export function executeOperation(district: string, operation: FacilityOperation, baseVersion: number): Promise<Facility> {
  switch (operation.kind) {
    case 'create':
      return api.post<Facility>(`${districtPath(district)}/facilities`, operation.fields);
    case 'update':
      return api.patch<Facility>(facilityPath(operation.facilityId), { baseVersion, changes: operation.changes });
    case 'delete':
      return api.delete<Facility>(facilityPath(operation.facilityId), { baseVersion });
    case 'restore':
      return api.post<Facility>(`${facilityPath(operation.facilityId)}/restore`, { baseVersion });
    case 'revert':
      return api.post<Facility>(`${facilityPath(operation.facilityId)}/revert`, { baseVersion, toVersion: operation.toVersion });
  }
}

export interface ImportCheckRow {
  index: number;
  errors: string[];
  warnings: string[];
  gemeindeAgs: string | null;
  sozialraumId: string | null;
}

export async function checkImport(district: string, rows: FacilityFields[]): Promise<ImportCheckRow[]> {
  return (await api.post<{ rows: ImportCheckRow[] }>(`${districtPath(district)}/import/check`, { rows })).rows;
}

export function commitImport(district: string, rows: FacilityFields[], dateiname: string): Promise<{ created: number; facilities: Facility[] }> {
  return api.post(`${districtPath(district)}/import`, { rows, dateiname });
}

/** URL of a download of the current filter (the browser fetches it with the session cookie). */
export function exportUrl(district: string, format: 'csv' | 'geojson', query: string): string {
  return `${districtPath(district)}/export.${format}?${query}`;
}
