// The coverage analysis on the stores' current state, loaded with the first analysis the
// planner asks for (src/app/coverage.ts loads it when the Versorgung tab opens): it brings the
// grid preparation, the analysis and the coordinate projections, which the first view does
// not need. It writes results back through the coverage store's actions.
//   - per district: fetch the stored Zensus grid (or the shipped Zensus 2011 extract), prepare once
//   - per change: the real state (cached; with distances) and the scenario laid over it
//   - while a hypothetical facility is dragged: in the worker (coverageWorkerClient.ts), without distances
import { analyseCoverage, populationSurface, type CoverageAnalysis, type CoverageFacilityInput } from '../domain/coverage/analysis';
import { prepareCoverage, type CoverageSetup } from '../domain/coverage/coverage';
import { isScenarioActive, scenarioFacilities } from '../domain/coverageView/scenario';
import { errorMessage } from '../state/api';
import { fetchPopulationGrid, fetchZensus2011 } from '../state/coverageApi';
import { effectiveRadiusKm, selectScenario, useCoverageStore, type CoverageSurfaceState } from '../state/coverageStore';
import { selectCategory, useFacilityStore } from '../state/facilityStore';
import { useTerritoryStore } from '../state/territoryStore';
import type { LiveAnalyser } from './coverageWorkerClient';

export { createLiveAnalyser } from './coverageWorkerClient';

interface PreparedDistrict {
  surface: CoverageSurfaceState;
  setup: CoverageSetup;
}

interface RealState {
  setup: CoverageSetup;
  facilities: readonly CoverageFacilityInput[];
  category: string;
  radiusKm: number;
  analysis: CoverageAnalysis;
}

export interface CoverageComputation {
  /** Computes what the tab shows now. `full`: with distances and suggestions (not during a drag). */
  computeNow(full: boolean): void;
  /** Prepares the district's grid once (fetching the stored Zensus grid or using the fallback). */
  ensureSetup(): Promise<void>;
  /** Another district: the cached real state no longer applies. */
  forgetRealState(): void;
}

/** The facilities of the district the analysis may count (null until they are loaded). */
function districtFacilities(): readonly CoverageFacilityInput[] | null {
  const facilities = useFacilityStore.getState();
  const district = useTerritoryStore.getState().districtId;
  if (facilities.districtId !== district) return null;
  if (facilities.status === 'ready') return facilities.facilities;
  // Without the right to read facilities the analysis shows "nothing reached" rather than nothing.
  if (facilities.status === 'signin-required' || facilities.status === 'error') return [];
  return null;
}

/**
 * The computation on the stores' current state. What it remembers (prepared setups per district,
 * the cached real state) belongs to the returned object, so a second one (a test) begins from nothing.
 */
export function createCoverageComputation(options: { /** Where live (drag) analyses run; without, at once on this thread. */ live?: LiveAnalyser } = {}): CoverageComputation {
  const { live } = options;
  /** Setups per district: a grid and its units are prepared once per district and surface. */
  const prepared = new Map<string, PreparedDistrict>();
  const loading = new Set<string>();
  let realCache: RealState | null = null;

  async function ensureSetup(): Promise<void> {
    const { territory, districtId } = useTerritoryStore.getState();
    const coverage = useCoverageStore.getState();
    if (!coverage.active || !territory || !districtId || territory.district.id !== districtId) return;
    if (coverage.setup && coverage.districtId === districtId) return;
    const cached = prepared.get(districtId);
    if (cached) {
      useCoverageStore.getState().setSurface(cached.surface, cached.setup);
      return;
    }
    if (loading.has(districtId)) return;
    loading.add(districtId);
    useCoverageStore.getState().setSurface({ status: 'loading', method: null, note: null }, null);
    try {
      let note: string | null = null;
      const grid = await fetchPopulationGrid(districtId).catch((error: unknown) => {
        note = `Das gespeicherte Zensus-Gitter konnte nicht geladen werden (${errorMessage(error)}); gerechnet wird mit der Verteilung nach dem Zensus 2011.`;
        return null;
      });
      const indexEntry = useTerritoryStore.getState().districts.find((district) => district.id === districtId);
      const grid2011 =
        grid || !indexEntry
          ? null
          : await fetchZensus2011(indexEntry).catch((error: unknown) => {
              note = `Das Zensus-2011-Gitter konnte nicht geladen werden (${errorMessage(error)}); gerechnet wird mit der groben Ersatzfläche.`;
              return null;
            });
      const surface = populationSurface(territory, grid, grid2011);
      const setup = prepareCoverage(territory, surface);
      const entry: PreparedDistrict = { surface: { status: 'ready', method: surface.method, note }, setup };
      prepared.set(districtId, entry);
      if (useTerritoryStore.getState().districtId === districtId && useCoverageStore.getState().districtId === districtId) {
        useCoverageStore.getState().setSurface(entry.surface, entry.setup);
      }
    } catch (error) {
      if (useTerritoryStore.getState().districtId === districtId) {
        useCoverageStore.getState().setSurface({ status: 'error', method: null, note: errorMessage(error) }, null);
      }
    } finally {
      loading.delete(districtId);
    }
  }

  function computeNow(full: boolean): void {
    const state = useCoverageStore.getState();
    const { setup } = state;
    const facilities = districtFacilities();
    const category = selectCategory(useFacilityStore.getState(), state.categoryId);
    if (!state.active || !setup || !facilities || !category) return;
    const radiusKm = effectiveRadiusKm(state, category);
    const cached = realCache;
    const real =
      cached && cached.setup === setup && cached.facilities === facilities && cached.category === category.id && cached.radiusKm === radiusKm
        ? cached.analysis
        : analyseCoverage(setup, { facilities, category: category.id, radiusKm, distances: true });
    realCache = { setup, facilities, category: category.id, radiusKm, analysis: real };

    const scenario = selectScenario(state);
    const wantsSuggestions = full && state.best.shown;
    // A full result supersedes any live one still being computed.
    if (full) live?.cancel();
    if (!isScenarioActive(scenario) && !wantsSuggestions) {
      useCoverageStore.getState().setResults({ real, analysis: real, live: !full });
      return;
    }
    const request = {
      facilities: scenarioFacilities(facilities, scenario, category.id),
      category: category.id,
      radiusKm,
      distances: full,
      best: wantsSuggestions ? state.best.count : 0,
    };
    if (!full && live) {
      // While the hand moves, the worker computes; a result that arrives after the drop is not shown.
      live.request(setup, request, (analysis) => {
        if (useCoverageStore.getState().dragging) useCoverageStore.getState().setResults({ real, analysis, live: true });
      });
      return;
    }
    useCoverageStore.getState().setResults({ real, analysis: analyseCoverage(setup, request), live: !full });
  }

  return {
    computeNow,
    ensureSetup,
    forgetRealState: () => {
      realCache = null;
    },
  };
}
