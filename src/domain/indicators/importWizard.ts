import { parseCsvLines } from '../csv';
import { formatInteger } from '../format';
import { decodeText, type TextEncodingName } from '../import/decode';
import { detectDelimiter, type Delimiter } from '../import/delimiter';
import { ImportFileError } from '../import/errors';
import type { ImportTable } from '../import/table';
import { includedRows, initialWizardState, reduceWizard, reportRows, type ReportRow, type WizardAction, type WizardPreview, type WizardState } from '../import/wizard';
import { isStored, type IndicatorDefinition } from './catalog';
import { suggestIndicator } from './importCheck';
import { readImportFile } from './importFile';
import type { ImportReport } from './schema';

/**
 * The import of Kennzahlen values on top of the generic wizard (domain/import/wizard.ts): the
 * file is read in the browser for its preview and the problems of the file as a whole, its value
 * columns are assigned to Kennzahlen, and the server checks and writes (importCheck.ts, all or
 * nothing). Rows the planner leaves out are blanked in the text sent, so the server's line
 * numbers stay those of the file. Pure; the async work is in state/indicatorImportActions.ts.
 */

/** The largest file the server takes (ImportRequestSchema). */
export const MAX_IMPORT_CHARS = 20_000_000;

/** What the file step read: a table as the reader understood it (area, date, one column per value). */
export interface IndicatorImportPreview extends WizardPreview<string> {
  kind: 'csv';
  format: 'csv' | 'genesis';
  /** GENESIS: the table code and title. */
  tabelle: string | null;
  titel: string | null;
  /** The value columns' labels; empty when each row names its Kennzahl (a long table). */
  columns: string[];
  /** The file's text (without byte order mark), as the server gets it. */
  text: string;
  delimiter: Delimiter;
}

/** One line of the file in the report: its area and date, each value with its Kennzahl, and the messages. */
export interface IndicatorReportRow extends ReportRow {
  gebiet: string | null;
  stichtag: string | null;
  values: { spalte: string | null; kennzahl: string | null; wert: number | null }[];
}

export interface IndicatorImportSettings {
  /** Value column label → Kennzahl id, or null: not imported. */
  zuordnung: Readonly<Record<string, string | null>>;
  /** What the server says about the file as a whole (columns left out, areas of other Kreise skipped …). */
  notes: readonly string[];
  /** What the commit wrote. */
  imported: { geschrieben: number; neu: number; geaendert: number } | null;
}

export type IndicatorImportState = WizardState<string, IndicatorImportPreview, IndicatorReportRow> & IndicatorImportSettings;

type GenericAction = WizardAction<string, IndicatorImportPreview, IndicatorReportRow>;

export type IndicatorImportAction =
  | Exclude<GenericAction, { type: 'fileRead' } | { type: 'checked' } | { type: 'columnMapped' }>
  | { type: 'fileRead'; preview: IndicatorImportPreview; zuordnung: Readonly<Record<string, string | null>> }
  | { type: 'columnAssigned'; column: string; kennzahl: string | null }
  | { type: 'reportReceived'; report: ImportReport }
  | { type: 'committed'; result: { geschrieben: number; neu: number; geaendert: number } };

export function initialIndicatorImportState(): IndicatorImportState {
  return { ...initialWizardState<string, IndicatorImportPreview, IndicatorReportRow>(), zuordnung: {}, notes: [], imported: null };
}

/**
 * The next state of the Kennzahlen import wizard. A new file starts with its suggested
 * assignment and forgets the report and result of the previous one; a changed assignment
 * sends the wizard back to the mapping. Never changes its inputs.
 */
export function indicatorImportReducer(state: IndicatorImportState, action: IndicatorImportAction): IndicatorImportState {
  switch (action.type) {
    case 'fileRead':
      return { ...reduceWizard(state, { type: 'fileRead', preview: action.preview }), zuordnung: action.zuordnung, notes: [], imported: null, excluded: [], skipErrors: false, commitError: null };
    case 'columnAssigned':
      if (!state.preview || !state.preview.columns.includes(action.column)) return state;
      return { ...state, zuordnung: { ...state.zuordnung, [action.column]: action.kennzahl } };
    case 'reportReceived':
      return { ...reduceWizard(state, { type: 'checked', rows: rowsOfReport(action.report) }), notes: action.report.hinweise };
    case 'committed':
      return { ...state, busy: false, commitProgress: null, commitError: null, imported: action.result };
    default:
      return reduceWizard(state, action);
  }
}

/**
 * Reads a chosen file for the preview: decoded (UTF-8 or Windows-1252) and read as the server
 * will read it. A file that cannot be imported at all gets its reasons, in German.
 */
