import type { ExpressionSpecification, GeoJSONSourceSpecification, LayerSpecification, VariableAnchorOffsetCollectionSpecification } from 'maplibre-gl';
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { TerritoryLayerGroupId } from '../domain/atlasView';
import { GEMEINDE_POPULATION_CLASSES } from '../domain/territory/populationClasses';
import type { TerritoryFile } from '../domain/territory/types';
import {
  KREIS_LINE,
  OUTSIDE_FILL,
  POPULATION_CLASS_COLOURS,
  SELECTION_FILL,
  SELECTION_LINE,
  SOZIALRAUM_PASTELS,
  UNINCORPORATED_FILL,
  regionColour,
  shade,
  tint,
} from './palette';
import { ANCHORS, FONT_BOLD, FONT_REGULAR } from './style';

/**
 * The territory's one map source: every level (Kreis, Sozialregionen, Sozialräume, Gemeinden,
 * the areas outside, the label points) in one GeoJSON source, told apart by the property
 * `ebene`. One source is tiled once and arrives in one batch of tiles: with a source per level,
 * MapLibre drew a frame after each level's tiles, and on software WebGL each frame of the first
 * view costs 100-250 ms.
 */
export const TERRITORY_SOURCE = 'gebiet';

/** The levels of the territory source (property `ebene`). */
export type TerritoryLevel = 'kreis' | 'sozialregion' | 'sozialraum' | 'gemeinde' | 'ausserhalb' | 'beschriftung';

/**
 * The feature id (promoted from the property `fid`) of an area of one level, for feature-state:
 * ids are unique per source, and a Sozialraum and a Gemeinde may share a name.
 */
export function territoryFeatureId(level: TerritoryLevel, id: string): string {
  return `${level}:${id}`;
}

/** A layer filter: the features of one level. */
export function onLevel(level: TerritoryLevel): ExpressionSpecification {
  return ['==', ['get', 'ebene'], level];
}

/** The level each part of TerritorySourceData becomes in the one source. */
const LEVEL_OF: Record<keyof TerritorySourceData, TerritoryLevel> = {
  kreis: 'kreis',
  sozialregionen: 'sozialregion',
  sozialraeume: 'sozialraum',
  gemeinden: 'gemeinde',
  ausserhalb: 'ausserhalb',
  labels: 'beschriftung',
};

/** The layers each group of the layer panel switches. */
export const LAYER_GROUPS: Record<TerritoryLayerGroupId, string[]> = {
  kreis: ['kreis-linie'],
  sozialregionen: ['sozialregion-linie'],
  sozialraeume: ['sozialraum-flaeche', 'sozialraum-linie', 'sozialraum-beschriftung'],
  gemeinden: ['gemeinde-linie', 'gemeinde-beschriftung'],
  einwohnerklassen: ['gemeinde-einwohnerklasse'],
};

/** Layers that answer hover and click, with the kind of area they stand for. */
export const INTERACTIVE_LAYERS = {
  'sozialraum-flaeche': 'sozialraum',
  'ausserhalb-flaeche': 'ausserhalb',
} as const;

export interface TerritorySourceData {
  kreis: FeatureCollection;
  sozialregionen: FeatureCollection;
  sozialraeume: FeatureCollection;
  gemeinden: FeatureCollection;
  ausserhalb: FeatureCollection;
  labels: FeatureCollection<Point>;
}

/**
 * Turns a territory into the data of the map sources: adds display colours and one label
 * point per area. Arrays are dropped from properties because MapLibre would stringify them.
 */
