import type { FilterSpecification, GeoJSONSource, LayerSpecification, MapMouseEvent } from 'maplibre-gl';
import type { FeatureCollection, Position } from 'geojson';
import type { LayerGroupId } from '../../domain/atlasView';
import type * as MapSources from '../../domain/coverageView/mapSources';
import type { CoverageLayerGroup, CoverageMapData, MarkIcons, MarkProperties } from '../../domain/coverageView/mapSources';
import type { FacilityCategory } from '../../domain/facilities/catalog';
import { hypotheticalIconId, renderCoverageIcons } from '../coverageIcons';
import { COVERAGE_LAYER_GROUPS, COVERAGE_LAYER_IDS, COVERAGE_SOURCES, LIVE_MAP_INTERVAL_MS, SCENARIO_LAYERS, coverageLayers } from '../coverageLayers';
import { iconId, PIXEL_RATIO } from '../facilityIcons';
import { DragProxy } from '../dragProxy';
import { enableFacilityDrag } from '../modes/dragFacility';
import { TERRITORY_SOURCE, onLevel, territoryFeatureId } from '../territoryLayers';
import type { LayerContext, LayerHit, MapLayer } from './layer';

export interface CoverageMapEvents {
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
}

type CoverageTarget = { kind: 'hypothetisch' | 'einrichtung'; id: string } | { kind: 'vorschlag'; rank: number };
type CoverageHit = LayerHit & CoverageTarget;

const ICONS: MarkIcons = {
  facility: (categoryId, variant) => iconId(categoryId, variant),
  hypothetical: hypotheticalIconId,
};

const empty = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });

/**
 * What builds the sources' data from an analysis (with the EPSG:3035 projection, proj4). Loaded
 * with the first analysis to draw, which the coverage computation (loaded when the Versorgung tab
 * opens, src/app/coverage.ts) has made by then; so the first view does not load it.
 */
let builders: typeof MapSources | null = null;
let loadingBuilders: Promise<typeof MapSources> | null = null;
function loadBuilders(): Promise<typeof MapSources> {
  loadingBuilders ??= import('../../domain/coverageView/mapSources').then(
    (module) => (builders = module),
    (error: unknown) => {
      loadingBuilders = null;
      throw error;
    },
  );
  return loadingBuilders;
}

/** The layers that draw the dragged hypothetical facility from the map's data (hidden during the drag). */
const DRAGGED_LAYERS = [COVERAGE_LAYER_IDS.hypothetical, COVERAGE_LAYER_IDS.reachFill, COVERAGE_LAYER_IDS.reachLineScenario] as const;

/**
 * The coverage analysis on a map (the Versorgung tab's main map and the Kreistag view's own map).
 * `update(null)` hides its layers (other layers keep working); `update(data)` re-sends only what
 * changed. The choropleth is feature-state on the Sozialräume of the territory source, so the layers
 * are added once that source exists.
 */
export class CoverageLayer implements MapLayer<CoverageMapData | null> {
  private context: LayerContext | null = null;
  private added = false;
  private data: CoverageMapData | null = null;
  private sent: CoverageMapData | null = null;
  private shown = false;
  private iconsFor: string | null = null;
  private dragged: { id: string; lngLat: [number, number] } | null = null;
  private disableDrag: (() => void) | null = null;
  private renderedGaps = -1;
  /** What each source holds (a key of its content): a source whose content did not change is not re-sent. */
  private readonly sentKeys = new Map<string, string>();
  private proxy: DragProxy | null = null;
  /** Filters of DRAGGED_LAYERS before the drag, restored at its end. */
  private filtersBeforeDrag = new Map<string, unknown>();
  private lastLiveApply = 0;
  private liveTimer: ReturnType<typeof setTimeout> | null = null;
  /** Polygons of gap squares by id: fixed geography (EPSG:3035), so they never go stale. */
  private readonly squareRings = new Map<string, Position[]>();

  constructor(
    private readonly events: CoverageMapEvents | null,
    private readonly options: CoverageLayerOptions,
  ) {}

  add(context: LayerContext): void {
    this.context = context;
    this.refresh();
  }

