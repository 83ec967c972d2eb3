import type { FacilityCategory, LocationPrecision } from '../facilities/catalog';
import { FACILITY_FIELDS } from '../facilities/fields';
import type { FacilityFields } from '../facilities/schema';
import {
  TARGET_FIELDS,
  TARGET_FIELD_GROUPS,
  guessTableCrs,
  mappingProblems,
  rowNoun,
  type BuildImportRowsOptions,
  type ColumnMapping,
  type CoordinateCrs,
  type CrsGuess,
  type ImportPreview,
  type ImportTable,
  type ParseImportOptions,
  type TargetField,
} from '../import/index';
import { includedRows, initialWizardState, reduceWizard, type TargetFieldGroup, type WizardAction, type WizardState } from '../import/wizard';
import type { ImportBatch, ImportProgress } from '../facilities/responses';
import { applyCategoryChoices, deselectedByDefault, unknownCategoryValues, type CheckedImportRow } from './importSteps';

/**
 * The facility import on top of the generic wizard (domain/import/wizard.ts): which fields the
 * mapping step offers, the settings only facilities have (coordinate system, location precision,
 * a category for rows without one, categories for unknown file values) and what the check and
 * the commit send. Pure; the async work is in state/importActions.ts.
 */

/** Target fields offered in the mapping step, grouped (from the field registry); derived columns of our export are left out. */
export const FACILITY_FIELD_GROUPS: readonly TargetFieldGroup<TargetField>[] = TARGET_FIELD_GROUPS;

/** Columns of our own export that are recognised but not imported (the server derives them or recognises the facility by them). */
export const IGNORED_FIELDS: ReadonlySet<TargetField> = new Set(TARGET_FIELDS.filter((field) => !FACILITY_FIELD_GROUPS.some((group) => group.fields.includes(field))));

// The columns the location is read from; a GeoJSON file has its geometry instead.
const COORDINATE_FIELDS: ReadonlySet<TargetField> = new Set(FACILITY_FIELDS.lage.import.columns.map((column) => column.target));

/** A GeoJSON file brings its geometry, so it is offered no coordinate columns. */
export function isFieldOffered(field: TargetField, kind: ImportPreview['kind']): boolean {
  return kind === 'csv' || !COORDINATE_FIELDS.has(field);
}

export interface FacilityImportSettings {
  /** The district facts the file was read against; the CRS is guessed again with them. */
  crsOptions: ParseImportOptions;
  crsGuess: CrsGuess | null;
  /** '' until the guess or the user names one; nothing is checked without it. */
  crs: CoordinateCrs | '';
  swapped: boolean;
  /** Precision of coordinates from the file unless a column says otherwise. */
  precision: LocationPrecision;
  /** Category id for rows without a category; '' for none. */
  defaultCategory: string;
  /** Category value as written in the file → category id the user chose for it. */
  categoryChoices: Readonly<Record<string, string>>;
  /** The batch the commit created: the wizard then says so and offers to undo it. */
  imported: ImportBatch | null;
}

export type FacilityImportState = WizardState<TargetField, ImportPreview, CheckedImportRow> & FacilityImportSettings;

type GenericAction = WizardAction<TargetField, ImportPreview, CheckedImportRow>;

export type FacilityImportAction =
  | Exclude<GenericAction, { type: 'fileRead' }>
  | { type: 'fileRead'; preview: ImportPreview; crsOptions: ParseImportOptions }
  | { type: 'crsChosen'; crs: CoordinateCrs | '' }
  | { type: 'swappedSet'; swapped: boolean }
  | { type: 'precisionChosen'; precision: LocationPrecision }
  | { type: 'defaultCategoryChosen'; category: string }
  | { type: 'categoryAssigned'; value: string; category: string }
  | { type: 'committed'; batch: ImportBatch };

/** What the server's steps are called while the wizard waits for them. */
export const SERVER_STEP_LABELS: Record<ImportProgress['schritt'], string> = {
  lesen: 'Server liest die Zeilen',
  pruefen: 'Server prüft Landkreis und Zuständigkeit',
  duplikate: 'Server sucht Duplikate in Datei und Datenbank',
  schreiben: 'Server schreibt die Einrichtungen',
  rueckgaengig: 'Server macht den Import rückgängig',
  fertig: 'Server ist fertig',
};

export function initialFacilityImportState(): FacilityImportState {
  return {
    ...initialWizardState<TargetField, ImportPreview, CheckedImportRow>(),
    crsOptions: {},
    crsGuess: null,
    crs: '',
    swapped: false,
    precision: 'adresse',
    defaultCategory: '',
    categoryChoices: {},
    imported: null,
  };
}

