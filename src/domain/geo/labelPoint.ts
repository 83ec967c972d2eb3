import { booleanPointInPolygon, centerOfMass, pointOnFeature } from '@turf/turf';
import type { Feature, Position } from 'geojson';
import { planarArea, polygonsOf, type Areal } from './geometry';

/**
 * Where to put one label for an area: the centre of mass of its largest part when that lies
 * inside the part (the usual case), otherwise a point guaranteed to be on the surface.
 * One label per area avoids MapLibre repeating polygon labels at tile borders.
 */
export function labelPoint(geometry: Areal): Position {
  const parts = polygonsOf(geometry);
  const largest = parts.reduce((best, part) =>
    planarArea({ type: 'Polygon', coordinates: part }) > planarArea({ type: 'Polygon', coordinates: best }) ? part : best,
  );
  const polygonFeature: Feature<Areal> = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: largest } };
  const centre = centerOfMass(polygonFeature).geometry.coordinates;
  if (booleanPointInPolygon(centre, polygonFeature)) return centre;
  return pointOnFeature(polygonFeature).geometry.coordinates;
}