  /** The territory source may have arrived: add the layers and show what is waiting. */
  refresh(): void {
    const context = this.context;
    if (!context || this.added || !context.map.getSource(TERRITORY_SOURCE)) return;
    if (!this.data) return;
    this.added = true;
    const { map } = context;
    for (const id of Object.values(COVERAGE_SOURCES)) {
      if (!map.getSource(id)) map.addSource(id, { type: 'geojson', data: empty() });
    }
    for (const { layer, beforeId } of coverageLayers()) {
      if (map.getLayer(layer.id)) continue;
      map.addLayer({ ...layer, layout: { ...layer.layout, visibility: 'none' } } as LayerSpecification, beforeId && map.getLayer(beforeId) ? beforeId : undefined);
    }
    map.on('idle', this.reportRendered);
    const events = this.events;
    if (this.options.interactive && events) {
      this.disableDrag = enableFacilityDrag(map, COVERAGE_LAYER_IDS.hypothetical, {
        canDrag: () => this.shown && context.mayStartDrag(),
        onStart: (id, lngLat) => this.startDrag(id, lngLat),
        onMove: (id, lngLat) => this.drag(id, lngLat),
        onDrop: (id, lngLat) => {
          this.endDrag();
          events.onDrop(id, lngLat);
        },
        onCancel: () => {
          this.endDrag();
          events.onCancelDrag();
        },
      });
    }
    this.apply();
  }

  update(data: CoverageMapData | null): void {
    this.data = data;
    if (!this.added) this.refresh();
    else if (this.dragged && data) this.applyLive();
    else this.apply();
  }

  /** During a drag: the newest data, at most every LIVE_MAP_INTERVAL_MS. */
  private applyLive(): void {
    if (this.liveTimer !== null) return;
    const wait = this.lastLiveApply + LIVE_MAP_INTERVAL_MS - performance.now();
    if (wait <= 0) {
      this.lastLiveApply = performance.now();
      this.apply();
      return;
    }
    this.liveTimer = setTimeout(() => {
      this.liveTimer = null;
      this.lastLiveApply = performance.now();
      if (this.context) this.apply();
    }, wait);
  }

  hides(): readonly LayerGroupId[] {
    return this.shown ? ['einrichtungen'] : [];
  }

  /** A click on a facility, a hypothetical facility or a suggested site. */
  hitTest(event: MapMouseEvent): CoverageHit | null {
    const hit = this.hitAt(event);
    return hit ? { ...hit, cursor: hit.kind === 'hypothetisch' ? 'move' : 'pointer' } : null;
  }

  click(hit: LayerHit | null): void {
    const coverageHit = hit as CoverageHit | null;
    if (!coverageHit || !this.events) return;
    if (coverageHit.kind === 'vorschlag') this.events.onSuggestionClick(coverageHit.rank);
    else if (coverageHit.kind === 'hypothetisch') this.events.onHypotheticalClick(coverageHit.id);
    else this.events.onFacilityClick(coverageHit.id);
  }

  isInteracting(): boolean {
    return this.dragged !== null;
  }

  /** Whether the layers are on the map (the Versorgung tab is open). */
  isShown(): boolean {
    return this.shown;
  }

  /** Ids ("x_y", EPSG:3035 lower-left corner) of the gap squares drawn in the current view (end-to-end tests). */
  renderedGapSquareIds(): string[] {
    const map = this.context?.map;
    if (!this.shown || !map?.getLayer(COVERAGE_LAYER_IDS.gapFill)) return [];
    return [...new Set(map.queryRenderedFeatures({ layers: [COVERAGE_LAYER_IDS.gapFill] }).map((feature) => String(feature.properties.id)))].sort();
  }

  destroy(): void {
    this.endDrag();
    this.disableDrag?.();
    this.context?.map.off('idle', this.reportRendered);
    this.context = null;
  }

