import type {
  ExpressionSpecification,
  GeoJSONSource,
  LayerSpecification,
  Map as MapLibreMap,
  MapMouseEvent,
} from 'maplibre-gl';
import type { Feature, FeatureCollection, Point, Polygon, Position } from 'geojson';
import type { CoverageAnalysis } from '../domain/coverage/analysis';
import type { CoverageSetup } from '../domain/coverage/coverage';
import { fromLaea, type Settlement } from '../domain/coverage/surface';
import type { FacilityCategory } from '../domain/facilities/catalog';
import type { Facility } from '../domain/facilities/schema';
import { isApproximate } from '../domain/resources/labels';
import { gapSquares, reachRing, settlementsInGaps, squareRing } from '../domain/coverageView/gaps';
import { isHypotheticalId, type Scenario } from '../domain/coverageView/scenario';
import { GAP_CLASS_MINIMA, SHARE_CLASS_BOUNDS } from '../domain/coverageView/summary';
import { formatInteger } from '../domain/format';
import { COVERAGE_ICON_SIZE, HYPOTHETICAL_RING, SWITCHED_OFF_ICON, hypotheticalIconId, renderCoverageIcons } from './coverageIcons';
import { iconId, PIXEL_RATIO } from './facilityIcons';
import { enableFacilityDrag } from './modes/dragFacility';
import { ANCHORS, FONT_BOLD, FONT_REGULAR } from './style';
import { SELECTION_FILL, SELECTION_LINE } from './palette';
import { SOURCES } from './territoryLayers';

/**
 * The map layers of the coverage analysis (Versorgung tab and the Kreistag view):
 *   - choropleth of the Sozialräume by share of residents in reach (feature-state "anteil" on the
 *     territory's Sozialraum source, so a recomputation only sets 18 states, never re-sends shapes)
 *   - gap layer: residents not reached in 1 km squares, and the named places in unreached cells
 *   - straight-line reach of the counted facilities (a picture only; the analysis uses cells)
 *   - hypothetical facilities (draggable), real ones switched off, suggested sites
 * Layers sit below the style's anchors like all others, so drawing order never depends on
 * when they were added.
 */

/**
 * Five classes of "share of residents in reach" (ColorBrewer GnBu: colour-blind safe; light =
 * few reached). Kept light so the red gap squares on top draw the eye, not the well-served areas.
 */
export const SHARE_CLASS_COLOURS = ['#f0f9e8', '#ccebc5', '#a8ddb5', '#7bccc4', '#43a2ca'] as const;
/** Residents not reached per 1 km square (ColorBrewer Reds); the thinly settled class stays pale. */
export const GAP_CLASS_COLOURS = ['#fee0d2', '#fc9272', '#de2d26', '#a50f15'] as const;
/** Opacity per gap class: a few scattered residents must not paint whole areas red. */
export const GAP_CLASS_OPACITY = [0.85, 0.9, 0.95, 0.95] as const;
export const SUGGESTION_FILL = '#e69f00';
export const REACH_LINE = '#37474f';

export const COVERAGE_SOURCES = {
  reach: 'versorgung-reichweite',
  gaps: 'versorgung-luecken',
  places: 'versorgung-orte',
  marks: 'versorgung-marken',
} as const;

export const COVERAGE_LAYER_IDS = {
  share: 'versorgung-anteil',
  gapFill: 'versorgung-luecken',
  gapLine: 'versorgung-luecken-linie',
  reachFill: 'versorgung-reichweite-flaeche',
  reachLine: 'versorgung-reichweite-linie',
  placeDot: 'versorgung-orte-punkt',
  placeName: 'versorgung-orte-name',
  facilityHalo: 'versorgung-einrichtung-auswahl',
  facilities: 'versorgung-einrichtungen',
  switchedOff: 'versorgung-ausgeschaltet',
  suggestionCircle: 'versorgung-vorschlag',
  suggestionNumber: 'versorgung-vorschlag-nummer',
  suggestionLabel: 'versorgung-vorschlag-text',
  hypothetical: 'versorgung-hypothetisch',
} as const;

