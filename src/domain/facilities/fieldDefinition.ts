import { z } from 'zod';
import type { CoordinateCrs } from '../import/crs';
import type { ImportTableRow } from '../import/table';
import type { FacilityCategory, LocationPrecision } from './catalog';

/**
 * What the field registry (fields.ts) says about one user-settable facility field: its type,
 * label and how each consumer (form, report texts, import, CSV export, database) handles it.
 * Everything here is plain data or pure functions, so domain, ui and server can all read it.
 */

/** Marks a field that a new facility must give (it has no default); compared by identity. */
export const REQUIRED = Object.freeze({ mustBeGiven: true } as const);
export type Required = typeof REQUIRED;

export interface FieldDefinition<T extends z.ZodType = z.ZodType, Target extends string = string, Default = unknown> {
  /** The value's type without default: what a change may contain. */
  type: T;
  /** What a new facility that omits the field gets, or REQUIRED. */
  default: Default;
  /** German label for forms, details, history and conflict reports. */
  label: string;
  /** Two different valid values, as a description and for the test that every consumer carries the field. */
  examples: readonly [z.output<T>, z.output<T>];
  /** A value that is not empty as report text ("Kita", "51,54321° N, 9,93456° O"). */
  format(value: NonNullable<z.output<T>>, context: FieldContext): string;
  form: FormWidget;
  /** How the details panel shows the field. */
  details: DetailsEntry<NonNullable<z.output<T>>>;
  import: FieldImport<z.input<T>, Target>;
  /** The CSV export's columns for the field, in order. */
  export: readonly ExportColumn<z.output<T>>[];
  database: SingleColumn | DatabaseMapping<z.output<T>>;
}

/** Any field of the registry, for code that walks all of them. */
export type AnyFieldDefinition = FieldDefinition<z.ZodType, string, unknown>;

/** Keeps the types of one registry entry (value type, import targets, default) precise. */
export function field<T extends z.ZodType, Target extends string, Default extends z.output<T> | Required>(
  definition: FieldDefinition<T, Target, Default>,
): FieldDefinition<T, Target, Default> {
  return definition;
}

// Control characters (C0, DEL, C1) break CSV cells, terminals and PostgreSQL (NUL), and a
// lone surrogate is no character at all; no user text needs either.
const CONTROL_CHARACTERS = /\p{Cc}/u;
const MULTILINE_CONTROL_CHARACTERS = /[^\P{Cc}\t\n]/u;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const CONTROL_CHARACTER_MESSAGE = 'enthält Steuerzeichen (z. B. Tabulator, Zeilenumbruch oder NUL), bitte entfernen';

/** Whether a text holds nothing but printable characters (line breaks and tabs too when `multiline`). */
export function isPrintable(value: string, multiline = false): boolean {
  return !(multiline ? MULTILINE_CONTROL_CHARACTERS : CONTROL_CHARACTERS).test(value) && !LONE_SURROGATE.test(value);
}

/** One line of text, trimmed, at most `max` characters long, without control characters. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `höchstens ${max} Zeichen`)
    .refine((value) => isPrintable(value), CONTROL_CHARACTER_MESSAGE);

/** A file's cell for a one-line field: line breaks and tabs (a wrapped Excel cell) become one space. */
export const oneLine = (cell: string) => cell.replace(/\s*[\t\r\n]+\s*/g, ' ');

/** Text of several lines: line breaks (stored as \n) and tabs allowed, other control characters not. */
export const multilineText = (max: number) =>
  z
    .string()
    .overwrite((value) => value.replace(/\r\n?/g, '\n'))
    .trim()
    .max(max, `höchstens ${max} Zeichen`)
    .refine((value) => isPrintable(value, true), CONTROL_CHARACTER_MESSAGE);

