import type { ExpressionSpecification, FilterSpecification, GeoJSONSourceSpecification, LayerSpecification } from 'maplibre-gl';
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { Facility } from '../domain/facilities/schema';
import { symbolVariantOf } from '../domain/resources/symbols';
import { DRAFT_ICON, iconId } from './facilityIcons';
import { SELECTION_FILL, SELECTION_LINE } from './palette';
import { ANCHORS, FONT_BOLD, FONT_REGULAR } from './style';

/** Source ids: the (clustered) facilities and the overlay of hovered/selected/dragged/new ones. */
export const FACILITY_SOURCES = {
  facilities: 'einrichtungen',
  marks: 'einrichtung-markierung',
} as const;

export const FACILITY_LAYER_IDS = {
  cluster: 'einrichtung-cluster',
  clusterCount: 'einrichtung-cluster-anzahl',
  symbol: 'einrichtung-symbol',
  name: 'einrichtung-name',
  markHalo: 'einrichtung-markierung-halo',
  markSymbol: 'einrichtung-markierung-symbol',
} as const;

/** Every layer the "Einrichtungen" switch of the layer panel shows or hides. */
export const FACILITY_LAYERS: string[] = Object.values(FACILITY_LAYER_IDS);

/**
 * Symbols are drawn smaller in the overview of the whole district (less clutter over the
 * Sozialräume, which stay clickable between them) and full size from zoom 13.
 */
export const ICON_SCALE_STOPS: readonly (readonly [zoom: number, scale: number])[] = [
  [8, 0.75],
  [11, 0.9],
  [13, 1],
];

export function iconScaleAt(zoom: number): number {
  const stops = ICON_SCALE_STOPS;
  if (zoom <= stops[0]![0]) return stops[0]![1];
  for (let i = 1; i < stops.length; i++) {
    const [z1, s1] = stops[i]!;
    const [z0, s0] = stops[i - 1]!;
    if (zoom <= z1) return s0 + ((s1 - s0) * (zoom - z0)) / (z1 - z0);
  }
  return stops.at(-1)![1];
}

const iconSize: ExpressionSpecification = ['interpolate', ['linear'], ['zoom'], ...ICON_SCALE_STOPS.flat()];

/** Above this zoom nothing is clustered, so every symbol can be clicked and dragged. */
export const CLUSTER_MAX_ZOOM = 12;
export const FOCUS_ZOOM = CLUSTER_MAX_ZOOM + 1.5;

export interface FacilityFeatureProperties {
  id: string;
  name: string;
  category: string;
  icon: string;
  status: string;
}

export type MarkRole = 'selected' | 'hover' | 'drag' | 'draft';

export function facilityFeature(facility: Facility, lage: [number, number] = facility.lage): Feature<Point, FacilityFeatureProperties> {
  return {
    type: 'Feature',
    properties: {
      id: facility.id,
      name: facility.name,
      category: facility.category,
      icon: iconId(facility.category, symbolVariantOf(facility)),
      status: facility.status,
    },
    geometry: { type: 'Point', coordinates: [lage[0], lage[1]] },
  };
}

/** The features of the facility source: deleted ones are never drawn. */
export function facilitySourceData(facilities: readonly Facility[]): FeatureCollection<Point, FacilityFeatureProperties> {
  return { type: 'FeatureCollection', features: facilities.filter((facility) => !facility.geloescht).map((facility) => facilityFeature(facility)) };
}

export function facilitySource(data: FeatureCollection): GeoJSONSourceSpecification {
  return {
    type: 'geojson',
    data,
    cluster: true,
    clusterRadius: 42,
    clusterMaxZoom: CLUSTER_MAX_ZOOM,
  };
}

export interface MarkFeatureProperties {
  id: string;
  icon: string;
  role: MarkRole;
}

export function markFeature(id: string, icon: string, lage: readonly [number, number], role: MarkRole): Feature<Point, MarkFeatureProperties> {
  return { type: 'Feature', properties: { id, icon, role }, geometry: { type: 'Point', coordinates: [lage[0], lage[1]] } };
}

