// When the coverage analysis is (re)computed: the effects below watch the territory, the
// facilities and the coverage store and run the computation (coverageComputation.ts), which is
// loaded once the Versorgung tab is first opened, so the first view does not load it.
// Components only read results.
//   - per district: the grid is prepared once (ensureSetup)
//   - per change: after a short quiet time, with distances and suggested sites
//   - while a hypothetical facility is dragged: once per animation frame, without distances;
//     after the drop at once, with distances
import type { CoverageComputation } from './coverageComputation';
import type { LiveAnalyser } from './coverageWorkerClient';
import { errorMessage } from '../state/api';
import { selectScenario, useCoverageStore } from '../state/coverageStore';
import { useFacilityStore, type DraftOrigin } from '../state/facilityStore';
import { useTerritoryStore } from '../state/territoryStore';
import { toast } from '../state/toastStore';

/** Quiet time after the last change before the full computation (with distances) runs. */
export const FULL_RECOMPUTE_DELAY_MS = 120;

export interface CoverageEffects extends CoverageComputation {
  /** Stops watching the stores and cancels scheduled computations. */
  stop(): void;
}

const requestFrame: (callback: () => void) => number =
  typeof requestAnimationFrame === 'function' ? (callback) => requestAnimationFrame(callback) : (callback) => setTimeout(callback, 16) as unknown as number;
const cancelFrame: (handle: number) => void =
  typeof cancelAnimationFrame === 'function' ? (handle) => cancelAnimationFrame(handle) : (handle) => clearTimeout(handle);

interface LoadedComputation {
  computation: CoverageComputation;
  live: LiveAnalyser;
}

/**
 * The computation, loaded on first use: before the tab has been opened nothing is computed, so
 * nothing waits for it. Calls made while it loads run once it is there (each reads the stores'
 * state of that moment); a failed load is shown in the tab like a failed grid and tried again
 * with the next call.
 */
function lazyComputation(): CoverageComputation & { loaded(): LoadedComputation | null; dispose(): void } {
  let loaded: LoadedComputation | null = null;
  let loading: Promise<LoadedComputation> | null = null;
  let disposed = false;
  function load(): Promise<LoadedComputation> {
    loading ??= import('./coverageComputation').then(
      (module) => {
        const live = module.createLiveAnalyser();
        loaded = { computation: module.createCoverageComputation({ live }), live };
        if (disposed) live.dispose();
        return loaded;
      },
      (error: unknown) => {
        // Tried again the next time the tab asks (a lost connection may be back).
        loading = null;
        throw error;
      },
    );
    return loading;
  }
  const failed = (error: unknown) => {
    useCoverageStore.getState().setSurface({ status: 'error', method: null, note: `Die Versorgungsanalyse konnte nicht geladen werden (${errorMessage(error)}).` }, null);
  };
  return {
    loaded: () => loaded,
    computeNow(full) {
      if (loaded) loaded.computation.computeNow(full);
      else if (useCoverageStore.getState().active) load().then(({ computation }) => computation.computeNow(full), failed);
    },
    async ensureSetup() {
      if (!useCoverageStore.getState().active) return;
      const { computation } = await load().catch((error: unknown) => {
        failed(error);
        throw error;
      });
      await computation.ensureSetup();
    },
    forgetRealState() {
      loaded?.computation.forgetRealState();
    },
    dispose() {
      disposed = true;
      loaded?.live.dispose();
    },
  };
}

/**
 * Starts the coverage computation and the subscriptions that run it when its inputs change.
 * The scheduled frame and timer belong to the returned object; `stop` cancels them.
 */
export function startCoverageEffects(): CoverageEffects {
  const computation = lazyComputation();
  const { computeNow } = computation;
  const ensureSetup = () => computation.ensureSetup().catch(() => undefined);
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
      if (state.setup && state.setup !== previous.setup) computation.loaded()?.live.prepare(state.setup);
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
    computeNow,
    ensureSetup: computation.ensureSetup,
    forgetRealState: computation.forgetRealState,
    stop() {
      if (timer !== null) clearTimeout(timer);
      if (frame !== null) cancelFrame(frame);
      timer = null;
      frame = null;
      for (const unsubscribe of unsubscribers) unsubscribe();
      computation.dispose();
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
