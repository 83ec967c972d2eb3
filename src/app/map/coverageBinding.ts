import { CoverageLayer, type CoverageMapEvents } from '../../map/layers/coverage';
import { useCoverageStore } from '../../state/coverageStore';
import { useFacilityStore } from '../../state/facilityStore';
import { useTerritoryStore } from '../../state/territoryStore';
import { type LayerBinding } from './binding';
import { coverageMapData } from './coverageMapData';

const events: CoverageMapEvents = {
  onDrag: (id, lngLat) => useCoverageStore.getState().dragHypothetical(id, lngLat),
  onDrop: (id, lngLat) => useCoverageStore.getState().dropHypothetical(id, lngLat),
  onCancelDrag: () => useCoverageStore.getState().cancelDrag(),
  onHypotheticalClick: (id) => useCoverageStore.getState().selectHypothetical(id),
  onFacilityClick: (id) => useFacilityStore.getState().select(id),
  // A suggestion is taken over from the list; a click on its marker only keeps the area selection as it is.
  onSuggestionClick: () => {},
};

/** The coverage analysis of the Versorgung tab on the main map (hidden while the tab is closed). */
export function coverageBinding(): LayerBinding<CoverageLayer> {
  const layer = new CoverageLayer(events, { drawFacilities: true, interactive: true });
  const send = () => layer.update(coverageMapData());
  return {
    layer,
    bind() {
      send();
      const unsubscribers = [
        useCoverageStore.subscribe(send),
        useFacilityStore.subscribe((state, previous) => {
          if (state.facilities !== previous.facilities || state.categories !== previous.categories || state.selectedId !== previous.selectedId) send();
        }),
        useTerritoryStore.subscribe((state, previous) => {
          if (state.territory !== previous.territory) send();
        }),
      ];
      return () => {
        for (const unsubscribe of unsubscribers) unsubscribe();
      };
    },
  };
}
