// The one place where the coverage analysis is (re)computed: it watches the territory, the
// facilities and the coverage store and writes results back. Components only read results.
//   - per district: fetch the stored Zensus grid (or use the documented fallback), prepare once
//   - per change: the real state (cached; with distances) and the scenario laid over it
//   - while a hypothetical facility is dragged: once per animation frame, without distances;
//     after the drop (debounced) again with distances and suggested sites
import { analyseCoverage, populationSurface, type CoverageAnalysis, type CoverageFacilityInput } from '../domain/coverage/analysis';
import { prepareCoverage, type CoverageSetup } from '../domain/coverage/coverage';
import { DEFAULT_CATEGORIES, type FacilityCategory } from '../domain/facilities/catalog';
import { isScenarioActive, scenarioFacilities } from '../domain/coverageView/scenario';
import { errorMessage } from './api';
import { fetchPopulationGrid } from './coverageApi';
import { effectiveRadiusKm, selectScenario, useCoverageStore, type CoverageSurfaceState } from './coverageStore';
import { useFacilityStore } from './facilityStore';
import { useTerritoryStore } from './territoryStore';
import { toast } from './toastStore';

/** Quiet time after the last change before the full computation (with distances) runs. */
export const FULL_RECOMPUTE_DELAY_MS = 120;

interface PreparedDistrict {
  surface: CoverageSurfaceState;
  setup: CoverageSetup;
}

/** Setups per district: a grid and its units are prepared once per district and surface. */
const prepared = new Map<string, PreparedDistrict>();
const loading = new Set<string>();

export function categoryOf(id: string): FacilityCategory | undefined {
  const categories = useFacilityStore.getState().categories;
  return categories.find((category) => category.id === id) ?? DEFAULT_CATEGORIES.find((category) => category.id === id);
}

/** The facilities of the district the analysis may count (empty until they are loaded). */
function districtFacilities(): readonly CoverageFacilityInput[] | null {
  const facilities = useFacilityStore.getState();
  const district = useTerritoryStore.getState().districtId;
  if (facilities.districtId !== district) return null;
  if (facilities.status === 'ready') return facilities.facilities;
  // Without the right to read facilities the analysis shows "nothing reached" rather than nothing.
  if (facilities.status === 'signin-required' || facilities.status === 'error') return [];
  return null;
}

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
      note = `Das Zensus-Gitter konnte nicht geladen werden (${errorMessage(error)}); gerechnet wird mit der Ersatzfläche.`;
      return null;
    });
    const surface = populationSurface(territory, grid);
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

let realCache: { setup: CoverageSetup; facilities: readonly CoverageFacilityInput[]; category: string; radiusKm: number; analysis: CoverageAnalysis } | null = null;

/** Computes what the tab shows. `full`: with distances and suggestions (not during a drag). */
export function computeCoverageNow(full: boolean): void {
  const state = useCoverageStore.getState();
  const { setup } = state;
  const facilities = districtFacilities();
  const category = categoryOf(state.categoryId);
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
  let analysis = real;
  if (isScenarioActive(scenario) || wantsSuggestions) {
    analysis = analyseCoverage(setup, {
      facilities: scenarioFacilities(facilities, scenario, category.id),
      category: category.id,
      radiusKm,
      distances: full,
      best: wantsSuggestions ? state.best.count : 0,
    });
  }
  useCoverageStore.getState().setResults({ real, analysis, live: !full });
}

let frame: number | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
const requestFrame: (callback: () => void) => number =
  typeof requestAnimationFrame === 'function' ? (callback) => requestAnimationFrame(callback) : (callback) => setTimeout(callback, 16) as unknown as number;
const cancelFrame: (handle: number) => void =
  typeof cancelAnimationFrame === 'function' ? (handle) => cancelAnimationFrame(handle) : (handle) => clearTimeout(handle);

