// The Kennzahlen import wizard's reducer and selectors (domain/indicators/importWizard.ts): the
// file read in the browser, the column suggestion, the server's report per line, leaving lines
// out by blanking them (line numbers kept) and what the commit sends. Reports come from the real
// check (importCheck.ts) on the shipped Göttingen catalogue plus one own, synthetic Kennzahl.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkImport, type ImportContext } from '../../../src/domain/indicators/importCheck';
import { readImportFile } from '../../../src/domain/indicators/importFile';
import {
  assignmentProblems,
  commitRequest,
  importedMessage,
  indicatorImportReducer,
  initialIndicatorImportState,
  leftOutLines,
  readIndicatorFile,
  readyToCheck,
  refusalMessage,
  requestAssignment,
  rowsOfReport,
  sendableValueCount,
  suggestedAssignment,
  textWithoutLines,
  type IndicatorImportAction,
  type IndicatorImportPreview,
  type IndicatorImportState,
} from '../../../src/domain/indicators/importWizard';
import { blockingCount, reportSummary, wizardStepIndex } from '../../../src/domain/import/wizard';
import { deepFreeze, fixturePath, readTextFixture } from '../support/fixtures';
import { goettingenShipped, OWN_TEST_INDICATOR as OWN } from '../support/indicators';


const shipped = goettingenShipped();
const context: ImportContext = {
  ...shipped,
  catalogue: { ...shipped.catalogue, entries: [...shipped.catalogue.entries, { definition: OWN, herkunft: 'eigene' }] },
  stored: shipped.values,
};
const definitions = context.catalogue.entries.map((entry) => entry.definition);
const bytes = (text: string) => new TextEncoder().encode(text);
const OWN_FILE = readTextFixture('indicators/eigene-kennzahl-werte.csv');

function run(actions: readonly IndicatorImportAction[], state = initialIndicatorImportState()): IndicatorImportState {
  return actions.reduce((current, action) => indicatorImportReducer(deepFreeze(current), deepFreeze(action)), state);
}

function previewOf(text: string): IndicatorImportPreview {
  const outcome = readIndicatorFile(bytes(text));
  if (!('preview' in outcome)) throw new Error(outcome.message);
  return outcome.preview;
}

/** The wizard after choosing `text`, with the suggested assignment, and the server's report of it. */
function checked(text: string, extra: IndicatorImportAction[] = []): IndicatorImportState {
  const preview = previewOf(text);
  const read = run([{ type: 'fileChosen', fileName: 'werte.csv' }, { type: 'fileRead', preview, zuordnung: suggestedAssignment(preview, definitions) }, ...extra]);
  const report = checkImport(text, { ...context, mapping: requestAssignment(read) }).report;
  return run([{ type: 'serverCheckStarted', total: preview.table.rows.length }, { type: 'reportReceived', report }], read);
}

describe('reading the file', () => {
  it('shows the file as the reader understands it: area, date and one column per value, by line', () => {
    const preview = previewOf(OWN_FILE);
    expect(preview).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ';', columns: ['Testbesuche'], headers: ['Gebiet', 'Stichtag', 'Testbesuche'] });
    expect(preview.table.rows[0]).toEqual({ line: 2, cells: ['adelebsen', '31.12.2025', '1111'] });
    expect(preview.table.rows).toHaveLength(4);
  });

  it('reads a long table (Kennzahl and Wert per row) without value columns to assign', () => {
    const preview = previewOf('Gebiet;Jahr;Kennzahl;Wert\nadelebsen;2025;testbesuche;5\n');
    expect(preview.columns).toEqual([]);
    expect(preview.headers).toEqual(['Gebiet', 'Stichtag', 'Kennzahl', 'Wert']);
    expect(preview.table.rows[0]!.cells).toEqual(['adelebsen', '2025', 'testbesuche', '5']);
    const state = run([{ type: 'fileRead', preview, zuordnung: {} }]);
    expect(readyToCheck(state)).toBe(true);
    expect(requestAssignment(state)).toBeUndefined();
  });

  it('says in German why a file cannot be imported at all, and the wizard stays at the file', () => {
    expect(readIndicatorFile(bytes('Name;Wert\nA;1\n'))).toEqual({
      message: 'Keine Spalte mit dem Gebiet gefunden (z. B. „AGS“, „Regionalschlüssel“ oder „Sozialraum“). Keine Spalte mit dem Stichtag oder Jahr gefunden (z. B. „Stichtag“ oder „Jahr“).',
    });
    expect(readIndicatorFile(new Uint8Array())).toEqual({ message: 'Die Datei ist leer.' });
    expect(readIndicatorFile(bytes('AGS;Jahr;"offen\n1;2\n'))).toEqual({ message: expect.stringMatching(/Anführungszeichen wird nicht geschlossen/) });
    const state = run([{ type: 'fileChosen', fileName: 'kaputt.csv' }, { type: 'fileFailed', message: 'Die Datei ist leer.' }]);
    expect(state.step).toEqual({ kind: 'file' });
    expect(state.fileError).toBe('Die Datei ist leer.');
  });

  it('reads a Windows-1252 file as Excel saves it', () => {
    const latin = new Uint8Array([...bytes('AGS;Jahr;Einwohner gro'), 0xdf, ...bytes('\n03159001;2020;5\n')]);
    expect(previewOf(new TextDecoder('windows-1252').decode(latin)).columns).toEqual(['Einwohner groß']);
    const outcome = readIndicatorFile(latin);
    expect('preview' in outcome && outcome.preview.encoding).toBe('windows-1252');
  });
});