  private apply(): void {
    const context = this.context!;
    const { map, container } = context;
    const data = this.data;
    if (data && !builders) {
      // Drawn once the builders are there; a failed load is tried again with the next data.
      loadBuilders().then(
        () => this.context && this.apply(),
        () => undefined,
      );
      return;
    }
    const previous = this.sent;
    this.sent = data;
    if (!data) {
      if (this.shown) this.setShown(false);
      return;
    }
    if (this.iconsFor !== data.category.id || this.iconsFor === null) this.addIcons(data.category);
    const changed = <K extends keyof CoverageMapData>(key: K) => !previous || !this.shown || previous[key] !== data[key];
    if (changed('setup')) {
      map.setFilter(COVERAGE_LAYER_IDS.context, data.setup.planungsraum.umfang === 'kreis' ? ['boolean', false] : onLevel('ausserhalb'));
    }
    if (changed('analysis') || changed('empty')) {
      // An empty finding has no shares: the Sozialräume stay as plain as before the first result.
      for (const row of data.analysis.result.sozialraeume) {
        map.setFeatureState({ source: TERRITORY_SOURCE, id: territoryFeatureId('sozialraum', row.id) }, { anteil: data.empty ? null : row.anteilVersorgt });
      }
      const gaps = data.empty ? empty() : builders!.gapSourceData(data.setup, data.analysis, this.ringOfSquare);
      this.setData(COVERAGE_SOURCES.gaps, gaps, gaps.features.map((feature) => `${feature.properties!.id}:${feature.properties!.einwohner}`).join());
      // While dragging, shares and gaps follow; place names, reach and marks wait for the drop (endDrag sends all again).
      if (this.dragged) return;
      this.setData(COVERAGE_SOURCES.places, data.empty ? empty() : builders!.placesSourceData(data.setup, data.analysis, data.siedlungen));
    }
    if (this.dragged) return;
    if (changed('analysis') || changed('radiusKm') || changed('empty')) {
      const reach = data.empty ? empty() : builders!.reachSourceData(data.analysis, data.radiusKm);
      this.setData(COVERAGE_SOURCES.reach, { type: 'FeatureCollection', features: reach.features.filter((feature) => !feature.properties?.hypothetisch) });
      this.setData(COVERAGE_SOURCES.scenarioReach, { type: 'FeatureCollection', features: reach.features.filter((feature) => feature.properties?.hypothetisch) });
    }
    if (changed('analysis') || changed('scenario') || changed('facilities') || changed('selectedHypotheticalId') || changed('selectedFacilityId') || changed('category')) {
      this.updateMarks();
    }
    if (!this.shown || changed('layers')) this.setShown(true);
    container.dataset.coverage = data.empty ? 'leer' : 'aktiv';
    container.dataset.coverageHypothetical = String(data.scenario.hypothetical.length);
    container.dataset.coverageSuggestions = String(data.analysis.suggestions.length);
  }

  private readonly ringOfSquare = (x: number, y: number, id: string): Position[] => {
    let ring = this.squareRings.get(id);
    if (!ring) {
      ring = builders!.squareRing(x, y);
      if (this.squareRings.size > 50_000) this.squareRings.clear();
      this.squareRings.set(id, ring);
    }
    return ring;
  };

  private startDrag(id: string, lngLat: [number, number]): void {
    const map = this.context!.map;
    const data = this.data;
    const facility = data?.scenario.hypothetical.find((each) => each.id === id);
    if (data && facility) this.proxy = new DragProxy(map, data.category, `Neu ${facility.nummer}`, data.radiusKm * 1000, lngLat);
    for (const layer of DRAGGED_LAYERS) {
      if (!map.getLayer(layer)) continue;
      const filter = map.getFilter(layer);
      this.filtersBeforeDrag.set(layer, filter);
      const notDragged = ['!=', ['get', 'id'], id];
      map.setFilter(layer, (filter ? ['all', filter, notDragged] : notDragged) as FilterSpecification);
    }
    this.lastLiveApply = performance.now();
    this.drag(id, lngLat);
  }

  private drag(id: string, lngLat: [number, number]): void {
    this.dragged = { id, lngLat };
    // The symbol follows the pointer at once; the store follows with the numbers.
    this.proxy?.moveTo(lngLat);
    this.events?.onDrag(id, lngLat);
  }