function settingsFromGuess(guess: CrsGuess): Pick<FacilityImportSettings, 'crsGuess' | 'crs' | 'swapped'> {
  return { crsGuess: guess, crs: guess.crs ?? '', swapped: guess.swapped };
}

/**
 * The next state of the facility import wizard. A new file starts with its CRS guess and
 * forgets the category choices of the previous one; changing a coordinate column guesses the
 * CRS again (overriding the user's choice), other columns leave it. Never changes its inputs.
 */
export function facilityImportReducer(state: FacilityImportState, action: FacilityImportAction): FacilityImportState {
  switch (action.type) {
    case 'fileRead':
      return {
        ...reduceWizard(state, { type: 'fileRead', preview: action.preview }),
        crsOptions: action.crsOptions,
        ...settingsFromGuess(action.preview.crsGuess),
        categoryChoices: {},
        defaultCategory: '',
      };
    case 'columnMapped': {
      const next = reduceWizard(state, action);
      if (next === state || !next.preview || !COORDINATE_FIELDS.has(action.field)) return next;
      return { ...next, ...settingsFromGuess(guessTableCrs(next.preview.table, next.mapping, next.crsOptions)) };
    }
    case 'crsChosen':
      return { ...state, crs: action.crs };
    case 'swappedSet':
      return { ...state, swapped: action.swapped };
    case 'precisionChosen':
      return { ...state, precision: action.precision };
    case 'defaultCategoryChosen':
      return { ...state, defaultCategory: action.category };
    case 'categoryAssigned':
      return { ...state, categoryChoices: { ...state.categoryChoices, [action.value]: action.category } };
    case 'checked':
      // Repetitions within the file and possible duplicates of facilities in the database are
      // not imported by accident: they start unticked.
      return { ...reduceWizard(state, action), excluded: deselectedByDefault(action.rows) };
    case 'committed':
      return { ...state, busy: false, commitProgress: null, commitError: null, imported: action.batch };
    default:
      return reduceWizard(state, action);
  }
}

/** What keeps the mapping from being used, as German sentences; empty when it can be. */
export function facilityMappingProblems(state: FacilityImportState): string[] {
  if (!state.preview) return [];
  return mappingProblems(state.mapping, state.preview.headers, { kind: state.preview.kind, defaultCategory: state.defaultCategory || null });
}

/** Category values of the file that match no category of the catalogue, in file order. */
export function unknownCategories(state: FacilityImportState, categories: readonly FacilityCategory[]): string[] {
  return state.preview ? unknownCategoryValues(state.preview.table, state.mapping, categories) : [];
}

/** Unknown category values the user has not assigned a category yet (their rows get an error). */
export function unassignedCategories(state: FacilityImportState, categories: readonly FacilityCategory[]): string[] {
  return unknownCategories(state, categories).filter((value) => !state.categoryChoices[value]);
}

export function readyToCheck(state: FacilityImportState): boolean {
  return state.preview !== null && facilityMappingProblems(state).length === 0 && state.crs !== '';
}

/** Whether a column of our own export that is not imported (Gemeinde, Sozialraum, ID, Version) is mapped. */
export function mapsIgnoredField(state: FacilityImportState): boolean {
  return [...IGNORED_FIELDS].some((field) => state.mapping[field] !== undefined);
}

/** "Zeile" in a CSV file, "Objekt" in GeoJSON. */
export function facilityRowNoun(state: FacilityImportState): 'Zeile' | 'Objekt' {
  return rowNoun({ kind: state.preview?.kind ?? 'csv' });
}

/** What the row check needs besides the district test: the table with the user's category choices applied. Null while no CRS is known. */
export function rowBuildingInput(
  state: FacilityImportState,
  categories: readonly FacilityCategory[],
): { table: ImportTable; mapping: ColumnMapping; options: BuildImportRowsOptions & { crs: CoordinateCrs } } | null {
  if (!state.preview || state.crs === '') return null;
  return {
    table: applyCategoryChoices(state.preview.table, state.mapping, state.categoryChoices),
    mapping: state.mapping,
    options: {
      crs: state.crs,
      swapped: state.swapped,
      categories,
      defaultCategory: state.defaultCategory || null,
      lagegenauigkeit: state.precision,
    },
  };
}

/** Kept report rows that can be sent: read into a facility without errors. */
export function sendableRows(state: FacilityImportState): (CheckedImportRow & { facility: FacilityFields })[] {
  return includedRows(state).filter((row): row is CheckedImportRow & { facility: FacilityFields } => row.facility !== null && row.errors.length === 0);
}

/** The facilities the commit sends and, in the same order, the file lines they came from (for the server's messages). */
export function commitPayload(state: FacilityImportState): { facilities: FacilityFields[]; lines: number[] } {
  const rows = sendableRows(state);
  return { facilities: rows.map((row) => row.facility), lines: rows.map((row) => row.line) };
}
