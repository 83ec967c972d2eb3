import { IMPORT_GROUPS, type ImportGroup } from '../facilities/fieldDefinition';
import { FACILITY_FIELDS, FIELD_KEYS, IMPORT_ORDER, RECORD_COLUMNS, fieldDefinition } from '../facilities/fields';
import { matchKey } from './matchKey';

export { matchCategory } from './categories';

type FieldTarget = { [K in keyof typeof FACILITY_FIELDS]: (typeof FACILITY_FIELDS)[K]['import']['columns'][number]['target'] }[keyof typeof FACILITY_FIELDS];

/**
 * The fields a source column can be mapped to: the columns of the facility fields (field
 * registry, facilities/fields.ts) in the order the import reads them, among them the
 * coordinate columns (x/y or one "Koordinaten" column) and "Hausnummer" (appended to Straße),
 * then the columns of our own export that are recognised but not imported because the server
 * derives them (Gemeinde, Sozialraum) or uses them to recognise a facility again (ID, Version).
 */
export type TargetField = FieldTarget | (typeof RECORD_COLUMNS)[number]['target'];

const TARGET_COLUMNS: readonly { target: TargetField; label: string; synonyms: readonly string[] }[] = [
  ...IMPORT_ORDER.flatMap((key) => fieldDefinition(key).import.columns as readonly { target: FieldTarget; label: string; synonyms: readonly string[] }[]),
  ...RECORD_COLUMNS,
];

export const TARGET_FIELDS: readonly TargetField[] = TARGET_COLUMNS.map((column) => column.target);

/**
 * The target fields the mapping step offers, in its groups; the columns of a stored facility
 * (Gemeinde, Sozialraum, Version, ID) are recognised but not offered.
 */
export const TARGET_FIELD_GROUPS: readonly { title: ImportGroup; fields: readonly TargetField[] }[] = IMPORT_GROUPS.map((title) => ({
  title,
  fields: FIELD_KEYS.filter((key) => fieldDefinition(key).import.group === title).flatMap((key) => fieldDefinition(key).import.columns.map((column) => column.target as FieldTarget)),
}));

/** Target field → index of the source column. Unmapped fields are absent. */
export type ColumnMapping = Partial<Record<TargetField, number>>;

/** German names of the target fields, for the mapping step and for messages. */
export const TARGET_FIELD_LABELS = Object.fromEntries(TARGET_COLUMNS.map((column) => [column.target, column.label])) as Record<TargetField, string>;

// Header spellings seen in German and English lists, compared by matchKey (case, umlauts,
// spaces and punctuation do not matter). The first entry is the label of our own export.
const HEADER_SYNONYMS = Object.fromEntries(TARGET_COLUMNS.map((column) => [column.target, column.synonyms])) as Record<TargetField, readonly string[]>;

const HEADER_INDEX: ReadonlyMap<string, TargetField> = (() => {
  const index = new Map<string, TargetField>();
  for (const field of TARGET_FIELDS) {
    for (const synonym of HEADER_SYNONYMS[field]) {
      const key = matchKey(synonym);
      if (index.has(key) && index.get(key) !== field) throw new Error(`Synonym „${synonym}“ doppelt vergeben`);
      index.set(key, field);
    }
  }
  return index;
})();

// Synonyms long enough to be recognised at the start or end of a longer header
// ("UTM Rechtswert", "Telefonnummer Leitung"); short ones such as "X" or "Art" only match alone.
const AFFIX_SYNONYMS = [...HEADER_INDEX].filter(([key]) => key.length >= 5).sort((a, b) => b[0].length - a[0].length);

/**
 * Suggests a target field for each source column by its header. Three passes, each only
 * filling fields and columns not taken yet (the first column wins): the whole header as a
 * synonym ("Name der Einrichtung", "Gemeinde (AGS)"), the header without parenthesised parts
 * ("Rechtswert (UTM 32)"), and synonyms of five letters or more at the start or end of the
 * header ("UTM-Rechtswert"). Coordinates in x/y columns make a "Koordinaten" column unnecessary.
 *
 * @example suggestMapping(['Bezeichnung', 'Art', 'Rechtswert', 'Hochwert']) // { name: 0, category: 1, x: 2, y: 3 }
 */