  private endDrag(): void {
    this.dragged = null;
    this.proxy?.remove();
    this.proxy = null;
    if (this.liveTimer !== null) clearTimeout(this.liveTimer);
    this.liveTimer = null;
    const map = this.context?.map;
    for (const [layer, filter] of this.filtersBeforeDrag) {
      if (map?.getLayer(layer)) map.setFilter(layer, (filter ?? null) as FilterSpecification | null);
    }
    this.filtersBeforeDrag.clear();
    // What the drag left out (place names, reach, marks) goes out with the next data.
    this.sent = null;
  }

  private updateMarks(): void {
    if (!this.data || !builders) return;
    const marks = builders.marksSourceData(this.data, { drawFacilities: this.options.drawFacilities, dragged: this.dragged, icons: ICONS });
    this.setData(COVERAGE_SOURCES.marks, { type: 'FeatureCollection', features: marks.features.filter((feature) => feature.properties.kind !== 'hypothetisch') });
    this.setData(COVERAGE_SOURCES.scenarioMarks, { type: 'FeatureCollection', features: marks.features.filter((feature) => feature.properties.kind === 'hypothetisch') });
  }

  private hitAt(event: MapMouseEvent): CoverageTarget | null {
    const map = this.context?.map;
    if (!this.shown || !map) return null;
    const layers = [COVERAGE_LAYER_IDS.hypothetical, COVERAGE_LAYER_IDS.suggestionCircle, COVERAGE_LAYER_IDS.facilities].filter((id) => map.getLayer(id));
    const { x, y } = event.point;
    const features = map.queryRenderedFeatures(
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
    const map = this.context!.map;
    this.iconsFor = category.id;
    for (const [id, image] of renderCoverageIcons(category)) {
      if (map.hasImage(id)) map.updateImage(id, image);
      else map.addImage(id, image, { pixelRatio: PIXEL_RATIO });
    }
  }

  /**
   * Sends `data` unless the source holds the same already (`key` names the content; by default
   * the data as JSON, fine for the small sources). A re-sent source is re-tiled and re-laid out.
   */
  private setData(source: string, data: FeatureCollection, key: string = JSON.stringify(data)): void {
    const context = this.context!;
    if (source === COVERAGE_SOURCES.gaps) context.container.dataset.coverageGapSquares = String(data.features.length);
    if (this.sentKeys.get(source) === key) return;
    this.sentKeys.set(source, key);
    context.map.getSource<GeoJSONSource>(source)?.setData(data);
  }

  private setShown(shown: boolean): void {
    const context = this.context!;
    const changed = shown !== this.shown;
    this.shown = shown;
    const layers = this.data?.layers;
    const visibility = (id: string): boolean => {
      if (!shown || !layers) return false;
      const group = (Object.keys(COVERAGE_LAYER_GROUPS) as CoverageLayerGroup[]).find((key) => COVERAGE_LAYER_GROUPS[key].includes(id));
      return group ? layers[group] : SCENARIO_LAYERS.includes(id as (typeof SCENARIO_LAYERS)[number]);
    };
    for (const { layer } of coverageLayers()) {
      if (context.map.getLayer(layer.id)) context.map.setLayoutProperty(layer.id, 'visibility', visibility(layer.id) ? 'visible' : 'none');
    }
    if (!shown) {
      delete context.container.dataset.coverage;
      delete context.container.dataset.renderedGapSquares;
      this.renderedGaps = -1;
    }
    // Shown or hidden, the facility layers of the resource map follow (hides()).
    if (changed) context.changed();
  }

  private readonly reportRendered = (): void => {
    const context = this.context;
    if (!this.shown || !context) return;
    const visible = this.data?.layers.luecken ?? false;
    const features = visible ? context.map.queryRenderedFeatures({ layers: [COVERAGE_LAYER_IDS.gapFill] }) : [];
    const count = new Set(features.map((feature) => String(feature.properties.id))).size;
    if (count !== this.renderedGaps) {
      this.renderedGaps = count;
      context.container.dataset.renderedGapSquares = String(count);
    }
  };
}
