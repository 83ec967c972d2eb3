import type { Role } from './schema';

export interface Actor {
  rolle: Role;
  zustaendigkeiten: { district: string; gebiet: string }[];
}

/** Maps Sozialraum ids to their Sozialregion id, per district (from the territory). */
export type RegionLookup = (district: string, sozialraumId: string) => string | null;

/**
 * May this actor create, change or delete a facility located in the given Sozialraum?
 * Planning staff and admins edit everything; coordinators only facilities in the Sozialräume
 * or Sozialregionen assigned to them. A facility outside every Sozialraum (e.g. in Stadt
 * Göttingen) is planners' business. Anonymous users (null) never edit.
 */
export function mayEditAt(actor: Actor | null, district: string, sozialraumId: string | null, regionOf: RegionLookup): boolean {
  if (!actor) return false;
  if (actor.rolle === 'planung' || actor.rolle === 'admin') return true;
  if (sozialraumId === null) return false;
  const region = regionOf(district, sozialraumId);
  return actor.zustaendigkeiten.some(
    (entry) =>
      entry.district === district &&
      (entry.gebiet === `sozialraum:${sozialraumId}` || (region !== null && entry.gebiet === `sozialregion:${region}`)),
  );
}

export function mayManageUsers(actor: Actor | null): boolean {
  return actor?.rolle === 'admin';
}

/**
 * Who may add and change Kennzahlen and their values, and see the internal, unprotected view.
 * Here, beside the other rights, and not with the Kennzahlen schemas: the first view asks it
 * without loading those.
 */
export function mayEditIndicators(actor: Pick<Actor, 'rolle'> | null): boolean {
  return actor?.rolle === 'planung' || actor?.rolle === 'admin';
}
