import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import type { MapMode } from './mode';

export interface PlaceHypotheticalHandlers {
  /** A click on the map: a hypothetical facility goes there. */
  onPlace(lngLat: [number, number]): void;
  /** Esc: leave the mode without placing anything. */
  onCancel(): void;
}

/**
 * Coverage what-if: crosshair cursor, the next click places a hypothetical facility, Esc
 * cancels. Like the add mode, clicks select nothing else while it is active.
 */
export function enterPlaceHypotheticalMode(map: MapLibreMap, container: HTMLElement, handlers: PlaceHypotheticalHandlers): MapMode {
  const canvas = map.getCanvas();
  const onClick = (event: MapMouseEvent) => handlers.onPlace([event.lngLat.lng, event.lngLat.lat]);
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') handlers.onCancel();
  };
  canvas.style.cursor = 'crosshair';
  container.dataset.mode = 'place-hypothetical';
  map.on('click', onClick);
  window.addEventListener('keydown', onKey);
  return {
    id: 'place-hypothetical',
    exit() {
      map.off('click', onClick);
      window.removeEventListener('keydown', onKey);
      canvas.style.cursor = '';
      delete container.dataset.mode;
    },
  };
}
