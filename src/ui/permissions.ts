import { mayManageUsers } from '../domain/facilities/permissions';
import { mayEditFacility } from '../domain/facilities/territoryPermissions';
import type { User } from '../domain/facilities/schema';
import type { TerritoryFile } from '../domain/territory/types';
import { useSessionStore } from '../state/sessionStore';
import { useTerritoryStore } from '../state/territoryStore';

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
