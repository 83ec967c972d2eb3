import { AttributionControl } from 'maplibre-gl';

/**
 * MapLibre's attribution, always open (`compact: false`), without its width check: MapLibre reads
 * the map container's `offsetWidth` on every style and source change to decide whether to fold
 * the attribution, which forces a layout of the whole page each time while the first view is
 * drawn (10–15 ms on this machine kind, measured in a CPU profile). An open attribution needs no
 * width, so the check does what MapLibre does for `compact: false` without reading it.
 */
export class OpenAttributionControl extends AttributionControl {
  constructor() {
    super({ compact: false });
    this._updateCompact = () => {
      this._container.setAttribute('open', '');
      this._container.classList.remove('maplibregl-compact', 'maplibregl-compact-show');
    };
  }
}
