// The one place where the coverage analysis is (re)computed: it watches the territory, the
// facilities and the coverage store and writes results back through the coverage store's
// actions. Components only read results.
//   - per district: fetch the stored Zensus grid (or the shipped Zensus 2011 extract), prepare once
//   - per change: the real state (cached; with distances) and the scenario laid over it
//   - while a hypothetical facility is dragged: once per animation frame, without distances;
//     after the drop (debounced) again with distances and suggested sites
import { analyseCoverage, populationSurface, type CoverageAnalysis, type CoverageFacilityInput } from '../domain/coverage/analysis';
import { prepareCoverage, type CoverageSetup } from '../domain/coverage/coverage';
import { isScenarioActive, scenarioFacilities } from '../domain/coverageView/scenario';
import { errorMessage } from '../state/api';
import { fetchPopulationGrid } from '../state/coverageApi';
import { fetchZensus2011 } from '../state/territoryData';
import { effectiveRadiusKm, selectScenario, useCoverageStore, type CoverageSurfaceState } from '../state/coverageStore';
import { selectCategory, useFacilityStore, type DraftOrigin } from '../state/facilityStore';
import { useTerritoryStore } from '../state/territoryStore';
import { toast } from '../state/toastStore';
import { createLiveAnalyser, type LiveAnalyser } from './coverageWorkerClient';

/** Quiet time after the last change before the full computation (with distances) runs. */
export const FULL_RECOMPUTE_DELAY_MS = 120;

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

export interface CoverageEffects extends CoverageComputation {
  /** Stops watching the stores and cancels scheduled computations. */
  stop(): void;
}

const requestFrame: (callback: () => void) => number =
  typeof requestAnimationFrame === 'function' ? (callback) => requestAnimationFrame(callback) : (callback) => setTimeout(callback, 16) as unknown as number;
const cancelFrame: (handle: number) => void =
  typeof cancelAnimationFrame === 'function' ? (handle) => cancelAnimationFrame(handle) : (handle) => clearTimeout(handle);

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

/**
 * Starts the coverage computation and the subscriptions that run it when its inputs change.
 * The scheduled frame and timer belong to the returned object; `stop` cancels them.
 */
export function startCoverageEffects(): CoverageEffects {
  const live = createLiveAnalyser();
  const computation = createCoverageComputation({ live });
  const { computeNow, ensureSetup } = computation;
  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  /**
   * Live: at most once per animation frame, without distances. Full: after a short quiet time.
   * Drop: the end of a drag, so nothing more is coming: the full result before the next frame.
   */
  function schedule(kind: 'live' | 'full' | 'drop'): void {
    if (kind === 'drop') {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (frame !== null) cancelFrame(frame);
      frame = null;
      // Before the next frame: the map then draws the drop once, with the full result.
      queueMicrotask(() => computeNow(true));
      return;
    }
    if (kind === 'live' && frame === null) {
      frame = requestFrame(() => {
        frame = null;
        computeNow(false);
      });
    }
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(
      () => {
        timer = null;
        // A drag still in progress gets its full result after the drop.
        if (useCoverageStore.getState().dragging) return;
        if (frame !== null) {
          cancelFrame(frame);
          frame = null;
        }
        computeNow(true);
      },
      kind === 'live' ? FULL_RECOMPUTE_DELAY_MS * 2 : FULL_RECOMPUTE_DELAY_MS,
    );
  }

  /** A hypothetical facility made real leaves the scenario once it is saved. */
  function settleMadeReal(created: { facility: { name: string; category: string; district: string }; origin: DraftOrigin }): void {
    const coverage = useCoverageStore.getState();
    if (created.facility.district !== coverage.districtId) return;
    if (created.facility.category !== created.origin.categoryId || coverage.categoryId !== created.origin.categoryId) return;
    coverage.removeHypothetical(created.origin.id);
    toast.info(`„${created.facility.name}“ ist jetzt eine echte Einrichtung und zählt im Ist-Stand; die hypothetische wurde aus dem Szenario entfernt.`);
  }

  const unsubscribers = [
    useTerritoryStore.subscribe((state, previous) => {
      if (state.districtId !== previous.districtId) {
        useCoverageStore.getState().resetDistrict(state.districtId);
        computation.forgetRealState();
      }
      if (state.territory !== previous.territory) void ensureSetup();
    }),
    useCoverageStore.subscribe((state, previous) => {
      if (state.active && (!previous.active || state.districtId !== previous.districtId)) void ensureSetup();
      // The worker gets the grid while the planner looks, not at the first drag.
      if (state.setup && state.setup !== previous.setup) live.prepare(state.setup);
      const inputsChanged =
        state.active !== previous.active ||
        state.setup !== previous.setup ||
        state.categoryId !== previous.categoryId ||
        state.radiusKm !== previous.radiusKm ||
        state.scenarios !== previous.scenarios ||
        state.best !== previous.best;
      if (!state.active) return;
      if (state.dragging) {
        if (inputsChanged) schedule('live');
      } else if (previous.dragging) {
        schedule('drop');
      } else if (inputsChanged) {
        schedule('full');
      }
    }),
    useFacilityStore.subscribe((state, previous) => {
      if (state.mode === 'add' && previous.mode !== 'add') useCoverageStore.getState().stopPlacing();
      const created = state.lastCreated;
      if (created && created !== previous.lastCreated && created.origin?.kind === 'hypothetical') settleMadeReal({ facility: created.facility, origin: created.origin });
      if (state.facilities !== previous.facilities || state.status !== previous.status || state.categories !== previous.categories) {
        if (useCoverageStore.getState().active) schedule('full');
      }
    }),
  ];
  const { districtId } = useTerritoryStore.getState();
  if (districtId) useCoverageStore.getState().resetDistrict(districtId);
  void ensureSetup();

  return {
    ...computation,
    stop() {
      if (timer !== null) clearTimeout(timer);
      if (frame !== null) cancelFrame(frame);
      timer = null;
      frame = null;
      for (const unsubscribe of unsubscribers) unsubscribe();
      live.dispose();
    },
  };
}

/**
 * "Als echte Einrichtung anlegen": opens the facility form of the resource map, prefilled with
 * the category and the place. Only the form's save creates a facility; the scenario lets go of
 * the hypothetical one when it does (see settleMadeReal above).
 */
export function makeHypotheticalReal(id: string): void {
  const coverage = useCoverageStore.getState();
  const hypothetical = selectScenario(coverage).hypothetical.find((facility) => facility.id === id);
  if (!hypothetical) return;
  coverage.stopPlacing();
  useFacilityStore.getState().startAddAt([...hypothetical.lngLat], coverage.categoryId, { kind: 'hypothetical', id, categoryId: coverage.categoryId });
}