export function territorySourceData(territory: TerritoryFile): TerritorySourceData {
  const regionIndex = new Map(territory.sozialregionen.features.map((f, index) => [f.properties.id, index]));
  // Neighbours get different colours (their slots, from the territory build); inside a region,
  // different shades of the region colour. More slots than pastels: the last pastel repeats.
  const sozialraeume = territory.sozialraeume.features.map((feature) => {
    const region = feature.properties.sozialregionId ? regionIndex.get(feature.properties.sozialregionId) : undefined;
    const slot = feature.properties.colourIndex;
    const fill =
      region === undefined
        ? SOZIALRAUM_PASTELS[Math.min(slot, SOZIALRAUM_PASTELS.length - 1)]!
        : tint(regionColour(region), REGION_SHADES[slot % REGION_SHADES.length]!);
    return {
      type: 'Feature' as const,
      properties: { id: feature.properties.id, name: feature.properties.name, einwohner: feature.properties.einwohner, fill, fillHover: shade(fill, 0.82) },
      geometry: feature.geometry,
    };
  });
  const sozialregionen = territory.sozialregionen.features.map((feature, index) => ({
    type: 'Feature' as const,
    properties: { id: feature.properties.id, name: feature.properties.name, colour: regionColour(index) },
    geometry: feature.geometry,
  }));
  const gemeinden = territory.gemeinden.features.map((feature) => ({
    type: 'Feature' as const,
    properties: {
      ags: feature.properties.ags,
      name: feature.properties.name,
      einwohner: feature.properties.einwohner,
    },
    geometry: feature.geometry,
  }));
  const ausserhalb = territory.ausserhalb.features.map((feature) => ({
    type: 'Feature' as const,
    properties: {
      id: feature.properties.id,
      name: feature.properties.name,
      kind: feature.properties.kind,
      fill: feature.properties.kind === 'gemeindefrei' ? UNINCORPORATED_FILL : OUTSIDE_FILL,
      fillHover: shade(feature.properties.kind === 'gemeindefrei' ? UNINCORPORATED_FILL : OUTSIDE_FILL, 0.82),
    },
    geometry: feature.geometry,
  }));
  const label = (kind: string, id: string, text: string, feature: { properties: { labelPoint: [number, number] } }): Feature<Point> => ({
    type: 'Feature',
    properties: { kind, id, text },
    geometry: { type: 'Point', coordinates: feature.properties.labelPoint },
  });
  const labels: Feature<Point>[] = [
    ...territory.sozialraeume.features.map((f) => label('sozialraum', f.properties.id, f.properties.name, f)),
    ...territory.ausserhalb.features.map((f) =>
      label(
        'ausserhalb',
        f.properties.id,
        f.properties.kind === 'gemeindefrei' ? `${f.properties.name}` : `${f.properties.name}\n(außerhalb der Sozialräume)`,
        f,
      ),
    ),
    ...territory.gemeinden.features
      .filter((f) => f.properties.sozialraumId !== null)
      .map((f) => label('gemeinde', f.properties.ags, f.properties.name, f)),
  ];
  const collection = <T extends Feature>(features: T[]) => ({ type: 'FeatureCollection' as const, features });
  return {
    kreis: collection([{ ...territory.kreis, properties: { ags: territory.kreis.properties.ags } }]),
    sozialregionen: collection(sozialregionen),
    sozialraeume: collection(sozialraeume),
    gemeinden: collection(gemeinden),
    ausserhalb: collection(ausserhalb),
    labels: collection(labels),
  };
}

/**
 * The data of the one territory source: the levels of territorySourceData in one collection,
 * each feature with its `ebene` and its feature id `fid` (territoryFeatureId).
 */
export function territorySource(territory: TerritoryFile): FeatureCollection {
  const levels = territorySourceData(territory);
  const features: Feature[] = [];
  for (const [key, level] of Object.entries(LEVEL_OF) as [keyof TerritorySourceData, TerritoryLevel][]) {
    for (const feature of levels[key].features) {
      const properties = feature.properties ?? {};
      const id = level === 'beschriftung' ? `${String(properties.kind)}:${String(properties.id)}` : String(properties.id ?? properties.ags);
      features.push({ ...feature, properties: { ...properties, ebene: level, fid: territoryFeatureId(level, id) } });
    }
  }
  return { type: 'FeatureCollection', features };
}

/** The source specification of the territory (feature ids promoted from `fid`). */
export function territorySourceSpecification(territory: TerritoryFile, attribution?: string): GeoJSONSourceSpecification {
  return { type: 'geojson', data: territorySource(territory), promoteId: 'fid', ...(attribution ? { attribution } : {}) };
}

/** Strengths of the region colour used for the Sozialräume within one region. */
const REGION_SHADES = [0.28, 0.4, 0.18, 0.5];

const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];
const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];

function populationClassColour(): ExpressionSpecification {
  const steps: (number | string)[] = [];
  GEMEINDE_POPULATION_CLASSES.slice(1).forEach((populationClass, index) => {
    steps.push(populationClass.min, POPULATION_CLASS_COLOURS[index + 1]!);
  });
  return ['step', ['get', 'einwohner'], POPULATION_CLASS_COLOURS[0]!, ...steps] as ExpressionSpecification;
}

export interface PositionedLayer {
  layer: LayerSpecification;
  beforeId: string;
}

/** All territory layers, each placed below one of the anchors. */
/** Where an area label may go: its point, or 1.6 em above, below, left or right of it (clear of a symbol with its ring). */
const LABEL_ANCHORS = ['center', [0, 0], 'top', [0, 1.6], 'bottom', [0, -1.6], 'left', [1.6, 0], 'right', [-1.6, 0]] satisfies VariableAnchorOffsetCollectionSpecification;

