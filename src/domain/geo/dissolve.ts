import { featureCollection, polygon, multiPolygon, union } from '@turf/turf';
import type { Feature } from 'geojson';
import type { Areal } from './geometry';

/**
 * Dissolves polygons into one geometry (the GIS "dissolve"): shared edges disappear,
 * holes between the parts stay. Coordinates may be projected or geographic; the
 * operation is planar.
 *
 * @example dissolve([squareA, squareB]) // one Polygon when A and B share an edge
 */
export function dissolve(geometries: Areal[]): Areal {
  if (geometries.length === 0) throw new Error('dissolve: keine Flächen übergeben');
  if (geometries.length === 1) return structuredClone(geometries[0]!);
  const features: Feature<Areal>[] = geometries.map((geometry) =>
    geometry.type === 'Polygon' ? polygon(geometry.coordinates) : multiPolygon(geometry.coordinates),
  );
  const merged = union(featureCollection(features));
  if (!merged) throw new Error('dissolve: Vereinigung ergab eine leere Fläche');
  return merged.geometry;
}