describe('a GENESIS export', () => {
  const genesis = readFileSync(fixturePath('indicators/genesis-13211-01-03-5-arbeitslose-2015.csv'));

  it('is previewed with its table and value columns, and suggested what the server suggests', () => {
    const outcome = readIndicatorFile(genesis);
    if (!('preview' in outcome)) throw new Error(outcome.message);
    const { preview } = outcome;
    expect(preview).toMatchObject({ format: 'genesis', encoding: 'windows-1252', delimiter: ';', tabelle: '13211-01-03-5' });
    expect(preview.columns).toEqual(['Arbeitslose · insgesamt', 'Arbeitslose · Ausländer', 'Arbeitslose · Langzeitarbeitslose']);
    const server = checkImport(preview.text, context).report.spalten;
    expect(suggestedAssignment(preview, definitions)).toEqual(Object.fromEntries(server.map((column) => [column.spalte, column.kennzahl])));
  });

  it('offers to import as many values as the server writes: the lines of former municipalities are one value of today’s', () => {
    const outcome = readIndicatorFile(genesis);
    if (!('preview' in outcome)) throw new Error(outcome.message);
    const state = checked(outcome.preview.text);
    const report = checkImport(outcome.preview.text, { ...context, mapping: requestAssignment(state) }).report;
    // Bad Grund (Harz) and Walkenried are each several former municipalities in the file.
    expect(report.zeilen.filter((row) => row.gebiet === '03159036' && row.wert !== null)).toHaveLength(9);
    expect(sendableValueCount(state)).toBe(report.werte.length);
    expect(report.werte.filter((value) => value.gebiet === '03159036')).toHaveLength(3);
  });

  it('leaves a GENESIS line out by blanking it, the other lines keep their numbers', () => {
    const outcome = readIndicatorFile(genesis);
    if (!('preview' in outcome)) throw new Error(outcome.message);
    const { text } = outcome.preview;
    const before = readImportFile(text).observations;
    const line = before.find((observation) => observation.area === '03152001')!.line;
    const after = readImportFile(textWithoutLines(text, ';', [line])).observations;
    expect(after.some((observation) => observation.line === line)).toBe(false);
    expect(after).toEqual(before.filter((observation) => observation.line !== line));
  });
});

