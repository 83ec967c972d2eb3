import { TERRITORY_FORMAT, type DistrictIndexEntry, type TerritoryFile } from '../domain/territory/types';

const DATA_ROOT = `${import.meta.env.BASE_URL}data/territory/`;

async function fetchJson(url: string, what: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw new Error(`${what} konnte nicht geladen werden: keine Verbindung zum Server.`);
  }
  if (!response.ok) throw new Error(`${what} konnte nicht geladen werden (HTTP ${response.status}).`);
  try {
    return await response.json();
  } catch {
    throw new Error(`${what} ist keine gültige JSON-Datei.`);
  }
}

export async function fetchDistrictIndex(): Promise<DistrictIndexEntry[]> {
  const body = (await fetchJson(`${DATA_ROOT}index.json`, 'Die Liste der Landkreise')) as { districts?: unknown };
  if (!Array.isArray(body.districts) || body.districts.length === 0) {
    throw new Error('Die Liste der Landkreise ist leer oder beschädigt.');
  }
  return body.districts as DistrictIndexEntry[];
}

export async function fetchTerritory(entry: DistrictIndexEntry): Promise<TerritoryFile> {
  const body = (await fetchJson(`${DATA_ROOT}${entry.file}`, `Das Gebiet ${entry.name}`)) as Partial<TerritoryFile>;
  if (body.format !== TERRITORY_FORMAT) {
    throw new Error(`Das Gebiet ${entry.name} hat ein unbekanntes Format („${String(body.format)}“); npm run territory ausführen.`);
  }
  return body as TerritoryFile;
}
