import { describe, expect, it } from 'vitest';
import {
  changedFields,
  describeChange,
  diffChanges,
  fieldsOf,
  inverseOperation,
  planUndo,
  sameValue,
  type ChangeRecord,
} from '../../src/domain/resources/changes';
import { facility, nextVersion } from './support/facilities';

describe('change records', () => {
  const base = facility({ name: 'Kita Sonnenschein', zielgruppen: ['Kinder'] });

  it('compares field values structurally', () => {
    expect(sameValue([9.1, 51.2], [9.1, 51.2])).toBe(true);
    expect(sameValue({ programm: 'A', seit: null }, { programm: 'A', seit: null })).toBe(true);
    expect(sameValue({ programm: 'A', seit: null }, { programm: 'A', seit: '2020' })).toBe(false);
    expect(sameValue(null, [])).toBe(false);
    expect(sameValue(['Kinder'], ['Kinder', 'Eltern'])).toBe(false);
  });

  it('knows which fields changed and sends only those', () => {
    const after = nextVersion(base, { name: 'Kita Regenbogen', lage: [9.8, 51.6] });
    expect(changedFields(base, after)).toEqual(['name', 'lage']);
    expect(diffChanges(fieldsOf(base), { ...fieldsOf(base), ort: 'Barterode', zielgruppen: ['Kinder'] })).toEqual({ ort: 'Barterode' });
    expect(Object.keys(fieldsOf(base))).not.toContain('version');
  });

  it('inverts create, delete, restore, move and edit', () => {
    const created: ChangeRecord = { facilityId: base.id, before: null, after: base };
    expect(inverseOperation(created)).toEqual({ kind: 'delete', facilityId: base.id });

    const deleted = nextVersion(base, { geloescht: true });
    expect(inverseOperation({ facilityId: base.id, before: base, after: deleted })).toEqual({ kind: 'restore', facilityId: base.id });
    expect(inverseOperation({ facilityId: base.id, before: deleted, after: nextVersion(deleted, { geloescht: false }) })).toEqual({
      kind: 'delete',
      facilityId: base.id,
    });

    const moved = nextVersion(base, { lage: [9.9, 51.7] });
    const move: ChangeRecord = { facilityId: base.id, before: base, after: moved };
    expect(inverseOperation(move)).toEqual({ kind: 'update', facilityId: base.id, changes: { lage: base.lage } });
    expect(describeChange(move)).toBe('verschoben');

    const edited = nextVersion(base, { name: 'Neu', foerderung: { programm: 'FZ Plus', seit: '2021' } });
    expect(inverseOperation({ facilityId: base.id, before: base, after: edited })).toEqual({
      kind: 'update',
      facilityId: base.id,
      changes: { name: base.name, foerderung: null },
    });
  });

  it('undoes on the current version when nobody touched the same fields', () => {
    const mine = nextVersion(base, { name: 'Kita Regenbogen' });
    const record: ChangeRecord = { facilityId: base.id, before: base, after: mine };
    expect(planUndo(record, mine)).toEqual({
      kind: 'apply',
      operation: { kind: 'update', facilityId: base.id, changes: { name: 'Kita Sonnenschein' } },
      baseVersion: 2,
    });
    // Someone else changed the phone number meanwhile: undo still applies, on version 3.
    const theirs = nextVersion(mine, { telefon: '0551 123' }, 'Bernd Planung');
    expect(planUndo(record, theirs)).toMatchObject({ kind: 'apply', baseVersion: 3 });
  });

  it('asks instead of overwriting when someone changed the same field or deleted it', () => {
    const mine = nextVersion(base, { name: 'Kita Regenbogen' });
    const record: ChangeRecord = { facilityId: base.id, before: base, after: mine };
    const renamed = nextVersion(mine, { name: 'Kita Sternschnuppe' }, 'Bernd Planung');
    expect(planUndo(record, renamed)).toMatchObject({ kind: 'conflict', current: renamed });
    const deleted = nextVersion(mine, { geloescht: true }, 'Bernd Planung');
    expect(planUndo(record, deleted)).toMatchObject({ kind: 'conflict' });
  });

  it('treats a field set back by someone else as their change, and an empty record as nothing to do', () => {
    const mine = nextVersion(base, { name: 'Kita Regenbogen' });
    const record: ChangeRecord = { facilityId: base.id, before: base, after: mine };
    const back = nextVersion(mine, { name: 'Kita Sonnenschein' }, 'Bernd Planung');
    expect(planUndo(record, back).kind).toBe('conflict');
    expect(planUndo({ facilityId: base.id, before: base, after: base }, base)).toEqual({ kind: 'nothing' });
  });
});
