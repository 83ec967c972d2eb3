import { describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES } from '../../../src/domain/facilities/catalog';
import { buildImportRows, parseImportFile, type ImportPreview, type ParseImportOptions } from '../../../src/domain/import/index';
import {
  blockingCount,
  includedRows,
  initialWizardState,
  orderedForReport,
  reduceWizard,
  rejectedRowsMessage,
  reportRows,
  reportSummary,
  wizardStepIndex,
  type ReportRow,
  type WizardAction,
  type WizardPreview,
  type WizardState,
} from '../../../src/domain/import/wizard';
import { mergeServerChecks, type ServerRowCheck } from '../../../src/domain/resources/importSteps';
import {
  commitPayload,
  facilityImportReducer,
  facilityMappingProblems,
  facilityRowNoun,
  initialFacilityImportState,
  isFieldOffered,
  mapsIgnoredField,
  readyToCheck,
  rowBuildingInput,
  sendableRows,
  unassignedCategories,
  unknownCategories,
  type FacilityImportAction,
  type FacilityImportState,
} from '../../../src/domain/resources/importWizard';
import { deepFreeze } from '../support/fixtures';
import { district, importFixture } from './support';

const goettingen = district('goettingen');
const crsOptions: ParseImportOptions = { districtCrs: goettingen.crs, districtBbox: goettingen.bbox };

function preview(name: string): ImportPreview {
  return parseImportFile(importFixture(name), name, crsOptions);
}

function run(state: FacilityImportState, ...actions: FacilityImportAction[]): FacilityImportState {
  return actions.reduce(facilityImportReducer, state);
}

/** The wizard after choosing and reading a fixture file. */
function withFile(name: string, state = initialFacilityImportState()): FacilityImportState {
  return run(state, { type: 'fileChosen', fileName: name }, { type: 'fileRead', preview: preview(name), crsOptions });
}

/** What the check would produce: rows built in the browser, then the server's findings for the rows sent. */
function checkedRows(state: FacilityImportState, server: (index: number) => Partial<ServerRowCheck> = () => ({})) {
  const input = rowBuildingInput(state, DEFAULT_CATEGORIES);
  if (!input) throw new Error('not ready to check');
  const rows = buildImportRows(input.table, input.mapping, { ...input.options, isInsideDistrict: goettingen.isInside });
  const sent = rows.filter((row) => row.facility !== null);
  const checks: ServerRowCheck[] = sent.map((_, index) => ({ index, errors: [], warnings: [], gemeindeAgs: '03159016', sozialraumId: 'rosdorf', ...server(index) }));
  return mergeServerChecks(rows, checks);
}

