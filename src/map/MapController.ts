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
import { BASEMAPS } from './basemaps';
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
    this.map.on('mouseout', () => this.applyHover(null, true));
    this.map.on('click', (event) => this.events.onClick(this.areaAt(event)));
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
    this.map.triggerRepaint();
    return true;
  }

  setLayerVisibility(visibility: Record<LayerGroupId, boolean>): void {
    this.visibility = { ...visibility };
    if (this.map.getLayer('sozialraum-flaeche')) this.applyVisibility();
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

  destroy(): void {
    this.destroyed = true;
    this.map.remove();
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
    for (const [group, layers] of Object.entries(LAYER_GROUPS) as [LayerGroupId, string[]][]) {
      const visible = this.visibility[group] ?? group !== 'einwohnerklassen';
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
    const ref = this.areaAt(event);
    this.map.getCanvas().style.cursor = ref ? 'pointer' : '';
    this.applyHover(ref, true);
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
