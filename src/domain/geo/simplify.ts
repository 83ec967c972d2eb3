import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { ringArea, type Areal } from './geometry';

/**
 * Simplifies a set of adjacent polygons together, keeping shared borders identical.
 *
 * Simplifying each polygon on its own would move a shared border differently on each side
 * and open slivers between neighbours. Building a topology first means each border arc is
 * simplified once and used by both neighbours, so the simplified set still tiles the plane
 * exactly as the original did. Weights are Visvalingam triangle areas in the squared units
 * of the input coordinates (m² for a UTM CRS).
 *
 * @returns the simplified geometries in the order of the input
 */
export function simplifyTogether(geometries: Areal[], minTriangleArea: number): Areal[] {
  const collection: FeatureCollection<Areal> = {
    type: 'FeatureCollection',
    features: geometries.map((geometry, index) => ({ type: 'Feature', id: index, properties: {}, geometry })),
  };
  const built = topology({ units: collection }) as Topology<{ units: GeometryCollection }>;
  const simplified = simplify(presimplify(built), minTriangleArea);
  const result = feature(simplified, simplified.objects.units) as FeatureCollection<Areal>;
  return result.features.map((simplifiedFeature: Feature<Areal>) => dropCollapsedRings(simplifiedFeature.geometry));
}

/** A ring simplified below 4 positions or to zero area has collapsed and is dropped. */
function dropCollapsedRings(geometry: Areal): Areal {
  const keep = (ring: Position[]) => ring.length >= 4 && ringArea(ring) > 0;
  const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates)
    .filter((rings) => rings[0] !== undefined && keep(rings[0]))
    .map((rings) => rings.filter(keep));
  if (polygons.length === 0) {
    throw new Error('simplifyTogether: eine Fläche ist ganz weggefallen; Toleranz zu groß');
  }
  return polygons.length === 1
    ? ({ type: 'Polygon', coordinates: polygons[0]! } satisfies Polygon)
    : ({ type: 'MultiPolygon', coordinates: polygons } satisfies MultiPolygon);
}