describe('facility import wizard: reading a file', () => {
  it('starts in the file step with nothing chosen', () => {
    const state = initialFacilityImportState();
    expect(state).toMatchObject({ step: { kind: 'file' }, fileName: '', fileError: null, preview: null, crs: '', precision: 'adresse', busy: false });
    expect(wizardStepIndex(state.step)).toBe(0);
    expect(readyToCheck(state)).toBe(false);
    expect(facilityMappingProblems(state)).toEqual([]);
  });

  it('goes to the mapping step with the suggested mapping and the CRS guessed for the district', () => {
    const state = withFile('kitas-excel-semikolon-cp1252-utm32.csv');
    expect(state.step).toEqual({ kind: 'mapping' });
    expect(wizardStepIndex(state.step)).toBe(1);
    expect(state.fileName).toBe('kitas-excel-semikolon-cp1252-utm32.csv');
    expect(state.mapping).toEqual({ name: 0, category: 1, traeger: 2, strasse: 3, plz: 4, ort: 5, x: 6, y: 7, kapazitaet: 8 });
    expect(state).toMatchObject({ crs: 'EPSG:25832', swapped: false, crsOptions });
    expect(state.crsGuess?.crs).toBe('EPSG:25832');
    expect(facilityMappingProblems(state)).toEqual([]);
    expect(readyToCheck(state)).toBe(true);
    expect(unknownCategories(state, DEFAULT_CATEGORIES)).toEqual([]);
  });

  it('takes the swap from the guess', () => {
    const state = withFile('swapped-latlon.csv');
    expect(state.crsGuess).toMatchObject({ crs: 'EPSG:4326', swapped: true });
    expect(state).toMatchObject({ crs: 'EPSG:4326', swapped: true });
  });

  it('forgets the previous file’s error, category choices and default category, but keeps the precision', () => {
    const before = run(
      initialFacilityImportState(),
      { type: 'fileChosen', fileName: 'workbook.xlsx' },
      { type: 'fileFailed', message: 'Die Datei ist eine Excel-Arbeitsmappe (.xlsx).' },
      { type: 'categoryAssigned', value: 'Hort', category: 'kita' },
      { type: 'defaultCategoryChosen', category: 'kita' },
      { type: 'precisionChosen', precision: 'ortslage' },
    );
    expect(before.fileError).toBe('Die Datei ist eine Excel-Arbeitsmappe (.xlsx).');
    const chosen = run(before, { type: 'fileChosen', fileName: 'row-problems.csv' });
    expect(chosen.fileError).toBeNull();
    const state = withFile('row-problems.csv', before);
    expect(state).toMatchObject({ fileError: null, categoryChoices: {}, defaultCategory: '', precision: 'ortslage' });
  });

  it('returns to the file step with the message when a file cannot be read, keeping its name', () => {
    const state = run(withFile('kitas-excel-semikolon-cp1252-utm32.csv'), { type: 'fileChosen', fileName: 'unclosed-quote.csv' }, { type: 'fileFailed', message: 'Ein Anführungszeichen …' });
    expect(state).toMatchObject({ step: { kind: 'file' }, preview: null, fileName: 'unclosed-quote.csv', fileError: 'Ein Anführungszeichen …' });
    expect(readyToCheck(state)).toBe(false);
  });

  it('offers no coordinate columns for GeoJSON and calls its rows Objekte', () => {
    const state = withFile('points.geojson');
    expect(state.preview?.kind).toBe('geojson');
    expect(facilityRowNoun(state)).toBe('Objekt');
    expect(facilityRowNoun(withFile('gk3.csv'))).toBe('Zeile');
    expect(['x', 'y', 'koordinaten', 'lagegenauigkeit', 'name'].map((field) => isFieldOffered(field as never, 'geojson'))).toEqual([false, false, false, true, true]);
    expect(isFieldOffered('x', 'csv')).toBe(true);
    expect(readyToCheck(state)).toBe(true);
  });
});