/** A text field that may be empty, kept in one column and one export column of its name and label. */
export function optionalText<const Target extends string>(
  target: Target,
  spec: {
    max: number;
    /** Line breaks allowed (a textarea). */
    multiline?: boolean;
    label: string;
    examples: readonly [string, string];
    form: FormWidget;
    details?: DetailsEntry<string>;
    group: ImportGroup;
    synonyms: readonly string[];
  },
) {
  return field({
    type: (spec.multiline ? multilineText(spec.max) : text(spec.max)).nullable(),
    default: null,
    label: spec.label,
    examples: spec.examples,
    format: (value) => value,
    form: spec.form,
    details: spec.details ?? {},
    import: {
      group: spec.group,
      columns: [{ target, label: spec.label, synonyms: spec.synonyms }],
      read: (cell) => ({ value: (spec.multiline ? cell(target) : oneLine(cell(target))) || null, errors: [] }),
    },
    export: [{ header: spec.label, cell: textCell }],
    database: { column: target },
  });
}

export interface FieldContext {
  categories: readonly FacilityCategory[];
}

// ---------------------------------------------------------------------------------------------
// Form

/** The fieldsets of the facility form, in order. */
export const FORM_SECTIONS = ['Grunddaten', 'Adresse und Kontakt', 'Angebot', 'Lage', 'Herkunft'] as const;
export type FormSection = (typeof FORM_SECTIONS)[number];

/** Attributes of a one-line input; `width` names the CSS size class the form uses. */
export interface InputAttributes {
  type?: 'tel' | 'email' | 'url' | 'date';
  inputMode?: 'numeric' | 'decimal';
  maxLength?: number;
  placeholder?: string;
  autoComplete?: 'off';
  width?: 'short' | 'postcode' | 'coordinate';
  /** The input that has the focus when the form opens. */
  focus?: boolean;
}

interface WidgetPlacement {
  section: FormSection;
  /** Fields of a section with the same row id stand side by side. */
  row?: string;
}

export type FormWidget = WidgetPlacement &
  (
    | /** One line of text; empty means null unless the field is required (then the schema says what is missing). */
    { kind: 'text'; input?: InputAttributes }
    | { kind: 'textarea'; rows: number; maxLength: number }
    /** A whole number typed the German way ("1.000"); `invalid` is the message for anything else. */
    | { kind: 'integer'; input?: InputAttributes; invalid: string }
    /** `optionLabels` gives the text shown for an option when it is not the value itself. */
    | { kind: 'select'; options: readonly string[]; optionLabels?: Readonly<Record<string, string>> }
    /** The district's category picker; `missing` is the message when none is chosen. */
    | { kind: 'category'; missing: string }
    /** One checkbox per option, kept in the options' order; test ids facility-field-<optionTestId>-<option>. */
    | { kind: 'checkboxes'; options: readonly string[]; optionTestId: string }
    | FundingWidget
    | PositionWidget
  );

/** Programme and since as two inputs; `missingProgramm` when only „seit“ is filled. */
export interface FundingWidget {
  kind: 'funding';
  programm: NamedInput;
  seit: NamedInput;
  missingProgramm: string;
}

/** Latitude and longitude in degrees (latitude first); while a new facility is placed, they follow the map. */
export interface PositionWidget {
  kind: 'position';
  lat: NamedInput & { invalid: string };
  lng: NamedInput & { invalid: string };
}

/** One input of a widget with several: its id (facility-<id>, test id facility-field-<id>) and label. */
export interface NamedInput {
  id: string;
  label: string;
  input?: InputAttributes;
}

// ---------------------------------------------------------------------------------------------
// Details panel

/**
 * How the details panel of a facility shows a field: elsewhere in the panel (its title, the
 * line above it, the status badge), or as a row of the list. Rows are listed in registry order;
 * fields with the same `row` share one (the address), their values joined within a `line` by a
 * space and between lines by a comma.
 */
export type DetailsEntry<V> =
  | { shownAs: 'title' | 'kind' | 'badge' }
  | {
      /** Label of the row (default: the field's label). */
      label?: string;
      /** Shared row of several fields. */
      row?: { id: string; label: string; line: number; testId?: string };
      /** The row's text when it is not the field's report text. */
      text?: (value: V) => string;
      /** The value is a link: an e-mail address or a web address. */
      link?: 'mailto' | 'web';
      multiline?: boolean;
      testId?: string;
    };

// ---------------------------------------------------------------------------------------------
// Import