export type CoverageLayerGroup = 'anteil' | 'reichweite' | 'luecken';

const GROUPS: Record<CoverageLayerGroup, string[]> = {
  anteil: [COVERAGE_LAYER_IDS.share],
  reichweite: [COVERAGE_LAYER_IDS.reachFill, COVERAGE_LAYER_IDS.reachLine],
  luecken: [COVERAGE_LAYER_IDS.gapFill, COVERAGE_LAYER_IDS.gapLine, COVERAGE_LAYER_IDS.placeDot, COVERAGE_LAYER_IDS.placeName],
};
/** Always on while the analysis is shown. */
const SCENARIO_LAYERS = [
  COVERAGE_LAYER_IDS.facilityHalo,
  COVERAGE_LAYER_IDS.facilities,
  COVERAGE_LAYER_IDS.switchedOff,
  COVERAGE_LAYER_IDS.suggestionCircle,
  COVERAGE_LAYER_IDS.suggestionNumber,
  COVERAGE_LAYER_IDS.suggestionLabel,
  COVERAGE_LAYER_IDS.hypothetical,
];

/** What the map needs to draw an analysis; identities are compared to skip unchanged parts. */
export interface CoverageMapData {
  setup: CoverageSetup;
  analysis: CoverageAnalysis;
  radiusKm: number;
  category: FacilityCategory;
  /** All facilities of the district (for places of switched-off ones and the symbols of counted ones). */
  facilities: readonly Facility[];
  scenario: Scenario;
  selectedHypotheticalId: string | null;
  /** The real facility selected in the resource map (highlighted). */
  selectedFacilityId: string | null;
  siedlungen: readonly Settlement[];
  layers: Record<CoverageLayerGroup, boolean>;
}

export interface CoverageMapEvents {
  onPlace(lngLat: [number, number]): void;
  onCancelPlace(): void;
  onDrag(id: string, lngLat: [number, number]): void;
  onDrop(id: string, lngLat: [number, number]): void;
  onCancelDrag(): void;
  onHypotheticalClick(id: string): void;
  /** A facility of the category was clicked (the coverage layers draw them while shown). */
  onFacilityClick(id: string): void;
  onSuggestionClick(rank: number): void;
}

export interface CoverageLayerOptions {
  /** Draw the counted facilities with their symbols (the Kreistag map has no facility layers of its own). */
  drawFacilities: boolean;
  /** Hypothetical facilities can be dragged (not in the Kreistag view). */
  interactive: boolean;
  /** Whether a drag may start now (no other map mode active). */
  canStartDrag?: () => boolean;
}

type MarkKind = 'einrichtung' | 'ausgeschaltet' | 'vorschlag' | 'hypothetisch';

/** Of a facility of the category: counted, switched off in the scenario, or not counted (planned, closed). */
export type FacilityMarkState = 'zaehlt' | 'aus' | 'zaehlt-nicht';

interface MarkProperties {
  kind: MarkKind;
  id: string;
  icon: string;
  label: string;
  selected: boolean;
  rank: number;
  state: FacilityMarkState | '';
}

const empty = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });
const kindIs = (kind: MarkKind): ExpressionSpecification => ['==', ['get', 'kind'], kind];

function shareColour(): ExpressionSpecification {
  const steps: (string | number)[] = [];
  SHARE_CLASS_BOUNDS.forEach((bound, index) => steps.push(bound, SHARE_CLASS_COLOURS[index + 1]!));
  // Before the first result a Sozialraum has no state: fully transparent, not "0 %".
  return ['step', ['coalesce', ['feature-state', 'anteil'], -1], 'rgba(0, 0, 0, 0)', 0, SHARE_CLASS_COLOURS[0], ...steps] as ExpressionSpecification;
}

function gapOpacity(): ExpressionSpecification {
  const steps: number[] = [];
  GAP_CLASS_MINIMA.slice(1).forEach((minimum, index) => steps.push(minimum, GAP_CLASS_OPACITY[index + 1]!));
  return ['step', ['get', 'einwohner'], GAP_CLASS_OPACITY[0], ...steps] as ExpressionSpecification;
}

