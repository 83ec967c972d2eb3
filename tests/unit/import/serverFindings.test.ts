// The server's duplicate findings in the wizard: told by file line, repetitions and database
// duplicates unticked at first, progress reports from the server.
import { describe, expect, it } from 'vitest';
import type { ImportRow } from '../../../src/domain/import/index';
import { deselectedByDefault, mergeServerChecks } from '../../../src/domain/resources/importSteps';
import { facilityImportReducer, initialFacilityImportState } from '../../../src/domain/resources/importWizard';
import { includedRows } from '../../../src/domain/import/wizard';

const facility = { category: 'kita', name: 'Kita', lage: [9.93, 51.53] } as unknown as ImportRow['facility'];
const row = (line: number, sendable = true): ImportRow => ({ line, fields: { name: 'Kita' }, facility: sendable ? facility : null, existing: null, errors: [], warnings: [] });
const dbFacility = { id: '8c0a2f43-5b1e-4f5e-9a7e-0d6a3c0f1b2a', name: 'Kita Am Wall', category: 'kita', strasse: 'Wall 1', plz: '37115', ort: 'Duderstadt', metres: 31.6 };

describe('mergeServerChecks with the server’s duplicate findings', () => {
  const rows = [row(2), row(3, false), row(4), row(5), row(6)];
  const checks = [
    { index: 0, errors: [], warnings: [], gemeindeAgs: null, sozialraumId: null },
    { index: 1, errors: [], warnings: ['Mögliches Duplikat von „Kita Am Wall“ (32 m entfernt)'], gemeindeAgs: null, sozialraumId: null, duplikat: dbFacility },
    { index: 2, errors: [], warnings: ['Gleicht genau einer früheren Zeile'], gemeindeAgs: null, sozialraumId: null, wiederholt: 0 },
    { index: 3, errors: [], warnings: ['Mögliches Duplikat einer früheren Zeile „Kita“ (12 m entfernt)'], gemeindeAgs: null, sozialraumId: null, aehnlich: 1 },
  ];
  const merged = mergeServerChecks(rows, checks);

  it('names the rows a finding refers to by their file line, not by the index sent', () => {
    expect(merged.map((entry) => entry.repeatsLine)).toEqual([null, null, null, 2, null]);
    expect(merged[3]!.warnings).toEqual(['Gleicht genau Zeile 2 – nicht übernommen, außer Sie setzen den Haken']);
    expect(merged[4]!.warnings).toEqual(['Mögliches Duplikat in Zeile 4: „Kita“ (12 m entfernt)']);
    expect(merged[2]!.duplicateOf).toEqual(dbFacility);
    expect(merged[2]!.warnings).toEqual(['Mögliches Duplikat von „Kita Am Wall“ in der Datenbank (32 m entfernt) – nicht übernommen, außer Sie setzen den Haken']);
  });

  it('leaves repetitions and database duplicates unticked after the check, similar rows ticked', () => {
    expect(deselectedByDefault(merged)).toEqual([4, 5]);
    const state = facilityImportReducer(initialFacilityImportState(), { type: 'checked', rows: merged });
    expect(state.excluded).toEqual([4, 5]);
    expect(includedRows(state).map((entry) => entry.line)).toEqual([2, 3, 6]);
    const ticked = facilityImportReducer(state, { type: 'rowIncluded', line: 4, included: true });
    expect(includedRows(ticked).map((entry) => entry.line)).toEqual([2, 3, 4, 6]);
  });
});

describe('progress reported by the server', () => {
  it('shows the server’s step while it checks, and ignores a report that comes after the check', () => {
    let state = facilityImportReducer(initialFacilityImportState(), { type: 'serverCheckStarted', total: 10 });
    state = facilityImportReducer(state, { type: 'serverProgress', done: 4, total: 10, label: 'Server sucht Duplikate' });
    expect(state.step).toEqual({ kind: 'checking', done: 4, total: 10, phase: 'server', label: 'Server sucht Duplikate' });
    const checked = facilityImportReducer(state, { type: 'checked', rows: [] });
    expect(facilityImportReducer(checked, { type: 'serverProgress', done: 9, total: 10, label: 'spät' })).toBe(checked);
  });

  it('shows how far the server has written while committing, and the batch when it is done', () => {
    let state = facilityImportReducer(initialFacilityImportState(), { type: 'commitStarted' });
    state = facilityImportReducer(state, { type: 'commitProgress', done: 250, total: 1000, label: 'Server schreibt' });
    expect(state.commitProgress).toEqual({ done: 250, total: 1000, label: 'Server schreibt' });
    const batch = { id: dbFacility.id, district: 'goettingen', dateiname: 'a.csv', von: 'A', am: '2026-01-01T00:00:00.000Z', zeilen: 3, status: 'abgeschlossen' as const, rueckgaengigAm: null, rueckgaengigVon: null, aktiv: 3, geaendert: 0 };
    state = facilityImportReducer(state, { type: 'committed', batch });
    expect(state).toMatchObject({ busy: false, commitProgress: null, imported: batch });
  });
});
