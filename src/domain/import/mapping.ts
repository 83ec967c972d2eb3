import type { FacilityCategory } from '../facilities/catalog';
import { matchKey } from './matchKey';

/**
 * The fields a source column can be mapped to. Besides the facility fields there are the
 * coordinate columns (x/y or one "Koordinaten" column), "Hausnummer" (appended to Straße), and
 * the columns of our own export that are recognised but not imported because the server
 * derives them (Gemeinde, Sozialraum) or uses them to recognise a facility again (ID, Version).
 */
export const TARGET_FIELDS = [
  'name',
  'category',
  'traeger',
  'strasse',
  'hausnummer',
  'plz',
  'ort',
  'telefon',
  'email',
  'web',
  'zielgruppen',
  'angebote',
  'kapazitaet',
  'status',
  'foerderungProgramm',
  'foerderungSeit',
  'quelle',
  'geprueftAm',
  'lagegenauigkeit',
  'x',
  'y',
  'koordinaten',
  'gemeindeAgs',
  'sozialraum',
  'version',
  'id',
] as const;
export type TargetField = (typeof TARGET_FIELDS)[number];

/** Target field → index of the source column. Unmapped fields are absent. */
export type ColumnMapping = Partial<Record<TargetField, number>>;

/** German names of the target fields, for the mapping step and for messages. */
export const TARGET_FIELD_LABELS: Record<TargetField, string> = {
  name: 'Name',
  category: 'Kategorie',
  traeger: 'Träger',
  strasse: 'Straße',
  hausnummer: 'Hausnummer',
  plz: 'PLZ',
  ort: 'Ort',
  telefon: 'Telefon',
  email: 'E-Mail',
  web: 'Web',
  zielgruppen: 'Zielgruppen',
  angebote: 'Angebote',
  kapazitaet: 'Kapazität',
  status: 'Status',
  foerderungProgramm: 'Förderung',
  foerderungSeit: 'Förderung seit',
  quelle: 'Quelle',
  geprueftAm: 'Geprüft am',
  lagegenauigkeit: 'Lagegenauigkeit',
  x: 'Rechtswert / Länge',
  y: 'Hochwert / Breite',
  koordinaten: 'Koordinaten (beide Werte in einer Spalte)',
  gemeindeAgs: 'Gemeinde (AGS, wird aus der Lage berechnet)',
  sozialraum: 'Sozialraum (wird aus der Lage berechnet)',
  version: 'Version',
  id: 'ID',
};

// Header spellings seen in German and English lists, compared by matchKey (case, umlauts,
// spaces and punctuation do not matter). The first entry is the label of our own export.
const HEADER_SYNONYMS: Record<TargetField, readonly string[]> = {
  name: ['Name', 'Bezeichnung', 'Einrichtung', 'Name der Einrichtung', 'Einrichtungsname', 'Titel', 'Title', 'Facility', 'Facility name'],
  category: ['Kategorie', 'Art', 'Typ', 'Type', 'Category', 'Einrichtungsart', 'Einrichtungstyp', 'Art der Einrichtung', 'Kategorie-ID'],
  traeger: ['Träger', 'Trägerschaft', 'Träger der Einrichtung', 'Betreiber', 'Operator', 'Provider'],
  strasse: ['Straße', 'Str', 'Adresse', 'Anschrift', 'Address', 'Street', 'Straße und Hausnummer', 'Straße Hausnummer', 'Straße Nr'],
  hausnummer: ['Hausnummer', 'Hausnr', 'Haus-Nr', 'Nr', 'HNr', 'Housenumber', 'House number'],
  plz: ['PLZ', 'Postleitzahl', 'Postcode', 'Postal code', 'ZIP', 'ZIP code'],
  ort: ['Ort', 'Stadt', 'Gemeinde', 'Ort/Gemeinde', 'Wohnort', 'City', 'Town'],
  telefon: ['Telefon', 'Tel', 'Telefonnummer', 'Fon', 'Phone', 'Telephone'],
  email: ['E-Mail', 'Mail', 'E-Mail-Adresse', 'Email address'],
  web: ['Web', 'Website', 'Webseite', 'Internet', 'Internetseite', 'Homepage', 'URL', 'WWW'],
  zielgruppen: ['Zielgruppen', 'Zielgruppe', 'Target groups', 'Target group'],
  angebote: ['Angebote', 'Angebot', 'Leistungen', 'Angebotsbeschreibung', 'Services'],
  kapazitaet: ['Kapazität', 'Plätze', 'Platzzahl', 'Anzahl Plätze', 'Betreuungsplätze', 'Capacity'],
  status: ['Status', 'Betriebsstatus'],
  foerderungProgramm: ['Förderung', 'Förderprogramm', 'Förderung Programm', 'Förderungsprogramm', 'Programm', 'Funding'],
  foerderungSeit: ['Förderung seit', 'Gefördert seit', 'Förderbeginn', 'Seit', 'Funding since'],
  quelle: ['Quelle', 'Quellen', 'Datenquelle', 'Herkunft', 'Source'],
  geprueftAm: ['Geprüft am', 'Geprüft', 'Prüfdatum', 'Stand', 'Checked', 'Last checked'],
  lagegenauigkeit: ['Lagegenauigkeit', 'Genauigkeit', 'Precision', 'Location precision'],
  x: ['Länge', 'Längengrad', 'Geogr. Länge', 'Rechtswert', 'RW', 'Ostwert', 'Easting', 'East', 'X', 'X-Koordinate', 'Koordinate X', 'Lon', 'Lng', 'Long', 'Longitude'],
  y: ['Breite', 'Breitengrad', 'Geogr. Breite', 'Hochwert', 'HW', 'Nordwert', 'Northing', 'North', 'Y', 'Y-Koordinate', 'Koordinate Y', 'Lat', 'Latitude'],
  koordinaten: ['Koordinaten', 'Koordinate', 'Geokoordinaten', 'Coordinates', 'Coords', 'Lage', 'Position', 'Lat/Lon', 'Lon/Lat', 'Geometrie', 'Geometry', 'WKT', 'Point'],
  gemeindeAgs: ['Gemeinde (AGS)', 'AGS', 'Gemeindeschlüssel', 'Amtlicher Gemeindeschlüssel'],
  sozialraum: ['Sozialraum', 'Sozialraum-ID', 'Sozialraum ID'],
  version: ['Version'],
  id: ['ID', 'UUID'],
};

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