function gapColour(): ExpressionSpecification {
  const steps: (string | number)[] = [];
  GAP_CLASS_MINIMA.slice(1).forEach((minimum, index) => steps.push(minimum, GAP_CLASS_COLOURS[index + 1]!));
  return ['step', ['get', 'einwohner'], GAP_CLASS_COLOURS[0], ...steps] as ExpressionSpecification;
}

/** All coverage layers with the anchor each is placed below (null: on top of everything). */
export function coverageLayers(): { layer: LayerSpecification; beforeId: string | null }[] {
  const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];
  return [
    {
      beforeId: ANCHORS.fills,
      layer: {
        id: COVERAGE_LAYER_IDS.share,
        type: 'fill',
        source: SOURCES.sozialraeume,
        paint: { 'fill-color': shareColour(), 'fill-opacity': ['case', hovered, 1, 0.88] },
      },
    },
    {
      beforeId: ANCHORS.fills,
      layer: {
        id: COVERAGE_LAYER_IDS.reachFill,
        type: 'fill',
        source: COVERAGE_SOURCES.reach,
        filter: ['==', ['get', 'hypothetisch'], true],
        paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.28 },
      },
    },
    {
      beforeId: ANCHORS.fills,
      layer: {
        id: COVERAGE_LAYER_IDS.gapFill,
        type: 'fill',
        source: COVERAGE_SOURCES.gaps,
        paint: { 'fill-color': gapColour(), 'fill-opacity': gapOpacity() },
      },
    },
    {
      beforeId: ANCHORS.fills,
      layer: {
        id: COVERAGE_LAYER_IDS.gapLine,
        type: 'line',
        source: COVERAGE_SOURCES.gaps,
        minzoom: 9,
        // White seams keep neighbouring squares apart without a heavy grid.
        paint: { 'line-color': '#ffffff', 'line-opacity': 0.75, 'line-width': 0.6 },
      },
    },
    {
      beforeId: ANCHORS.lines,
      layer: {
        id: COVERAGE_LAYER_IDS.reachLine,
        type: 'line',
        source: COVERAGE_SOURCES.reach,
        paint: {
          'line-color': ['case', ['==', ['get', 'hypothetisch'], true], HYPOTHETICAL_RING, REACH_LINE],
          'line-opacity': ['case', ['==', ['get', 'hypothetisch'], true], 0.9, 0.6],
          'line-width': ['case', ['==', ['get', 'hypothetisch'], true], 2, 1.2],
          'line-dasharray': [3, 2],
        },
      },
    },
    {
      beforeId: ANCHORS.labels,
      layer: {
        id: COVERAGE_LAYER_IDS.placeDot,
        type: 'circle',
        source: COVERAGE_SOURCES.places,
        paint: { 'circle-radius': 3, 'circle-color': '#7f0000', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.2 },
      },
    },
    {
      beforeId: ANCHORS.labels,
      layer: {
        id: COVERAGE_LAYER_IDS.placeName,
        type: 'symbol',
        source: COVERAGE_SOURCES.places,
        layout: {
          'text-field': ['get', 'name'],
          'text-font': [FONT_REGULAR],
          'text-size': ['interpolate', ['linear'], ['zoom'], 8, 10.5, 12, 13],
          'text-anchor': 'top',
          'text-offset': [0, 0.5],
          'text-optional': true,
          'symbol-sort-key': ['-', 0, ['get', 'einwohner']],
        },
        paint: { 'text-color': '#7f0000', 'text-halo-color': '#ffffff', 'text-halo-width': 1.6 },
      },
    },
    {
      beforeId: null,
      layer: {
        id: COVERAGE_LAYER_IDS.facilityHalo,
        type: 'circle',
        source: COVERAGE_SOURCES.marks,
        filter: ['all', kindIs('einrichtung'), ['==', ['get', 'selected'], true]],
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 14, 13, 18],
          'circle-color': SELECTION_FILL,
          'circle-opacity': 0.75,
          'circle-stroke-color': SELECTION_LINE,
          'circle-stroke-width': 2.5,
        },
      },
    },
    {
      beforeId: null,
      layer: {
        id: COVERAGE_LAYER_IDS.facilities,
        type: 'symbol',
        source: COVERAGE_SOURCES.marks,
        filter: kindIs('einrichtung'),
        layout: {
          'icon-image': ['get', 'icon'],
          'icon-size': ['interpolate', ['linear'], ['zoom'], 8, 0.85, 12, 1.05],
          'icon-allow-overlap': true,
          'icon-ignore-placement': true,
          'symbol-sort-key': ['case', ['==', ['get', 'state'], 'zaehlt'], 1, 0],
          'text-field': ['step', ['zoom'], '', 11.5, ['get', 'label']],
          'text-font': [FONT_REGULAR],
          'text-size': 11,
          'text-offset': [0, 1.35],
          'text-anchor': 'top',
          'text-max-width': 10,
          'text-optional': true,
        },
        paint: {
          'icon-opacity': ['case', ['==', ['get', 'state'], 'zaehlt'], 1, 0.45],
          'text-color': '#1f2933',
          'text-halo-color': '#ffffff',
          'text-halo-width': 1.4,
        },
      },
    },
    {
      beforeId: null,
      layer: {
        id: COVERAGE_LAYER_IDS.switchedOff,
        type: 'symbol',
        source: COVERAGE_SOURCES.marks,
        filter: kindIs('ausgeschaltet'),
        layout: { 'icon-image': SWITCHED_OFF_ICON, 'icon-size': 0.8, 'icon-allow-overlap': true, 'icon-ignore-placement': true },
      },
    },
    {
      beforeId: null,
      layer: {
        id: COVERAGE_LAYER_IDS.suggestionCircle,
        type: 'circle',
        source: COVERAGE_SOURCES.marks,
        filter: kindIs('vorschlag'),
        paint: { 'circle-radius': 13, 'circle-color': SUGGESTION_FILL, 'circle-stroke-color': '#111111', 'circle-stroke-width': 2 },
      },
    },
    {
      beforeId: null,
      layer: {
        id: COVERAGE_LAYER_IDS.suggestionNumber,
        type: 'symbol',
        source: COVERAGE_SOURCES.marks,
        filter: kindIs('vorschlag'),
        layout: {
          'text-field': ['to-string', ['get', 'rank']],
          'text-font': [FONT_BOLD],
          'text-size': 14,
          'text-allow-overlap': true,
          'text-ignore-placement': true,
        },
        paint: { 'text-color': '#111111' },
      },
    },
    {
      beforeId: null,
      layer: {
        id: COVERAGE_LAYER_IDS.suggestionLabel,
        type: 'symbol',
        source: COVERAGE_SOURCES.marks,
        filter: kindIs('vorschlag'),
        layout: {
          'text-field': ['get', 'label'],
          'text-font': [FONT_BOLD],
          'text-size': 12.5,
          'text-anchor': 'top',
          'text-offset': [0, 1.25],
          'text-allow-overlap': true,
        },
        paint: { 'text-color': '#111111', 'text-halo-color': '#ffffff', 'text-halo-width': 1.8 },
      },
    },
    {
      beforeId: null,
      layer: {
        id: COVERAGE_LAYER_IDS.hypothetical,
        type: 'symbol',
        source: COVERAGE_SOURCES.marks,
        filter: kindIs('hypothetisch'),
        layout: {
          'icon-image': ['get', 'icon'],
          'icon-size': ['case', ['==', ['get', 'selected'], true], 1.15, 1],
          'icon-allow-overlap': true,
          'icon-ignore-placement': true,
          'text-field': ['get', 'label'],
          'text-font': [FONT_BOLD],
          'text-size': 12,
          'text-offset': [0, 1.7],
          'text-anchor': 'top',
          'text-allow-overlap': true,
        },
        paint: { 'text-color': '#111111', 'text-halo-color': '#ffffff', 'text-halo-width': 1.8 },
      },
    },
  ];
}

