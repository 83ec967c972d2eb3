import type { Feature, FeatureCollection } from 'geojson';
import type { Areal } from '../geo/geometry';
import type { ProjectedCrsCode } from '../geo/crs';
import type { DistrictConfig } from './districtSchema';

// What people maintain per district in geodata/<id>/district.json: inferred from its schema,
// so the type and the validation cannot drift apart.
export type {
  DistrictConfig,
  OutsideDefinition,
  PlanningAreaDefinition,
  SozialraumDefinition,
  SozialregionDefinition,
  UnincorporatedDefinition,
} from './districtSchema';
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
  /** Where its one name goes (labelPoint: the inside point farthest from the border), WGS84. */
  labelPoint: [number, number];
}

export interface SozialraumProperties {
  id: string;
  name: string;
  art: string;
  sozialregionId: string | null;
  gemeinden: string[];
  einwohner: number;
  flaecheKm2: number;
  /** Where its one name goes (labelPoint: the inside point farthest from the border), WGS84. */
  labelPoint: [number, number];
  /** Fill colour slot: neighbouring Sozialräume get different ones (colourIndices, greedy). */
  colourIndex: number;
}

export interface SozialregionProperties {
  id: string;
  name: string;
  beschreibung: string | null;
  sozialraeume: string[];
  einwohner: number;
  flaecheKm2: number;
  /** Where its one name goes (labelPoint: the inside point farthest from the border), WGS84. */
  labelPoint: [number, number];
}

export interface OutsideProperties {
  id: string;
  name: string;
  kind: 'ausserhalb' | 'gemeindefrei';
  grund: string;
  gemeinden: string[];
  einwohner: number;
  flaecheKm2: number;
  /** Where its one name goes (labelPoint: the inside point farthest from the border), WGS84. */
  labelPoint: [number, number];
}

export interface KreisProperties {
  ags: string;
  name: string;
  einwohner: number;
  flaecheKm2: number;
  /** Where its one name goes (labelPoint: the inside point farthest from the border), WGS84. */
  labelPoint: [number, number];
}

export interface SourceNote {
  id: 'grenzen' | 'bevoelkerung' | 'zensus2011' | 'sozialraeume' | 'siedlungen';
  label: string;
  attribution: string;
  stand: string;
  lizenz: string;
}

/** /2: label points and the Sozialräume's colour slots are worked out at build time, not in the browser. */
export const TERRITORY_FORMAT = 'sozialraumatlas-territory/2';

/** The derived, compact territory file the app loads (public/data/territory/<id>.json). */
export interface TerritoryFile {
  format: typeof TERRITORY_FORMAT;
  district: Pick<
    DistrictConfig,
    'id' | 'name' | 'kreisAgs' | 'crs' | 'zensusStichtag' | 'validityThreshold' | 'regionLevel' | 'planungsraum'
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
  /** The Zensus 2011 grid extract beside it (the default population surface), where geodata/<id>/ has one. */
  zensus2011?: string;
}
