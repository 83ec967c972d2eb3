import type { TextEncodingName } from './decode';
import type { Delimiter } from './delimiter';
import { importReport, type ImportReport } from './rows';
import type { ImportTable } from './table';

/**
 * The generic part of an import wizard (file → column mapping → check → report → commit) as a
 * pure reducer. It knows files, columns, rows with errors and warnings and which rows the user
 * keeps, but not what the rows become: facilities (domain/resources/importWizard.ts) and later
 * indicator values wrap this reducer with their own settings and actions.
 */

/** Target field → index of the source column. Unmapped fields are absent. */
export type FieldMapping<Field extends string> = Partial<Record<Field, number>>;

/** What the file step read: the neutral table plus how it was read, and a first mapping. */
export interface WizardPreview<Field extends string> {
  kind: 'csv' | 'geojson';
  /** CSV only. */
  encoding?: TextEncodingName;
  /** CSV only. */
  delimiter?: Delimiter;
  headers: string[];
  table: ImportTable;
  suggestedMapping: FieldMapping<Field>;
}

/** A checked row as the report shows it. */
export interface ReportRow {
  /** CSV: the file line the row starts on. GeoJSON: the 1-based number of the feature. */
  line: number;
  errors: readonly string[];
  warnings: readonly string[];
}

/** A group of target fields in the mapping step ("Pflichtangaben", "Lage" …). */
export interface TargetFieldGroup<Field extends string> {
  title: string;
  fields: readonly Field[];
}

export type WizardStep<Row extends ReportRow> =
  | { kind: 'file' }
  | { kind: 'mapping' }
  | { kind: 'checking'; done: number; total: number; phase: 'rows' | 'server'; /** What the server is doing, once it reports. */ label?: string }
  | { kind: 'report'; rows: readonly Row[] };

export interface WizardState<Field extends string, Preview extends WizardPreview<Field>, Row extends ReportRow> {
  step: WizardStep<Row>;
  /** Name of the file chosen last (shown with its preview and in the commit message). */
  fileName: string;
  /** Why the file chosen last could not be read, in German. */
  fileError: string | null;
  preview: Preview | null;
  mapping: FieldMapping<Field>;
  /** Lines of the report rows the user unticked. */
  excluded: readonly number[];
  /** Leave out every row with errors instead of unticking them one by one. */
  skipErrors: boolean;
  /** Why the server refused the commit, in German. */
  commitError: string | null;
  /** The commit is on its way to the server. */
  busy: boolean;
  /** How far the server has written the commit, while it reports. */
  commitProgress: { done: number; total: number; label: string } | null;
}

export type WizardAction<Field extends string, Preview extends WizardPreview<Field>, Row extends ReportRow> =
  | { type: 'fileChosen'; fileName: string }
  | { type: 'fileRead'; preview: Preview }
  | { type: 'fileFailed'; message: string }
  /** `column` null: the field is no longer mapped. */
  | { type: 'columnMapped'; field: Field; column: number | null }
  | { type: 'checkStarted'; total: number }
  | { type: 'checkProgress'; done: number; total: number }
  | { type: 'serverCheckStarted'; total: number }
  /** The server reports how far its check has come (rows done of total). */
  | { type: 'serverProgress'; done: number; total: number; label: string }
  | { type: 'checkFailed' }
  | { type: 'checked'; rows: readonly Row[] }
  | { type: 'backToMapping' }
  | { type: 'skipErrorsSet'; skipErrors: boolean }
  | { type: 'rowIncluded'; line: number; included: boolean }
  | { type: 'commitStarted' }
  | { type: 'commitProgress'; done: number; total: number; label: string }
  | { type: 'commitFailed'; message: string };

/** The state before any file is chosen, without the settings a concrete import adds. */
export function initialWizardState<Field extends string, Preview extends WizardPreview<Field>, Row extends ReportRow>(): WizardState<
  Field,
  Preview,
  Row
> {
  return { step: { kind: 'file' }, fileName: '', fileError: null, preview: null, mapping: {}, excluded: [], skipErrors: false, commitError: null, busy: false, commitProgress: null };
}

/**
 * The next state of the generic wizard; a concrete import's own members of `state` are kept.
 * Never changes `state` or `action`.
 */
