import type { MapMouseEvent } from 'maplibre-gl';

/**
 * An interaction mode of the map (iD's vocabulary): entered once, exited once. MapController
 * routes the map's pointer input to the one active mode; browsing (hover and select) is a mode
 * like placing a new facility.
 */
export interface MapMode {
  readonly id: MapModeId;
  pointerMove?(event: MapMouseEvent): void;
  click?(event: MapMouseEvent): void;
  exit(): void;
}

export type PlacingModeId = 'add-facility' | 'place-hypothetical';
export type MapModeId = 'browse' | PlacingModeId;

/** What the composition root asks the map for; the controller enters it unless it is already active. */
export type MapModeRequest =
  | { kind: 'browse' }
  | {
      kind: 'place';
      id: PlacingModeId;
      /** A click on the map: something goes there (a new facility, a hypothetical one). */
      onPlace(lngLat: [number, number]): void;
      /** Esc: leave the mode without placing anything. */
      onCancel(): void;
    };