/** A source column a file can map to the field, with the header spellings that suggest it. */
export interface ImportColumn<Target extends string = string> {
  target: Target;
  /** The German name in the mapping step and its messages. */
  label: string;
  /** Compared by matchKey (case, umlauts, spaces, punctuation do not matter); the first is our export's header. */
  synonyms: readonly string[];
}

/** What the reader of a row knows besides the field's own cells. */
export interface ImportContext {
  categories: readonly FacilityCategory[];
  /** The category for rows without one; null: the column is needed. */
  defaultCategory: string | null;
  crs: CoordinateCrs;
  swapped: boolean;
  /** The precision of coordinates from the file when the file does not say. */
  lagegenauigkeit: LocationPrecision;
  row: ImportTableRow;
  /** The file's column of each mapped target. */
  mapping: Partial<Record<string, number>>;
  /**
   * The row's location in WGS84 under `crs` and `swapped`, from its geometry or coordinate
   * columns (domain/import/crs.ts readLocation). Given by the reader so the registry, which the
   * first view loads, does not pull in the coordinate projections.
   */
  location(): { lngLat: [number, number] } | { error: string };
}

export interface CellReading<V> {
  /** undefined: nothing usable (the schema will report the field as missing). */
  value: V | undefined;
  /** Specific German messages ("PLZ „3707“ hat nicht fünf Ziffern"); any of them fails the field. */
  errors: string[];
}

/** The groups of the import's mapping step, in order. */
export const IMPORT_GROUPS = ['Pflichtangaben', 'Lage', 'Adresse und Kontakt', 'Angebot und Herkunft'] as const;
export type ImportGroup = (typeof IMPORT_GROUPS)[number];

export interface FieldImport<V, Target extends string> {
  /** Where the mapping step offers the field's columns. */
  group: ImportGroup;
  columns: readonly ImportColumn<Target>[];
  /** How schema messages of an import name the field, when not by its label. */
  messageName?: string;
  /** Names for the parts of an object value in schema messages ("foerderung.seit" → "Förderung seit"). */
  partNames?: Readonly<Record<string, string>>;
  /** Reads the field from its cells (trimmed, export apostrophe removed; '' when unmapped). */
  read(cell: (target: Target) => string, context: ImportContext): CellReading<V>;
}

// ---------------------------------------------------------------------------------------------
// CSV export

/** A CSV cell: text is protected against spreadsheet formulas, numbers are not. */
export type Cell = { text: string } | { number: string };

export interface ExportContext {
  /** The catalogue label of a category id, or the id when it is not in the catalogue. */
  categoryLabel(id: string): string;
  /** The name of a Sozialraum id, or the id when the territory is not known; '' for none. */
  sozialraumName(id: string | null): string;
}

export interface ExportColumn<V> {
  header: string;
  cell(value: V, context: ExportContext): Cell;
}

export const textCell = (value: string | null | undefined): Cell => ({ text: value ?? '' });

export const numberCell = (value: number | null | undefined, decimals?: number): Cell => ({
  number: value === null || value === undefined ? '' : decimals === undefined ? String(value) : value.toFixed(decimals).replace('.', ','),
});

// ---------------------------------------------------------------------------------------------
// Database

/** A row of the facilities table as the database driver returns it. */
export type DatabaseRow = Readonly<Record<string, unknown>>;

/**
 * A field stored in one column of the same meaning. `select` reads it differently when the
 * column's type is not what the API serves (a date column is served as JJJJ-MM-TT text).
 */
export interface SingleColumn {
  column: string;
  select?: string;
}

/** A field stored in several columns, or in a column of another shape (a geometry). */
export interface DatabaseMapping<V> {
  /** What the SELECT list reads for the field: result name and SQL expression. */
  select: readonly { name: string; sql: string }[];
  fromRow(row: DatabaseRow): V;
  /**
   * The table columns written, each as SQL over its parameter placeholders ($n). A column written
   * through SQL names its parameters' SQL types: a bulk insert reads them from JSON, where
   * PostgreSQL cannot infer them from the column.
   */
  write: readonly ({ column: string; parameters: 1 } | { column: string; parameters: number; sql: (placeholders: readonly string[]) => string; types: readonly string[] })[];
  /** The parameters of all written columns, in order. */
  toParameters(value: V): unknown[];
}
