import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import type { MapMode } from './mode';

export interface AddFacilityHandlers {
  /** A click on the map: place (or move) the new facility there. */
  onPlace(lngLat: [number, number]): void;
  /** Esc: leave the mode without adding anything. */
  onCancel(): void;
}

/**
 * Add mode: crosshair cursor, the next click places a new facility, Esc cancels. Clicks
 * select nothing else while the mode is active (MapController checks for an active mode).
 */
export function enterAddFacilityMode(map: MapLibreMap, container: HTMLElement, handlers: AddFacilityHandlers): MapMode {
  const canvas = map.getCanvas();
  const onClick = (event: MapMouseEvent) => handlers.onPlace([event.lngLat.lng, event.lngLat.lat]);
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') handlers.onCancel();
  };
  canvas.style.cursor = 'crosshair';
  container.dataset.mode = 'add-facility';
  map.on('click', onClick);
  window.addEventListener('keydown', onKey);
  return {
    id: 'add-facility',
    exit() {
      map.off('click', onClick);
      window.removeEventListener('keydown', onKey);
      canvas.style.cursor = '';
      delete container.dataset.mode;
    },
  };
}
