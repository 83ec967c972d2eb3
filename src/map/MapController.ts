import {
  AttributionControl,
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
  type GeoJSONSource,
  type MapGeoJSONFeature,
  type MapMouseEvent,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { bboxOf } from '../domain/geo/geometry';
import type { AreaRef } from '../domain/territory/summary';
import type { TerritoryFile } from '../domain/territory/types';
import type { MapView } from '../domain/urlState';
import type { BasemapId, ClickLevel, LayerGroupId } from '../domain/atlasView';
import type { FacilityCategory } from '../domain/facilities/catalog';
import type { Facility } from '../domain/facilities/schema';
import { BASEMAPS } from './basemaps';
import { renderCategoryIcons, renderFallbackIcon, PIXEL_RATIO, SYMBOL_RADIUS } from './facilityIcons';
import {
  FACILITY_LAYER_IDS,
  FACILITY_LAYERS,
  FACILITY_SOURCES,
  FOCUS_ZOOM,
  draftMark,
  facilityFeature,
  facilityLayers,
  facilitySource,
  facilitySourceData,
  iconScaleAt,
  markFeature,
  symbolFilter,
  type MarkFeatureProperties,
} from './facilityLayers';
import { CoverageLayers, type CoverageMapData, type CoverageMapEvents } from './coverageLayers';
import { enterPlaceOnClickMode } from './modes/placeOnClick';
import { enableFacilityDrag } from './modes/dragFacility';
import type { MapMode } from './modes/mode';
import { ANCHORS, buildBaseStyle } from './style';
import {
  INTERACTIVE_LAYERS,
  LAYER_GROUPS,
  SOURCES,
  territoryLayers,
  territorySourceData,
  type TerritorySourceData,
} from './territoryLayers';

// Bundled MapLibre cannot find its worker on its own (see STACK.md); point it at the emitted file.
setWorkerUrl(workerUrl);

export interface MapControllerEvents {
  onHover(ref: AreaRef | null): void;
  onClick(ref: AreaRef | null): void;
  onViewChange(view: MapView): void;
  onFacilityHover(id: string | null): void;
  /** A facility symbol was clicked (null: a click on the map that hit no facility). */
  onFacilityClick(id: string | null): void;
  /** In add mode: the user clicked where the new facility should be. */
  onPlaceFacility(lngLat: [number, number]): void;
  /** In add mode: Esc. */
  onCancelAdd(): void;
  /** A facility was dragged to a new place; the promise settles when the server answered. */
  onMoveFacility(id: string, lngLat: [number, number]): Promise<void>;
}

const BASEMAP_SOURCE = 'hintergrundkarte';
/** Width of the area panel over the map (see .area-panel in styles.css) plus its offset. */
const PANEL_WIDTH = 400;
const BASEMAP_LAYER = 'hintergrundkarte';

const SOURCE_OF_KIND: Record<AreaRef['kind'], string | null> = {
  sozialraum: SOURCES.sozialraeume,
  sozialregion: SOURCES.sozialregionen,
  ausserhalb: SOURCES.ausserhalb,
  kreis: null,
};

/**
 * The one object that owns the MapLibre map. React hands it data and state through its
 * methods; it reports user interaction through the events. Unchanged data is not re-sent.
 */
export class MapController {
  private readonly map: MapLibreMap;
  private readonly loaded: Promise<void>;
  private territory: TerritoryFile | null = null;
  private regionOfSozialraum = new Map<string, string>();
  private hovered: AreaRef | null = null;
  private selected: AreaRef | null = null;
  private clickLevel: ClickLevel = 'sozialraum';
  private basemap: BasemapId = 'keine';
  private visibility: Partial<Record<LayerGroupId, boolean>> = {};
  private destroyed = false;
  private facilities: readonly Facility[] | null = null;
  private facilityById = new Map<string, Facility>();
  private categories: readonly FacilityCategory[] | null = null;
  private selectedFacility: string | null = null;
  private hoveredFacility: string | null = null;
  private draft: [number, number] | null = null;
  /** The facility being dragged (or saved after a drag) and where it is now. */
  private moving: { id: string; lngLat: [number, number] } | null = null;
  private mode: MapMode | null = null;
  /** Coverage analysis layers (Versorgung tab), created with the first analysis. */
  private coverage: CoverageLayers | null = null;
  private coverageData: { data: CoverageMapData | null; events: CoverageMapEvents } | null = null;
  private disableDrag: (() => void) | null = null;
  private dragPermission: ((id: string) => boolean) | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly events: MapControllerEvents,
    initialView: MapView | null,
  ) {
    container.dataset.mapReady = 'false';
    this.map = new MapLibreMap({
      container,
      style: buildBaseStyle(window.location.origin),
      center: initialView?.center ?? [10.2, 51.6],
      zoom: initialView?.zoom ?? 8,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      maxZoom: 16,
      minZoom: 5,
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 140 }), 'bottom-left');
    this.map.addControl(new AttributionControl({ compact: false }), 'bottom-right');
    this.loaded = new Promise((resolve) => this.map.once('load', () => resolve()));
    this.map.on('mousemove', (event) => this.handleMove(event));
    this.map.on('mouseout', () => {
      this.applyHover(null, true);
      this.applyFacilityHover(null, true);
    });
    this.map.on('click', (event) => this.handleClick(event));
    this.map.on('styleimagemissing', (event) => {
      const image = renderFallbackIcon(event.id);
      if (image && !this.map.hasImage(event.id)) this.map.addImage(event.id, image, { pixelRatio: PIXEL_RATIO });
    });
    void this.loaded.then(() => this.ensureFacilityLayers());
    this.map.on('moveend', () => {
      const center = this.map.getCenter();
      this.events.onViewChange({ zoom: this.map.getZoom(), center: [center.lng, center.lat] });
    });
    this.map.on('idle', () => this.reportRendered());
  }

  /**
   * Shows a district's territory. Sending the same object again does nothing.
   * @returns false when the map was destroyed before the territory could be shown
   */
  async setTerritory(territory: TerritoryFile, options: { fit: boolean }): Promise<boolean> {
    if (territory === this.territory) return true;
    await this.loaded;
    if (this.destroyed) return false;
    this.territory = territory;
    this.container.dataset.mapReady = 'false';
    this.container.dataset.district = territory.district.id;
    this.regionOfSozialraum = new Map(
      territory.sozialraeume.features
        .filter((f) => f.properties.sozialregionId !== null)
        .map((f) => [f.properties.id, f.properties.sozialregionId!]),
    );
    this.hovered = null;
    this.selected = null;
    const data = territorySourceData(territory);
    // The same for every district, so a district switch (setData) never leaves a stale credit.
    const attribution = territory.sources
      .filter((source) => source.id === 'grenzen' || source.id === 'bevoelkerung')
      .map((source) => source.attribution)
      .join(' · ');
    for (const [key, sourceId] of Object.entries(SOURCES) as [keyof TerritorySourceData, string][]) {
      const existing = this.map.getSource<GeoJSONSource>(sourceId);
      if (existing) {
        existing.setData(data[key]);
      } else {
        this.map.addSource(sourceId, {
          type: 'geojson',
          data: data[key],
          promoteId: key === 'gemeinden' ? 'ags' : 'id',
          attribution: key === 'kreis' ? attribution : undefined,
        });
      }
    }
    if (!this.map.getLayer('sozialraum-flaeche')) {
      for (const { layer, beforeId } of territoryLayers()) this.map.addLayer(layer, beforeId);
      this.applyVisibility();
    }
    if (options.fit) this.fitBounds(territory.bbox, false);
    this.applyCoverage();
    this.map.triggerRepaint();
    return true;
  }

  setLayerVisibility(visibility: Record<LayerGroupId, boolean>): void {
    this.visibility = { ...visibility };
    this.applyVisibility();
  }

  setClickLevel(level: ClickLevel): void {
    this.clickLevel = level;
  }

  async setBasemap(id: BasemapId): Promise<void> {
    if (id === this.basemap) return;
    await this.loaded;
    this.basemap = id;
    if (this.map.getLayer(BASEMAP_LAYER)) this.map.removeLayer(BASEMAP_LAYER);
    if (this.map.getSource(BASEMAP_SOURCE)) this.map.removeSource(BASEMAP_SOURCE);
    const source = BASEMAPS.find((basemap) => basemap.id === id)?.source;
    if (!source) return;
    this.map.addSource(BASEMAP_SOURCE, source);
    this.map.addLayer({ id: BASEMAP_LAYER, type: 'raster', source: BASEMAP_SOURCE, paint: { 'raster-opacity': 0.85 } }, ANCHORS.basemap);
  }

  setHover(ref: AreaRef | null): void {
    this.applyHover(ref, false);
  }

  setSelection(ref: AreaRef | null): void {
    if (sameArea(ref, this.selected)) return;
    this.setFeatureState(this.selected, { selected: false });
    this.selected = ref;
    this.setFeatureState(ref, { selected: true });
  }

  /**
   * Moves the view so the area is in sight, e.g. after choosing it in the table. The right
   * margin leaves room for the area panel that opens with the selection.
   */
  focusArea(ref: AreaRef): void {
    const geometry = this.geometryOf(ref);
    if (geometry) this.fitBounds(bboxOf([geometry]), true, PANEL_WIDTH);
  }

  fitDistrict(): void {
    if (this.territory) this.fitBounds(this.territory.bbox, true);
  }

  setView(view: MapView): void {
    this.map.jumpTo({ center: view.center, zoom: view.zoom });
  }

  /** Screen position of a coordinate relative to the map container (used by end-to-end tests). */
  project(lngLat: [number, number]): { x: number; y: number } {
    const point = this.map.project(lngLat);
    return { x: point.x, y: point.y };
  }

  /** Ids of the Sozialräume currently drawn in the viewport. */
  renderedSozialraumIds(): string[] {
    if (!this.map.getLayer('sozialraum-flaeche')) return [];
    const features = this.map.queryRenderedFeatures({ layers: ['sozialraum-flaeche'] });
    return [...new Set(features.map((feature) => String(feature.properties.id)))].sort();
  }

  /** Symbols of the facility categories of the district (drawn once per category set). */
  async setFacilityCategories(categories: readonly FacilityCategory[]): Promise<void> {
    if (categories === this.categories) return;
    this.categories = categories;
    await this.loaded;
    if (this.destroyed) return;
    for (const [id, image] of renderCategoryIcons(categories)) {
      if (this.map.hasImage(id)) this.map.updateImage(id, image);
      else this.map.addImage(id, image, { pixelRatio: PIXEL_RATIO });
    }
  }

  /** The facilities to draw (the current filter); deleted ones are left out. Same array: nothing happens. */
  async setFacilities(facilities: readonly Facility[]): Promise<void> {
    if (facilities === this.facilities) return;
    this.facilities = facilities;
    this.facilityById = new Map(facilities.map((facility) => [facility.id, facility]));
    await this.loaded;
    if (this.destroyed || this.facilities !== facilities) return;
    this.ensureFacilityLayers();
    this.map.getSource<GeoJSONSource>(FACILITY_SOURCES.facilities)?.setData(facilitySourceData(facilities));
    this.container.dataset.facilities = String(facilities.filter((facility) => !facility.geloescht).length);
    this.updateMarks();
  }

  setFacilitySelection(id: string | null): void {
    if (id === this.selectedFacility) return;
    this.selectedFacility = id;
    this.updateMarks();
  }

  setFacilityHover(id: string | null): void {
    this.applyFacilityHover(id, false);
  }

  /** Brings a facility into view, unclustered, beside the details panel. */
  focusFacility(id: string): void {
    const facility = this.facilityById.get(id);
    if (!facility) return;
    const zoom = Math.max(this.map.getZoom(), FOCUS_ZOOM);
    const right = Math.min(PANEL_WIDTH, this.container.clientWidth / 3);
    this.map.easeTo({ center: facility.lage, zoom, offset: [-right / 2, 0], duration: 600 });
  }

  /** Switches the add mode on or off (crosshair; a click places the new facility). */
  setAddMode(active: boolean): void {
    if (active === (this.mode?.id === 'add-facility')) return;
    this.mode?.exit();
    this.mode = null;
    if (active) {
      this.applyHover(null, true);
      this.applyFacilityHover(null, true);
      this.mode = enterPlaceOnClickMode('add-facility', this.map, this.container, {
        onPlace: (lngLat) => this.events.onPlaceFacility(lngLat),
        onCancel: () => this.events.onCancelAdd(),
      });
    }
  }

  /** Where the facility being added currently is (null: none). */
  setDraft(lngLat: [number, number] | null): void {
    if (lngLat === this.draft) return;
    this.draft = lngLat;
    this.updateMarks();
  }

  /**
   * Which facilities the user may drag (null: none). Only unclustered symbols can be dragged;
   * the drop reports the new place through onMoveFacility.
   */
  setDragPermission(canDrag: ((id: string) => boolean) | null): void {
    this.dragPermission = canDrag;
    this.disableDrag?.();
    this.disableDrag = null;
    if (!canDrag) return;
    this.disableDrag = enableFacilityDrag(this.map, FACILITY_LAYER_IDS.symbol, {
      canDrag: (id) => !this.mode && (this.dragPermission?.(id) ?? false),
      onStart: (id, lngLat) => this.showMoving({ id, lngLat }),
      onMove: (id, lngLat) => this.showMoving({ id, lngLat }),
      onCancel: () => this.showMoving(null),
      onDrop: (id, lngLat) => {
        this.showMoving({ id, lngLat });
        this.container.dataset.moving = id;
        void this.events.onMoveFacility(id, lngLat).finally(() => {
          if (this.moving?.id === id) this.showMoving(null);
          delete this.container.dataset.moving;
        });
      },
    });
  }

  /** Ids of the unclustered facility symbols currently drawn (end-to-end tests). */
  renderedFacilityIds(): string[] {
    if (!this.map.getLayer(FACILITY_LAYER_IDS.symbol)) return [];
    const features = this.map.queryRenderedFeatures({ layers: [FACILITY_LAYER_IDS.symbol] });
    return [...new Set(features.map((feature) => String(feature.properties.id)))].sort();
  }

  /** Shows the coverage analysis (Versorgung tab); null hides its layers, other layers keep working. */
  setCoverage(data: CoverageMapData | null, events: CoverageMapEvents): void {
    this.coverageData = { data, events };
    void this.loaded.then(() => this.applyCoverage());
  }

  /** Switches the coverage placing mode on or off (crosshair; a click places a hypothetical facility). */
  setCoveragePlacing(active: boolean): void {
    const placing = this.mode?.id === 'place-hypothetical';
    if (active === placing || !this.coverageData) return;
    if (!active) {
      this.mode?.exit();
      this.mode = null;
      return;
    }
    this.mode?.exit();
    this.applyHover(null, true);
    this.applyFacilityHover(null, true);
    const { events } = this.coverageData;
    this.mode = enterPlaceOnClickMode('place-hypothetical', this.map, this.container, { onPlace: (lngLat) => events.onPlace(lngLat), onCancel: () => events.onCancelPlace() });
  }

  destroy(): void {
    this.destroyed = true;
    this.coverage?.destroy();
    this.mode?.exit();
    this.disableDrag?.();
    this.map.remove();
  }

  /** Coverage layers need the territory's Sozialraum source; they follow once it is there. */
  private applyCoverage(): void {
    if (this.destroyed || !this.coverageData || !this.map.getSource(SOURCES.sozialraeume)) return;
    const { data, events } = this.coverageData;
    if (!this.coverage) {
      if (!data) return;
      this.coverage = new CoverageLayers(this.map, this.container, events, {
        // The analysis draws the category's facilities itself (counted, switched off, not counted).
        drawFacilities: true,
        interactive: true,
        canStartDrag: () => !this.mode && !this.moving,
      });
    }
    const shownBefore = this.coverage.isShown();
    this.coverage.update(data);
    if (this.coverage.isShown() !== shownBefore) this.applyVisibility();
  }

  private ensureFacilityLayers(): void {
    if (this.destroyed || this.map.getSource(FACILITY_SOURCES.facilities)) return;
    this.map.addSource(FACILITY_SOURCES.facilities, facilitySource(facilitySourceData(this.facilities ?? [])));
    this.map.addSource(FACILITY_SOURCES.marks, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    for (const { layer, beforeId } of facilityLayers()) this.map.addLayer(layer, beforeId);
    this.applyVisibility();
    this.updateMarks();
  }

  private showMoving(moving: { id: string; lngLat: [number, number] } | null): void {
    const hiddenBefore = this.moving?.id ?? null;
    this.moving = moving;
    const hidden = moving?.id ?? null;
    if (hidden !== hiddenBefore && this.map.getLayer(FACILITY_LAYER_IDS.symbol)) {
      this.map.setFilter(FACILITY_LAYER_IDS.symbol, symbolFilter(hidden));
      this.map.setFilter(FACILITY_LAYER_IDS.name, symbolFilter(hidden));
    }
    this.updateMarks();
  }

  private applyFacilityHover(id: string | null, fromMap: boolean): void {
    if (id === this.hoveredFacility) return;
    this.hoveredFacility = id;
    this.updateMarks();
    if (fromMap) this.events.onFacilityHover(id);
  }

  /** The overlay: selected and hovered facility (above clusters), the dragged one, the draft. */
  private updateMarks(): void {
    const source = this.map.getSource<GeoJSONSource>(FACILITY_SOURCES.marks);
    if (!source) return;
    const features = [];
    const mark = (id: string | null, role: 'selected' | 'hover') => {
      if (!id || id === this.moving?.id) return;
      const facility = this.facilityById.get(id);
      if (!facility || facility.geloescht) return;
      const { icon } = facilityFeature(facility).properties;
      features.push(markFeature(id, icon, facility.lage, role));
    };
    if (this.hoveredFacility !== this.selectedFacility) mark(this.hoveredFacility, 'hover');
    mark(this.selectedFacility, 'selected');
    if (this.moving) {
      const facility = this.facilityById.get(this.moving.id);
      if (facility) features.push(markFeature(facility.id, facilityFeature(facility).properties.icon, this.moving.lngLat, 'drag'));
    }
    if (this.draft) features.push(draftMark(this.draft));
    source.setData({ type: 'FeatureCollection', features });
  }

  private fitBounds(bbox: [number, number, number, number], animate: boolean, rightInset = 0): void {
    const margin = 56;
    // Never ask for more inset than the map is wide (narrow windows).
    const right = Math.min(margin + rightInset, this.container.clientWidth / 2);
    this.map.fitBounds(
      [
        [bbox[0], bbox[1]],
        [bbox[2], bbox[3]],
      ],
      { padding: { top: margin, bottom: margin, left: margin, right }, animate, duration: animate ? 600 : 0, maxZoom: 12 },
    );
  }

  private applyVisibility(): void {
    const groups = { ...LAYER_GROUPS, einrichtungen: FACILITY_LAYERS };
    for (const [group, layers] of Object.entries(groups) as [LayerGroupId, string[]][]) {
      // While the coverage analysis is shown it draws the facilities that matter to it instead.
      const hiddenByCoverage = group === 'einrichtungen' && (this.coverage?.isShown() ?? false);
      const visible = !hiddenByCoverage && (this.visibility[group] ?? group !== 'einwohnerklassen');
      for (const layer of layers) {
        if (this.map.getLayer(layer)) this.map.setLayoutProperty(layer, 'visibility', visible ? 'visible' : 'none');
      }
    }
  }

  private reportRendered(): void {
    if (!this.territory || this.destroyed) return;
    this.container.dataset.renderedSozialraeume = String(this.renderedSozialraumIds().length);
    this.container.dataset.mapReady = 'true';
  }

  private handleMove(event: MapMouseEvent): void {
    if (this.mode || this.moving || this.coverage?.isDragging()) return;
    if (this.coverage?.handleMove(event)) {
      this.applyFacilityHover(null, true);
      this.applyHover(null, true);
      return;
    }
    const hit = this.facilityAt(event);
    if (hit) {
      this.map.getCanvas().style.cursor = hit.kind === 'facility' && this.dragPermission?.(hit.id) ? 'move' : 'pointer';
      this.applyFacilityHover(hit.kind === 'facility' ? hit.id : null, true);
      this.applyHover(null, true);
      return;
    }
    this.applyFacilityHover(null, true);
    const ref = this.areaAt(event);
    this.map.getCanvas().style.cursor = ref ? 'pointer' : '';
    this.applyHover(ref, true);
  }

  private handleClick(event: MapMouseEvent): void {
    // An active mode (adding a facility) has its own click handler.
    if (this.mode) return;
    if (this.coverage?.handleClick(event)) return;
    const hit = this.facilityAt(event);
    if (hit?.kind === 'cluster') {
      void this.expandCluster(hit.clusterId, hit.center);
      return;
    }
    if (hit?.kind === 'facility') {
      this.events.onFacilityClick(hit.id);
      return;
    }
    this.events.onFacilityClick(null);
    this.events.onClick(this.areaAt(event));
  }

  /** The facility symbol or cluster under the mouse (a few pixels of tolerance). */
  private facilityAt(
    event: MapMouseEvent,
  ): { kind: 'facility'; id: string } | { kind: 'cluster'; clusterId: number; center: [number, number] } | null {
    const layers = [FACILITY_LAYER_IDS.markSymbol, FACILITY_LAYER_IDS.symbol, FACILITY_LAYER_IDS.cluster].filter(
      (id) => this.map.getLayer(id) && this.map.getLayoutProperty(id, 'visibility') !== 'none',
    );
    if (layers.length === 0) return null;
    const { x, y } = event.point;
    const tolerance = 3;
    const features = this.map.queryRenderedFeatures(
      [
        [x - tolerance, y - tolerance],
        [x + tolerance, y + tolerance],
      ],
      { layers },
    );
    // Symbols answer within a circle around their point, not their square image box, so the
    // area right beside a symbol still selects the Sozialraum.
    const hitRadius = (SYMBOL_RADIUS + 4) * iconScaleAt(this.map.getZoom()) + tolerance;
    for (const feature of features) {
      const center = (feature.geometry as unknown as { coordinates: [number, number] }).coordinates;
      if (feature.layer.id === FACILITY_LAYER_IDS.cluster) {
        return { kind: 'cluster', clusterId: Number(feature.properties.cluster_id), center };
      }
      const projected = this.map.project(center);
      if (Math.hypot(projected.x - x, projected.y - y) > hitRadius) continue;
      const id = feature.properties.id;
      // The draft mark is not a facility yet.
      if (typeof id === 'string' && (feature.properties as MarkFeatureProperties).role !== 'draft') return { kind: 'facility', id };
    }
    return null;
  }

  private async expandCluster(clusterId: number, center: [number, number]): Promise<void> {
    const source = this.map.getSource<GeoJSONSource>(FACILITY_SOURCES.facilities);
    if (!source) return;
    const zoom = await source.getClusterExpansionZoom(clusterId);
    this.map.easeTo({ center, zoom: Math.min(zoom + 0.2, this.map.getMaxZoom()), duration: 500 });
  }

  private applyHover(ref: AreaRef | null, fromMap: boolean): void {
    if (sameArea(ref, this.hovered)) return;
    this.setFeatureState(this.hovered, { hover: false });
    this.hovered = ref;
    this.setFeatureState(ref, { hover: true });
    if (fromMap) this.events.onHover(ref);
  }

  private areaAt(event: MapMouseEvent): AreaRef | null {
    const layers = Object.keys(INTERACTIVE_LAYERS).filter((id) => this.map.getLayer(id));
    if (layers.length === 0) return null;
    const [top] = this.map.queryRenderedFeatures(event.point, { layers }) as MapGeoJSONFeature[];
    if (!top) return null;
    const kind = INTERACTIVE_LAYERS[top.layer.id as keyof typeof INTERACTIVE_LAYERS];
    const id = String(top.properties.id);
    if (kind === 'sozialraum' && this.clickLevel === 'sozialregion') {
      const region = this.regionOfSozialraum.get(id);
      if (region) return { kind: 'sozialregion', id: region };
    }
    return { kind, id };
  }

  private setFeatureState(ref: AreaRef | null, state: Record<string, boolean>): void {
    if (!ref) return;
    const source = SOURCE_OF_KIND[ref.kind];
    if (!source || !this.map.getSource(source)) return;
    this.map.setFeatureState({ source, id: ref.id }, state);
  }

  private geometryOf(ref: AreaRef) {
    const territory = this.territory;
    if (!territory) return null;
    const collections = {
      sozialraum: territory.sozialraeume.features,
      sozialregion: territory.sozialregionen.features,
      ausserhalb: territory.ausserhalb.features,
      kreis: [territory.kreis],
    } as const;
    const features: { properties: { id?: string; ags?: string }; geometry: TerritoryFile['kreis']['geometry'] }[] = [
      ...collections[ref.kind],
    ];
    return features.find((f) => (f.properties.id ?? f.properties.ags) === ref.id)?.geometry ?? null;
  }
}

function sameArea(a: AreaRef | null, b: AreaRef | null): boolean {
  return a?.kind === b?.kind && a?.id === b?.id;
}
