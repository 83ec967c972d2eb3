import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap, SymbolLayerSpecification } from 'maplibre-gl';
import type { Feature, FeatureCollection, LineString, Point, Position } from 'geojson';
import { marksSourceData, placesSourceData, type CoverageMapData } from '../domain/coverageView/mapSources';
import { polygonsOf, type Areal } from '../domain/geo/geometry';
import { labelLines, placeLabels, type Box, type LabelRequest, type PixelPolygon, type PlacedLabel } from '../domain/geo/labelPlacement';
import type { TerritoryFile } from '../domain/territory/types';
import { COVERAGE_ICON_SIZE } from './coverageIcons';
import { iconId, parseIconId, symbolExtent } from './facilityIcons';
import { glyphMeasure, type TextMeasure } from './glyphAdvances';
import { FONT_BOLD, FONT_REGULAR } from './style';

export const PLACED_LABEL_SOURCES = { labels: 'beschriftung-platziert', leaders: 'beschriftung-fuehrungslinie' } as const;
export const PLACED_LABEL_LAYERS = {
  sozialraum: 'beschriftung-platziert-sozialraum',
  ausserhalb: 'beschriftung-platziert-ausserhalb',
  leader: 'beschriftung-fuehrungslinie',
} as const;

const HALO = { sozialraum: 1.6, ausserhalb: 1.4 } as const;
/** MapLibre's default text-line-height, in em. */
const LINE_HEIGHT = 1.2;
/** Lines break at 8 em (Sozialraum) and 14 em (context), as the main map's labels do. */
const MAX_WIDTH_EM = { sozialraum: [8, 5, 12, 100], ausserhalb: [14, 9, 6] } as const;

type AreaKind = keyof typeof HALO;

interface Area {
  id: string;
  kind: AreaKind;
  text: string;
  geometry: Areal;
  preferred: Position;
}

/** The layers of the placed names and their leader lines, bottom first. */
export function placedLabelLayers(): LayerSpecification[] {
  const layout: SymbolLayerSpecification['layout'] = {
    'text-field': ['get', 'text'],
    'text-size': ['get', 'size'],
    // Lines are broken in code, as measured; MapLibre must not break them again.
    'text-max-width': 100,
    'text-anchor': 'center',
    // Always drawn (the placement keeps them clear of symbols), and still registered for
    // collisions, so the place names below give way to them.
    'text-allow-overlap': true,
    'text-ignore-placement': false,
  };
  return [
    { id: PLACED_LABEL_LAYERS.leader, type: 'line', source: PLACED_LABEL_SOURCES.leaders, paint: { 'line-color': '#1f2933', 'line-width': 1.4 } },
    {
      id: PLACED_LABEL_LAYERS.ausserhalb,
      type: 'symbol',
      source: PLACED_LABEL_SOURCES.labels,
      filter: ['==', ['get', 'kind'], 'ausserhalb'],
      layout: { ...layout, 'text-font': [FONT_REGULAR] },
      paint: { 'text-color': '#4b5563', 'text-halo-color': '#ffffff', 'text-halo-width': HALO.ausserhalb },
    },
    {
      id: PLACED_LABEL_LAYERS.sozialraum,
      type: 'symbol',
      source: PLACED_LABEL_SOURCES.labels,
      filter: ['==', ['get', 'kind'], 'sozialraum'],
      layout: { ...layout, 'text-font': [FONT_BOLD] },
      paint: { 'text-color': '#111827', 'text-halo-color': '#ffffff', 'text-halo-width': HALO.sozialraum },
    },
  ];
}

/** Piecewise-linear in zoom, like an `interpolate` expression of the style. */
function byZoom(zoom: number, stops: readonly [number, number][]): number {
  if (zoom <= stops[0]![0]) return stops[0]![1];
  for (let i = 1; i < stops.length; i++) {
    const [z1, v1] = stops[i]!;
    const [z0, v0] = stops[i - 1]!;
    if (zoom <= z1) return v0 + ((v1 - v0) * (zoom - z0)) / (z1 - z0);
  }
  return stops[stops.length - 1]![1];
}

/** Text sizes of the council map, read from across the room. */
const TEXT_SIZE: Record<AreaKind, [number, number][]> = {
  sozialraum: [
    [8, 12],
    [10, 15],
    [12, 17],
  ],
  ausserhalb: [
    [8, 11],
    [11, 13],
  ],
};
/** The facility symbols' icon-size (coverageLayers.ts). */
const FACILITY_ICON_SCALE: [number, number][] = [
  [8, 0.85],
  [12, 1.05],
];

