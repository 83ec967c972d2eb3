import { FIELD_KEYS, type FieldKey } from '../facilities/fields';
import type { Facility, FacilityFields } from '../facilities/schema';

/**
 * Edits as small change records (as iD and Placemark keep them): what a facility was before a user's
 * change and what it became. History and undo come from inverting them.
 */
export interface ChangeRecord {
  facilityId: string;
  /** null when the change created the facility */
  before: Facility | null;
  after: Facility;
}

export { FIELD_KEYS, type FieldKey } from '../facilities/fields';
export { fieldsOf } from '../facilities/schema';

/** Structural equality for field values (strings, numbers, null, arrays, small objects). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  const keysA = Object.keys(a as object);
  const keysB = Object.keys(b as object);
  return (
    keysA.length === keysB.length &&
    keysA.every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}

/** The keys whose values differ between two versions. */
export function changedFields(before: FacilityFields, after: FacilityFields): FieldKey[] {
  return FIELD_KEYS.filter((key) => !sameValue(before[key], after[key]));
}

/** Only the entries of `changes` that differ from `base` (an edit form sends nothing unchanged). */
export function diffChanges(base: FacilityFields, changes: Partial<FacilityFields>): Partial<FacilityFields> {
  const result: Partial<Record<FieldKey, unknown>> = {};
  for (const key of FIELD_KEYS) {
    if (key in changes && !sameValue(changes[key], base[key])) result[key] = changes[key];
  }
  return result as Partial<FacilityFields>;
}

/** What can be done to a facility through the API, before a base version is attached. */
export type FacilityOperation =
  | { kind: 'create'; fields: FacilityFields }
  | { kind: 'update'; facilityId: string; changes: Partial<FacilityFields> }
  | { kind: 'delete'; facilityId: string }
  | { kind: 'restore'; facilityId: string }
  | { kind: 'revert'; facilityId: string; toVersion: number };

/** The operation that takes a facility from `after` back to `before`. */
export function inverseOperation(record: ChangeRecord): FacilityOperation | null {
  const { before, after, facilityId } = record;
  if (before === null) return after.geloescht ? null : { kind: 'delete', facilityId };
  if (before.geloescht !== after.geloescht) return after.geloescht ? { kind: 'restore', facilityId } : { kind: 'delete', facilityId };
  const keys = changedFields(before, after);
  if (keys.length === 0) return null;
  const changes: Partial<Record<FieldKey, unknown>> = {};
  for (const key of keys) changes[key] = before[key];
  return { kind: 'update', facilityId, changes: changes as Partial<FacilityFields> };
}

export type UndoPlan =
  | { kind: 'apply'; operation: FacilityOperation; baseVersion: number }
  /** Someone else changed what this record touched since; undoing would overwrite their work. */
  | { kind: 'conflict'; operation: FacilityOperation; current: Facility }
  /** Nothing left to undo (e.g. the change was already taken back). */
  | { kind: 'nothing' };

/**
 * How to undo a record given the facility as it is now. The inverse is based on the current
 * version, so changes by others to other fields survive; if others touched the same fields (or
 * deleted/restored the facility), the caller must ask the user instead of overwriting.
 */
export function planUndo(record: ChangeRecord, current: Facility): UndoPlan {
  const operation = inverseOperation(record);
  if (!operation) return { kind: 'nothing' };
  if (current.version === record.after.version) return { kind: 'apply', operation, baseVersion: current.version };
  if (current.geloescht !== record.after.geloescht) return { kind: 'conflict', operation, current };
  if (operation.kind === 'update') {
    const touched = Object.keys(operation.changes) as FieldKey[];
    if (touched.some((key) => !sameValue(current[key], record.after[key]))) return { kind: 'conflict', operation, current };
    // Fields already back at their old values need not be sent again.
    const remaining = diffChanges(current, operation.changes);
    if (Object.keys(remaining).length === 0) return { kind: 'nothing' };
    return { kind: 'apply', operation: { ...operation, changes: remaining }, baseVersion: current.version };
  }
  return { kind: 'apply', operation, baseVersion: current.version };
}

/** The facility a successful operation of `record` would leave, for describing it ("Verschoben" …). */
export function describeChange(record: ChangeRecord): 'angelegt' | 'geloescht' | 'wiederhergestellt' | 'verschoben' | 'geaendert' {
  if (record.before === null) return 'angelegt';
  if (!record.before.geloescht && record.after.geloescht) return 'geloescht';
  if (record.before.geloescht && !record.after.geloescht) return 'wiederhergestellt';
  const keys = changedFields(record.before, record.after);
  if (keys.length > 0 && keys.every((key) => key === 'lage')) return 'verschoben';
  return 'geaendert';
}