export function territoryLayers(): PositionedLayer[] {
  const fills = ANCHORS.fills;
  const lines = ANCHORS.lines;
  const labels = ANCHORS.labels;
  return [
    {
      beforeId: fills,
      layer: {
        id: 'ausserhalb-flaeche',
        type: 'fill',
        source: TERRITORY_SOURCE,
        filter: onLevel('ausserhalb'),
        paint: {
          'fill-color': ['case', selected, SELECTION_FILL, hovered, ['get', 'fillHover'], ['get', 'fill']],
          'fill-opacity': ['case', selected, 0.9, 0.8],
          // Every edge is drawn by a line layer: the fill's own hairline would be hidden under it.
          'fill-antialias': false,
        },
      },
    },
    {
      beforeId: fills,
      layer: {
        id: 'sozialraum-flaeche',
        type: 'fill',
        source: TERRITORY_SOURCE,
        filter: onLevel('sozialraum'),
        paint: {
          'fill-color': ['case', selected, SELECTION_FILL, hovered, ['get', 'fillHover'], ['get', 'fill']],
          'fill-opacity': ['case', selected, 0.9, 0.75],
          'fill-antialias': false,
        },
      },
    },
    {
      beforeId: fills,
      layer: {
        id: 'gemeinde-einwohnerklasse',
        type: 'fill',
        source: TERRITORY_SOURCE,
        filter: onLevel('gemeinde'),
        layout: { visibility: 'none' },
        paint: { 'fill-color': populationClassColour(), 'fill-opacity': 0.85 },
      },
    },
    {
      beforeId: lines,
      layer: {
        id: 'gemeinde-linie',
        type: 'line',
        source: TERRITORY_SOURCE,
        filter: onLevel('gemeinde'),
        paint: { 'line-color': '#6b7280', 'line-width': 0.6, 'line-dasharray': [3, 2] },
      },
    },
    {
      beforeId: lines,
      layer: {
        id: 'ausserhalb-linie',
        type: 'line',
        source: TERRITORY_SOURCE,
        filter: onLevel('ausserhalb'),
        paint: { 'line-color': ['case', selected, SELECTION_LINE, '#6b7280'], 'line-width': ['case', selected, 3, 1.2] },
      },
    },
    {
      beforeId: lines,
      layer: {
        id: 'sozialraum-linie',
        type: 'line',
        source: TERRITORY_SOURCE,
        filter: onLevel('sozialraum'),
        paint: {
          'line-color': ['case', selected, SELECTION_LINE, '#4b5563'],
          'line-width': ['case', selected, 3.5, hovered, 2.2, 1.2],
        },
      },
    },
    {
      beforeId: lines,
      layer: {
        id: 'sozialregion-linie',
        type: 'line',
        source: TERRITORY_SOURCE,
        filter: onLevel('sozialregion'),
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': ['get', 'colour'],
          'line-width': ['case', selected, 6, 3.5],
          'line-opacity': 0.95,
        },
      },
    },
    {
      beforeId: lines,
      layer: {
        id: 'kreis-linie',
        type: 'line',
        source: TERRITORY_SOURCE,
        filter: onLevel('kreis'),
        layout: { 'line-join': 'round' },
        paint: { 'line-color': KREIS_LINE, 'line-width': 2.5 },
      },
    },
    {
      beforeId: labels,
      layer: {
        id: 'gemeinde-beschriftung',
        type: 'symbol',
        source: TERRITORY_SOURCE,
        filter: ['all', onLevel('beschriftung'), ['==', ['get', 'kind'], 'gemeinde']],
        minzoom: 10.5,
        layout: {
          'text-field': ['get', 'text'],
          'text-font': [FONT_REGULAR],
          'text-size': 11,
          'text-offset': [0, 1.4],
          'text-optional': true,
        },
        paint: { 'text-color': '#374151', 'text-halo-color': '#ffffff', 'text-halo-width': 1.2 },
      },
    },
    {
      beforeId: labels,
      layer: {
        id: 'sozialraum-beschriftung',
        type: 'symbol',
        source: TERRITORY_SOURCE,
        filter: ['all', onLevel('beschriftung'), ['==', ['get', 'kind'], 'sozialraum']],
        layout: {
          'text-field': ['get', 'text'],
          'text-font': [FONT_BOLD],
          'text-size': ['interpolate', ['linear'], ['zoom'], 8, 9.5, 10, 12, 12, 14],
          'text-max-width': 8,
          // Several candidate positions let small neighbouring areas all keep their label, and
          // let it step aside from a facility symbol at the area's main place (symbols are placed
          // first and labels give way): 1.6 em clears a symbol with its dashed ring.
          'text-variable-anchor-offset': LABEL_ANCHORS,
          'text-padding': 1,
        },
        paint: { 'text-color': '#111827', 'text-halo-color': '#ffffff', 'text-halo-width': 1.6 },
      },
    },
    {
      beforeId: labels,
      layer: {
        id: 'ausserhalb-beschriftung',
        type: 'symbol',
        source: TERRITORY_SOURCE,
        filter: ['all', onLevel('beschriftung'), ['==', ['get', 'kind'], 'ausserhalb']],
        layout: {
          'text-field': ['get', 'text'],
          'text-font': [FONT_REGULAR],
          'text-size': ['interpolate', ['linear'], ['zoom'], 8, 9.5, 11, 13],
          'text-max-width': 14,
          'text-variable-anchor-offset': LABEL_ANCHORS,
        },
        paint: { 'text-color': '#4b5563', 'text-halo-color': '#ffffff', 'text-halo-width': 1.4 },
      },
    },
  ];
}
