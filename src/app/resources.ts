// The resource maps across stores: who is signed in decides which facilities load, the list is
// fetched again so that two browsers converge, and one thing is selected at a time (an area or a
// facility).
import { useAtlasStore } from '../state/atlasStore';
import { useFacilityStore } from '../state/facilityStore';
import { useSessionStore } from '../state/sessionStore';
import { useTerritoryStore } from '../state/territoryStore';

/** How often the facility list is fetched again so that two browsers converge. */
export const POLL_INTERVAL_MS = 15_000;

/** @returns a function that stops polling and watching the stores */
export function startResources(): () => void {
  const loadFacilities = () => {
    const district = useTerritoryStore.getState().districtId;
    const session = useSessionStore.getState();
    if (!district || session.status === 'unknown') return;
    if (!session.user && !session.anonymousRead) {
      useFacilityStore.getState().requireSignIn(district);
      return;
    }
    void useFacilityStore.getState().load(district);
  };

  const unsubscribers = [
    useTerritoryStore.subscribe((state, previous) => {
      if (state.districtId !== previous.districtId) loadFacilities();
    }),
    useSessionStore.subscribe((state, previous) => {
      if (state.user?.id !== previous.user?.id) useFacilityStore.getState().forgetUserChanges();
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
    window.clearInterval(timer);
    window.removeEventListener('focus', poll);
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