export interface RenderedLabel {
  id: string;
  text: string;
  placement: PlacedLabel['placement'];
  box: Box;
}

/**
 * The area names of the Kreistag map, placed in code (domain/geo/labelPlacement.ts) for the
 * current view: inside each area, clear of every facility symbol, suggested site, named place,
 * map control and the PNG's scale bar and north arrow, and clear of each other. Drawn with
 * overlap allowed (MapLibre would drop a name that meets a symbol) but still registered for
 * collisions, so the smaller place names give way to them.
 */
export class PresentationLabels {
  private readonly areas: Area[];
  private measures: Promise<Record<AreaKind, TextMeasure>> | null = null;
  private added = false;
  private placed: RenderedLabel[] = [];

  constructor(
    private readonly map: MapLibreMap,
    private readonly container: HTMLElement,
    territory: TerritoryFile,
    /** Boxes (CSS pixels of the map) the PNG draws over the map, for a map of this size. */
    private readonly reserved: (width: number, height: number) => Box[],
  ) {
    this.areas = [
      ...territory.sozialraeume.features.map((feature) => ({
        id: feature.properties.id,
        kind: 'sozialraum' as const,
        text: feature.properties.name,
        geometry: feature.geometry,
        preferred: feature.properties.labelPoint,
      })),
      ...territory.ausserhalb.features.map((feature) => ({
        id: feature.properties.id,
        kind: 'ausserhalb' as const,
        text: feature.properties.kind === 'gemeindefrei' ? feature.properties.name : `${feature.properties.name}\n(außerhalb der Sozialräume)`,
        geometry: feature.geometry,
        preferred: feature.properties.labelPoint,
      })),
    ];
  }

  /** Places the names for the current view and data, and draws them. */
  async layout(data: CoverageMapData | null): Promise<void> {
    this.measures ??= this.loadMeasures();
    const measures = await this.measures;
    const map = this.map;
    if (!map.getStyle()) return;
    this.addLayers();
    const zoom = map.getZoom();
    const project = (position: Position): [number, number] => {
      const point = map.project([position[0]!, position[1]!]);
      return [point.x, point.y];
    };
    const texts = new Map<string, { shapes: string[][]; size: number }>();
    const requests: LabelRequest[] = this.areas.map((area) => {
      const size = byZoom(zoom, TEXT_SIZE[area.kind]);
      const measure = (line: string) => measures[area.kind](line, size);
      // Ways to break the name, the main map's first: narrower ones fit small areas.
      const breaks = MAX_WIDTH_EM[area.kind].map((em) => labelLines(area.text, measure, em * size));
      const shapes = breaks.filter((lines, index) => breaks.findIndex((other) => other.join('\n') === lines.join('\n')) === index);
      texts.set(area.id, { shapes, size });
      const halo = HALO[area.kind];
      return {
        id: area.id,
        polygons: polygonsOf(area.geometry).map((polygon): PixelPolygon => polygon.map((ring) => ring.map(project))),
        preferred: project(area.preferred),
        shapes: shapes.map((lines) => ({ width: Math.max(...lines.map(measure)) + 2 * halo + 2, height: lines.length * LINE_HEIGHT * size + 2 * halo })),
      };
    });
    const { clientWidth: width, clientHeight: height } = this.container;
    const obstacles = [...this.symbolBoxes(data, zoom, project, measures.sozialraum), ...this.controlBoxes(), ...this.reserved(width, height)];
    const placed = placeLabels(requests, obstacles, { bounds: { left: 4, top: 4, right: width - 4, bottom: height - 4 }, gap: 2 });
    const kindOf = new Map(this.areas.map((area) => [area.id, area.kind]));
    const labels: Feature<Point>[] = placed.map((label) => {
      const { shapes, size } = texts.get(label.id)!;
      const lines = shapes[label.shape]!;
      const lngLat = map.unproject(label.centre);
      return { type: 'Feature', properties: { id: label.id, kind: kindOf.get(label.id)!, text: lines.join('\n'), size }, geometry: { type: 'Point', coordinates: [lngLat.lng, lngLat.lat] } };
    });
    const leaders: Feature<LineString>[] = placed.flatMap((label) =>
      label.leader
        ? [{ type: 'Feature' as const, properties: {}, geometry: { type: 'LineString' as const, coordinates: label.leader.map((point) => map.unproject(point).toArray()) } }]
        : [],
    );
    this.setData(PLACED_LABEL_SOURCES.labels, { type: 'FeatureCollection', features: labels });
    this.setData(PLACED_LABEL_SOURCES.leaders, { type: 'FeatureCollection', features: leaders });
    this.placed = placed.map((label) => ({ id: label.id, text: texts.get(label.id)!.shapes[label.shape]!.join(' '), placement: label.placement, box: label.box }));
  }

