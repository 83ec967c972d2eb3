import proj4 from 'proj4';
import type { Position } from 'geojson';
import { CRS_DEFINITIONS, type ProjectedCrsCode } from './crs';

export { CRS_DEFINITIONS, isCrsCode, type CrsCode, type ProjectedCrsCode } from './crs';

export interface Projection {
  readonly crs: ProjectedCrsCode;
  /** WGS84 longitude/latitude to projected metres. */
  forward(position: Position): Position;
  /** Projected metres to WGS84 longitude/latitude. */
  inverse(position: Position): Position;
}

export function projectionFor(crs: ProjectedCrsCode): Projection {
  const converter = proj4(CRS_DEFINITIONS['EPSG:4326'], CRS_DEFINITIONS[crs]);
  return {
    crs,
    forward: (position) => converter.forward([position[0]!, position[1]!]),
    inverse: (position) => converter.inverse([position[0]!, position[1]!]),
  };
}
