import type { CoverageLayerGroup, CoverageMapData, CoverageMapEvents } from '../../map/coverageLayers';
import type { MapController } from '../../map/MapController';
import { categoryOf } from '../../state/coverageEffects';
import { effectiveRadiusKm, selectScenario, useCoverageStore } from '../../state/coverageStore';
import { useFacilityStore } from '../../state/facilityStore';
import { useTerritoryStore } from '../../state/territoryStore';

/**
 * What the map draws of the coverage analysis, from the stores. The fields keep their
 * identity while unchanged, so the layers re-send only what changed.
 */
export function coverageMapData(layers?: Record<CoverageLayerGroup, boolean>): CoverageMapData | null {
  const coverage = useCoverageStore.getState();
  const category = categoryOf(coverage.categoryId);
  const territory = useTerritoryStore.getState().territory;
  if (!coverage.active || !coverage.setup || !coverage.analysis || !category || !territory) return null;
  return {
    setup: coverage.setup,
    analysis: coverage.analysis,
    radiusKm: effectiveRadiusKm(coverage, category),
    category,
    facilities: useFacilityStore.getState().facilities,
    scenario: selectScenario(coverage),
    selectedHypotheticalId: coverage.selectedHypotheticalId,
    selectedFacilityId: useFacilityStore.getState().selectedId,
    siedlungen: territory.siedlungen ?? [],
    layers: layers ?? coverage.layers,
  };
}

const events: CoverageMapEvents = {
  onPlace: (lngLat) => useCoverageStore.getState().placeHypothetical(lngLat),
  onCancelPlace: () => useCoverageStore.getState().stopPlacing(),
  onDrag: (id, lngLat) => useCoverageStore.getState().dragHypothetical(id, lngLat),
  onDrop: (id, lngLat) => useCoverageStore.getState().dropHypothetical(id, lngLat),
  onCancelDrag: () => useCoverageStore.getState().cancelDrag(),
  onHypotheticalClick: (id) => useCoverageStore.getState().selectHypothetical(id),
  onFacilityClick: (id) => useFacilityStore.getState().select(id),
  // A suggestion is taken over from the list; a click on its marker only keeps the area selection as it is.
  onSuggestionClick: () => {},
};

/** Keeps the main map's coverage layers and placing mode in step with the stores. */
export function bindCoverageMap(controller: MapController): () => void {
  const show = () => {
    controller.setCoverage(coverageMapData(), events);
    controller.setCoveragePlacing(useCoverageStore.getState().active && useCoverageStore.getState().placing);
  };
  show();
  const unsubscribers = [
    useCoverageStore.subscribe(show),
    useFacilityStore.subscribe((state, previous) => {
      if (state.facilities !== previous.facilities || state.categories !== previous.categories || state.selectedId !== previous.selectedId) show();
    }),
    useTerritoryStore.subscribe((state, previous) => {
      if (state.territory !== previous.territory) show();
    }),
  ];
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
