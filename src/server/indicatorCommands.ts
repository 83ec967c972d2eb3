import type { CatalogueResponse, ImportReport, ImportRequest, ProfileResponse } from '../domain/indicators/schema';
import { areaProfile, catalogueResponse, findArea } from '../domain/indicators/views';
import type { Database } from './db/database';
import type { Author } from './db/facilities';
import type { DistrictRuntime } from './districts';
import { checkIndicatorFile, importIndicatorFile, loadDataset } from './indicators';

// What the Kennzahlen commands of the command line do on a database: the same whether the
// command opened it (indicatorCli.ts) or asked the server that holds it (routes/indicatorCli.ts).
// Figures are the protected ones: an export never carries a suppressed value.

export async function indicatorCatalogue(db: Database, district: DistrictRuntime): Promise<CatalogueResponse> {
  const { dataset, versions } = await loadDataset(db, district);
  return catalogueResponse(dataset, versions);
}

/** The profile of an area (key or id); `area` was checked by the caller against the territory. */
export async function indicatorProfile(db: Database, district: DistrictRuntime, area: string, stichtag?: string): Promise<ProfileResponse> {
  const { dataset, sourceOf } = await loadDataset(db, district);
  const node = findArea(dataset.hierarchy, area);
  if (!node) throw new Error(`Unbekanntes Gebiet „${area}“ im ${district.name}.`);
  return areaProfile(dataset, node.key, 'geschuetzt', stichtag, sourceOf);
}

export async function indicatorImport(
  db: Database,
  district: DistrictRuntime,
  request: Pick<ImportRequest, 'text' | 'zuordnung'>,
  checkOnly: boolean,
  author: Author,
): Promise<{ report: ImportReport; written: { neu: number; geaendert: number } | null }> {
  if (checkOnly) return { report: (await checkIndicatorFile(db, district, request)).report, written: null };
  return importIndicatorFile(db, district, request, author);
}
