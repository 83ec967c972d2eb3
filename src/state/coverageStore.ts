import { create } from 'zustand';
import type { CoverageAnalysis } from '../domain/coverage/analysis';
import type { CoverageSetup } from '../domain/coverage/coverage';
import type { SurfaceMethod } from '../domain/coverage/surface';
import type { FacilityCategory } from '../domain/facilities/catalog';
import {
  EMPTY_SCENARIO,
  addHypothetical,
  isScenarioActive,
  moveHypothetical,
  removeHypothetical,
  setSwitchedOff,
  type Scenario,
} from '../domain/coverageView/scenario';

/** Reach the slider offers, km. */
export const RADIUS_MIN_KM = 0.5;
export const RADIUS_MAX_KM = 30;
/** Most suggested sites at once. */
export const BEST_MAX = 5;

export type CoverageLayerId = 'anteil' | 'reichweite' | 'luecken';
export type CoverageLevel = 'sozialraum' | 'sozialregion';

export interface CoverageSurfaceState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  method: SurfaceMethod | null;
  /** Why the fallback is used when a grid was expected but could not be read (German). */
  note: string | null;
}

interface CoverageState {
  /** The Versorgung tab is open: layers shown, results computed. */
  active: boolean;
  districtId: string | null;
  categoryId: string;
  /** Reach the planner chose per category (km); categories without an entry use their own reach. */
  radiusKm: Record<string, number>;
  /** The what-if scenario per category. */
  scenarios: Record<string, Scenario>;
  selectedHypotheticalId: string | null;
  /** The next click on the map places a hypothetical facility. */
  placing: boolean;
  /** The hypothetical facility being dragged, and where it was before (for a cancelled drag). */
  dragging: { id: string; origin: [number, number] } | null;
  /** Suggested sites: how many, and whether they are shown. */
  best: { count: number; shown: boolean };
  layers: Record<CoverageLayerId, boolean>;
  level: CoverageLevel;
  presentation: boolean;

  // Written by the effects (src/state/coverageEffects.ts), never by components.
  surface: CoverageSurfaceState;
  /** Grid, units and residents of the district: prepared once per district and surface. */
  setup: CoverageSetup | null;
  /** The real state (no scenario), with distances. */
  real: CoverageAnalysis | null;
  /** What is shown: the scenario's analysis, or the real state itself when there is no scenario. */
  analysis: CoverageAnalysis | null;
  /** The analysis was computed during a drag, without distances. */
  live: boolean;

  setActive(active: boolean): void;
  setCategory(id: string): void;
  setRadiusKm(km: number): void;
  startPlacing(): void;
  stopPlacing(): void;
  placeHypothetical(lngLat: [number, number]): void;
  /** A drag step: the scenario follows the pointer (recomputed without distances). */
  dragHypothetical(id: string, lngLat: [number, number]): void;
  dropHypothetical(id: string, lngLat: [number, number]): void;
  cancelDrag(): void;
  removeHypothetical(id: string): void;
  selectHypothetical(id: string | null): void;
  setSwitchedOff(facilityId: string, off: boolean): void;
  resetScenario(): void;
  showSuggestions(count: number): void;
  hideSuggestions(): void;
  /** Turns suggested site `index` (0-based) into a hypothetical facility. */
  takeSuggestion(index: number): void;
  toggleLayer(id: CoverageLayerId): void;
  setLevel(level: CoverageLevel): void;
  setPresentation(open: boolean): void;
  /** A new district: scenarios and results of the old one are dropped. */
  resetDistrict(districtId: string | null): void;
  /**
   * What a shared link asks for: category, its reach and its scenario (hypothetical facilities
   * at these places, these real ones switched off). Parts left null keep what is there.
   */
  openView(view: { categoryId: string | null; radiusKm: number | null; hypothetical: readonly [number, number][]; switchedOff: readonly string[] }): void;
  setSurface(surface: CoverageSurfaceState, setup: CoverageSetup | null): void;
  setResults(results: { real: CoverageAnalysis | null; analysis: CoverageAnalysis | null; live: boolean }): void;
}

export const clampRadiusKm = (km: number): number =>
  Math.min(RADIUS_MAX_KM, Math.max(RADIUS_MIN_KM, Math.round(km * 10) / 10));

/** The reach in use for a category: the planner's choice, else the category's own. */
export function effectiveRadiusKm(state: Pick<CoverageState, 'radiusKm'>, category: Pick<FacilityCategory, 'id' | 'reachKm'> | undefined): number {
  if (!category) return 5;
  return clampRadiusKm(state.radiusKm[category.id] ?? category.reachKm);
}

export function selectScenario(state: Pick<CoverageState, 'scenarios' | 'categoryId'>): Scenario {
  return state.scenarios[state.categoryId] ?? EMPTY_SCENARIO;
}

const initialResults = {
  surface: { status: 'idle', method: null, note: null } as CoverageSurfaceState,
  setup: null,
  real: null,
  analysis: null,
  live: false,
};

/**
 * The coverage analysis of the Versorgung tab: what the planner chose and the scenario laid over
 * the real facilities. Thin: scenario edits are pure domain functions, the computation runs in
 * the effects, and nothing here ever writes a real facility.
 */
