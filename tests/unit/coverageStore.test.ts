// The coverage store and its computation on the synthetic Testkreis: scenarios are laid over the
// real facilities and never change them; the real state stays the reference for the deltas.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { prepareCoverage } from '../../src/domain/coverage/coverage';
import { fromLaea } from '../../src/domain/coverage/surface';
import { surfaceFromGrid } from '../../src/domain/coverage/zensusGrid';
import { coverageDeltas } from '../../src/domain/coverageView/summary';
import type { Facility } from '../../src/domain/facilities/schema';
import { createCoverageComputation, type CoverageComputation } from '../../src/app/coverageComputation';
import { RADIUS_MAX_KM, effectiveRadiusKm, selectScenario, useCoverageStore } from '../../src/state/coverageStore';
import { useFacilityStore } from '../../src/state/facilityStore';
import { useTerritoryStore } from '../../src/state/territoryStore';
import { coverageInput } from './coverage/support';
import { facility } from './support/facilities';
import { syntheticTerritory } from './support/syntheticDistrict';

const territory = syntheticTerritory();
const input = coverageInput();
const setup = prepareCoverage(territory, surfaceFromGrid(territory, input.grid));
const district = territory.district.id;
const facilities: Facility[] = input.facilities.map((item) =>
  facility({ id: item.id, district, category: item.category, status: item.status, geloescht: item.geloescht, lage: [item.lage[0]!, item.lage[1]!] }),
);
/** Nordtal has no family centre within reach; a hypothetical one in its middle reaches people there. */
const IN_NORDTAL = fromLaea([4310050, 3160250]);

let fetchCalls: unknown[] = [];
let computation: CoverageComputation;
const computeCoverageNow = (full: boolean) => computation.computeNow(full);