export function readIndicatorFile(bytes: Uint8Array): { preview: IndicatorImportPreview } | { message: string } {
  let text: string;
  let encoding: TextEncodingName;
  try {
    ({ text, encoding } = decodeText(bytes));
  } catch (error) {
    if (error instanceof ImportFileError) return { message: error.message };
    throw error;
  }
  if (text.length > MAX_IMPORT_CHARS) return { message: 'Die Datei ist zu groß (höchstens 20 MB).' };
  const file = readImportFile(text);
  if (file.problems.length > 0) return { message: file.problems.join(' ') };
  if (file.observations.length === 0) return { message: 'Die Datei enthält keine Werte.' };
  const long = file.observations.some((observation) => observation.indicator !== null);
  const columns = long ? [] : file.columns.map((column) => column.label);
  const headers = long ? ['Gebiet', 'Stichtag', 'Kennzahl', 'Wert'] : ['Gebiet', 'Stichtag', ...columns];
  const byLine = new Map<number, string[]>();
  for (const observation of file.observations) {
    let cells = byLine.get(observation.line);
    if (!cells) {
      cells = [observation.area.trim(), observation.date ?? '', ...(long ? ['', ''] : columns.map(() => ''))];
      byLine.set(observation.line, cells);
    }
    if (long) {
      cells[2] = observation.indicator ?? '';
      cells[3] = observation.value.trim();
    } else cells[2 + observation.column] = observation.value.trim();
  }
  const table: ImportTable = { kind: 'csv', headers, rows: [...byLine].map(([line, cells]) => ({ line, cells })) };
  return {
    preview: {
      kind: 'csv',
      encoding,
      delimiter: file.format === 'genesis' ? ';' : detectDelimiter(text),
      headers,
      table,
      suggestedMapping: {},
      format: file.format,
      tabelle: file.tabelle,
      titel: file.titel,
      columns,
      text,
    },
  };
}

/** The Kennzahlen a column can hold: counts and means (rates and shares are computed, never imported). */
export function importableDefinitions(definitions: readonly IndicatorDefinition[]): IndicatorDefinition[] {
  return definitions.filter(isStored);
}

/** The suggested Kennzahl of every value column (as the server would suggest it), or null. */
export function suggestedAssignment(preview: IndicatorImportPreview, definitions: readonly IndicatorDefinition[]): Record<string, string | null> {
  const stored = importableDefinitions(definitions);
  return Object.fromEntries(preview.columns.map((column) => [column, suggestIndicator(column, preview.tabelle, stored)?.id ?? null]));
}

/** What keeps the assignment from being checked, as German sentences; empty when it can be. */
export function assignmentProblems(state: IndicatorImportState, names: ReadonlyMap<string, string> = new Map()): string[] {
  const preview = state.preview;
  if (!preview || preview.columns.length === 0) return [];
  const assigned = preview.columns.flatMap((column) => {
    const kennzahl = state.zuordnung[column];
    return kennzahl ? [{ column, kennzahl }] : [];
  });
  if (assigned.length === 0) return ['Keine Spalte ist einer Kennzahl zugeordnet: bitte mindestens einer Spalte eine Kennzahl geben.'];
  const problems: string[] = [];
  const seen = new Map<string, string[]>();
  for (const { column, kennzahl } of assigned) seen.set(kennzahl, [...(seen.get(kennzahl) ?? []), column]);
  for (const [kennzahl, columns] of seen) {
    if (columns.length > 1) problems.push(`Die Spalten ${columns.map((column) => `„${column}“`).join(' und ')} sind beide der Kennzahl „${names.get(kennzahl) ?? kennzahl}“ zugeordnet.`);
  }
  return problems;
}

export function readyToCheck(state: IndicatorImportState): boolean {
  return state.preview !== null && assignmentProblems(state).length === 0;
}

/** The assignment the server gets: every value column, null where none is chosen; none for a long table. */
export function requestAssignment(state: IndicatorImportState): Record<string, string | null> | undefined {
  if (!state.preview || state.preview.columns.length === 0) return undefined;
  return Object.fromEntries(state.preview.columns.map((column) => [column, state.zuordnung[column] ?? null]));
}

/**
 * The server's report per line of the file: a line of a wide table carries one value per
 * column; a message all its values share is said once, one of a single value names its column.
 */
