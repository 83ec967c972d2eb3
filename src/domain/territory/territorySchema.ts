import { z } from 'zod';
import type { Areal } from '../geo/geometry';
import { DistrictConfigSchema } from './districtSchema';
import { TERRITORY_FORMAT, type DistrictIndexEntry, type TerritoryFile } from './types';

/**
 * The derived files the app and the server read (public/data/territory/): index.json and one
 * territory file per district. They are written by scripts/build-territory.ts, so the check
 * is against a stale or damaged file, not against people: everything but the coordinates is
 * checked by zod; polygons only by type and nesting depth, because checking each of Göttingen's
 * 12,000 positions with zod made the first parse 40-60 ms instead of 5 ms (best of nine), and
 * the build and its tests already prove the coordinates.
 */

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

export const DistrictIndexEntrySchema = z.object({
  id: z.string().regex(ID_PATTERN),
  name: z.string().min(1),
  /** A file beside index.json, never a path elsewhere. */
  file: z.string().regex(/^[a-z0-9][a-z0-9-]*\.json$/),
  zensus2011: z.string().regex(/^[a-z0-9][a-z0-9-]*\.json$/).optional(),
}) satisfies z.ZodType<DistrictIndexEntry>;

export const DistrictIndexSchema = z.object({ districts: z.array(DistrictIndexEntrySchema).min(1) });

/** A Polygon's numbers sit three arrays deep, a MultiPolygon's four; the first number tells the nesting. */
function isAreal(value: unknown): value is Areal {
  if (typeof value !== 'object' || value === null) return false;
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  const depth = type === 'Polygon' ? 3 : type === 'MultiPolygon' ? 4 : -1;
  if (depth < 0) return false;
  let nested: unknown = coordinates;
  for (let level = 0; level < depth; level++) {
    if (!Array.isArray(nested) || nested.length === 0) return false;
    nested = nested[0];
  }
  return typeof nested === 'number';
}

const ArealSchema = z.custom<Areal>(isAreal, { error: 'ist kein Polygon oder MultiPolygon' });

const feature = <Properties extends z.ZodType>(properties: Properties) =>
  z.object({ type: z.literal('Feature'), properties, geometry: ArealSchema });

const collection = <Properties extends z.ZodType>(properties: Properties) =>
  z.object({ type: z.literal('FeatureCollection'), features: z.array(feature(properties)) });

const count = () => z.number().int().min(0);
const lngLat = () => z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const area = () => z.number().min(0);

const GemeindePropertiesSchema = z.object({
  ags: z.string(),
  name: z.string(),
  typ: z.string(),
  verband: z.string(),
  einwohner: count(),
  flaecheKm2: area(),
  sozialraumId: z.string().nullable(),
  ausserhalbId: z.string().nullable(),
  labelPoint: lngLat(),
});

const SozialraumPropertiesSchema = z.object({
  id: z.string(),
  name: z.string(),
  art: z.string(),
  sozialregionId: z.string().nullable(),
  gemeinden: z.array(z.string()),
  einwohner: count(),
  flaecheKm2: area(),
  labelPoint: lngLat(),
  colourIndex: count(),
});

const SozialregionPropertiesSchema = z.object({
  id: z.string(),
  name: z.string(),
  beschreibung: z.string().nullable(),
  sozialraeume: z.array(z.string()),
  einwohner: count(),
  flaecheKm2: area(),
  labelPoint: lngLat(),
});

const OutsidePropertiesSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['ausserhalb', 'gemeindefrei']),
  grund: z.string(),
  gemeinden: z.array(z.string()),
  einwohner: count(),
  flaecheKm2: area(),
  labelPoint: lngLat(),
});

const KreisPropertiesSchema = z.object({ ags: z.string(), name: z.string(), einwohner: count(), flaecheKm2: area(), labelPoint: lngLat() });

const SourceNoteSchema = z.object({
  id: z.enum(['grenzen', 'bevoelkerung', 'zensus2011', 'sozialraeume', 'siedlungen']),
  label: z.string(),
  attribution: z.string(),
  stand: z.string(),
  lizenz: z.string(),
});

export const TerritoryFileSchema = z.object({
  format: z.literal(TERRITORY_FORMAT),
  district: DistrictConfigSchema.pick({
    id: true,
    name: true,
    kreisAgs: true,
    crs: true,
    zensusStichtag: true,
    validityThreshold: true,
    regionLevel: true,
    planungsraum: true,
  }),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  sources: z.array(SourceNoteSchema),
  derivation: z.object({
    boundaries: z.string(),
    simplification: z.object({ crs: DistrictConfigSchema.shape.crs, minTriangleAreaM2: z.number().positive() }),
    coordinateDecimals: z.number().int().min(0),
  }),
  gemeinden: collection(GemeindePropertiesSchema),
  sozialraeume: collection(SozialraumPropertiesSchema),
  sozialregionen: collection(SozialregionPropertiesSchema),
  ausserhalb: collection(OutsidePropertiesSchema),
  kreis: feature(KreisPropertiesSchema),
  siedlungen: z.array(z.object({ name: z.string(), lng: z.number(), lat: z.number(), einwohner: count() })).optional(),
}) satisfies z.ZodType<TerritoryFile>;
