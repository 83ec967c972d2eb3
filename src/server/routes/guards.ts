import { mayEditAt } from '../../domain/facilities/permissions';
import type { Facility, FacilityFields } from '../../domain/facilities/schema';
import type { Queryable } from '../db/database';
import { NotFoundError, VersionConflictError, getFacility, type Author } from '../db/facilities';
import { ApiError } from '../errors';
import type { AppDependencies, Session } from '../context';
import type { DistrictRuntime } from '../districts';

// The checks routes make before they touch facilities: the district, who is signed in, where
// they may edit; and the one way a stored facility is changed (changeFacility).

export function districtOf(deps: AppDependencies, id: string): DistrictRuntime {
  const district = deps.districts.get(id);
  if (!district) throw new ApiError(404, 'unknown_district', `Unbekannter Landkreis „${id}“.`);
  return district;
}

export function requireReader(deps: AppDependencies, session: Session | null): void {
  if (!session && !deps.options.anonymousRead) {
    throw new ApiError(401, 'not_signed_in', 'Bitte anmelden, um die Ressourcenkarte zu sehen.');
  }
}

export function requireSession(session: Session | null): Session {
  if (!session) throw new ApiError(401, 'not_signed_in', 'Bitte zuerst anmelden.');
  return session;
}

export const authorOf = (session: Session): Author => ({ userId: session.user.id, name: session.user.name });

/**
 * Checks a facility's fields against the district: known category, inside the Kreis, and
 * inside the actor's area. Returns the derived location.
 */
export function placeFacility(district: DistrictRuntime, fields: FacilityFields, session: Session) {
  if (!district.categories.some((category) => category.id === fields.category)) {
    throw new ApiError(400, 'unknown_category', `Unbekannte Kategorie „${fields.category}“.`);
  }
  const location = district.locate(fields.lage);
  if (location.gemeindeAgs === null) {
    throw new ApiError(400, 'outside_district', `Der Standort liegt außerhalb des ${district.name}.`);
  }
  assertMayEdit(district, location.sozialraumId, session);
  return location;
}

export function assertMayEdit(district: DistrictRuntime, sozialraumId: string | null, session: Session): void {
  if (!mayEditAt(session.user, district.id, sozialraumId, (_, id) => district.regionOf(id))) {
    const where = sozialraumId
      ? `im Sozialraum „${district.territory.sozialraeume.features.find((f) => f.properties.id === sozialraumId)?.properties.name ?? sozialraumId}“`
      : 'außerhalb der Sozialräume';
    throw new ApiError(403, 'forbidden', `Sie dürfen Einrichtungen ${where} nicht bearbeiten.`);
  }
}

/** Runs a versioned change and turns repository errors into API errors. */
async function versioned(work: () => Promise<Facility>): Promise<Facility> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof VersionConflictError) {
      const current = error.current;
      throw new ApiError(
        409,
        'version_conflict',
        `Die Einrichtung wurde inzwischen von ${current.geaendertVon ?? 'jemand anderem'} geändert (Version ${current.version}). Ihre Änderung wurde nicht gespeichert.`,
        { current },
      );
    }
    if (error instanceof NotFoundError) throw new ApiError(404, 'not_found', 'Diese Einrichtung gibt es nicht.');
    throw error;
  }
}

export async function loadFacility(db: Queryable, id: string): Promise<Facility> {
  const facility = await getFacility(db, id);
  if (!facility) throw new ApiError(404, 'not_found', 'Diese Einrichtung gibt es nicht.');
  return facility;
}

/** What a change of a stored facility works with, inside its transaction. */
export interface FacilityChange {
  tx: Queryable;
  /** The facility as stored now, before the change. */
  current: Facility;
  district: DistrictRuntime;
  session: Session;
  /** Who the history names for the change. */
  author: Author;
}

/**
 * Changes one stored facility (PATCH, delete, restore, revert) behind the guards each change
 * needs: signed in, the facility exists, the user may edit where it lies now. Runs `work` in a
 * transaction and turns version conflicts and vanished facilities into API errors (409, 404).
 */
export function changeFacility(
  deps: AppDependencies,
  session: Session | null,
  id: string,
  work: (change: FacilityChange) => Promise<Facility>,
): Promise<Facility> {
  const signedIn = requireSession(session);
  return versioned(() =>
    deps.db.transaction(async (tx) => {
      const current = await loadFacility(tx, id);
      const district = districtOf(deps, current.district);
      assertMayEdit(district, current.sozialraumId, signedIn);
      return work({ tx, current, district, session: signedIn, author: authorOf(signedIn) });
    }),
  );
}
