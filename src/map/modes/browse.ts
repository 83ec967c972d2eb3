import type { MapMouseEvent } from 'maplibre-gl';
import type { LayerHit, MapLayer } from '../layers/layer';
import type { MapMode } from './mode';

/**
 * The default mode: the pointer hovers and a click selects. Layers are asked in their order (the
 * topmost concern first); the first one with a hit gets the hover or the click, all others hear
 * that the pointer is over nothing of theirs. While a layer drags something, hover stays as it is.
 */
export function enterBrowseMode(layers: readonly MapLayer[], canvas: HTMLElement): MapMode {
  return {
    id: 'browse',
    pointerMove(event: MapMouseEvent) {
      if (layers.some((layer) => layer.isInteracting?.())) return;
      let found: LayerHit | null = null;
      for (const layer of layers) {
        if (!layer.hitTest) continue;
        const hit: LayerHit | null = found ? null : layer.hitTest(event);
        found ??= hit;
        layer.hover?.(hit);
      }
      canvas.style.cursor = found?.cursor ?? '';
    },
    click(event: MapMouseEvent) {
      for (const layer of layers) {
        if (!layer.hitTest) continue;
        const hit = layer.hitTest(event);
        layer.click?.(hit);
        if (hit) return;
      }
    },
    exit() {
      canvas.style.cursor = '';
    },
  };
}
