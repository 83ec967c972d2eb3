import type { MapView } from '../../domain/urlState';
import { TerritoryLayer } from '../../map/layers/territory';
import { useAtlasStore } from '../../state/atlasStore';
import { useTerritoryStore } from '../../state/territoryStore';
import { followStores, type LayerBinding } from './binding';

/**
 * The district's areas: territory, selection, hover and click level from the stores; hover and
 * clicks on the map go back to the atlas store. The first territory opens at the view a shared
 * link asked for, every other one is fitted into the window.
 */
export function territoryBinding(jumpTo: (view: MapView) => void): LayerBinding<TerritoryLayer> {
  const layer = new TerritoryLayer({
    onHover: (ref) => useAtlasStore.getState().setHover(ref),
    onClick: (ref) => useAtlasStore.getState().select(ref),
    onShown: () => {
      const view = useAtlasStore.getState().takeViewFromAddress();
      if (view) jumpTo(view);
      else layer.fitDistrict(false);
    },
  });
  const send = () => {
    const { selection, hover, clickLevel } = useAtlasStore.getState();
    layer.update({ territory: useTerritoryStore.getState().territory, selection, hover, clickLevel });
  };
  return {
    layer,
    bind() {
      const unfollow = followStores(send, [useAtlasStore, useTerritoryStore]);
      const unfocus = useAtlasStore.subscribe((state, previous) => {
        if (state.focusRequest === previous.focusRequest) return;
        if (state.selection) layer.focusArea(state.selection);
        else layer.fitDistrict();
      });
      return () => {
        unfollow();
        unfocus();
      };
    },
  };
}
