import { LngLat, Map as MapLibreMap, NavigationControl, ScaleControl, prewarm, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { LayerGroupId } from '../domain/atlasView';
import type { MapPicture } from '../domain/print/picture';
import type { MapView } from '../domain/urlState';
import type { LayerContext, MapLayer } from './layers/layer';
import { enterBrowseMode } from './modes/browse';
import type { MapMode, MapModeRequest } from './modes/mode';
import { enterPlaceOnClickMode } from './modes/placeOnClick';
import { OpenAttributionControl } from './attribution';
import { buildBaseStyle } from './style';

// Bundled MapLibre cannot find its worker on its own (a proven pitfall of MapLibre 6 with bundlers); point it at the emitted file.
setWorkerUrl(workerUrl);

/**
 * Starts MapLibre's worker (fetching and compiling its script) now, so it is ready when the map
 * is created after the territory has arrived instead of starting then.
 */
export function prewarmMap(): void {
  prewarm();
}

/** Pixels left free around a district fitted into the window. */
const FIT_MARGIN = 56;

export interface MapControllerOptions {
  /**
   * What the map draws, the topmost concern first: browse mode asks them for hits in this order
   * (coverage marks over facility symbols over areas). Each is added once the style is loaded.
   */
  layers: readonly MapLayer[];
  /** Centre and zoom to open with (a shared link); null: `initialBounds`. */
  initialView: MapView | null;
  /** The box (WGS84 west, south, east, north) to open with when there is no view: the district. */
  initialBounds?: readonly [number, number, number, number];
  onViewChange(view: MapView): void;
}

/**
 * The one object that owns the MapLibre map. It composes the layers, keeps the style's anchor
 * layers (buildBaseStyle), applies the layer panel's switches, and routes pointer input to the
 * active mode (browse, or placing something). Data reaches each layer through its own `update`;
 * this class knows no territory, facility or analysis.
 */
export class MapController {
  private readonly map: MapLibreMap;
  private readonly layers: readonly MapLayer[];
  private readonly context: LayerContext;
  private visibility: Partial<Record<LayerGroupId, boolean>> = {};
  private mode: MapMode;
  private loaded = false;
  private destroyed = false;
  private readonly onViewChange: (view: MapView) => void;

  constructor(
    private readonly container: HTMLElement,
    options: MapControllerOptions,
  ) {
    container.dataset.mapReady = 'false';
    this.layers = options.layers;
    this.map = new MapLibreMap({
      container,
      style: buildBaseStyle(window.location.origin),
      // Opening at the district's box spares the tiles and frames of a first view that is fitted away at once.
      ...(options.initialView
        ? { center: options.initialView.center, zoom: options.initialView.zoom }
        : options.initialBounds
          ? { bounds: [...options.initialBounds] as [number, number, number, number], fitBoundsOptions: { padding: FIT_MARGIN, maxZoom: 12 } }
          : { center: [10.2, 51.6] as [number, number], zoom: 8 }),
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      maxZoom: 16,
      minZoom: 5,
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 140 }), 'bottom-left');
    this.map.addControl(new OpenAttributionControl(), 'bottom-right');
    this.context = {
      map: this.map,
      container,
      mayStartDrag: () => this.mode.id === 'browse' && !this.layers.some((layer) => layer.isInteracting?.()),
      changed: () => this.layersChanged(),
      fitBounds: (bbox, fit) => this.fitBounds(bbox, fit.animate, fit.rightInset ?? 0),
    };
    this.mode = enterBrowseMode(this.layers, this.map.getCanvas());
    // 'style.load' comes a frame before 'load' (the first drawn frame): sources added here are
    // tiled while that frame is drawn instead of after it.
    this.map.once('style.load', () => {
      if (this.destroyed) return;
      this.loaded = true;
      for (const layer of this.layers) layer.add(this.context);
      this.layersChanged();
    });
    this.map.on('mousemove', (event) => this.mode.pointerMove?.(event));
    this.map.on('click', (event) => this.mode.click?.(event));
    this.map.on('mouseout', () => this.clearHover());
    this.onViewChange = options.onViewChange;
    this.map.on('moveend', () => this.reportView());
  }

  /** The layer panel's switches; a layer may still hide another's group while it is shown. */
  setLayerVisibility(visibility: Record<LayerGroupId, boolean>): void {
    this.visibility = { ...visibility };
    this.applyVisibility();
  }

  /** Enters the requested mode unless it is already the active one. */
  setMode(request: MapModeRequest): void {
    const id = request.kind === 'browse' ? 'browse' : request.id;
    if (id === this.mode.id) return;
    this.mode.exit();
    if (request.kind === 'browse') {
      this.mode = enterBrowseMode(this.layers, this.map.getCanvas());
      return;
    }
    this.clearHover();
    this.mode = enterPlaceOnClickMode(request.id, this.map, this.container, { onPlace: request.onPlace, onCancel: request.onCancel });
  }

  setView(view: MapView): void {
    this.map.jumpTo({ center: view.center, zoom: view.zoom });
  }

  /** Screen position of a coordinate relative to the map container (used by end-to-end tests). */
  project(lngLat: [number, number]): { x: number; y: number } {
    const point = this.map.project(lngLat);
    return { x: point.x, y: point.y };
  }

  /**
   * The map's pixels now, drawn and copied in one task (the WebGL buffer is only readable right
   * after a frame), at the current pixel ratio. Used when the browser prints (Ctrl+P), which
   * cannot wait.
   */
  pictureNow(): MapPicture {
    this.map.redraw();
    const source = this.map.getCanvas();
    const canvas = document.createElement('canvas');
    canvas.width = source.width;
    canvas.height = source.height;
    canvas.getContext('2d')?.drawImage(source, 0, 0);
    const centre = this.map.project(this.map.getCenter());
    const left = this.map.unproject([centre.x - 50, centre.y]);
    const right = this.map.unproject([centre.x + 50, centre.y]);
    const devicePerCss = this.map.getPixelRatio();
    const { lng, lat } = this.map.getCenter();
    return { canvas, metresPerPixel: left.distanceTo(right) / 100 / devicePerCss, bearing: this.map.getBearing(), center: [lng, lat], zoom: this.map.getZoom() };
  }

  /**
   * The map drawn at `pixelRatio` (at least the screen's) once everything is loaded, for a sharp
   * print; the screen's ratio is restored afterwards.
   */
  async picture(pixelRatio: number): Promise<MapPicture> {
    const screen = this.map.getPixelRatio();
    const ratio = Math.max(screen, pixelRatio);
    const idle = () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 15_000);
        this.map.once('idle', () => {
          clearTimeout(timer);
          resolve();
        });
        this.map.triggerRepaint();
      });
    if (ratio !== screen) this.map.setPixelRatio(ratio);
    try {
      await idle();
      return this.pictureNow();
    } finally {
      if (ratio !== screen) this.map.setPixelRatio(screen);
    }
  }

  destroy(): void {
    this.destroyed = true;
    this.mode.exit();
    for (const layer of this.layers) layer.destroy();
    this.map.remove();
  }

  private layersChanged(): void {
    if (!this.loaded || this.destroyed) return;
    this.applyVisibility();
    for (const layer of this.layers) layer.refresh?.();
  }

  private clearHover(): void {
    for (const layer of this.layers) layer.hover?.(null);
  }

  private applyVisibility(): void {
    if (!this.loaded) return;
    const hidden = new Set(this.layers.flatMap((layer) => layer.hides?.() ?? []));
    for (const layer of this.layers) {
      for (const [group, ids] of Object.entries(layer.groups ?? {}) as [LayerGroupId, readonly string[]][]) {
        const visible = !hidden.has(group) && (this.visibility[group] ?? group !== 'einwohnerklassen');
        for (const id of ids) {
          if (this.map.getLayer(id)) this.map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
        }
      }
    }
  }

  private fitBounds(bbox: readonly [number, number, number, number], animate: boolean, rightInset: number): void {
    const margin = FIT_MARGIN;
    // Never ask for more inset than the map is wide (narrow windows).
    const right = Math.min(margin + rightInset, this.mapWidth() / 2);
    const bounds: [[number, number], [number, number]] = [
      [bbox[0], bbox[1]],
      [bbox[2], bbox[3]],
    ];
    const padding = { top: margin, bottom: margin, left: margin, right };
    if (!animate && this.isShowing(bounds, padding)) {
      // The map opened at these bounds (the district's first view): say where it is, without a
      // camera move and its events in the middle of the first view's work.
      this.reportView();
      return;
    }
    this.map.fitBounds(bounds, { padding, animate, duration: animate ? 600 : 0, maxZoom: 12 });
  }

  /**
   * The map's width in CSS pixels, from the canvas' drawing size: reading the container's width
   * would force a layout of the whole page in the middle of the first view's work.
   */
  private mapWidth(): number {
    return this.map.getCanvas().width / this.map.getPixelRatio();
  }

  /** Whether fitting these bounds would leave the camera where it is. */
  private isShowing(bounds: [[number, number], [number, number]], padding: { top: number; bottom: number; left: number; right: number }): boolean {
    const camera = this.map.cameraForBounds(bounds, { padding, maxZoom: 12 });
    if (!camera?.center || camera.zoom === undefined) return false;
    const center = this.map.getCenter();
    const { lng, lat } = LngLat.convert(camera.center);
    return Math.abs(camera.zoom - this.map.getZoom()) < 1e-6 && Math.abs(lng - center.lng) < 1e-9 && Math.abs(lat - center.lat) < 1e-9 && this.map.getBearing() === 0;
  }

  private reportView(): void {
    const center = this.map.getCenter();
    this.onViewChange({ zoom: this.map.getZoom(), center: [center.lng, center.lat] });
  }
}
