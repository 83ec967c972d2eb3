// Effects that span stores live here, not in components: startup from the address, keeping
// the address in step with what is shown, and switching districts.
import { areaKey } from '../domain/territory/summary';
import { parseAtlasUrl, serializeAtlasUrl, type MapView } from '../domain/urlState';
import { useAtlasStore } from './atlasStore';
import { useFacilityStore } from './facilityStore';
import { useSessionStore } from './sessionStore';
import { useTerritoryStore } from './territoryStore';

let initialView: MapView | null = null;

/**
 * The view a shared link asked for. While it is pending the map keeps it instead of fitting
 * the district; it is cleared once the first territory is on the map.
 */
export function pendingInitialView(): MapView | null {
  return initialView;
}

export function clearInitialView(): void {
  initialView = null;
}

export async function startAtlas(location: Location = window.location): Promise<void> {
  const territoryStore = useTerritoryStore.getState();
  const districts = await territoryStore.loadIndex();
  if (districts.length === 0) return;
  const { state, problems } = parseAtlasUrl(
    location.search,
    districts.map((district) => district.id),
    districts[0]!.id,
  );
  const atlas = useAtlasStore.getState();
  atlas.addNotices(problems);
  initialView = state.view;
  atlas.select(state.selection);
  if (state.view) atlas.setView(state.view);
  await useTerritoryStore.getState().loadDistrict(state.district);
  dropUnknownSelection();
  keepAddressInStep();
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

let addressSubscribed = false;

function keepAddressInStep(): void {
  if (addressSubscribed) return;
  addressSubscribed = true;
  const write = () => {
    const district = useTerritoryStore.getState().districtId;
    if (!district) return;
    const { selection, view } = useAtlasStore.getState();
    const search = serializeAtlasUrl({ district, selection, view });
    if (search !== window.location.search) window.history.replaceState(null, '', `${window.location.pathname}${search}`);
  };
  useAtlasStore.subscribe(write);
  useTerritoryStore.subscribe(write);
  write();
}

// ── Resources (facilities) ────────────────────────────────────────────────────────────────

/** How often the facility list is fetched again so that two browsers converge. */
export const POLL_INTERVAL_MS = 15_000;

let resourcesStarted = false;

/**
 * Signs in state, facility loading per district, polling for changes by others and the rule
 * that one thing is selected at a time (an area or a facility).
 */
export function startResources(): () => void {
  if (resourcesStarted) return () => {};
  resourcesStarted = true;
  const loadFacilities = () => {
    const district = useTerritoryStore.getState().districtId;
    const session = useSessionStore.getState();
    if (!district || session.status === 'unknown') return;
    if (!session.user && !session.anonymousRead) {
      useFacilityStore.setState({ districtId: district });
      useFacilityStore.getState().reset('signin-required');
      return;
    }
    void useFacilityStore.getState().load(district);
  };

  const unsubscribers = [
    useTerritoryStore.subscribe((state, previous) => {
      if (state.districtId !== previous.districtId) loadFacilities();
    }),
    useSessionStore.subscribe((state, previous) => {
      // Undo takes back one's own changes only: another user (or none) starts with an empty stack.
      if (state.user?.id !== previous.user?.id) useFacilityStore.setState({ undoStack: [], conflict: null, editingId: null, mode: 'browse', draft: null });
      if (state.user?.id !== previous.user?.id || state.status !== previous.status || state.anonymousRead !== previous.anonymousRead) {
        loadFacilities();
      }
    }),
    useFacilityStore.subscribe((state, previous) => {
      if (state.selectedId && state.selectedId !== previous.selectedId) useAtlasStore.getState().select(null);
      if (state.mode === 'add' && previous.mode !== 'add') useAtlasStore.getState().select(null);
    }),
    useAtlasStore.subscribe((state, previous) => {
      if (state.selection && state.selection !== previous.selection) {
        const facilities = useFacilityStore.getState();
        if (facilities.selectedId && facilities.editingId === null) facilities.select(null);
      }
    }),
  ];

  void useSessionStore.getState().load();

  const poll = () => {
    if (document.visibilityState === 'visible') void useFacilityStore.getState().refresh();
  };
  const timer = window.setInterval(poll, POLL_INTERVAL_MS);
  window.addEventListener('focus', poll);
  return () => {
    resourcesStarted = false;
    window.clearInterval(timer);
    window.removeEventListener('focus', poll);
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