export function draftMark(lage: readonly [number, number]): Feature<Point, MarkFeatureProperties> {
  return markFeature('entwurf', DRAFT_ICON, lage, 'draft');
}

const unclustered: ExpressionSpecification = ['!', ['has', 'point_count']];

/** Unclustered facilities except one being dragged (that one is drawn by the overlay). */
export function symbolFilter(hiddenId: string | null): FilterSpecification {
  return hiddenId ? ['all', unclustered, ['!=', ['get', 'id'], hiddenId]] : unclustered;
}

const role = (value: MarkRole): ExpressionSpecification => ['==', ['get', 'role'], value];

export interface PositionedLayer {
  layer: LayerSpecification;
  beforeId: string;
}

/**
 * All facility layers, placed below the facilities anchor, above the area labels. The names come
 * before the symbols and every symbol takes part in the placement (icon-ignore-placement false),
 * so no label, area name or facility name, is ever drawn through a symbol.
 */
export function facilityLayers(): PositionedLayer[] {
  const beforeId = ANCHORS.facilities;
  const layers: LayerSpecification[] = [
    {
      id: FACILITY_LAYER_IDS.cluster,
      type: 'circle',
      source: FACILITY_SOURCES.facilities,
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': '#16324f',
        'circle-opacity': 0.88,
        'circle-radius': ['step', ['get', 'point_count'], 14, 10, 17, 50, 21, 200, 26],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: FACILITY_LAYER_IDS.clusterCount,
      type: 'symbol',
      source: FACILITY_SOURCES.facilities,
      filter: ['has', 'point_count'],
      layout: {
        'text-field': ['get', 'point_count_abbreviated'],
        'text-font': [FONT_BOLD],
        'text-size': 12,
        'text-allow-overlap': true,
        // The count stands for the whole cluster disc: its collision box, padded to the disc's
        // size, keeps the area labels below off the disc.
        'text-ignore-placement': false,
        'text-padding': 12,
      },
      paint: { 'text-color': '#ffffff' },
    },
    {
      id: FACILITY_LAYER_IDS.name,
      type: 'symbol',
      source: FACILITY_SOURCES.facilities,
      filter: symbolFilter(null),
      minzoom: CLUSTER_MAX_ZOOM + 0.5,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': [FONT_REGULAR],
        'text-size': 11,
        'text-offset': [0, 1.35],
        'text-anchor': 'top',
        'text-max-width': 10,
        'text-optional': true,
      },
      paint: { 'text-color': '#1f2933', 'text-halo-color': '#ffffff', 'text-halo-width': 1.4 },
    },
    {
      id: FACILITY_LAYER_IDS.symbol,
      type: 'symbol',
      source: FACILITY_SOURCES.facilities,
      filter: symbolFilter(null),
      layout: {
        'icon-image': ['get', 'icon'],
        'icon-size': iconSize,
        'icon-allow-overlap': true,
        'icon-ignore-placement': false,
        // Facilities in operation above planned and closed ones where they overlap.
        'symbol-sort-key': ['case', ['==', ['get', 'status'], 'in Betrieb'], 1, 0],
      },
    },
    {
      id: FACILITY_LAYER_IDS.markHalo,
      type: 'circle',
      source: FACILITY_SOURCES.marks,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, ['case', role('hover'), 12, 14], 13, ['case', role('hover'), 16, 18]],
        'circle-color': ['case', role('hover'), '#ffffff', role('draft'), '#cfe0f3', SELECTION_FILL],
        'circle-opacity': ['case', role('hover'), 0.75, 0.7],
        'circle-stroke-color': ['case', role('draft'), '#0b5394', SELECTION_LINE],
        'circle-stroke-width': ['case', role('hover'), 1.5, 2.5],
      },
    },
    {
      id: FACILITY_LAYER_IDS.markSymbol,
      type: 'symbol',
      source: FACILITY_SOURCES.marks,
      layout: { 'icon-image': ['get', 'icon'], 'icon-size': iconSize, 'icon-allow-overlap': true, 'icon-ignore-placement': true },
    },
  ];
  return layers.map((layer) => ({ layer, beforeId }));
}
