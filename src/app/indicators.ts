// The Kennzahlen tab across stores: the open tab and the district decide what loads, the map's
// Kennzahl, date and view load their values, an open profile loads with the areas compared, and
// a viewer who may not see the internal view is back in the protected one; a link's unknown
// Kennzahl is said, not silently replaced.
import { mayEditIndicators } from '../domain/facilities/permissions';
import { useAtlasStore } from '../state/atlasStore';
import { useIndicatorStore } from '../state/indicatorStore';
import { useSessionStore } from '../state/sessionStore';
import { useTerritoryStore } from '../state/territoryStore';

/** @returns a function that stops watching the stores */
export function startIndicatorEffects(): () => void {
  const indicators = () => useIndicatorStore.getState();

  const follow = () => {
    const active = useAtlasStore.getState().tab === 'kennzahlen';
    if (indicators().active !== active) indicators().setActive(active);
    const district = useTerritoryStore.getState().districtId;
    if (active && district && indicators().district !== district) void indicators().openDistrict(district);
  };

  const unsubscribers = [
    useAtlasStore.subscribe((state, previous) => {
      if (state.tab !== previous.tab) follow();
    }),
    useTerritoryStore.subscribe((state, previous) => {
      if (state.districtId !== previous.districtId) follow();
    }),
    useIndicatorStore.subscribe((state, previous) => {
      const catalogueReady = state.catalogue.status === 'ready';
      // A link's Kennzahl the district does not have (a typo, another district's): the store shows
      // its first one instead; say so rather than silently showing something else.
      if (catalogueReady && previous.catalogue.status !== 'ready' && previous.kennzahl && state.kennzahl !== previous.kennzahl) {
        const name = useTerritoryStore.getState().territory?.district.name ?? 'diesem Landkreis';
        const shown = state.catalogue.data?.kennzahlen.find((entry) => entry.id === state.kennzahl)?.name;
        useAtlasStore.getState().addNotices([
          `Die Kennzahl „${previous.kennzahl}“ aus der Adresse gibt es im ${name} nicht${shown ? `; gezeigt wird „${shown}“` : ''}.`,
        ]);
      }
      if (
        state.active &&
        catalogueReady &&
        (state.active !== previous.active || state.catalogue !== previous.catalogue || state.kennzahl !== previous.kennzahl || state.stichtag !== previous.stichtag || state.level !== previous.level || state.view !== previous.view)
      ) {
        void state.loadValues();
      }
      if (state.active && catalogueReady && state.profileKey && (state.catalogue !== previous.catalogue || state.profileKey !== previous.profileKey || state.compared !== previous.compared || state.profiles !== previous.profiles || state.active !== previous.active)) {
        void state.loadProfiles();
      }
      if (state.active && state.profileKey && (state.profileKey !== previous.profileKey || state.active !== previous.active || state.district !== previous.district)) {
        void state.loadAreaFacilities();
      }
    }),
    useSessionStore.subscribe((state, previous) => {
      if (state.user?.id === previous.user?.id && state.user?.rolle === previous.user?.rolle) return;
      if (indicators().view === 'intern' && !mayEditIndicators(state.user)) indicators().setView('geschuetzt');
    }),
  ];
  follow();
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}

/** Opens the Kennzahlen tab with the profile of an area (from the area panel or a table). */
export function openIndicatorProfile(key: string): void {
  useIndicatorStore.getState().openProfile(key);
  useAtlasStore.getState().setTab('kennzahlen');
}