beforeEach(() => {
  computation = createCoverageComputation();
  fetchCalls = [];
  // Nothing in a scenario may talk to the server.
  vi.stubGlobal(
    'fetch',
    vi.fn(async (...args: unknown[]) => {
      fetchCalls.push(args);
      throw new Error('no network in unit tests');
    }),
  );
  useCoverageStore.setState(useCoverageStore.getInitialState(), true);
  useFacilityStore.setState(useFacilityStore.getInitialState(), true);
  useTerritoryStore.setState({ districtId: district, territory, status: 'ready' });
  useFacilityStore.setState({ districtId: district, status: 'ready', facilities });
  const coverage = useCoverageStore.getState();
  coverage.resetDistrict(district);
  coverage.setActive(true);
  coverage.setSurface({ status: 'ready', method: setup.surface.method, note: null }, setup);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

/** The facility store as the resource map sees it; a scenario must leave every part as it was. */
const facilitySnapshot = () => {
  const state = useFacilityStore.getState();
  return { facilities: state.facilities, undoStack: state.undoStack, busy: state.busy, mode: state.mode, draft: state.draft };
};

describe('coverage scenario in the store', () => {
  it('adds, moves and removes hypothetical facilities without touching the facility store', () => {
    const before = facilitySnapshot();
    const store = useCoverageStore.getState();
    store.startPlacing();
    expect(useCoverageStore.getState().placing).toBe(true);
    store.placeHypothetical([9.9, 51.5]);
    let state = useCoverageStore.getState();
    expect(state.placing).toBe(false);
    expect(selectScenario(state).hypothetical).toHaveLength(1);
    expect(state.selectedHypotheticalId).toBe('hypothetisch-1');

    store.dragHypothetical('hypothetisch-1', [9.91, 51.51]);
    store.dragHypothetical('hypothetisch-1', [9.92, 51.52]);
    state = useCoverageStore.getState();
    expect(state.dragging).toEqual({ id: 'hypothetisch-1', origin: [9.9, 51.5] });
    store.dropHypothetical('hypothetisch-1', [9.93, 51.53]);
    state = useCoverageStore.getState();
    expect(state.dragging).toBeNull();
    expect(selectScenario(state).hypothetical[0]!.lngLat).toEqual([9.93, 51.53]);

    // A drag released outside the map puts the facility back.
    store.dragHypothetical('hypothetisch-1', [10, 52]);
    store.cancelDrag();
    expect(selectScenario(useCoverageStore.getState()).hypothetical[0]!.lngLat).toEqual([9.93, 51.53]);

    store.removeHypothetical('hypothetisch-1');
    expect(selectScenario(useCoverageStore.getState()).hypothetical).toEqual([]);
    expect(useCoverageStore.getState().selectedHypotheticalId).toBeNull();

    expect(facilitySnapshot()).toEqual(before);
    expect(facilitySnapshot().facilities).toBe(before.facilities);
    expect(fetchCalls).toEqual([]);
  });

  it('switches real facilities off in the scenario only; resetting brings the real state back', () => {
    const before = facilitySnapshot();
    const store = useCoverageStore.getState();
    store.setSwitchedOff('f1', true);
    expect(selectScenario(useCoverageStore.getState()).switchedOff).toEqual(['f1']);
    expect(useFacilityStore.getState().facilities.find((item) => item.id === 'f1')).toMatchObject({ status: 'in Betrieb', geloescht: false, version: 1 });
    store.resetScenario();
    expect(selectScenario(useCoverageStore.getState())).toEqual({ hypothetical: [], switchedOff: [] });
    expect(facilitySnapshot().facilities).toBe(before.facilities);
    expect(fetchCalls).toEqual([]);
  });

  it('keeps a scenario per category and the reach per category, within limits', () => {
    const store = useCoverageStore.getState();
    store.placeHypothetical([9.9, 51.5]);
    store.setRadiusKm(7.25);
    store.setCategory('kita');
    expect(selectScenario(useCoverageStore.getState()).hypothetical).toEqual([]);
    expect(effectiveRadiusKm(useCoverageStore.getState(), { id: 'kita', reachKm: 2 })).toBe(2);
    useCoverageStore.getState().setRadiusKm(500);
    expect(effectiveRadiusKm(useCoverageStore.getState(), { id: 'kita', reachKm: 2 })).toBe(RADIUS_MAX_KM);
    useCoverageStore.getState().setCategory('familienzentrum');
    expect(selectScenario(useCoverageStore.getState()).hypothetical).toHaveLength(1);
    expect(effectiveRadiusKm(useCoverageStore.getState(), { id: 'familienzentrum', reachKm: 5 })).toBe(7.3);
  });
});

describe('computation (src/app/coverage.ts)', () => {
  it('computes the real state once and the scenario on top, with deltas per Sozialraum', () => {
    useCoverageStore.getState().setRadiusKm(4.5);
    computeCoverageNow(true);
    const first = useCoverageStore.getState();
    expect(first.real).not.toBeNull();
    // No scenario, no suggestions: what is shown is the real state itself.
    expect(first.analysis).toBe(first.real);
    expect(first.real!.facilities.map((item) => item.id)).toEqual(['f1', 'f2']);

    useCoverageStore.getState().placeHypothetical(IN_NORDTAL);
    computeCoverageNow(true);
    const second = useCoverageStore.getState();
    expect(second.real).toBe(first.real);
    expect(second.analysis).not.toBe(second.real);
    const deltas = coverageDeltas(second.real!.result, second.analysis!.result);
    expect(deltas.get('sozialraum:nordtal')).toBeGreaterThan(0);
    expect(deltas.get('sozialraum:oelsen')).toBe(0);
    expect(second.analysis!.result.sozialraeume.find((row) => row.id === 'nordtal')!.medianDistanzM).not.toBeNull();
  });

  it('during a drag: recomputed without distances, then with them after the drop', () => {
    useCoverageStore.getState().placeHypothetical(IN_NORDTAL);
    useCoverageStore.getState().dragHypothetical('hypothetisch-1', IN_NORDTAL);
    computeCoverageNow(false);
    let state = useCoverageStore.getState();
    expect(state.live).toBe(true);
    expect(state.analysis!.result.kreis.medianDistanzM).toBeNull();
    // The real state, the reference of the deltas, keeps its distances.
    expect(state.real!.result.kreis.medianDistanzM).not.toBeNull();
    useCoverageStore.getState().dropHypothetical('hypothetisch-1', IN_NORDTAL);
    computeCoverageNow(true);
    state = useCoverageStore.getState();
    expect(state.live).toBe(false);
    expect(state.analysis!.result.kreis.medianDistanzM).not.toBeNull();
  });

  it('suggests sites for the scenario and takes one over as a hypothetical facility', () => {
    useCoverageStore.getState().showSuggestions(2);
    computeCoverageNow(true);
    const suggestions = useCoverageStore.getState().analysis!.suggestions;
    expect(suggestions.length).toBeGreaterThan(0);
    useCoverageStore.getState().takeSuggestion(0);
    const taken = selectScenario(useCoverageStore.getState()).hypothetical;
    expect(taken).toHaveLength(1);
    // The scenario keeps positions to 5 decimals (the precision of a link).
    expect(taken[0]).toMatchObject({ lngLat: suggestions[0]!.lngLat.map((value) => Math.round(value * 1e5) / 1e5), herkunft: 'vorschlag' });
    computeCoverageNow(true);
    const after = useCoverageStore.getState();
    expect(after.analysis!.result.kreis.versorgt).toBeCloseTo(after.real!.result.kreis.versorgt + suggestions[0]!.zusaetzlichVersorgt, 6);
  });

  it('computes nothing while the tab is closed', () => {
    useCoverageStore.getState().setActive(false);
    computeCoverageNow(true);
    expect(useCoverageStore.getState().analysis).toBeNull();
  });
});
