import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { categoryCatalog, type FacilityCategory } from '../domain/facilities/catalog';
import { createLocator, type Location } from '../domain/facilities/locate';
import type { Position } from 'geojson';
import type { z } from 'zod';
import { Zensus2011GridSchema, type Zensus2011Grid } from '../domain/coverage/zensus2011';
import { parseGerman, problemLines } from '../domain/schemaProblems';
import { parseDistrictConfig } from '../domain/territory/config';
import { DistrictIndexSchema, TerritoryFileSchema } from '../domain/territory/territorySchema';
import type { TerritoryFile } from '../domain/territory/types';

/** What the server knows of one district: its territory, how to locate points, its categories. */
export interface DistrictRuntime {
  id: string;
  name: string;
  territory: TerritoryFile;
  locate(lngLat: Position): Location;
  regionOf(sozialraumId: string): string | null;
  categories: FacilityCategory[];
  /** The Zensus 2011 grid extract (public/data/territory/<id>-zensus2011.json): the default population surface. */
  zensus2011: Zensus2011Grid | null;
}

/** A derived file read at start, checked against its schema; a damaged one stops the start with a German list. */
function readChecked<S extends z.ZodType>(path: string, schema: S): z.output<S> {
  const parsed = parseGerman(schema, JSON.parse(readFileSync(path, 'utf8')), { once: true });
  if (!parsed.success) throw new Error(`${path} ist beschädigt (npm run territory ausführen): ${problemLines(parsed.error.issues).join('; ')}`);
  return parsed.data;
}

/**
 * Loads the derived territory files (public/data/territory) and the optional extra categories
 * of each district ("kategorien" in geodata/<id>/district.json, checked with its schema).
 */
export function loadDistricts(root: string): Map<string, DistrictRuntime> {
  const territoryDir = join(root, 'public', 'data', 'territory');
  const index = readChecked(join(territoryDir, 'index.json'), DistrictIndexSchema);
  const districts = new Map<string, DistrictRuntime>();
  for (const entry of index.districts) {
    const territory = readChecked(join(territoryDir, entry.file), TerritoryFileSchema);
    const configPath = join(root, 'geodata', entry.id, 'district.json');
    const extra = existsSync(configPath)
      ? (parseDistrictConfig(JSON.parse(readFileSync(configPath, 'utf8')), `geodata/${entry.id}/district.json`).kategorien ?? [])
      : [];
    const regions = new Map(territory.sozialraeume.features.map((f) => [f.properties.id, f.properties.sozialregionId]));
    districts.set(entry.id, {
      id: entry.id,
      name: entry.name,
      territory,
      locate: createLocator(territory),
      regionOf: (sozialraumId) => regions.get(sozialraumId) ?? null,
      categories: categoryCatalog(extra),
      zensus2011: entry.zensus2011 ? readChecked(join(territoryDir, entry.zensus2011), Zensus2011GridSchema) : null,
    });
  }
  return districts;
}
