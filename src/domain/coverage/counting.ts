import type { Confidence, FacilityStatus } from '../facilities/catalog';

/**
 * Which facilities of a category a coverage figure counts, and which it names separately. Only
 * a facility in operation, confirmed and inside the planning area counts; planned, closed and
 * unconfirmed ones in the planning area are tallied („2 geplant, 1 unbestätigt, nicht
 * mitgezählt“), ones outside it (Stadt Göttingen) are context.
 */
export type CountState = 'zaehlt' | 'geplant' | 'geschlossen' | 'unbestaetigt' | 'ausserhalb';

export interface CountableFacility {
  status: FacilityStatus;
  /** Absent counts as confirmed (hypothetical facilities, data without the field). */
  bestaetigung?: Confidence;
}

export function countState(facility: CountableFacility, inPlanningArea: boolean): CountState {
  if (!inPlanningArea) return 'ausserhalb';
  if (facility.status === 'geplant') return 'geplant';
  if (facility.status === 'geschlossen') return 'geschlossen';
  return facility.bestaetigung === 'unbestätigt' ? 'unbestaetigt' : 'zaehlt';
}

export type FacilityTally = Record<CountState, number>;

export const emptyTally = (): FacilityTally => ({ zaehlt: 0, geplant: 0, geschlossen: 0, unbestaetigt: 0, ausserhalb: 0 });

/** Facilities of the category recorded in the planning area, whatever their status. */
export function recordedInPlanningArea(tally: FacilityTally): number {
  return tally.zaehlt + tally.geplant + tally.geschlossen + tally.unbestaetigt;
}

/**
 * Nothing of the category is recorded in the planning area: the figures would only repeat that
 * the data are missing, so there is no finding to show (and none to print for the Kreistag).
 */
export function isEmptyFinding(tally: FacilityTally): boolean {
  return recordedInPlanningArea(tally) === 0;
}

/** „2 geplant, 1 unbestätigt, nicht mitgezählt“, or null when every recorded facility counts. */
export function notCountedText(tally: FacilityTally): string | null {
  const parts = [
    tally.geplant > 0 ? `${tally.geplant} geplant` : null,
    tally.geschlossen > 0 ? `${tally.geschlossen} geschlossen` : null,
    tally.unbestaetigt > 0 ? `${tally.unbestaetigt} unbestätigt` : null,
  ].filter((part) => part !== null);
  return parts.length === 0 ? null : `${parts.join(', ')}, nicht mitgezählt`;
}
