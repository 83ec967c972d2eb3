import type { Feature, FeatureCollection } from 'geojson';
import type { Areal } from '../geo/geometry';
import type { ProjectedCrsCode } from '../geo/projection';

/** What people maintain per district in geodata/<id>/district.json. */
export interface DistrictConfig {
  id: string;
  name: string;
  /** Kreisschlüssel today, e.g. "03159". */
  kreisAgs: string;
  /** Official metric CRS of the district, used for areas and simplification. */
  crs: ProjectedCrsCode;
  /** Reference date of the population figures (ISO date). */
  zensusStichtag: string;
  validityThreshold: { einwohner: number; hinweis: string };
  boundaries: { package: string; layer: string; stand: string; kreisAgs2016: string[] };
  /** Null where the district has no published region level (Potsdam-Mittelmark). */
  regionLevel: { singular: string; plural: string } | null;
  sozialregionen: SozialregionDefinition[];
  sozialraeume: SozialraumDefinition[];
  /** Municipalities of the Kreis that belong to no Sozialraum (e.g. Stadt Göttingen). */
  ausserhalb: OutsideDefinition[];
  /** Unincorporated areas (gemeindefreie Gebiete), identified by their 2016 boundary key. */
  gemeindefrei: UnincorporatedDefinition[];
}

export interface SozialregionDefinition {
  id: string;
  name: string;
  beschreibung?: string;
}

export interface SozialraumDefinition {
  id: string;
  name: string;
  /** Einheitsgemeinde, Samtgemeinde, Amt, amtsfreie Gemeinde … */
  art: string;
  sozialregion?: string;
  gemeinden: string[];
}

export interface OutsideDefinition {
  id: string;
  name: string;
  gemeinden: string[];
  grund: string;
}

export interface UnincorporatedDefinition {
  id: string;
  name: string;
  ags2016: string;
  grund: string;
}

/** One row of geodata/<id>/gemeinden.csv. */
export interface GemeindeRecord {
  ags: string;
  name: string;
  typ: string;
  verband: string;
  einwohner: number;
  /** Keys of the same area in the 2016 boundary data; several where municipalities merged. */
  agsVg250_2016: string[];
}

export interface GemeindeProperties {
  ags: string;
  name: string;
  typ: string;
  verband: string;
  einwohner: number;
  flaecheKm2: number;
  sozialraumId: string | null;
  ausserhalbId: string | null;
}

export interface SozialraumProperties {
  id: string;
  name: string;
  art: string;
  sozialregionId: string | null;
  gemeinden: string[];
  einwohner: number;
  flaecheKm2: number;
}

export interface SozialregionProperties {
  id: string;
  name: string;
  beschreibung: string | null;
  sozialraeume: string[];
  einwohner: number;
  flaecheKm2: number;
}

export interface OutsideProperties {
  id: string;
  name: string;
  kind: 'ausserhalb' | 'gemeindefrei';
  grund: string;
  gemeinden: string[];
  einwohner: number;
  flaecheKm2: number;
}

export interface KreisProperties {
  ags: string;
  name: string;
  einwohner: number;
  flaecheKm2: number;
}

export interface SourceNote {
  id: 'grenzen' | 'bevoelkerung' | 'sozialraeume' | 'siedlungen';
  label: string;
  attribution: string;
  stand: string;
  lizenz: string;
}

export const TERRITORY_FORMAT = 'sozialraumatlas-territory/1';

/** The derived, compact territory file the app loads (public/data/territory/<id>.json). */
export interface TerritoryFile {
  format: typeof TERRITORY_FORMAT;
  district: Pick<
    DistrictConfig,
    'id' | 'name' | 'kreisAgs' | 'crs' | 'zensusStichtag' | 'validityThreshold' | 'regionLevel'
  >;
  bbox: [number, number, number, number];
  sources: SourceNote[];
  derivation: {
    boundaries: string;
    simplification: { crs: ProjectedCrsCode; minTriangleAreaM2: number };
    coordinateDecimals: number;
  };
  gemeinden: FeatureCollection<Areal, GemeindeProperties>;
  sozialraeume: FeatureCollection<Areal, SozialraumProperties>;
  sozialregionen: FeatureCollection<Areal, SozialregionProperties>;
  ausserhalb: FeatureCollection<Areal, OutsideProperties>;
  kreis: Feature<Areal, KreisProperties>;
  /**
   * Populated places from GeoNames (from 1,000 inhabitants) inside the Kreis, for the fallback
   * population surface; added by scripts/build-territory.ts.
   */
  siedlungen?: { name: string; lng: number; lat: number; einwohner: number }[];
}

/** Entry of public/data/territory/index.json. */
export interface DistrictIndexEntry {
  id: string;
  name: string;
  file: string;
}
