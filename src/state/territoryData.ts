// The derived territory files the app ships (public/data/territory/), read through the one
// fetch wrapper and checked against their schemas before the stores see them.
import { DistrictIndexSchema, TerritoryFileSchema } from '../domain/territory/territorySchema';
import { TERRITORY_FORMAT, type DistrictIndexEntry, type TerritoryFile } from '../domain/territory/types';
import { fetchStaticJson } from './api';
import { TERRITORY_DATA_ROOT as DATA_ROOT } from './firstViewFetch';

export async function fetchDistrictIndex(): Promise<DistrictIndexEntry[]> {
  const index = await fetchStaticJson(`${DATA_ROOT}index.json`, 'Die Liste der Landkreise', {
    schema: DistrictIndexSchema,
    damaged: () => 'Die Liste der Landkreise ist leer oder beschädigt.',
  });
  return index.districts;
}

export function fetchTerritory(entry: DistrictIndexEntry): Promise<TerritoryFile> {
  const what = `Das Gebiet ${entry.name}`;
  return fetchStaticJson(`${DATA_ROOT}${entry.file}`, what, {
    schema: TerritoryFileSchema,
    damaged(body, problems) {
      const format = (body as { format?: unknown } | null)?.format;
      if (format !== TERRITORY_FORMAT) return `${what} hat ein unbekanntes Format („${String(format)}“); npm run territory ausführen.`;
      return `${what} ist beschädigt (${problems.slice(0, 3).join('; ')}); npm run territory ausführen.`;
    },
  });
}
