import polylabel from 'polylabel';
import type { Position } from 'geojson';
import { planarArea, polygonsOf, type Areal } from './geometry';

/**
 * Where to put the one label of an area: the pole of inaccessibility of its largest part,
 * i.e. the inside point farthest from the border. Unlike the centroid it never falls into
 * a neighbour or a narrow strip, and one label per area avoids MapLibre repeating polygon
 * labels at tile borders. Longitude is scaled by cos(latitude) so "farthest" means metres.
 */
export function labelPoint(geometry: Areal): Position {
  const parts = polygonsOf(geometry);
  const largest = parts.reduce((best, part) =>
    planarArea({ type: 'Polygon', coordinates: part }) > planarArea({ type: 'Polygon', coordinates: best }) ? part : best,
  );
  const latitude = largest[0]![0]![1]!;
  const scale = Math.cos((latitude * Math.PI) / 180);
  const scaled = largest.map((ring) => ring.map(([x, y]): [number, number] => [x! * scale, y!]));
  // Precision in scaled degrees: 0.0005 ≈ 50 m, far below what a label needs.
  const [x, y] = polylabel(scaled, 0.0005);
  return [x / scale, y];
}