/** Polygons of squares by id; the squares are fixed geography (EPSG:3035), so they never go stale. */
const squareRings = new Map<string, Position[]>();

function ringOfSquare(x: number, y: number, id: string): Position[] {
  let ring = squareRings.get(id);
  if (!ring) {
    ring = squareRing(x, y);
    if (squareRings.size > 50_000) squareRings.clear();
    squareRings.set(id, ring);
  }
  return ring;
}

/** The gap squares of a result as GeoJSON (residents rounded to whole people). */
export function gapSourceData(setup: CoverageSetup, analysis: CoverageAnalysis): FeatureCollection<Polygon> {
  return {
    type: 'FeatureCollection',
    features: gapSquares(setup.grid, analysis.result.unversorgtProZelle).map((square) => ({
      type: 'Feature',
      properties: { id: square.id, einwohner: Math.round(square.einwohner) },
      geometry: { type: 'Polygon', coordinates: [ringOfSquare(square.x, square.y, square.id)] },
    })),
  };
}

function placesSourceData(setup: CoverageSetup, analysis: CoverageAnalysis, siedlungen: readonly Settlement[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: settlementsInGaps(setup, analysis.result, siedlungen).map((place) => ({
      type: 'Feature',
      properties: { name: place.name, einwohner: place.einwohner },
      geometry: { type: 'Point', coordinates: [place.lng, place.lat] },
    })),
  };
}