describe('assigning columns to Kennzahlen', () => {
  it('suggests the Kennzahl a column names, and the planner may change or leave out a column', () => {
    const preview = previewOf(OWN_FILE);
    expect(suggestedAssignment(preview, definitions)).toEqual({ Testbesuche: 'testbesuche' });
    const state = run([{ type: 'fileRead', preview, zuordnung: suggestedAssignment(preview, definitions) }]);
    expect(state.step).toEqual({ kind: 'mapping' });
    expect(readyToCheck(state)).toBe(true);
    const left = run([{ type: 'columnAssigned', column: 'Testbesuche', kennzahl: null }], state);
    expect(readyToCheck(left)).toBe(false);
    expect(assignmentProblems(left)).toEqual(['Keine Spalte ist einer Kennzahl zugeordnet: bitte mindestens einer Spalte eine Kennzahl geben.']);
    expect(requestAssignment(left)).toEqual({ Testbesuche: null });
    // A column the file does not have is not assigned.
    expect(run([{ type: 'columnAssigned', column: 'Gibt es nicht', kennzahl: 'testbesuche' }], state)).toBe(state);
  });

  it('refuses two columns for one Kennzahl, naming it', () => {
    const preview = previewOf('Sozialraum;Jahr;A;B\nadelebsen;2025;1;2\n');
    const state = run([{ type: 'fileRead', preview, zuordnung: { A: 'testbesuche', B: 'testbesuche' } }]);
    expect(assignmentProblems(state, new Map([['testbesuche', 'Testbesuche']]))).toEqual(['Die Spalten „A“ und „B“ sind beide der Kennzahl „Testbesuche“ zugeordnet.']);
    expect(readyToCheck(state)).toBe(false);
  });

  it('a new file forgets the previous file’s assignment, report and result', () => {
    const done = run([{ type: 'committed', result: { geschrieben: 3, neu: 3, geaendert: 0 } }], checked(OWN_FILE));
    const preview = previewOf('Sozialraum;Jahr;Andere\nadelebsen;2025;1\n');
    const next = run([{ type: 'fileRead', preview, zuordnung: { Andere: null } }], done);
    expect(next).toMatchObject({ imported: null, notes: [], excluded: [], zuordnung: { Andere: null }, step: { kind: 'mapping' } });
  });
});

describe('the report', () => {
  it('flags the unknown area per line before anything is written; nothing can be committed while it is kept', () => {
    const state = checked(OWN_FILE);
    expect(wizardStepIndex(state.step)).toBe(2);
    expect(reportSummary(state)).toEqual({ total: 4, valid: 3, withErrors: 1, withWarnings: 0 });
    const bad = rowsOfReport(checkImport(OWN_FILE, context).report).find((row) => row.line === 5)!;
    expect(bad.errors).toEqual([expect.stringMatching(/^Unbekanntes Gebiet „nirgendwo-testgebiet“/)]);
    expect(blockingCount(state)).toBe(1);
    expect(sendableValueCount(state)).toBe(3);
  });

  it('shows each kind of problem of a row: unknown Kennzahl, not a number, negative count, numerator above denominator, duplicate', () => {
    const text = [
      'Gebiet;Jahr;Kennzahl;Wert',
      'adelebsen;2025;testbesuche;12',
      'adelebsen;2025;testbesuche;13',
      'adelebsen;2025;gibt-es-nicht;1',
      'bovenden;2025;testbesuche;viele',
      'rosdorf;2025;testbesuche;-4',
      '03159001;2010;alter-unter-3;900',
      '03159001;2010;bevoelkerung;800',
    ].join('\n');
    const state = checked(text);
    const errors = Object.fromEntries(state.step.kind === 'report' ? state.step.rows.map((row) => [row.line, row.errors.join(' | ')]) : []);
    expect(errors[2]).toBe('');
    expect(errors[3]).toMatch(/^Doppelt: Testbesuche, Gebiet adelebsen, Stichtag 2025-12-31 steht schon in Zeile 2$/);
    expect(errors[4]).toBe('Unbekannte Kennzahl „gibt-es-nicht“');
    expect(errors[5]).toBe('„viele“ ist keine Zahl');
    expect(errors[6]).toMatch(/^Negative Anzahl -4/);
    expect(errors[7]).toMatch(/^Zähler größer als Nenner bei „Anteil unter 3-Jähriger“: 900 > 800/);
    expect(errors[8]).toBe('');
  });

  it('on a wide table, a message of one value names its column, one of the whole line is said once', () => {
    const rows = rowsOfReport({
      format: 'csv',
      tabelle: null,
      spalten: [],
      werte: [],
      fehler: 2,
      hinweise: [],
      zeilen: [
        { zeile: 4, spalte: 'A', kennzahl: 'a', gebiet: null, stichtag: '2025-12-31', wert: 1, fehler: ['Unbekanntes Gebiet „x“'], hinweise: [] },
        { zeile: 4, spalte: 'B', kennzahl: 'b', gebiet: null, stichtag: '2025-12-31', wert: null, fehler: ['Unbekanntes Gebiet „x“', '„y“ ist keine Zahl'], hinweise: [] },
      ],
    });
    expect(rows).toEqual([
      {
        line: 4,
        gebiet: null,
        stichtag: '2025-12-31',
        values: [
          { spalte: 'A', kennzahl: 'a', wert: 1 },
          { spalte: 'B', kennzahl: 'b', wert: null },
        ],
        errors: ['Unbekanntes Gebiet „x“', 'B: „y“ ist keine Zahl'],
        warnings: [],
      },
    ]);
  });
});