describe('facility import wizard: mapping', () => {
  it('guesses the CRS again when a coordinate column changes, overriding the user’s choice', () => {
    const chosen = run(withFile('kitas-excel-semikolon-cp1252-utm32.csv'), { type: 'crsChosen', crs: 'EPSG:31467' });
    expect(chosen.crs).toBe('EPSG:31467');

    const withoutX = run(chosen, { type: 'columnMapped', field: 'x', column: null });
    expect(withoutX.mapping.x).toBeUndefined();
    expect(withoutX.crs).toBe('');
    expect(withoutX.crsGuess?.crs).toBeNull();
    expect(facilityMappingProblems(withoutX)).toEqual(['Keine Spalte für „Rechtswert / Länge“ gewählt.']);
    expect(readyToCheck(withoutX)).toBe(false);

    const again = run(withoutX, { type: 'columnMapped', field: 'x', column: 6 });
    expect(again).toMatchObject({ crs: 'EPSG:25832', swapped: false });
    expect(readyToCheck(again)).toBe(true);
  });

  it('keeps the user’s CRS when another column changes', () => {
    const state = run(withFile('kitas-excel-semikolon-cp1252-utm32.csv'), { type: 'crsChosen', crs: 'EPSG:31467' }, { type: 'swappedSet', swapped: true }, { type: 'columnMapped', field: 'traeger', column: null });
    expect(state.mapping.traeger).toBeUndefined();
    expect(state).toMatchObject({ crs: 'EPSG:31467', swapped: true });
  });

  it('names a column mapped to two fields, and a missing category until one is chosen for all rows', () => {
    const twice = run(withFile('kitas-excel-semikolon-cp1252-utm32.csv'), { type: 'columnMapped', field: 'ort', column: 0 });
    expect(facilityMappingProblems(twice)).toEqual(['Die Spalte „Name der Einrichtung“ ist mehreren Feldern zugeordnet (Name, Ort).']);

    const noCategory = run(withFile('kitas-excel-semikolon-cp1252-utm32.csv'), { type: 'columnMapped', field: 'category', column: null });
    expect(facilityMappingProblems(noCategory)).toEqual(['Keine Spalte für „Kategorie“ gewählt und keine Kategorie für alle Zeilen festgelegt.']);
    expect(readyToCheck(noCategory)).toBe(false);
    const withDefault = run(noCategory, { type: 'defaultCategoryChosen', category: 'kita' });
    expect(facilityMappingProblems(withDefault)).toEqual([]);
    expect(rowBuildingInput(withDefault, DEFAULT_CATEGORIES)?.options.defaultCategory).toBe('kita');
  });

  it('says when a column of our own export that is not imported is mapped', () => {
    const state = withFile('kitas-excel-semikolon-cp1252-utm32.csv');
    expect(mapsIgnoredField(state)).toBe(false);
    expect(mapsIgnoredField(run(state, { type: 'columnMapped', field: 'sozialraum', column: 5 }))).toBe(true);
  });

  it('ignores mapping changes before a file is read', () => {
    const state = initialFacilityImportState();
    expect(run(state, { type: 'columnMapped', field: 'x', column: 1 })).toBe(state);
  });

  it('lists unknown category values until each has a category, and checks the rows with the choice', () => {
    const state = withFile('row-problems.csv');
    expect(unknownCategories(state, DEFAULT_CATEGORIES)).toEqual(['Hort']);
    expect(unassignedCategories(state, DEFAULT_CATEGORIES)).toEqual(['Hort']);
    expect(checkedRows(state).find((row) => row.line === 4)?.errors).toEqual(['Unbekannte Kategorie „Hort“']);

    const assigned = run(state, { type: 'categoryAssigned', value: 'Hort', category: 'kita' });
    expect(assigned.categoryChoices).toEqual({ Hort: 'kita' });
    expect(unknownCategories(assigned, DEFAULT_CATEGORIES)).toEqual(['Hort']);
    expect(unassignedCategories(assigned, DEFAULT_CATEGORIES)).toEqual([]);
    const line4 = checkedRows(assigned).find((row) => row.line === 4);
    expect(line4?.errors).toEqual([]);
    expect(line4?.facility?.category).toBe('kita');
  });

  it('builds rows with the chosen CRS, swap and precision, and not without a CRS', () => {
    const state = run(withFile('kitas-excel-semikolon-cp1252-utm32.csv'), { type: 'precisionChosen', precision: 'ortslage' });
    expect(rowBuildingInput(state, DEFAULT_CATEGORIES)?.options).toEqual({
      crs: 'EPSG:25832',
      swapped: false,
      categories: DEFAULT_CATEGORIES,
      defaultCategory: null,
      lagegenauigkeit: 'ortslage',
    });
    expect(checkedRows(state).map((row) => row.facility?.lagegenauigkeit)).toEqual(['ortslage', 'ortslage', 'ortslage']);
    const withoutCrs = run(state, { type: 'crsChosen', crs: '' });
    expect(readyToCheck(withoutCrs)).toBe(false);
    expect(rowBuildingInput(withoutCrs, DEFAULT_CATEGORIES)).toBeNull();
    expect(rowBuildingInput(initialFacilityImportState(), DEFAULT_CATEGORIES)).toBeNull();
  });
});