function reachSourceData(analysis: CoverageAnalysis, radiusKm: number): FeatureCollection<Polygon> {
  return {
    type: 'FeatureCollection',
    features: analysis.facilities.map((facility) => ({
      type: 'Feature',
      properties: { id: facility.id, hypothetisch: isHypotheticalId(facility.id) },
      geometry: { type: 'Polygon', coordinates: [reachRing(fromLaea([facility.x, facility.y]), radiusKm * 1000)] },
    })),
  };
}

function marksSourceData(data: CoverageMapData, drawFacilities: boolean, dragged: { id: string; lngLat: [number, number] } | null): FeatureCollection<Point, MarkProperties> {
  const features: Feature<Point, MarkProperties>[] = [];
  const mark = (kind: MarkKind, id: string, lngLat: readonly number[], extra: Partial<MarkProperties> = {}) =>
    features.push({
      type: 'Feature',
      properties: { kind, id, icon: '', label: '', selected: false, rank: 0, state: '', ...extra },
      geometry: { type: 'Point', coordinates: [lngLat[0]!, lngLat[1]!] },
    });
  const byId = new Map(data.facilities.map((facility) => [facility.id, facility]));
  if (drawFacilities) {
    const counted = new Set(data.analysis.facilities.map((facility) => facility.id));
    const off = new Set(data.scenario.switchedOff);
    for (const facility of data.facilities) {
      if (facility.geloescht || facility.category !== data.category.id) continue;
      mark('einrichtung', facility.id, facility.lage, {
        icon: iconId(facility.category, isApproximate(facility.lagegenauigkeit) ? 'genaehert' : 'exakt'),
        label: facility.name,
        state: counted.has(facility.id) ? 'zaehlt' : off.has(facility.id) ? 'aus' : 'zaehlt-nicht',
        selected: facility.id === data.selectedFacilityId,
      });
    }
  }
  for (const id of data.scenario.switchedOff) {
    const facility = byId.get(id);
    if (facility && !facility.geloescht) mark('ausgeschaltet', id, facility.lage);
  }
  data.analysis.suggestions.forEach((suggestion, index) =>
    mark('vorschlag', `vorschlag-${index + 1}`, suggestion.lngLat, {
      rank: index + 1,
      label: `+${formatInteger(suggestion.zusaetzlichVersorgt)} Einw.`,
    }),
  );
  for (const facility of data.scenario.hypothetical) {
    const lngLat = dragged?.id === facility.id ? dragged.lngLat : facility.lngLat;
    mark('hypothetisch', facility.id, lngLat, {
      icon: hypotheticalIconId(data.category.id),
      label: `Neu ${facility.nummer}`,
      selected: facility.id === data.selectedHypotheticalId,
    });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * Owns the coverage sources and layers of one map. `update(null)` hides them (other layers keep
 * working); `update(data)` re-sends only what changed.
 */
export class CoverageLayers {
  private data: CoverageMapData | null = null;
  private shown = false;
  private iconsFor: string | null = null;
  private dragged: { id: string; lngLat: [number, number] } | null = null;
  private disableDrag: (() => void) | null = null;
  private renderedGaps = -1;

  constructor(
    private readonly map: MapLibreMap,
    private readonly container: HTMLElement,
    private readonly events: CoverageMapEvents | null,
    private readonly options: CoverageLayerOptions,
  ) {
    for (const id of Object.values(COVERAGE_SOURCES)) {
      if (!map.getSource(id)) map.addSource(id, { type: 'geojson', data: empty() });
    }
    for (const { layer, beforeId } of coverageLayers()) {
      if (map.getLayer(layer.id)) continue;
      map.addLayer({ ...layer, layout: { ...layer.layout, visibility: 'none' } } as LayerSpecification, beforeId && map.getLayer(beforeId) ? beforeId : undefined);
    }
    map.on('idle', this.reportRendered);
    if (options.interactive && events) {
      this.disableDrag = enableFacilityDrag(map, COVERAGE_LAYER_IDS.hypothetical, {
        canDrag: () => this.shown && (options.canStartDrag?.() ?? true),
        onStart: (id, lngLat) => this.drag(id, lngLat),
        onMove: (id, lngLat) => this.drag(id, lngLat),
        onDrop: (id, lngLat) => {
          this.dragged = null;
          events.onDrop(id, lngLat);
        },
        onCancel: () => {
          this.dragged = null;
          events.onCancelDrag();
        },
      });
    }
  }

  update(data: CoverageMapData | null): void {
    const previous = this.data;
    this.data = data;
    if (!data) {
      if (this.shown) this.setShown(false);
      return;
    }
    if (this.iconsFor !== data.category.id || this.iconsFor === null) this.addIcons(data.category);
    const changed = <K extends keyof CoverageMapData>(key: K) => !previous || !this.shown || previous[key] !== data[key];
    if (changed('analysis')) {
      for (const row of data.analysis.result.sozialraeume) {
        this.map.setFeatureState({ source: SOURCES.sozialraeume, id: row.id }, { anteil: row.anteilVersorgt });
      }
      this.setData(COVERAGE_SOURCES.gaps, gapSourceData(data.setup, data.analysis));
      this.setData(COVERAGE_SOURCES.places, placesSourceData(data.setup, data.analysis, data.siedlungen));
    }
    if (changed('analysis') || changed('radiusKm')) this.setData(COVERAGE_SOURCES.reach, reachSourceData(data.analysis, data.radiusKm));
    if (changed('analysis') || changed('scenario') || changed('facilities') || changed('selectedHypotheticalId') || changed('selectedFacilityId') || changed('category')) {
      this.updateMarks();
    }
    if (!this.shown || changed('layers')) this.setShown(true);
    this.container.dataset.coverage = 'aktiv';
    this.container.dataset.coverageHypothetical = String(data.scenario.hypothetical.length);
    this.container.dataset.coverageSuggestions = String(data.analysis.suggestions.length);
  }

  /** A click on a facility, a hypothetical facility or a suggested site; true when it was handled. */
  handleClick(event: MapMouseEvent): boolean {
    const hit = this.hitAt(event);
    if (!hit || !this.events) return false;
    if (hit.kind === 'vorschlag') this.events.onSuggestionClick(hit.rank);
    else if (hit.kind === 'hypothetisch') this.events.onHypotheticalClick(hit.id);
    else this.events.onFacilityClick(hit.id);
    return true;
  }

  /** Sets the cursor over the coverage marks; true when the pointer is over one. */
  handleMove(event: MapMouseEvent): boolean {
    const hit = this.hitAt(event);
    if (!hit) return false;
    this.map.getCanvas().style.cursor = hit.kind === 'hypothetisch' ? 'move' : 'pointer';
    return true;
  }

  /** Whether the layers are on the map (the Versorgung tab is open). */
  isShown(): boolean {
    return this.shown;
  }

  isDragging(): boolean {
    return this.dragged !== null;
  }

  destroy(): void {
    this.disableDrag?.();
    this.map.off('idle', this.reportRendered);
  }

  private drag(id: string, lngLat: [number, number]): void {
    this.dragged = { id, lngLat };
    // The symbol follows the pointer at once; the store follows with the numbers.
    this.updateMarks();
    this.events?.onDrag(id, lngLat);
  }

  private updateMarks(): void {
    if (this.data) this.setData(COVERAGE_SOURCES.marks, marksSourceData(this.data, this.options.drawFacilities, this.dragged));
  }

  private hitAt(event: MapMouseEvent): { kind: 'hypothetisch' | 'einrichtung'; id: string } | { kind: 'vorschlag'; rank: number } | null {
    if (!this.shown) return null;
    const layers = [COVERAGE_LAYER_IDS.hypothetical, COVERAGE_LAYER_IDS.suggestionCircle, COVERAGE_LAYER_IDS.facilities].filter((id) => this.map.getLayer(id));
    const { x, y } = event.point;
    const features = this.map.queryRenderedFeatures(
      [
        [x - 4, y - 4],
        [x + 4, y + 4],
      ],
      { layers },
    );
    for (const feature of features) {
      const properties = feature.properties as MarkProperties;
      if (properties.kind === 'hypothetisch') return { kind: 'hypothetisch', id: properties.id };
      if (properties.kind === 'vorschlag') return { kind: 'vorschlag', rank: Number(properties.rank) };
      if (properties.kind === 'einrichtung') return { kind: 'einrichtung', id: properties.id };
    }
    return null;
  }

  private addIcons(category: FacilityCategory): void {
    this.iconsFor = category.id;
    for (const [id, image] of renderCoverageIcons(category)) {
      if (this.map.hasImage(id)) this.map.updateImage(id, image);
      else this.map.addImage(id, image, { pixelRatio: PIXEL_RATIO });
    }
  }

  private setData(source: string, data: FeatureCollection): void {
    this.map.getSource<GeoJSONSource>(source)?.setData(data);
    if (source === COVERAGE_SOURCES.gaps) this.container.dataset.coverageGapSquares = String(data.features.length);
  }

  private setShown(shown: boolean): void {
    this.shown = shown;
    const layers = this.data?.layers;
    const visibility = (id: string): boolean => {
      if (!shown || !layers) return false;
      const group = (Object.keys(GROUPS) as CoverageLayerGroup[]).find((key) => GROUPS[key].includes(id));
      return group ? layers[group] : SCENARIO_LAYERS.includes(id as (typeof SCENARIO_LAYERS)[number]);
    };
    for (const { layer } of coverageLayers()) {
      if (this.map.getLayer(layer.id)) this.map.setLayoutProperty(layer.id, 'visibility', visibility(layer.id) ? 'visible' : 'none');
    }
    if (!shown) {
      delete this.container.dataset.coverage;
      delete this.container.dataset.renderedGapSquares;
      this.renderedGaps = -1;
    }
  }

  private readonly reportRendered = (): void => {
    if (!this.shown) return;
    const visible = this.data?.layers.luecken ?? false;
    const features = visible ? this.map.queryRenderedFeatures({ layers: [COVERAGE_LAYER_IDS.gapFill] }) : [];
    const count = new Set(features.map((feature) => String(feature.properties.id))).size;
    if (count !== this.renderedGaps) {
      this.renderedGaps = count;
      this.container.dataset.renderedGapSquares = String(count);
    }
  };
}

/** Size of the coverage icons in CSS pixels (for hit tolerances and the legend). */
export const COVERAGE_SYMBOL_SIZE = COVERAGE_ICON_SIZE;
