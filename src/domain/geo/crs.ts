// The CRS vocabulary without the projection library: district definitions and territory files
// name their CRS, and checking a name must not pull proj4 into the browser's first download
// (projection.ts does the projecting).

/**
 * The coordinate reference systems the atlas works with. Official analysis CRSs are the
 * UTM zones of ETRS89 (Niedersachsen 32N, Brandenburg 33N); older data arrives in
 * Gauss-Krüger, the Zensus grid in LAEA Europe.
 */
export const CRS_DEFINITIONS = {
  'EPSG:4326': '+proj=longlat +datum=WGS84 +no_defs +type=crs',
  'EPSG:25832': '+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs',
  'EPSG:25833': '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs',
  'EPSG:31467':
    '+proj=tmerc +lat_0=0 +lon_0=9 +k=1 +x_0=3500000 +y_0=0 +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +units=m +no_defs +type=crs',
  'EPSG:31468':
    '+proj=tmerc +lat_0=0 +lon_0=12 +k=1 +x_0=4500000 +y_0=0 +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +units=m +no_defs +type=crs',
  'EPSG:3035':
    '+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs',
} as const;

export type CrsCode = keyof typeof CRS_DEFINITIONS;
export type ProjectedCrsCode = Exclude<CrsCode, 'EPSG:4326'>;

export function isCrsCode(value: string): value is CrsCode {
  return Object.hasOwn(CRS_DEFINITIONS, value);
}