describe('facility import wizard: check, report and commit', () => {
  const mapped = () => run(withFile('row-problems.csv'), { type: 'columnMapped', field: 'plz', column: null });

  it('shows the progress of the row check, then the server’s check', () => {
    const started = run(mapped(), { type: 'checkStarted', total: 7 });
    expect(started.step).toEqual({ kind: 'checking', done: 0, total: 7, phase: 'rows' });
    expect(wizardStepIndex(started.step)).toBe(2);
    expect(run(started, { type: 'checkProgress', done: 4, total: 7 }).step).toEqual({ kind: 'checking', done: 4, total: 7, phase: 'rows' });
    expect(run(started, { type: 'serverCheckStarted', total: 7 }).step).toEqual({ kind: 'checking', done: 7, total: 7, phase: 'server' });
    expect(run(started, { type: 'checkFailed' })).toMatchObject({ step: { kind: 'mapping' }, preview: mapped().preview });
  });

  it('reports the checked rows, problems first, and sends only the kept rows without errors', () => {
    // Sent are lines 2, 7 and 8. The server refuses line 2 (as outside the user's area) and
    // names line 8 a possible duplicate; its warning replaces the browser's.
    const duplicate = 'Mögliches Duplikat von „Familienzentrum Musterdorf“ (Zeile 2)';
    const rows = checkedRows(mapped(), (index) => (index === 0 ? { errors: ['Außerhalb Ihres Gebiets'] } : index === 2 ? { warnings: [duplicate] } : {}));
    expect(rows.find((row) => row.line === 8)?.warnings).toEqual([duplicate]);
    const state = run(mapped(), { type: 'checkStarted', total: 7 }, { type: 'checked', rows });
    expect(state.step.kind).toBe('report');
    expect(reportRows(state)).toBe(rows);
    expect(reportSummary(state)).toEqual({ total: 7, valid: 2, withErrors: 5, withWarnings: 1 });
    expect(orderedForReport(reportRows(state)).map((row) => row.line)).toEqual([2, 3, 4, 5, 6, 8, 7]);
    expect(blockingCount(state)).toBe(5);
    expect(sendableRows(state).map((row) => row.line)).toEqual([7, 8]);
    expect(sendableRows(state)[0]?.sozialraumId).toBe('rosdorf');

    const skipping = run(state, { type: 'skipErrorsSet', skipErrors: true });
    expect(includedRows(skipping).map((row) => row.line)).toEqual([7, 8]);
    expect(blockingCount(skipping)).toBe(0);

    const excluded = run(skipping, { type: 'rowIncluded', line: 8, included: false });
    expect(excluded.excluded).toEqual([8]);
    expect(commitPayload(excluded)).toEqual({ facilities: [rows[5]!.facility], lines: [7] });
    const again = run(excluded, { type: 'rowIncluded', line: 8, included: true });
    expect(again.excluded).toEqual([]);
    expect(commitPayload(again).lines).toEqual([7, 8]);

    // Unticking the rows with errors one by one also unblocks the commit.
    const unticked = run(state, ...[2, 3, 4, 5, 6].map((line): FacilityImportAction => ({ type: 'rowIncluded', line, included: false })));
    expect(blockingCount(unticked)).toBe(0);
    expect(commitPayload(unticked).lines).toEqual([7, 8]);
  });

  it('starts a new report with every row kept and no commit error; back to the mapping keeps the file', () => {
    const rows = checkedRows(mapped());
    const failed = run(
      mapped(),
      { type: 'checked', rows },
      { type: 'rowIncluded', line: 7, included: false },
      { type: 'commitStarted' },
      { type: 'commitFailed', message: 'Abgelehnt.' },
      { type: 'backToMapping' },
    );
    expect(failed).toMatchObject({ step: { kind: 'mapping' }, excluded: [7], commitError: 'Abgelehnt.', mapping: mapped().mapping });
    expect(reportRows(failed)).toEqual([]);
    expect(run(failed, { type: 'checked', rows })).toMatchObject({ excluded: [], commitError: null });
  });

  it('is busy while committing and shows why the commit failed', () => {
    const committing = run(mapped(), { type: 'checked', rows: checkedRows(mapped()) }, { type: 'commitFailed', message: 'alt' }, { type: 'commitStarted' });
    expect(committing).toMatchObject({ busy: true, commitError: null });
    expect(run(committing, { type: 'commitFailed', message: 'Die Daten wurden vom Server abgelehnt.' })).toMatchObject({
      busy: false,
      commitError: 'Die Daten wurden vom Server abgelehnt.',
    });
  });

  it('names refused rows by their file line, at most five', () => {
    const lines = [2, 5, 9, 11, 12, 14, 20];
    expect(rejectedRowsMessage('Abgelehnt.', [{ index: 1, errors: ['Name fehlt', 'PLZ falsch'] }], lines, 'Zeile')).toBe('Abgelehnt. Zeile 5: Name fehlt, PLZ falsch');
    const six = [0, 1, 2, 3, 4, 6].map((index) => ({ index, errors: ['Fehler'] }));
    expect(rejectedRowsMessage('Abgelehnt.', six, lines, 'Objekt')).toBe(
      'Abgelehnt. Objekt 2: Fehler · Objekt 5: Fehler · Objekt 9: Fehler · Objekt 11: Fehler · Objekt 12: Fehler …',
    );
    expect(rejectedRowsMessage('Abgelehnt.', [], lines, 'Zeile')).toBe('Abgelehnt. ');
  });
});

