import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import type { MapMode, PlacingModeId } from './mode';

export interface PlaceOnClickHandlers {
  onPlace(lngLat: [number, number]): void;
  onCancel(): void;
}

/**
 * A placing mode: crosshair cursor, each click reports its position, Esc cancels. Used for
 * adding a facility ('add-facility') and for the coverage what-if ('place-hypothetical').
 * While it is active nothing else is selected: the controller gives clicks to the mode only.
 */
export function enterPlaceOnClickMode(id: PlacingModeId, map: MapLibreMap, container: HTMLElement, handlers: PlaceOnClickHandlers): MapMode {
  const canvas = map.getCanvas();
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') handlers.onCancel();
  };
  canvas.style.cursor = 'crosshair';
  container.dataset.mode = id;
  window.addEventListener('keydown', onKey);
  return {
    id,
    click: (event: MapMouseEvent) => handlers.onPlace([event.lngLat.lng, event.lngLat.lat]),
    exit() {
      window.removeEventListener('keydown', onKey);
      canvas.style.cursor = '';
      delete container.dataset.mode;
    },
  };
}
