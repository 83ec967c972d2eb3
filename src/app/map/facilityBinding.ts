import type { Facility, User } from '../../domain/facilities/schema';
import { mayEditFacility } from '../../domain/facilities/territoryPermissions';
import type { TerritoryFile } from '../../domain/territory/types';
import { FacilityLayer } from '../../map/layers/facilities';
import { selectFilteredFacilities, useFacilityStore } from '../../state/facilityStore';
import { useSessionStore } from '../../state/sessionStore';
import { useTerritoryStore } from '../../state/territoryStore';
import { moveFacility } from '../facilityActions';
import { followStores, type LayerBinding } from './binding';

const NONE: readonly Facility[] = [];

/** Which facilities this user may drag on the map; null when nobody is signed in. */
function dragPermission(user: User | null, territory: TerritoryFile | null): ((id: string) => boolean) | null {
  if (!user || !territory) return null;
  return (id) => {
    const store = useFacilityStore.getState();
    const facility = store.facilities.find((item) => item.id === id);
    // The facility open in the form moves through the form, so its save keeps one base version.
    return (
      !!facility &&
      !facility.geloescht &&
      facility.id !== store.editingId &&
      mayEditFacility(user, territory, facility.sozialraumId)
    );
  };
}

/** The resource map's facilities: the filtered list, selection, hover and the draft of a new one. */
export function facilityBinding(): LayerBinding<FacilityLayer> {
  const layer = new FacilityLayer({
    onHover: (id) => useFacilityStore.getState().setHover(id),
    onClick: (id) => {
      const store = useFacilityStore.getState();
      // An open form stays open when the map is clicked beside a symbol.
      if (id === null && store.editingId !== null) return;
      store.select(id);
    },
    onMove: moveFacility,
  });
  let permissionFor: { user: User | null; territory: TerritoryFile | null } | null = null;
  let canDrag: ((id: string) => boolean) | null = null;
  const send = () => {
    const user = useSessionStore.getState().user;
    const territory = useTerritoryStore.getState().territory;
    // A new permission (and drag behaviour) only when the user or the district changed.
    if (!permissionFor || permissionFor.user !== user || permissionFor.territory !== territory) {
      permissionFor = { user, territory };
      canDrag = dragPermission(user, territory);
    }
    const state = useFacilityStore.getState();
    layer.update({
      categories: state.categories,
      facilities: state.status === 'ready' ? selectFilteredFacilities(state) : NONE,
      selectedId: state.selectedId,
      hoverId: state.hoverId,
      draft: state.draft,
      canDrag,
    });
  };
  return {
    layer,
    bind() {
      const unfollow = followStores(send, [useFacilityStore, useSessionStore, useTerritoryStore]);
      const unfocus = useFacilityStore.subscribe((state, previous) => {
        if (state.focusRequest !== previous.focusRequest && state.selectedId) layer.focusFacility(state.selectedId);
      });
      return () => {
        unfollow();
        unfocus();
      };
    },
  };
}
