import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import type { LayerGroupId } from '../../domain/atlasView';

/**
 * The one small interface every concern drawn on the map implements (territory, facilities,
 * coverage, background map, and what comes next, such as an indicator choropleth). A layer owns
 * its sources, images and map layers; it takes plain data through `update` and re-sends only
 * what changed. MapController composes layers: it adds them once the style is loaded, applies the
 * layer panel's switches to the groups they declare, and hands pointer input of the browse mode
 * to them in the order they were given (the first one that is hit wins).
 */
export interface MapLayer<Data = unknown> {
  /** Adds sources, images and map layers (below the style's anchors). Called once, when the style is loaded. */
  add(context: LayerContext): void;
  /** Plain data in; unchanged parts (compared by identity) are not re-sent. May be called before `add`. */
  update(data: Data): void;
  /** The layer panel's groups this layer draws, with their map layer ids. */
  readonly groups?: Partial<Record<LayerGroupId, readonly string[]>>;
  /** Groups of other layers to hide while this one is shown (the coverage analysis draws its own facilities). */
  hides?(): readonly LayerGroupId[];
  /** Called when another layer changed something this one may depend on (e.g. a source it draws on was added). */
  refresh?(): void;
  /** What of this layer lies under the pointer; null when nothing. */
  hitTest?(event: MapMouseEvent): LayerHit | null;
  /** The pointer is over `hit` (one of this layer's own hits), or over nothing of this layer (null). */
  hover?(hit: LayerHit | null): void;
  /**
   * A click in browse mode. `hit` is this layer's own hit, or null when the click hit nothing of
   * this layer nor of any layer before it.
   */
  click?(hit: LayerHit | null): void;
  /** A drag of this layer is under way or being saved: the browse mode leaves the pointer alone. */
  isInteracting?(): boolean;
  destroy(): void;
}

/** What a layer found under the pointer; the layer reads its own kind of hit back in hover/click. */
export interface LayerHit {
  /** CSS cursor while the pointer is over it. */
  readonly cursor: string;
}

/** What MapController gives the layers it composes. */
export interface LayerContext {
  readonly map: MapLibreMap;
  /** The map's container element: layers report what tests wait for as data-* attributes on it. */
  readonly container: HTMLElement;
  /** Whether the browse mode is active and no layer is dragging (a drag may start only then). */
  mayStartDrag(): boolean;
  /** Something other layers may depend on changed (sources added, shown or hidden): visibility and dependants are updated. */
  changed(): void;
  /**
   * Moves the view to a box (WGS84 west, south, east, north). `rightInset` leaves room for the
   * panel over the map.
   */
  fitBounds(bbox: readonly [number, number, number, number], options: { animate: boolean; rightInset?: number }): void;
}

/** Width of the area panel over the map (see .area-panel in styles.css) plus its offset. */
export const PANEL_WIDTH = 400;

/** Adds a source once (layers may be added again after a style change or by a second map). */
export function ensureSource(map: MapLibreMap, id: string, source: Parameters<MapLibreMap['addSource']>[1]): void {
  if (!map.getSource(id)) map.addSource(id, source);
}