describe('facility import wizard: purity', () => {
  it('does not mutate its input state, actions or file', () => {
    const parsed = deepFreeze(preview('row-problems.csv'));
    const snapshot = structuredClone(parsed);
    const actions: FacilityImportAction[] = deepFreeze([
      { type: 'fileChosen', fileName: 'row-problems.csv' },
      { type: 'fileRead', preview: parsed, crsOptions },
      { type: 'columnMapped', field: 'x', column: null },
      { type: 'columnMapped', field: 'x', column: 3 },
      { type: 'columnMapped', field: 'plz', column: null },
      { type: 'crsChosen', crs: 'EPSG:4326' },
      { type: 'swappedSet', swapped: false },
      { type: 'precisionChosen', precision: 'gemeinde' },
      { type: 'defaultCategoryChosen', category: 'kita' },
      { type: 'categoryAssigned', value: 'Hort', category: 'kita' },
      { type: 'checkStarted', total: 7 },
      { type: 'checkProgress', done: 3, total: 7 },
      { type: 'serverCheckStarted', total: 7 },
    ]);
    let state = deepFreeze(initialFacilityImportState());
    for (const action of actions) {
      const before = structuredClone(state);
      const next = facilityImportReducer(state, action);
      expect(state).toEqual(before);
      state = deepFreeze(next);
      facilityMappingProblems(state);
      unassignedCategories(state, DEFAULT_CATEGORIES);
    }
    const input = rowBuildingInput(state, DEFAULT_CATEGORIES);
    expect(input?.table.rows[2]?.cells[1]).toBe('kita');
    expect(parsed.table.rows[2]?.cells[1]).toBe('Hort');

    const rows = deepFreeze(checkedRows(state));
    const reportActions: FacilityImportAction[] = deepFreeze([
      { type: 'checked', rows },
      { type: 'skipErrorsSet', skipErrors: true },
      { type: 'rowIncluded', line: 7, included: false },
      { type: 'rowIncluded', line: 7, included: true },
      { type: 'commitStarted' },
      { type: 'commitFailed', message: 'Abgelehnt.' },
      { type: 'backToMapping' },
      { type: 'checkFailed' },
      { type: 'fileFailed', message: 'kaputt' },
    ]);
    for (const action of reportActions) {
      const before = structuredClone(state);
      const next = facilityImportReducer(state, action);
      expect(state).toEqual(before);
      state = deepFreeze(next);
      orderedForReport(reportRows(state));
      commitPayload(state);
      blockingCount(state);
    }
    expect(parsed).toEqual(snapshot);
  });
});

describe('generic import wizard', () => {
  // An import of another kind (values per area, as the indicator import will be) with its own
  // fields and settings: the generic reducer keeps the settings and knows nothing of facilities.
  type AreaField = 'gebiet' | 'wert';
  interface ValueRow extends ReportRow {
    wert: number | null;
  }
  type AreaState = WizardState<AreaField, WizardPreview<AreaField>, ValueRow> & { stichtag: string };

  const areaPreview: WizardPreview<AreaField> = deepFreeze({
    kind: 'csv',
    headers: ['Gebiet', 'Wert'],
    table: { kind: 'csv', headers: ['Gebiet', 'Wert'], rows: [{ line: 2, cells: ['Testraum Nord', '12'] }] },
    suggestedMapping: { gebiet: 0 },
  });

  it('keeps a concrete import’s own settings through every generic action', () => {
    const start: AreaState = deepFreeze({ ...initialWizardState<AreaField, WizardPreview<AreaField>, ValueRow>(), stichtag: '2015-12-31' });
    const rows: ValueRow[] = [
      { line: 2, errors: [], warnings: [], wert: 12 },
      { line: 3, errors: ['Unbekanntes Gebiet „Testraum Süd“'], warnings: [], wert: 3 },
    ];
    const actions: WizardAction<AreaField, WizardPreview<AreaField>, ValueRow>[] = [
      { type: 'fileChosen', fileName: 'werte.csv' },
      { type: 'fileRead', preview: areaPreview },
      { type: 'columnMapped', field: 'wert', column: 1 },
      { type: 'checked', rows },
    ];
    const state = actions.reduce<AreaState>((current, action) => reduceWizard(current, action), start);
    expect(state).toMatchObject({ stichtag: '2015-12-31', fileName: 'werte.csv', mapping: { gebiet: 0, wert: 1 }, step: { kind: 'report' } });
    expect(areaPreview.suggestedMapping).toEqual({ gebiet: 0 });
    expect(blockingCount(state)).toBe(1);
    expect(includedRows(reduceWizard(state, { type: 'skipErrorsSet', skipErrors: true })).map((row) => row.wert)).toEqual([12]);
  });
});
