// The address bar and the stores: startup from a shared link, keeping the address in step with
// what is shown (tab, selection, view, and the coverage analysis with its scenario), and
// switching districts.
import { areaKey } from '../domain/territory/summary';
import { parseAtlasUrl, serializeAtlasUrl, type CoverageUrlState, type IndicatorUrlState } from '../domain/urlState';
import { useAtlasStore } from '../state/atlasStore';
import { selectScenario, useCoverageStore } from '../state/coverageStore';
import { useIndicatorStore } from '../state/indicatorStore';
import { useFacilityStore } from '../state/facilityStore';
import { useTerritoryStore } from '../state/territoryStore';

/**
 * Reads district, selection and view from the address, loads the district and from then on keeps
 * the address in step. Broken parts of the link become notices and are ignored.
 * @returns a function that stops keeping the address in step
 */
export async function startFromAddress(location: Location = window.location): Promise<() => void> {
  const districts = await useTerritoryStore.getState().loadIndex();
  if (districts.length === 0) return () => {};
  const { state, problems } = parseAtlasUrl(
    location.search,
    districts.map((district) => district.id),
    districts[0]!.id,
  );
  const atlas = useAtlasStore.getState();
  atlas.addNotices(problems);
  if (state.indicators) useIndicatorStore.getState().openView(state.indicators);
  atlas.setTab(state.tab ?? 'sozialraeume');
  atlas.select(state.selection);
  atlas.openWithView(state.view);
  await useTerritoryStore.getState().loadDistrict(state.district);
  dropUnknownSelection();
  // After the district is loaded: a new district drops the coverage scenario of the old one.
  const stopChecking = state.coverage ? openCoverageView(state.coverage, state.district) : () => {};
  const stopWriting = keepAddressInStep();
  return () => {
    stopChecking();
    stopWriting();
  };
}

/**
 * The coverage analysis of a link: category, reach and scenario at once, then, when the
 * district's facilities are there, a notice for a category or a switched-off facility the
 * district does not have (that part is dropped, the rest stays).
 */
function openCoverageView(view: CoverageUrlState, district: string): () => void {
  useCoverageStore.getState().openView({ categoryId: view.category, radiusKm: view.radiusKm, hypothetical: view.hypothetical, switchedOff: view.switchedOff });
  const check = (): boolean => {
    const facilities = useFacilityStore.getState();
    if (facilities.districtId !== district || facilities.status === 'loading' || facilities.status === 'idle') return false;
    const coverage = useCoverageStore.getState();
    const notices: string[] = [];
    if (view.category && !facilities.categories.some((category) => category.id === view.category)) {
      notices.push(`Die Kategorie „${view.category}“ aus der Adresse gibt es hier nicht; gezeigt wird „${facilities.categories[0]?.label ?? 'Familienzentrum'}“.`);
      coverage.setCategory(facilities.categories[0]?.id ?? 'familienzentrum');
    }
    if (facilities.status === 'ready') {
      for (const id of view.switchedOff) {
        if (facilities.facilities.some((facility) => facility.id === id && !facility.geloescht)) continue;
        notices.push(`Die im Szenario ausgeschaltete Einrichtung „${id}“ aus der Adresse gibt es nicht (mehr); sie wird nicht berücksichtigt.`);
        useCoverageStore.getState().setSwitchedOff(id, false);
      }
    }
    useAtlasStore.getState().addNotices(notices);
    return true;
  };
  if (check()) return () => {};
  const unsubscribe = useFacilityStore.subscribe(() => {
    if (check()) unsubscribe();
  });
  return unsubscribe;
}

export async function switchDistrict(id: string): Promise<void> {
  useAtlasStore.getState().select(null);
  useAtlasStore.getState().setHover(null);
  await useTerritoryStore.getState().loadDistrict(id);
}

/** A link may name an area that does not exist (typo, other district): say so, select nothing. */
function dropUnknownSelection(): void {
  const { summary, territory } = useTerritoryStore.getState();
  const { selection } = useAtlasStore.getState();
  if (!selection || !summary || !territory) return;
  if (!summary.byKey.has(areaKey(selection))) {
    useAtlasStore.getState().addNotices([
      `Die Auswahl „${selection.kind}:${selection.id}“ aus der Adresse gibt es im ${territory.district.name} nicht.`,
    ]);
    useAtlasStore.getState().select(null);
  }
}

/** The coverage analysis as the address carries it: the category shown, its reach if chosen, its scenario. */
function coverageOfStores(): CoverageUrlState {
  const coverage = useCoverageStore.getState();
  const scenario = selectScenario(coverage);
  return {
    category: coverage.categoryId,
    radiusKm: coverage.radiusKm[coverage.categoryId] ?? null,
    hypothetical: scenario.hypothetical.map((facility) => facility.lngLat),
    switchedOff: [...scenario.switchedOff],
  };
}

/** The Kennzahlen tab as the address carries it. */
function indicatorsOfStores(): IndicatorUrlState {
  const { kennzahl, stichtag, method, level, profileKey, compared } = useIndicatorStore.getState();
  return { kennzahl, stichtag, klassen: method === 'quantile' ? null : method, ebene: level === 'gemeinde' ? 'gemeinde' : null, profil: profileKey, vergleich: compared };
}

function keepAddressInStep(): () => void {
  const write = () => {
    const district = useTerritoryStore.getState().districtId;
    // Not during a drag: the address follows once the facility is dropped.
    if (!district || useCoverageStore.getState().dragging) return;
    const { selection, view, tab } = useAtlasStore.getState();
    const search = serializeAtlasUrl({ district, selection, view, tab, coverage: tab === 'versorgung' ? coverageOfStores() : null, indicators: tab === 'kennzahlen' ? indicatorsOfStores() : null });
    if (search !== window.location.search) window.history.replaceState(null, '', `${window.location.pathname}${search}`);
  };
  const unsubscribers = [useAtlasStore.subscribe(write), useTerritoryStore.subscribe(write), useCoverageStore.subscribe(write), useIndicatorStore.subscribe(write)];
  write();
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
