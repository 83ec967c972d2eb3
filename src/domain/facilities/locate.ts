import { booleanPointInPolygon } from '@turf/turf';
import type { Position } from 'geojson';
import { bboxOf, type Areal } from '../geo/geometry';
import type { TerritoryFile } from '../territory/types';

export interface Location {
  gemeindeAgs: string | null;
  sozialraumId: string | null;
}

interface IndexedArea {
  ags: string;
  sozialraumId: string | null;
  bbox: [number, number, number, number];
  geometry: Areal;
}

/**
 * Finds municipality and Sozialraum of a point. Municipality and Sozialraum of a facility are
 * always derived this way, never typed in. Built once per territory; a bbox test skips most
 * polygons.
 */
export function createLocator(territory: TerritoryFile): (lngLat: Position) => Location {
  const areas: IndexedArea[] = territory.gemeinden.features.map((feature) => ({
    ags: feature.properties.ags,
    sozialraumId: feature.properties.sozialraumId,
    bbox: bboxOf([feature.geometry]),
    geometry: feature.geometry,
  }));
  return (lngLat) => {
    const [x, y] = lngLat as [number, number];
    for (const area of areas) {
      const [west, south, east, north] = area.bbox;
      if (x < west || x > east || y < south || y > north) continue;
      if (booleanPointInPolygon([x, y], area.geometry)) return { gemeindeAgs: area.ags, sozialraumId: area.sozialraumId };
    }
    return { gemeindeAgs: null, sozialraumId: null };
  };
}
