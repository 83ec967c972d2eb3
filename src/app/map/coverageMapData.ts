import { isEmptyFinding } from '../../domain/coverage/counting';
import type { CoverageLayerGroup, CoverageMapData } from '../../domain/coverageView/mapSources';
import { effectiveRadiusKm, selectScenario, useCoverageStore } from '../../state/coverageStore';
import { selectCategory, useFacilityStore } from '../../state/facilityStore';
import { useTerritoryStore } from '../../state/territoryStore';

/**
 * What a map draws of the coverage analysis, from the stores (null while the tab is closed or
 * nothing is computed yet). The fields keep their identity while unchanged, so the layers re-send
 * only what changed. `layers` overrides the planner's layer switches (the Kreistag view).
 */
export function coverageMapData(layers?: Record<CoverageLayerGroup, boolean>): CoverageMapData | null {
  const coverage = useCoverageStore.getState();
  const facilities = useFacilityStore.getState();
  const category = selectCategory(facilities, coverage.categoryId);
  const territory = useTerritoryStore.getState().territory;
  if (!coverage.active || !coverage.setup || !coverage.analysis || !category || !territory) return null;
  return {
    setup: coverage.setup,
    analysis: coverage.analysis,
    radiusKm: effectiveRadiusKm(coverage, category),
    category,
    facilities: facilities.facilities,
    scenario: selectScenario(coverage),
    selectedHypotheticalId: coverage.selectedHypotheticalId,
    selectedFacilityId: facilities.selectedId,
    siedlungen: territory.siedlungen ?? [],
    layers: layers ?? coverage.layers,
    empty: coverage.real !== null && isEmptyFinding(coverage.real.bestand.planungsraum),
  };
}