/** Live: at most once per animation frame, without distances. Full: after a short quiet time. */
function schedule(kind: 'live' | 'full'): void {
  if (kind === 'live') {
    if (frame === null) {
      frame = requestFrame(() => {
        frame = null;
        computeCoverageNow(false);
      });
    }
  }
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    // A drag still in progress gets its full result after the drop.
    if (useCoverageStore.getState().dragging) return;
    if (frame !== null) {
      cancelFrame(frame);
      frame = null;
    }
    computeCoverageNow(true);
  }, kind === 'live' ? FULL_RECOMPUTE_DELAY_MS * 2 : FULL_RECOMPUTE_DELAY_MS);
}

/** A hypothetical facility on its way to becoming real: it leaves the scenario once it is saved. */
let pendingReal: { hypotheticalId: string; categoryId: string; undoLength: number } | null = null;

/**
 * "Als echte Einrichtung anlegen": opens the facility form of the resource map, prefilled with
 * the category and the place. Only the form's save creates a facility.
 */
export function makeHypotheticalReal(id: string): void {
  const coverage = useCoverageStore.getState();
  const hypothetical = selectScenario(coverage).hypothetical.find((facility) => facility.id === id);
  if (!hypothetical) return;
  pendingReal = { hypotheticalId: id, categoryId: coverage.categoryId, undoLength: useFacilityStore.getState().undoStack.length };
  coverage.stopPlacing();
  useFacilityStore.getState().startAddAt([...hypothetical.lngLat], coverage.categoryId);
}

let started = false;

export function startCoverage(): () => void {
  if (started) return () => {};
  started = true;
  const unsubscribers = [
    useTerritoryStore.subscribe((state, previous) => {
      if (state.districtId !== previous.districtId) {
        useCoverageStore.getState().resetDistrict(state.districtId);
        realCache = null;
      }
      if (state.territory !== previous.territory) void ensureSetup();
    }),
    useCoverageStore.subscribe((state, previous) => {
      if (state.active && (!previous.active || state.districtId !== previous.districtId)) void ensureSetup();
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
      } else if (inputsChanged || previous.dragging) {
        schedule('full');
      }
    }),
    useFacilityStore.subscribe((state, previous) => {
      if (state.mode === 'add' && previous.mode !== 'add') useCoverageStore.getState().stopPlacing();
      if (pendingReal && state.mode !== 'add' && previous.mode === 'add') settlePendingReal(state.undoStack, state.districtId);
      if (state.facilities !== previous.facilities || state.status !== previous.status || state.categories !== previous.categories) {
        if (useCoverageStore.getState().active) schedule('full');
      }
    }),
  ];
  const { districtId } = useTerritoryStore.getState();
  if (districtId) useCoverageStore.getState().resetDistrict(districtId);
  void ensureSetup();
  return () => {
    started = false;
    if (timer !== null) clearTimeout(timer);
    if (frame !== null) cancelFrame(frame);
    timer = null;
    frame = null;
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}

function settlePendingReal(undoStack: ReturnType<typeof useFacilityStore.getState>['undoStack'], districtId: string | null): void {
  const pending = pendingReal;
  pendingReal = null;
  if (!pending || districtId !== useCoverageStore.getState().districtId) return;
  const created = undoStack.length > pending.undoLength ? undoStack.at(-1) : undefined;
  if (!created || created.before !== null || created.after.category !== pending.categoryId) return;
  const coverage = useCoverageStore.getState();
  if (coverage.categoryId !== pending.categoryId) return;
  coverage.removeHypothetical(pending.hypotheticalId);
  toast.info(`„${created.after.name}“ ist jetzt eine echte Einrichtung und zählt im Ist-Stand; die hypothetische wurde aus dem Szenario entfernt.`);
}

/** For tests: forget prepared districts and cached results. */
export function resetCoverageEffectsForTests(): void {
  prepared.clear();
  loading.clear();
  realCache = null;
  pendingReal = null;
}