describe('leaving lines out and committing', () => {
  it('skipping the rows with errors blanks their lines in the text sent; the server then finds no error and the same line numbers', () => {
    const state = run([{ type: 'skipErrorsSet', skipErrors: true }], checked(OWN_FILE));
    expect(blockingCount(state)).toBe(0);
    expect(leftOutLines(state)).toEqual([5]);
    const request = commitRequest(state)!;
    expect(request).toMatchObject({ dateiname: 'werte.csv', zuordnung: { Testbesuche: 'testbesuche' } });
    const recheck = checkImport(request.text, { ...context, mapping: request.zuordnung }).report;
    expect(recheck.fehler).toBe(0);
    expect(recheck.werte.map((value) => [value.gebiet, value.wert])).toEqual([
      ['adelebsen', 1111],
      ['bovenden', 2222],
      ['rosdorf', 3333],
    ]);
    expect(recheck.zeilen.map((row) => row.zeile)).toEqual([2, 3, 4]);
  });

  it('an unticked line is left out as well, and counted no more', () => {
    const state = run([{ type: 'skipErrorsSet', skipErrors: true }, { type: 'rowIncluded', line: 3, included: false }], checked(OWN_FILE));
    expect(leftOutLines(state).sort()).toEqual([3, 5]);
    expect(sendableValueCount(state)).toBe(2);
    expect(readImportFile(commitRequest(state)!.text).observations.map((observation) => observation.line)).toEqual([2, 4]);
  });

  it('blanks every line of a record whose quoted field spans lines, and keeps CRLF files readable', () => {
    const text = 'Sozialraum;Jahr;Testbesuche;Notiz\r\nadelebsen;2025;1;"zwei\r\nZeilen"\r\nbovenden;2025;2;x\r\n';
    const blanked = textWithoutLines(text, ';', [2]);
    expect(blanked.split('\n')).toHaveLength(text.split('\n').length);
    expect(readImportFile(blanked).observations.filter((observation) => observation.column === 0).map((observation) => [observation.line, observation.area])).toEqual([[4, 'bovenden']]);
    expect(textWithoutLines(text, ';', [])).toBe(text);
  });

  it('a refused commit keeps the report and says why, with the refused lines; a commit done says how many values', () => {
    const state = run([{ type: 'skipErrorsSet', skipErrors: true }, { type: 'commitStarted' }], checked(OWN_FILE));
    expect(state.busy).toBe(true);
    const report = checkImport(OWN_FILE, context).report;
    const message = refusalMessage('1 Fehler in „werte.csv“; nichts wurde importiert.', report);
    expect(message).toMatch(/^1 Fehler in „werte\.csv“; nichts wurde importiert\. Zeile 5: Unbekanntes Gebiet „nirgendwo-testgebiet“/);
    const refused = run([{ type: 'commitFailed', message }], state);
    expect(refused).toMatchObject({ busy: false, commitError: message, step: { kind: 'report' }, skipErrors: true });
    const done = run([{ type: 'committed', result: { geschrieben: 3, neu: 3, geaendert: 0 } }], state);
    expect(done).toMatchObject({ busy: false, imported: { geschrieben: 3 } });
    expect(importedMessage({ geschrieben: 3, neu: 3, geaendert: 0 }, 'werte.csv')).toBe('3 Werte importiert (3 neu) aus „werte.csv“.');
    expect(importedMessage({ geschrieben: 1, neu: 0, geaendert: 1 }, 'a.csv')).toBe('Ein Wert importiert (1 geändert) aus „a.csv“.');
  });

  it('reads the fixture from disk as the browser does', () => {
    expect('preview' in readIndicatorFile(readFileSync(fixturePath('indicators/eigene-kennzahl-werte.csv')))).toBe(true);
  });
});
