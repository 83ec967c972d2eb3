import { mayEditAt, mayManageUsers } from '../domain/facilities/permissions';
import type { User } from '../domain/facilities/schema';
import type { TerritoryFile } from '../domain/territory/types';
import { useSessionStore } from '../state/sessionStore';
import { useTerritoryStore } from '../state/territoryStore';

const regionLookups = new WeakMap<TerritoryFile, Map<string, string | null>>();

function regionOf(territory: TerritoryFile, sozialraumId: string): string | null {
  let lookup = regionLookups.get(territory);
  if (!lookup) {
    lookup = new Map(territory.sozialraeume.features.map((f) => [f.properties.id, f.properties.sozialregionId]));
    regionLookups.set(territory, lookup);
  }
  return lookup.get(sozialraumId) ?? null;
}

/**
 * Whether the UI offers editing a facility located in this Sozialraum. The server decides in
 * the end (same rule, src/domain/facilities/permissions.ts); this only avoids offering what
 * would be refused.
 */
export function mayEditFacility(user: User | null, territory: TerritoryFile, sozialraumId: string | null): boolean {
  return mayEditAt(user, territory.district.id, sozialraumId, (_, id) => regionOf(territory, id));
}

/** Whether the user may add facilities anywhere in the district (a coordinator needs an area there). */
export function mayAddFacilities(user: User | null, territory: TerritoryFile): boolean {
  if (!user) return false;
  if (user.rolle !== 'koordination') return true;
  return user.zustaendigkeiten.some((entry) => entry.district === territory.district.id);
}

export function usePermissions() {
  const user = useSessionStore((state) => state.user);
  const territory = useTerritoryStore((state) => state.territory);
  return {
    user,
    canAdd: !!territory && mayAddFacilities(user, territory),
    canEditAt: (sozialraumId: string | null) => !!territory && mayEditFacility(user, territory, sozialraumId),
    canManageUsers: mayManageUsers(user),
  };
}
