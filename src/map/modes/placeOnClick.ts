import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import type { MapMode } from './mode';

export interface PlaceOnClickHandlers {
  /** A click on the map: something goes there (a new facility, a hypothetical one). */
  onPlace(lngLat: [number, number]): void;
  /** Esc: leave the mode without placing anything. */
  onCancel(): void;
}

/**
 * A placing mode: crosshair cursor, each click reports its position, Esc cancels. Used for
 * adding a facility ('add-facility') and for the coverage what-if ('place-hypothetical').
 * Clicks select nothing else while a mode is active (MapController checks for one).
 */
export function enterPlaceOnClickMode(
  id: MapMode['id'],
  map: MapLibreMap,
  container: HTMLElement,
  handlers: PlaceOnClickHandlers,
): MapMode {
  const canvas = map.getCanvas();
  const onClick = (event: MapMouseEvent) => handlers.onPlace([event.lngLat.lng, event.lngLat.lat]);
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') handlers.onCancel();
  };
  canvas.style.cursor = 'crosshair';
  container.dataset.mode = id;
  map.on('click', onClick);
  window.addEventListener('keydown', onKey);
  return {
    id,
    exit() {
      map.off('click', onClick);
      window.removeEventListener('keydown', onKey);
      canvas.style.cursor = '';
      delete container.dataset.mode;
    },
  };
}
