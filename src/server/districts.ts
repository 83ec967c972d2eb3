import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { categoryCatalog, type FacilityCategory } from '../domain/facilities/catalog';
import { createLocator, type Location } from '../domain/facilities/locate';
import type { Position } from 'geojson';
import type { DistrictIndexEntry, TerritoryFile } from '../domain/territory/types';

/** What the server knows of one district: its territory, how to locate points, its categories. */
export interface DistrictRuntime {
  id: string;
  name: string;
  territory: TerritoryFile;
  locate(lngLat: Position): Location;
  regionOf(sozialraumId: string): string | null;
  categories: FacilityCategory[];
}

/**
 * Loads the derived territory files (public/data/territory) and the optional extra categories
 * of each district ("kategorien" in geodata/<id>/district.json).
 */
export function loadDistricts(root: string): Map<string, DistrictRuntime> {
  const territoryDir = join(root, 'public', 'data', 'territory');
  const index = JSON.parse(readFileSync(join(territoryDir, 'index.json'), 'utf8')) as { districts: DistrictIndexEntry[] };
  const districts = new Map<string, DistrictRuntime>();
  for (const entry of index.districts) {
    const territory = JSON.parse(readFileSync(join(territoryDir, entry.file), 'utf8')) as TerritoryFile;
    const configPath = join(root, 'geodata', entry.id, 'district.json');
    const extra = existsSync(configPath)
      ? ((JSON.parse(readFileSync(configPath, 'utf8')) as { kategorien?: FacilityCategory[] }).kategorien ?? [])
      : [];
    const regions = new Map(territory.sozialraeume.features.map((f) => [f.properties.id, f.properties.sozialregionId]));
    districts.set(entry.id, {
      id: entry.id,
      name: entry.name,
      territory,
      locate: createLocator(territory),
      regionOf: (sozialraumId) => regions.get(sozialraumId) ?? null,
      categories: categoryCatalog(extra),
    });
  }
  return districts;
}
