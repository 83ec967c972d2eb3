import { AttributionControl, Map as MapLibreMap, ScaleControl } from 'maplibre-gl';
import type { CoverageMapData } from '../domain/coverageView/mapSources';
import type { FacilityCategory } from '../domain/facilities/catalog';
import type { TerritoryFile } from '../domain/territory/types';
import { CoverageLayer } from './layers/coverage';
import { PIXEL_RATIO, renderIconFor } from './facilityIcons';
import { buildBaseStyle } from './style';
import { SOURCES, territoryLayers, territorySourceData, type TerritorySourceData } from './territoryLayers';

/** Territory layers the council map keeps: areas, their borders and names; no municipalities, no region colours. */
const KEPT_LAYERS = new Set([
  'ausserhalb-flaeche',
  'sozialraum-flaeche',
  'ausserhalb-linie',
  'sozialraum-linie',
  'kreis-linie',
  'sozialraum-beschriftung',
  'ausserhalb-beschriftung',
]);

export interface MapSnapshot {
  /** The map's own canvas (drawn with preserveDrawingBuffer, so it can be copied). */
  canvas: HTMLCanvasElement;
  /** CSS size of the map. */
  width: number;
  height: number;
  /** Metres per CSS pixel at the centre of the map. */
  metresPerPixel: number;
  attribution: string;
}

/**
 * The map of the Kreistag view: its own MapLibre map (one owner per map), quiet and static,
 * showing the gap map of one category. Created with preserveDrawingBuffer so the picture can be
 * composed into a PNG; the page's other map stays untouched.
 */
export class CoveragePresentationMap {
  private readonly map: MapLibreMap;
  private readonly loaded: Promise<void>;
  private coverage: CoverageLayer | null = null;
  private destroyed = false;
  private attribution = '';

  constructor(
    private readonly container: HTMLElement,
    private readonly territory: TerritoryFile,
    private readonly categories: readonly FacilityCategory[],
  ) {
    container.dataset.mapReady = 'false';
    this.map = new MapLibreMap({
      container,
      style: buildBaseStyle(window.location.origin),
      bounds: territory.bbox,
      fitBoundsOptions: { padding: 24 },
      attributionControl: false,
      canvasContextAttributes: { preserveDrawingBuffer: true },
      dragRotate: false,
      pitchWithRotate: false,
      maxZoom: 14,
      minZoom: 6,
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 160 }), 'bottom-left');
    this.map.addControl(new AttributionControl({ compact: false }), 'bottom-right');
    this.loaded = new Promise((resolve) => this.map.once('load', () => resolve()));
    // Facility symbols are drawn when the map first needs one, in the variant it asks for.
    this.map.on('styleimagemissing', ({ id }: { id: string }) => {
      const image = renderIconFor(id, this.categories);
      if (image && !this.map.hasImage(id)) this.map.addImage(id, image, { pixelRatio: PIXEL_RATIO });
    });
    void this.loaded.then(() => {
      if (this.destroyed) return;
      this.addTerritory();
      this.coverage = new CoverageLayer(null, { drawFacilities: true, interactive: false });
      this.coverage.add({
        map: this.map,
        container,
        // A static picture: nothing is dragged, nothing else depends on the analysis' layers.
        mayStartDrag: () => false,
        changed: () => {},
        fitBounds: (bbox) => this.map.fitBounds([bbox[0], bbox[1], bbox[2], bbox[3]], { padding: 24, duration: 0 }),
      });
    });
    this.map.on('idle', () => {
      if (this.coverage && (container.dataset.coverage === 'aktiv' || container.dataset.coverage === 'leer')) container.dataset.mapReady = 'true';
    });
  }

  async update(data: CoverageMapData | null): Promise<void> {
    await this.loaded;
    if (this.destroyed || !this.coverage) return;
    this.container.dataset.mapReady = 'false';
    this.coverage.update(data);
    this.map.triggerRepaint();
  }

  resize(): void {
    this.map.resize();
  }

  /** Where a place is drawn, in CSS pixels of the map (end-to-end tests). */
  project(lngLat: [number, number]): { x: number; y: number } {
    const point = this.map.project(lngLat);
    return { x: point.x, y: point.y };
  }

  /** The gap squares drawn now (end-to-end tests). */
  renderedGapSquareIds(): string[] {
    return this.coverage?.renderedGapSquareIds() ?? [];
  }

  fitDistrict(): void {
    this.map.fitBounds(this.territory.bbox, { padding: 24, duration: 0 });
  }

  /** Waits until everything is drawn, then hands out the canvas with what a legend needs. */
  async snapshot(): Promise<MapSnapshot> {
    await this.loaded;
    if (!this.map.loaded() || !this.map.areTilesLoaded()) await new Promise((resolve) => this.map.once('idle', resolve));
    const canvas = this.map.getCanvas();
    const { clientWidth: width, clientHeight: height } = this.container;
    const centre = this.map.project(this.map.getCenter());
    const left = this.map.unproject([centre.x - 50, centre.y]);
    const right = this.map.unproject([centre.x + 50, centre.y]);
    return { canvas, width, height, metresPerPixel: left.distanceTo(right) / 100, attribution: this.attribution };
  }

  destroy(): void {
    this.destroyed = true;
    this.coverage?.destroy();
    this.map.remove();
  }

  private addTerritory(): void {
    const data = territorySourceData(this.territory);
    this.attribution = this.territory.sources
      .filter((source) => source.id === 'grenzen' || source.id === 'bevoelkerung')
      .map((source) => source.attribution)
      .join(' · ');
    for (const [key, sourceId] of Object.entries(SOURCES) as [keyof TerritorySourceData, string][]) {
      this.map.addSource(sourceId, {
        type: 'geojson',
        data: data[key],
        promoteId: key === 'gemeinden' ? 'ags' : 'id',
        attribution: key === 'kreis' ? this.attribution : undefined,
      });
    }
    for (const { layer, beforeId } of territoryLayers()) {
      if (KEPT_LAYERS.has(layer.id)) this.map.addLayer(layer, beforeId);
    }
    // Read from across the room: larger area names.
    this.map.setLayoutProperty('sozialraum-beschriftung', 'text-size', ['interpolate', ['linear'], ['zoom'], 8, 12, 10, 15, 12, 17]);
  }
}