// Other ways to write the default categories; a district's own categories match by id and label.
const CATEGORY_SYNONYMS: Record<string, readonly string[]> = {
  familienzentrum: ['Familienzentren', 'FZ', 'Familienzentrum Plus'],
  kita: ['Kitas', 'Kindertagesstätte', 'Kindertagesstätten', 'Kindertageseinrichtung', 'Kindergarten', 'Krippe', 'Kinderkrippe'],
  grundschule: ['Grundschulen', 'GS', 'Primarschule'],
  'weiterfuehrende-schule': ['Weiterführende Schulen', 'Oberschule', 'Realschule', 'Hauptschule', 'Gymnasium', 'Gesamtschule', 'IGS', 'KGS'],
  beratungsstelle: ['Beratungsstellen', 'Beratung', 'Erziehungsberatung', 'Erziehungsberatungsstelle'],
  'fruehe-hilfen': ['Frühe Hilfe', 'Netzwerk Frühe Hilfen'],
  jugendeinrichtung: ['Jugendeinrichtungen', 'Jugendzentrum', 'Jugendtreff', 'Jugendhaus', 'Jugendclub', 'Jugendfreizeitheim'],
  sonstiges: ['Sonstige', 'Andere', 'Other'],
};

const categoryIndexes = new WeakMap<readonly FacilityCategory[], ReadonlyMap<string, string>>();

function categoryIndex(categories: readonly FacilityCategory[]): ReadonlyMap<string, string> {
  let index = categoryIndexes.get(categories);
  if (!index) {
    const built = new Map<string, string>();
    // Synonyms first, so that a district's own label or id overrides them.
    for (const category of categories) {
      for (const synonym of CATEGORY_SYNONYMS[category.id] ?? []) built.set(matchKey(synonym), category.id);
    }
    for (const category of categories) {
      built.set(matchKey(category.label), category.id);
      built.set(matchKey(category.id), category.id);
    }
    index = built;
    categoryIndexes.set(categories, index);
  }
  return index;
}

/**
 * The catalogue id for a category as written in a file, by id, label or a common synonym,
 * ignoring case, umlauts and punctuation; null when nothing matches.
 *
 * @example matchCategory('KiTa', DEFAULT_CATEGORIES) // 'kita'
 * @example matchCategory('Kindertagesstätte', DEFAULT_CATEGORIES) // 'kita'
 * @example matchCategory('Hort', DEFAULT_CATEGORIES) // null
 */
export function matchCategory(value: string, categories: readonly FacilityCategory[]): string | null {
  const key = matchKey(value);
  return key === '' ? null : (categoryIndex(categories).get(key) ?? null);
}