export function reduceWizard<Field extends string, Preview extends WizardPreview<Field>, Row extends ReportRow, State extends WizardState<Field, Preview, Row>>(
  state: State,
  action: WizardAction<Field, Preview, Row>,
): State {
  switch (action.type) {
    case 'fileChosen':
      return { ...state, fileName: action.fileName, fileError: null };
    case 'fileRead':
      return { ...state, fileError: null, preview: action.preview, mapping: action.preview.suggestedMapping, step: { kind: 'mapping' } };
    case 'fileFailed':
      return { ...state, preview: null, step: { kind: 'file' }, fileError: action.message };
    case 'columnMapped': {
      if (!state.preview) return state;
      const mapping: FieldMapping<Field> = { ...state.mapping };
      if (action.column === null) delete mapping[action.field];
      else mapping[action.field] = action.column;
      return { ...state, mapping };
    }
    case 'checkStarted':
      return { ...state, step: { kind: 'checking', done: 0, total: action.total, phase: 'rows' } };
    case 'checkProgress':
      return { ...state, step: { kind: 'checking', done: action.done, total: action.total, phase: 'rows' } };
    case 'serverCheckStarted':
      return { ...state, step: { kind: 'checking', done: action.total, total: action.total, phase: 'server' } };
    case 'serverProgress':
      // A late report must not take the wizard back from the report to the progress step.
      return state.step.kind === 'checking' && state.step.phase === 'server'
        ? { ...state, step: { kind: 'checking', done: action.done, total: action.total, phase: 'server', label: action.label } }
        : state;
    case 'checkFailed':
    case 'backToMapping':
      return { ...state, step: { kind: 'mapping' } };
    case 'checked':
      return { ...state, excluded: [], commitError: null, step: { kind: 'report', rows: action.rows } };
    case 'skipErrorsSet':
      return { ...state, skipErrors: action.skipErrors };
    case 'rowIncluded': {
      const others = state.excluded.filter((line) => line !== action.line);
      return { ...state, excluded: action.included ? others : [...others, action.line] };
    }
    case 'commitStarted':
      return { ...state, busy: true, commitError: null, commitProgress: null };
    case 'commitProgress':
      return state.busy ? { ...state, commitProgress: { done: action.done, total: action.total, label: action.label } } : state;
    case 'commitFailed':
      return { ...state, busy: false, commitError: action.message, commitProgress: null };
  }
}

/** Index of the step in the list above the dialog: choose file, map columns, check and import. */
export function wizardStepIndex(step: WizardStep<ReportRow>): 0 | 1 | 2 {
  return step.kind === 'file' ? 0 : step.kind === 'mapping' ? 1 : 2;
}

/** The rows of the report, empty before the check. */
export function reportRows<Row extends ReportRow>(state: Pick<WizardState<string, WizardPreview<string>, Row>, 'step'>): readonly Row[] {
  return state.step.kind === 'report' ? state.step.rows : [];
}

/** Whether a report row is left out by "Zeilen mit Fehlern auslassen" (its tick is then disabled). */
export function isSkipped(row: ReportRow, skipErrors: boolean): boolean {
  return skipErrors && row.errors.length > 0;
}

/** The report rows the user keeps: ticked and not skipped for errors. */
export function includedRows<Row extends ReportRow>(state: Pick<WizardState<string, WizardPreview<string>, Row>, 'step' | 'excluded' | 'skipErrors'>): Row[] {
  const excluded = new Set(state.excluded);
  return reportRows(state).filter((row) => !excluded.has(row.line) && !isSkipped(row, state.skipErrors));
}

/** Kept rows that still have errors: while there are any, nothing is committed. */
export function blockingCount(state: Pick<WizardState<string, WizardPreview<string>, ReportRow>, 'step' | 'excluded' | 'skipErrors'>): number {
  return includedRows(state).filter((row) => row.errors.length > 0).length;
}

/** Counts for the summary above the report ("120 Zeilen, 3 mit Fehlern …"). */
export function reportSummary(state: Pick<WizardState<string, WizardPreview<string>, ReportRow>, 'step'>): ImportReport {
  return importReport(reportRows(state));
}

/** The report in the order it is shown: rows with errors, then with warnings, each by line, so problems are not lost below hundreds of good rows. */
export function orderedForReport<Row extends ReportRow>(rows: readonly Row[]): Row[] {
  return [...rows].sort(
    (a, b) => Number(b.errors.length > 0) - Number(a.errors.length > 0) || Number(b.warnings.length > 0) - Number(a.warnings.length > 0) || a.line - b.line,
  );
}

/** One row the server refused at commit: its index among the rows sent and why. */
export interface RejectedRow {
  index: number;
  errors: readonly string[];
}

/**
 * The commit error when the server refuses rows (422): its message and the first five refused
 * rows by the line the user knows from the file ("Zeile 7: …"), not by the index sent.
 *
 * @example rejectedRowsMessage('Abgelehnt.', [{ index: 1, errors: ['Name fehlt'] }], [3, 7], 'Zeile') // 'Abgelehnt. Zeile 7: Name fehlt'
 */
export function rejectedRowsMessage(message: string, rejected: readonly RejectedRow[], lines: readonly number[], noun: string): string {
  const lineList = rejected.map((row) => `${noun} ${lines[row.index]}: ${row.errors.join(', ')}`);
  return `${message} ${lineList.slice(0, 5).join(' · ')}${lineList.length > 5 ? ' …' : ''}`;
}