export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const taken = new Set<number>();
  const assign = (column: number, field: TargetField | undefined) => {
    if (field === undefined || mapping[field] !== undefined || taken.has(column)) return;
    mapping[field] = column;
    taken.add(column);
  };
  const keys = headers.map((header) => matchKey(header));
  keys.forEach((key, column) => assign(column, HEADER_INDEX.get(key)));
  headers.forEach((header, column) => assign(column, HEADER_INDEX.get(matchKey(header.replace(/\([^)]*\)|\[[^\]]*\]/g, '')))));
  keys.forEach((key, column) => assign(column, affixField(key)));
  if (mapping.x !== undefined && mapping.y !== undefined) delete mapping.koordinaten;
  return mapping;
}

// The field of the longest synonym at the start and at the end of the header. When both ends
// name different fields, the more specific one wins over "Koordinaten" ("Koordinate Hochwert"
// is a northing); any other disagreement is left to the user.
function affixField(key: string): TargetField | undefined {
  const prefix = AFFIX_SYNONYMS.find(([synonym]) => key.startsWith(synonym))?.[1];
  const suffix = AFFIX_SYNONYMS.find(([synonym]) => key.endsWith(synonym))?.[1];
  if (prefix === undefined || suffix === undefined || prefix === suffix) return prefix ?? suffix;
  if (prefix === 'koordinaten') return suffix;
  if (suffix === 'koordinaten') return prefix;
  return undefined;
}

/**
 * What is missing or odd in a mapping, as German sentences for the mapping step; empty when
 * the mapping can be used. Name and Kategorie are needed (Kategorie not when one category is
 * chosen for the whole file), coordinates are needed in CSV files (GeoJSON has its geometry).
 *
 * @example mappingProblems({ name: 0 }, ['Name'], { kind: 'csv' })
 * // ['Keine Spalte für „Kategorie“ gewählt.', 'Keine Spalten für die Koordinaten gewählt …']
 */
export function mappingProblems(
  mapping: ColumnMapping,
  headers: readonly string[],
  options: { kind: 'csv' | 'geojson'; defaultCategory?: string | null },
): string[] {
  const problems: string[] = [];
  const missing = (field: TargetField) => `Keine Spalte für „${TARGET_FIELD_LABELS[field]}“ gewählt.`;
  if (mapping.name === undefined) problems.push(missing('name'));
  if (mapping.category === undefined && !options.defaultCategory) {
    problems.push('Keine Spalte für „Kategorie“ gewählt und keine Kategorie für alle Zeilen festgelegt.');
  }
  if (options.kind === 'csv' && mapping.koordinaten === undefined) {
    if (mapping.x === undefined && mapping.y === undefined) {
      problems.push('Keine Spalten für die Koordinaten gewählt (Rechtswert und Hochwert, Länge und Breite oder eine Spalte „Koordinaten“).');
    } else if (mapping.x === undefined) {
      problems.push(missing('x'));
    } else if (mapping.y === undefined) {
      problems.push(missing('y'));
    }
  }
  const fieldsByColumn = new Map<number, TargetField[]>();
  for (const field of TARGET_FIELDS) {
    const column = mapping[field];
    if (column === undefined) continue;
    if (!Number.isInteger(column) || column < 0 || column >= headers.length) {
      problems.push(`„${TARGET_FIELD_LABELS[field]}“ ist einer Spalte zugeordnet, die es nicht gibt.`);
      continue;
    }
    fieldsByColumn.set(column, [...(fieldsByColumn.get(column) ?? []), field]);
  }
  for (const [column, fields] of fieldsByColumn) {
    if (fields.length > 1) {
      problems.push(`Die Spalte „${headers[column]}“ ist mehreren Feldern zugeordnet (${fields.map((field) => TARGET_FIELD_LABELS[field]).join(', ')}).`);
    }
  }
  return problems;
}
