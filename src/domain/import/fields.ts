import {
  FACILITY_STATUSES,
  LOCATION_PRECISIONS,
  PRECISION_LABELS,
  TARGET_GROUPS,
  type FacilityCategory,
  type FacilityStatus,
  type LocationPrecision,
  type TargetGroup,
} from '../facilities/catalog';
import { FacilityFieldsSchema, type FacilityFieldsInput } from '../facilities/schema';
import { readCoordinates } from './coordinates';
import { CRS_LABELS, fitsCrs, toWgs84, type CoordinateCrs } from './crs';
import { parseDate, parsePartialDate } from './dates';
import { matchCategory, type ColumnMapping, type TargetField } from './mapping';
import { matchKey } from './matchKey';
import { parseInteger } from './numbers';
import type { ImportTableRow } from './table';

/** The facility fields read from one row; complete only when the row has no errors. */
export type ImportFields = Partial<FacilityFieldsInput>;

export interface FieldReadingOptions {
  categories: readonly FacilityCategory[];
  /** The category for rows without one (a file that lists only Kitas); null: the column is needed. */
  defaultCategory: string | null;
  crs: CoordinateCrs;
  swapped: boolean;
  /** The precision of coordinates from the file when the file does not say. */
  lagegenauigkeit: LocationPrecision;
}

export interface FieldReading {
  fields: ImportFields;
  errors: string[];
  /** Top-level fields with an error, so schema issues about them are not reported twice. */
  failed: Set<keyof FacilityFieldsInput>;
  /** The ID and Version columns (our own export), when filled. */
  existing: { id: string; version: number | null } | null;
}

/**
 * Reads one table row into facility fields under a mapping, with a specific German error for
 * each cell that cannot be used ("Unbekannte Kategorie „Hort“", "PLZ „3707“ hat nicht fünf
 * Ziffern", "Koordinate „abc“ ist keine Zahl"). Values are normalised on the way: German dates
 * become ISO, "www.…" gets "https://", umlaut and case variants of categories, statuses, target
 * groups and precisions find their catalogue value, the location becomes WGS84 rounded to six
 * decimals (about 0.1 m). The district and duplicate checks are not done here (see rows.ts).
 *
 * @example readFields({ line: 2, cells: ['Testkita', 'KiTa', '9,9356', '51,5328'] }, { name: 0, category: 1, x: 2, y: 3 }, options).fields
 * // { name: 'Testkita', category: 'kita', lage: [9.9356, 51.5328], lagegenauigkeit: 'adresse', … }
 */
