import type { MapLayer } from '../../map/layers/layer';

/**
 * A map layer together with what keeps it in step with the stores. The composition root
 * (mainMap.ts) lists these; adding a layer to the map is one more entry there.
 */
export interface LayerBinding<Layer extends MapLayer = MapLayer> {
  layer: Layer;
  /** Sends the current state to the layer and subscribes to the stores it reads. */
  bind(): () => void;
}

/** Calls `send` now and whenever one of the stores changes; returns the unsubscribe. */
export function followStores(send: () => void, stores: readonly { subscribe(listener: () => void): () => void }[]): () => void {
  send();
  const unsubscribers = stores.map((store) => store.subscribe(send));
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