export const useCoverageStore = create<CoverageState>((set, get) => {
  const updateScenario = (change: (scenario: Scenario) => Scenario, extra: Partial<CoverageState> = {}) => {
    const state = get();
    const current = selectScenario(state);
    const next = change(current);
    if (next === current && Object.keys(extra).length === 0) return;
    set({ scenarios: { ...state.scenarios, [state.categoryId]: next }, ...extra });
  };

  return {
    active: false,
    districtId: null,
    categoryId: 'familienzentrum',
    radiusKm: {},
    scenarios: {},
    selectedHypotheticalId: null,
    placing: false,
    dragging: null,
    best: { count: 1, shown: false },
    layers: { anteil: true, reichweite: true, luecken: true },
    level: 'sozialraum',
    presentation: false,
    ...initialResults,

    setActive: (active) => {
      if (active === get().active) return;
      set(active ? { active } : { active, placing: false, dragging: null, presentation: false });
    },
    setCategory: (categoryId) => {
      if (categoryId === get().categoryId) return;
      set({ categoryId, placing: false, dragging: null, selectedHypotheticalId: null, best: { ...get().best, shown: false } });
    },
    setRadiusKm: (km) => {
      if (!Number.isFinite(km)) return;
      set((state) => ({ radiusKm: { ...state.radiusKm, [state.categoryId]: clampRadiusKm(km) } }));
    },
    startPlacing: () => set({ placing: true, selectedHypotheticalId: null }),
    stopPlacing: () => set({ placing: false }),
    placeHypothetical: (lngLat) => {
      const { scenario, added } = addHypothetical(selectScenario(get()), lngLat, 'gesetzt');
      updateScenario(() => scenario, { placing: false, selectedHypotheticalId: added.id });
    },
    dragHypothetical: (id, lngLat) => {
      const state = get();
      const dragging =
        state.dragging?.id === id
          ? state.dragging
          : { id, origin: selectScenario(state).hypothetical.find((facility) => facility.id === id)?.lngLat ?? lngLat };
      updateScenario((scenario) => moveHypothetical(scenario, id, lngLat), { dragging, selectedHypotheticalId: id });
    },
    dropHypothetical: (id, lngLat) => updateScenario((scenario) => moveHypothetical(scenario, id, lngLat), { dragging: null }),
    cancelDrag: () => {
      const dragging = get().dragging;
      if (!dragging) return;
      updateScenario((scenario) => moveHypothetical(scenario, dragging.id, dragging.origin), { dragging: null });
    },
    removeHypothetical: (id) =>
      updateScenario((scenario) => removeHypothetical(scenario, id), {
        selectedHypotheticalId: get().selectedHypotheticalId === id ? null : get().selectedHypotheticalId,
      }),
    selectHypothetical: (selectedHypotheticalId) => set({ selectedHypotheticalId }),
    setSwitchedOff: (facilityId, off) => updateScenario((scenario) => setSwitchedOff(scenario, facilityId, off)),
    resetScenario: () => updateScenario(() => EMPTY_SCENARIO, { selectedHypotheticalId: null, dragging: null, placing: false }),
    showSuggestions: (count) => set({ best: { count: Math.min(BEST_MAX, Math.max(1, Math.round(count))), shown: true } }),
    hideSuggestions: () => set((state) => ({ best: { ...state.best, shown: false } })),
    takeSuggestion: (index) => {
      const suggestion = get().analysis?.suggestions[index];
      if (!suggestion) return;
      const { scenario, added } = addHypothetical(selectScenario(get()), suggestion.lngLat, 'vorschlag');
      updateScenario(() => scenario, { selectedHypotheticalId: added.id });
    },
    toggleLayer: (id) => set((state) => ({ layers: { ...state.layers, [id]: !state.layers[id] } })),
    setLevel: (level) => set({ level }),
    setPresentation: (presentation) => set({ presentation, placing: false }),
    resetDistrict: (districtId) =>
      set({
        districtId,
        scenarios: {},
        selectedHypotheticalId: null,
        placing: false,
        dragging: null,
        best: { ...get().best, shown: false },
        presentation: false,
        ...initialResults,
      }),
    openView: ({ categoryId, radiusKm, hypothetical, switchedOff }) => {
      const category = categoryId ?? get().categoryId;
      let scenario: Scenario = { hypothetical: [], switchedOff: [...switchedOff] };
      for (const lngLat of hypothetical) scenario = addHypothetical(scenario, lngLat, 'gesetzt').scenario;
      set((state) => ({
        categoryId: category,
        radiusKm: radiusKm === null ? state.radiusKm : { ...state.radiusKm, [category]: clampRadiusKm(radiusKm) },
        scenarios: isScenarioActive(scenario) ? { ...state.scenarios, [category]: scenario } : state.scenarios,
      }));
    },
    setSurface: (surface, setup) => set({ surface, setup, ...(setup === null ? { real: null, analysis: null } : {}) }),
    setResults: ({ real, analysis, live }) => set({ real, analysis, live }),
  };
});