export function rowsOfReport(report: ImportReport): IndicatorReportRow[] {
  const byLine = new Map<number, ImportReport['zeilen']>();
  for (const row of report.zeilen) byLine.set(row.zeile, [...(byLine.get(row.zeile) ?? []), row]);
  return [...byLine].map(([line, reports]) => {
    const messages = (pick: (row: ImportReport['zeilen'][number]) => readonly string[]) => {
      const out: string[] = [];
      for (const row of reports) {
        for (const message of pick(row)) {
          const shared = reports.length > 1 && reports.every((other) => pick(other).includes(message));
          const text = shared || reports.length === 1 || row.spalte === null ? message : `${row.spalte}: ${message}`;
          if (!out.includes(text)) out.push(text);
        }
      }
      return out;
    };
    const first = reports[0]!;
    return {
      line,
      gebiet: reports.find((row) => row.gebiet !== null)?.gebiet ?? null,
      stichtag: reports.find((row) => row.stichtag !== null)?.stichtag ?? first.stichtag,
      values: reports.map((row) => ({ spalte: row.spalte, kennzahl: row.kennzahl, wert: row.wert })),
      errors: messages((row) => row.fehler),
      warnings: messages((row) => row.hinweise),
    };
  });
}

/** Lines of the report that are not imported: unticked, or left out for their errors. */
export function leftOutLines(state: IndicatorImportState): number[] {
  const kept = new Set(includedRows(state).map((row) => row.line));
  return reportRows(state)
    .map((row) => row.line)
    .filter((line) => !kept.has(line));
}

/**
 * How many values the commit will write: those of kept lines without errors, one per area,
 * date and Kennzahl (the lines of former municipalities that make up one of today's are summed
 * into one value, as the server does).
 */
export function sendableValueCount(state: IndicatorImportState): number {
  const written = new Set<string>();
  for (const row of includedRows(state)) {
    if (row.errors.length > 0) continue;
    for (const value of row.values) {
      if (value.kennzahl === null || value.wert === null) continue;
      written.add(JSON.stringify([row.gebiet ?? `Zeile ${row.line}`, row.stichtag, value.kennzahl]));
    }
  }
  return written.size;
}

/**
 * The text with the records starting on `lines` blanked (a quoted field may span lines: the
 * record's every line), so the reader skips them and every other record keeps its line number.
 */
export function textWithoutLines(text: string, delimiter: Delimiter, lines: readonly number[]): string {
  if (lines.length === 0) return text;
  const wanted = new Set(lines);
  const starts = parseCsvLines(text, delimiter).map((row) => row.line);
  const physical = text.split('\n');
  starts.forEach((start, index) => {
    if (!wanted.has(start)) return;
    const end = (starts[index + 1] ?? physical.length + 1) - 1;
    for (let line = start; line <= end; line++) physical[line - 1] = '';
  });
  return physical.join('\n');
}

/** What the commit sends: the text without the left-out lines and the assignment. */
export function commitRequest(state: IndicatorImportState): { text: string; dateiname: string; zuordnung?: Record<string, string | null> } | null {
  if (!state.preview) return null;
  const zuordnung = requestAssignment(state);
  return {
    text: textWithoutLines(state.preview.text, state.preview.delimiter, leftOutLines(state)),
    dateiname: state.fileName || 'Datei',
    ...(zuordnung ? { zuordnung } : {}),
  };
}

/**
 * Why the server refused the commit, with the first five refused lines of its report.
 *
 * @example refusalMessage('2 Fehler in „a.csv“; nichts wurde importiert.', report) // '… Zeile 4: Unbekanntes Gebiet „x“ …'
 */
export function refusalMessage(message: string, report: ImportReport | undefined): string {
  const failing = rowsOfReport(report ?? { format: 'csv', tabelle: null, spalten: [], zeilen: [], werte: [], fehler: 0, hinweise: [] }).filter((row) => row.errors.length > 0);
  if (failing.length === 0) return message;
  const list = failing.slice(0, 5).map((row) => `Zeile ${row.line}: ${row.errors.join(', ')}`);
  return `${message} ${list.join(' · ')}${failing.length > 5 ? ` … (${formatInteger(failing.length)} Zeilen)` : ''}`;
}

/** „12 Werte importiert (10 neu, 2 geändert) aus „werte.csv“.“ */
export function importedMessage(result: { geschrieben: number; neu: number; geaendert: number }, fileName: string): string {
  const count = result.geschrieben === 1 ? 'Ein Wert' : `${formatInteger(result.geschrieben)} Werte`;
  const parts = [result.neu > 0 && `${formatInteger(result.neu)} neu`, result.geaendert > 0 && `${formatInteger(result.geaendert)} geändert`].filter(Boolean).join(', ');
  return `${count} importiert${parts ? ` (${parts})` : ''} aus „${fileName}“.`;
}
