import { Map as MapLibreMap, ScaleControl } from 'maplibre-gl';
import type { CoverageMapData } from '../domain/coverageView/mapSources';
import type { FacilityCategory } from '../domain/facilities/catalog';
import type { Box } from '../domain/geo/labelPlacement';
import type { TerritoryFile } from '../domain/territory/types';
import { OpenAttributionControl } from './attribution';
import { CoverageLayer } from './layers/coverage';
import { PIXEL_RATIO, renderIconFor } from './facilityIcons';
import { PresentationLabels, type RenderedLabel } from './presentationLabels';
import { buildBaseStyle } from './style';
import { TERRITORY_SOURCE, territoryLayers, territorySourceSpecification } from './territoryLayers';

/**
 * Territory layers the council map keeps: areas and their borders; no municipalities, no region
 * colours. The area names are placed by PresentationLabels, so that every one is shown.
 */
const KEPT_LAYERS = new Set(['ausserhalb-flaeche', 'sozialraum-flaeche', 'ausserhalb-linie', 'sozialraum-linie', 'kreis-linie']);

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
  private readonly labels: PresentationLabels;
  private data: CoverageMapData | null = null;
  /** Layouts of the names not finished yet: the map is ready only when none is. */
  private labelsPending = 0;
  private labelsDone: Promise<void> = Promise.resolve();

  constructor(
    private readonly container: HTMLElement,
    private readonly territory: TerritoryFile,
    private readonly categories: readonly FacilityCategory[],
    /** Boxes (CSS pixels of the map) that the PNG draws over a map of this size: names keep clear of them. */
    reserved: (width: number, height: number) => Box[] = () => [],
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
    this.labels = new PresentationLabels(this.map, container, territory, reserved);
    this.map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 160 }), 'bottom-left');
    this.map.addControl(new OpenAttributionControl(), 'bottom-right');
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
      if (this.coverage && this.labelsPending === 0 && (container.dataset.coverage === 'aktiv' || container.dataset.coverage === 'leer')) container.dataset.mapReady = 'true';
    });
    // Names are placed in screen space: again after every change of the view.
    this.map.on('moveend', () => void this.placeLabels());
    this.map.on('resize', () => void this.placeLabels());
  }

  async update(data: CoverageMapData | null): Promise<void> {
    await this.loaded;
    if (this.destroyed || !this.coverage) return;
    this.container.dataset.mapReady = 'false';
    this.coverage.update(data);
    this.data = data;
    await this.placeLabels();
    this.map.triggerRepaint();
  }

  private placeLabels(): Promise<void> {
    if (this.destroyed || !this.coverage) return Promise.resolve();
    this.labelsPending += 1;
    this.container.dataset.mapReady = 'false';
    const done = this.labels.layout(this.data).finally(() => {
      this.labelsPending -= 1;
    });
    this.labelsDone = done;
    return done;
  }

  /** The area names as placed, with their boxes (end-to-end tests). */
  placedLabels(): RenderedLabel[] {
    return this.labels.placedLabels();
  }

  /** The ids of the area names drawn now (end-to-end tests). */
  renderedLabelIds(): string[] {
    return this.labels.renderedLabelIds();
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
    await this.labelsDone;
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
    this.attribution = this.territory.sources
      .filter((source) => source.id === 'grenzen' || source.id === 'bevoelkerung')
      .map((source) => source.attribution)
      .join(' · ');
    this.map.addSource(TERRITORY_SOURCE, territorySourceSpecification(this.territory, this.attribution));
    for (const { layer, beforeId } of territoryLayers()) {
      if (KEPT_LAYERS.has(layer.id)) this.map.addLayer(layer, beforeId);
    }
  }
}