export function readFields(row: ImportTableRow, mapping: ColumnMapping, options: FieldReadingOptions): FieldReading {
  const errors: string[] = [];
  const failed = new Set<keyof FacilityFieldsInput>();
  const fail = (field: keyof FacilityFieldsInput, message: string) => {
    errors.push(message);
    failed.add(field);
  };
  const cell = (field: TargetField) => readCell(row, mapping[field]);
  const text = (field: TargetField) => cell(field) || null;

  const name = cell('name');
  if (name === '') fail('name', 'Name fehlt');

  const categoryText = cell('category');
  let category = categoryText === '' ? options.defaultCategory : matchCategory(categoryText, options.categories);
  if (categoryText === '' && category === null) fail('category', 'Kategorie fehlt');
  else if (category === null) fail('category', `Unbekannte Kategorie „${categoryText}“`);
  category ??= '';

  const street = [cell('strasse'), cell('hausnummer')].filter(Boolean).join(' ') || null;

  const plz = text('plz');
  if (plz !== null && !/^\d{5}$/.test(plz)) fail('plz', `PLZ „${plz}“ hat nicht fünf Ziffern`);

  const email = text('email')?.replace(/^mailto:/i, '') ?? null;
  if (email !== null && !FacilityFieldsSchema.shape.email.safeParse(email).success) {
    fail('email', `E-Mail „${email}“ ist keine gültige E-Mail-Adresse`);
  }

  const webText = text('web');
  const web = webText === null ? null : normaliseWeb(webText);
  if (webText !== null && web === null) fail('web', `Web-Adresse „${webText}“ ist ungültig`);

  const zielgruppen: TargetGroup[] = [];
  for (const part of cell('zielgruppen').split(/[,;/|]|\s+und\s+/)) {
    if (part.trim() === '') continue;
    const group = TARGET_GROUPS.find((candidate) => matchKey(candidate) === matchKey(part));
    if (group) {
      if (!zielgruppen.includes(group)) zielgruppen.push(group);
    } else {
      fail('zielgruppen', `Unbekannte Zielgruppe „${part.trim()}“ (möglich: ${TARGET_GROUPS.join(', ')})`);
    }
  }

  const capacityText = cell('kapazitaet');
  const kapazitaet = capacityText === '' ? null : parseInteger(capacityText);
  if (capacityText !== '' && kapazitaet === null) fail('kapazitaet', `Kapazität „${capacityText}“ ist keine ganze Zahl`);

  const statusText = cell('status');
  const status = statusText === '' ? 'in Betrieb' : matchStatus(statusText);
  if (status === null) fail('status', `Unbekannter Status „${statusText}“ (möglich: ${FACILITY_STATUSES.join(', ')})`);

  const programm = cell('foerderungProgramm');
  const seitText = cell('foerderungSeit');
  const seit = seitText === '' ? null : parsePartialDate(seitText);
  if (seitText !== '' && seit === null) fail('foerderung', `Förderung seit „${seitText}“ ist kein Datum (JJJJ, MM.JJJJ oder TT.MM.JJJJ)`);
  if (programm === '' && seitText !== '') fail('foerderung', 'Förderung seit ist angegeben, aber kein Förderprogramm');
  const foerderung = programm === '' ? null : { programm, seit };

  const checkedText = cell('geprueftAm');
  const geprueftAm = checkedText === '' ? null : parseDate(checkedText);
  if (checkedText !== '' && geprueftAm === null) fail('geprueftAm', `Geprüft am „${checkedText}“ ist kein Datum (TT.MM.JJJJ oder JJJJ-MM-TT)`);

  const precisionText = cell('lagegenauigkeit');
  const lagegenauigkeit = precisionText === '' ? options.lagegenauigkeit : matchPrecision(precisionText);
  if (lagegenauigkeit === null) {
    const possible = LOCATION_PRECISIONS.map((precision) => PRECISION_LABELS[precision]).join(', ');
    fail('lagegenauigkeit', `Unbekannte Lagegenauigkeit „${precisionText}“ (möglich: ${possible})`);
  }

  const lage = readLocation(row, mapping, options);
  if ('error' in lage) fail('lage', lage.error);

  const id = cell('id');
  const version = cell('version') === '' ? null : parseInteger(cell('version'));

  const fields: ImportFields = {
    name,
    category,
    traeger: text('traeger'),
    strasse: street,
    plz,
    ort: text('ort'),
    telefon: text('telefon'),
    email,
    web: web ?? webText,
    zielgruppen,
    angebote: text('angebote'),
    kapazitaet: kapazitaet ?? null,
    status: status ?? undefined,
    foerderung,
    lage: 'lngLat' in lage ? lage.lngLat : undefined,
    lagegenauigkeit: lagegenauigkeit ?? undefined,
    quelle: text('quelle'),
    geprueftAm: geprueftAm ?? null,
  };
  return { fields, errors, failed, existing: id === '' ? null : { id, version } };
}

// A cell as text: trimmed, and without the apostrophe our export puts before a leading
// = + - @ so that spreadsheets do not run it as a formula.
function readCell(row: ImportTableRow, column: number | undefined): string {
  const value = column === undefined ? '' : (row.cells[column] ?? '').trim();
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

function readLocation(row: ImportTableRow, mapping: ColumnMapping, options: FieldReadingOptions): { lngLat: [number, number] } | { error: string } {
  const reading = readCoordinates(row, mapping);
  if (reading.kind !== 'pair') return { error: reading.error };
  const lngLat = fitsCrs(reading.pair, options.crs, options.swapped) ? toWgs84(reading.pair, options.crs, { swapped: options.swapped }) : null;
  if (!lngLat) {
    const written = reading.pair.map((value) => String(value).replace('.', ',')).join(' / ');
    return { error: `Koordinaten ${written} passen nicht zu ${CRS_LABELS[options.crs]}` };
  }
  return { lngLat: [round6(lngLat[0]), round6(lngLat[1])] };
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

const STATUS_WORDS: Record<string, FacilityStatus> = Object.fromEntries(
  (
    [
      ['geplant', 'geplant'],
      ['in Planung', 'geplant'],
      ['Planung', 'geplant'],
      ['in Betrieb', 'in Betrieb'],
      ['Betrieb', 'in Betrieb'],
      ['aktiv', 'in Betrieb'],
      ['offen', 'in Betrieb'],
      ['geöffnet', 'in Betrieb'],
      ['geschlossen', 'geschlossen'],
      ['aufgelöst', 'geschlossen'],
      ['inaktiv', 'geschlossen'],
      ['beendet', 'geschlossen'],
    ] as const
  ).map(([word, status]) => [matchKey(word), status]),
);

function matchStatus(text: string): FacilityStatus | null {
  return STATUS_WORDS[matchKey(text)] ?? null;
}

function matchPrecision(text: string): LocationPrecision | null {
  const key = matchKey(text);
  return LOCATION_PRECISIONS.find((precision) => matchKey(precision) === key || matchKey(PRECISION_LABELS[precision]) === key) ?? null;
}

// "www.example.de" → "https://www.example.de"; only http(s) addresses are accepted.
function normaliseWeb(text: string): string | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : /^[^\s/]+\.[a-z]{2,}(?:[/?#:]|$)/i.test(text) ? `https://${text}` : text;
  try {
    const url = new URL(withScheme);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.') ? withScheme : null;
  } catch {
    return null;
  }
}
