import type { Map as MapLibreMap, MapLayerMouseEvent, MapMouseEvent } from 'maplibre-gl';

export interface DragFacilityHandlers {
  /** Whether this user may move this facility (the server decides in the end). */
  canDrag(id: string): boolean;
  onStart(id: string, lngLat: [number, number]): void;
  onMove(id: string, lngLat: [number, number]): void;
  /** Mouse up over the map after a real move. */
  onDrop(id: string, lngLat: [number, number]): void;
  /** Mouse up outside the map: the move is abandoned. */
  onCancel(id: string): void;
}

/** Pixels the mouse must travel before a press becomes a drag (less stays a click). */
const DRAG_THRESHOLD = 4;

/**
 * A behaviour, always on while dragging is allowed: press on an unclustered facility symbol and
 * move to drag it. Clusters cannot be dragged (their layer is not listened to).
 * @returns a function that switches the behaviour off
 */
export function enableFacilityDrag(map: MapLibreMap, symbolLayer: string, handlers: DragFacilityHandlers): () => void {
  const canvas = map.getCanvas();
  let cleanupActive: (() => void) | null = null;

  const onDown = (event: MapLayerMouseEvent) => {
    const feature = event.features?.[0];
    const id = feature?.properties?.id;
    if (typeof id !== 'string' || event.originalEvent.button !== 0 || !handlers.canDrag(id)) return;
    // Keep the map from panning while the symbol moves.
    event.preventDefault();
    const start = event.point;
    let dragging = false;
    let last: [number, number] = [event.lngLat.lng, event.lngLat.lat];

    const onMove = (moveEvent: MapMouseEvent) => {
      last = [moveEvent.lngLat.lng, moveEvent.lngLat.lat];
      if (!dragging) {
        if (Math.hypot(moveEvent.point.x - start.x, moveEvent.point.y - start.y) < DRAG_THRESHOLD) return;
        dragging = true;
        canvas.style.cursor = 'grabbing';
        handlers.onStart(id, last);
      }
      handlers.onMove(id, last);
    };
    // On the window: the button may be released anywhere, e.g. over a panel above the map.
    const onUp = (upEvent: MouseEvent) => {
      cleanup();
      if (!dragging) return;
      // Released outside the map: the symbol goes back, nothing is saved.
      if (upEvent.target === canvas) handlers.onDrop(id, last);
      else handlers.onCancel(id);
    };
    const cleanup = () => {
      map.off('mousemove', onMove);
      window.removeEventListener('mouseup', onUp, true);
      canvas.style.cursor = '';
      cleanupActive = null;
    };
    cleanupActive = cleanup;
    map.on('mousemove', onMove);
    window.addEventListener('mouseup', onUp, true);
  };

  map.on('mousedown', symbolLayer, onDown);
  return () => {
    map.off('mousedown', symbolLayer, onDown);
    cleanupActive?.();
  };
}