  /** The names as placed in the last layout (end-to-end tests). */
  placedLabels(): RenderedLabel[] {
    return this.placed;
  }

  /** The ids of the names MapLibre has drawn now (end-to-end tests). */
  renderedLabelIds(): string[] {
    if (!this.added) return [];
    const layers = [PLACED_LABEL_LAYERS.sozialraum, PLACED_LABEL_LAYERS.ausserhalb];
    return [...new Set(this.map.queryRenderedFeatures({ layers }).map((feature) => String(feature.properties.id)))].sort();
  }

  private async loadMeasures(): Promise<Record<AreaKind, TextMeasure>> {
    const glyphs = this.map.getStyle().glyphs!;
    const texts = this.areas.map((area) => area.text);
    const [sozialraum, ausserhalb] = await Promise.all([glyphMeasure(glyphs, FONT_BOLD, [...texts, '0123456789+−. Einw']), glyphMeasure(glyphs, FONT_REGULAR, texts)]);
    return { sozialraum, ausserhalb };
  }

  /** Every mark of the coverage layers and every named place, as boxes in pixels. */
  private symbolBoxes(data: CoverageMapData | null, zoom: number, project: (position: Position) => [number, number], measure: TextMeasure): Box[] {
    if (!data) return [];
    const square = ([x, y]: [number, number], size: number): Box => ({ left: x - size / 2, top: y - size / 2, right: x + size / 2, bottom: y + size / 2 });
    const boxes: Box[] = [];
    const icons = { facility: iconId, hypothetical: () => '' };
    const iconScale = byZoom(zoom, FACILITY_ICON_SCALE);
    for (const mark of marksSourceData(data, { drawFacilities: true, dragged: null, icons }).features) {
      const at = project(mark.geometry.coordinates);
      const { kind, label, icon } = mark.properties;
      const variant = kind === 'einrichtung' ? parseIconId(icon)?.variant : undefined;
      if (variant) {
        const extent = symbolExtent(variant);
        boxes.push({ left: at[0] + extent.left * iconScale, top: at[1] + extent.top * iconScale, right: at[0] + extent.right * iconScale, bottom: at[1] + extent.bottom * iconScale });
      } else if (kind === 'einrichtung') boxes.push(square(at, 30 * iconScale));
      else if (kind === 'ausgeschaltet') boxes.push(square(at, COVERAGE_ICON_SIZE * 0.8));
      else {
        boxes.push(square(at, kind === 'vorschlag' ? 30 : COVERAGE_ICON_SIZE * 1.15));
        // The mark's text below it (drawn with overlap allowed): „Neu 1“, „+1.200 Einw.“.
        const width = measure(label, 12.5) + 6;
        const top = at[1] + (kind === 'vorschlag' ? 1.25 * 12.5 : 1.7 * 12);
        boxes.push({ left: at[0] - width / 2, top, right: at[0] + width / 2, bottom: top + 12.5 * LINE_HEIGHT + 4 });
      }
    }
    if (!data.empty && data.layers.luecken) {
      for (const place of placesSourceData(data.setup, data.analysis, data.siedlungen).features) boxes.push(square(project(place.geometry.coordinates), 9));
    }
    return boxes;
  }

  /** The map's own controls (scale, attribution) cover it on screen. */
  private controlBoxes(): Box[] {
    const origin = this.container.getBoundingClientRect();
    return [...this.container.querySelectorAll('.maplibregl-ctrl')].map((element) => {
      const rect = element.getBoundingClientRect();
      return { left: rect.left - origin.left, top: rect.top - origin.top, right: rect.right - origin.left, bottom: rect.bottom - origin.top };
    });
  }

  private addLayers(): void {
    if (this.added) return;
    this.added = true;
    const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
    for (const id of Object.values(PLACED_LABEL_SOURCES)) this.map.addSource(id, { type: 'geojson', data: empty });
    // On top, so they are placed first and the place names below give way to them.
    for (const layer of placedLabelLayers()) this.map.addLayer(layer);
  }

  private setData(source: string, data: FeatureCollection): void {
    this.map.getSource<GeoJSONSource>(source)?.setData(data);
  }
}
