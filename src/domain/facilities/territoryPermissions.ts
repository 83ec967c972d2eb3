import type { TerritoryFile } from '../territory/types';
import { mayEditAt, type Actor } from './permissions';

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
 * Whether the browser offers editing a facility located in this Sozialraum of a loaded territory.
 * The server decides in the end with the same rule (mayEditAt); this only avoids offering what
 * would be refused.
 */
export function mayEditFacility(actor: Actor | null, territory: TerritoryFile, sozialraumId: string | null): boolean {
  return mayEditAt(actor, territory.district.id, sozialraumId, (_, id) => regionOf(territory, id));
}
