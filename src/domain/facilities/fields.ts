// Long on purpose: the field registry, one entry per facility field with everything derived from it
// (schema, form, import, export, database); a field is added here and nowhere else.
import { z } from 'zod';
import { formatInteger, formatIsoDate, formatLngLat, formatPartialDate } from '../format';
import { matchCategory } from '../import/categories';
import { matchPrecision, matchStatus, normaliseWeb, readTargetGroups } from '../import/cellReaders';
import { parseDate, parsePartialDate } from '../import/dates';
import { parseInteger } from '../import/numbers';
import { matchKey } from '../import/matchKey';
import { CONFIDENCE_LEVELS, FACILITY_STATUSES, LOCATION_PRECISIONS, PRECISION_LABELS, TARGET_GROUPS, type Confidence } from './catalog';
import type { Facility } from './schema';
import { REQUIRED, field, isPrintable, numberCell, oneLine, optionalText, text, textCell, type AnyFieldDefinition, type ExportContext } from './fieldDefinition';

/**
 * The field registry: every field a user may set on a facility, once, in the order forms and
 * reports list them. The schemas (schema.ts), labels and report texts (resources/labels.ts),
 * change records (resources/changes.ts), the form (resources/formValues.ts, ui/FacilityForm),
 * the import (import/mapping.ts, import/fields.ts), the CSV export (import/export.ts) and the
 * database mapping (server/db/facilities.ts) are derived from it. A new field is one entry here
 * plus a migration for its column(s) (server/db/migrations.ts); tests/unit/fieldRegistry.test.ts
 * and tests/api/fieldRegistry.test.ts check that every consumer carries every field.
 *
 * Long on purpose: it is the one list of the fields, and splitting it would scatter what it
 * exists to keep in one place (each entry grows by a few lines per consumer).
 */

export const LngLatSchema = z
  .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
  .describe('Longitude, latitude in WGS84 (EPSG:4326)');

export const FundingSchema = z.object({
  programm: text(120).min(1).describe('e.g. "Familienzentrum Plus"'),
  seit: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'Datum als JJJJ, JJJJ-MM oder JJJJ-MM-TT')
    .refine((value) => parsePartialDate(value) === value, 'kein gültiges Datum (Jahr 1900–2100, Monat und Tag im Kalender)')
    .nullable()
    .default(null),
});

const EmailSchema = z.string().trim().max(254, 'höchstens 254 Zeichen').email('keine gültige E-Mail-Adresse').nullable();
const WEB_MAX = 2000;

/**
 * A web address as stored and served: http(s) or mailto only, so no consumer of the API or an
 * export (QGIS, Excel, a public page) can be handed a javascript:, data: or vbscript: link.
 * Anything else, also what an older version stored, reads as null.
 */
export function safeWebAddress(value: string | null | undefined): string | null {
  if (!value || value.length > WEB_MAX || !isPrintable(value)) return null;
  try {
    return ['http:', 'https:', 'mailto:'].includes(new URL(value).protocol) ? value : null;
  } catch {
    return null;
  }
}
const DEFAULT_STATUS = 'in Betrieb';
/** The details panel shows street, then postcode and place, in one row „Adresse“. */
const ADDRESS_ROW = (line: number) => ({ id: 'adresse', label: 'Adresse', line, testId: 'facility-panel-address' });

export const FACILITY_FIELDS = {
  name: field({
    type: text(200).min(1, 'Name fehlt'),
    default: REQUIRED,
    label: 'Name',
    examples: ['Familienzentrum Sonnenschein', 'Kita Regenbogen'],
    format: (value) => value,
    form: { section: 'Grunddaten', kind: 'text', input: { focus: true, maxLength: 200 } },
    details: { shownAs: 'title' },
    import: {
      group: 'Pflichtangaben',
      columns: [{ target: 'name', label: 'Name', synonyms: ['Name', 'Bezeichnung', 'Einrichtung', 'Name der Einrichtung', 'Einrichtungsname', 'Titel', 'Title', 'Facility', 'Facility name'] }],
      read: (cell) => ({ value: oneLine(cell('name')), errors: cell('name') === '' ? ['Name fehlt'] : [] }),
    },
    export: [{ header: 'Name', cell: textCell }],
    database: { column: 'name' },
  }),
  category: field({
    type: z.string().max(60, 'höchstens 60 Zeichen').regex(/^[a-z0-9-]+$/, 'Kategorie-Kennung aus dem Katalog'),
    default: REQUIRED,
    label: 'Kategorie',
    examples: ['familienzentrum', 'kita'],
    format: (value, { categories }) => categories.find((category) => category.id === value)?.label ?? value,
    form: { section: 'Grunddaten', kind: 'category', missing: 'Bitte eine Kategorie wählen' },
    details: { shownAs: 'kind' },
    import: {
      group: 'Pflichtangaben',
      columns: [
        {
          target: 'category',
          label: 'Kategorie',
          synonyms: ['Kategorie', 'Art', 'Typ', 'Type', 'Category', 'Einrichtungsart', 'Einrichtungstyp', 'Art der Einrichtung', 'Kategorie-ID'],
        },
      ],
      read: (cell, context) => {
        const written = cell('category');
        const category = written === '' ? context.defaultCategory : matchCategory(written, context.categories);
        const errors = category !== null ? [] : written === '' ? ['Kategorie fehlt'] : [`Unbekannte Kategorie „${written}“`];
        return { value: category ?? '', errors };
      },
    },
    export: [{ header: 'Kategorie', cell: (id, context) => textCell(context.categoryLabel(id)) }],
    database: { column: 'category' },
  }),
  traeger: optionalText('traeger', {
    max: 200,
    label: 'Träger',
    examples: ['Testverein Familienglück e. V.', 'Testträger gGmbH'],
    form: { section: 'Grunddaten', kind: 'text', input: { maxLength: 200 } },
    group: 'Adresse und Kontakt',
    synonyms: ['Träger', 'Trägerschaft', 'Träger der Einrichtung', 'Betreiber', 'Operator', 'Provider'],
  }),
  strasse: field({
    type: text(200).nullable(),
    default: null,
    label: 'Straße und Hausnummer',
    examples: ['Musterweg 1', 'Beispielstraße 12a'],
    format: (value) => value,
    form: { section: 'Adresse und Kontakt', kind: 'text', input: { autoComplete: 'off' } },
    details: { row: ADDRESS_ROW(1) },
    import: {
      group: 'Adresse und Kontakt',
      messageName: 'Straße',
      columns: [
        { target: 'strasse', label: 'Straße', synonyms: ['Straße', 'Str', 'Adresse', 'Anschrift', 'Address', 'Street', 'Straße und Hausnummer', 'Straße Hausnummer', 'Straße Nr'] },
        // Lists that keep the house number apart: it is appended to the street.
        { target: 'hausnummer', label: 'Hausnummer', synonyms: ['Hausnummer', 'Hausnr', 'Haus-Nr', 'Nr', 'HNr', 'Housenumber', 'House number'] },
      ],
      read: (cell) => ({ value: oneLine([cell('strasse'), cell('hausnummer')].filter(Boolean).join(' ')) || null, errors: [] }),
    },
    export: [{ header: 'Straße', cell: textCell }],
    database: { column: 'strasse' },
  }),
  plz: field({
    type: z.string().regex(/^\d{5}$/, 'PLZ hat fünf Ziffern').nullable(),
    default: null,
    label: 'PLZ',
    examples: ['37073', '37115'],
    format: (value) => value,
    form: { section: 'Adresse und Kontakt', row: 'ort', kind: 'text', input: { inputMode: 'numeric', maxLength: 5, width: 'postcode' } },
    details: { row: ADDRESS_ROW(2) },
    import: {
      group: 'Adresse und Kontakt',
      columns: [{ target: 'plz', label: 'PLZ', synonyms: ['PLZ', 'Postleitzahl', 'Postcode', 'Postal code', 'ZIP', 'ZIP code'] }],
      read: (cell) => {
        const plz = cell('plz') || null;
        return { value: plz, errors: plz !== null && !/^\d{5}$/.test(plz) ? [`PLZ „${plz}“ hat nicht fünf Ziffern`] : [] };
      },
    },
    export: [{ header: 'PLZ', cell: textCell }],
    database: { column: 'plz' },
  }),
  ort: optionalText('ort', {
    max: 120,
    label: 'Ort',
    examples: ['Göttingen', 'Duderstadt'],
    form: { section: 'Adresse und Kontakt', row: 'ort', kind: 'text' },
    details: { row: ADDRESS_ROW(2) },
    group: 'Adresse und Kontakt',
    synonyms: ['Ort', 'Stadt', 'Gemeinde', 'Ort/Gemeinde', 'Wohnort', 'City', 'Town'],
  }),
  telefon: optionalText('telefon', {
    max: 60,
    label: 'Telefon',
    examples: ['0551 123456', '05527 98765'],
    form: { section: 'Adresse und Kontakt', kind: 'text', input: { type: 'tel' } },
    group: 'Adresse und Kontakt',
    synonyms: ['Telefon', 'Tel', 'Telefonnummer', 'Fon', 'Phone', 'Telephone'],
  }),
  email: field({
    type: EmailSchema,
    default: null,
    label: 'E-Mail',
    examples: ['kontakt@example.org', 'info@example.net'],
    format: (value) => value,
    form: { section: 'Adresse und Kontakt', kind: 'text', input: { type: 'email' } },
    details: { link: 'mailto' },
    import: {
      group: 'Adresse und Kontakt',
      columns: [{ target: 'email', label: 'E-Mail', synonyms: ['E-Mail', 'Mail', 'E-Mail-Adresse', 'Email address'] }],
      read: (cell) => {
        const written = cell('email');
        const email = written === '' ? null : written.replace(/^mailto:/i, '');
        return { value: email, errors: email !== null && !EmailSchema.safeParse(email).success ? [`E-Mail „${email}“ ist keine gültige E-Mail-Adresse`] : [] };
      },
    },
    export: [{ header: 'E-Mail', cell: textCell }],
    database: { column: 'email' },
  }),
  web: field({
    type: z
      .string()
      .trim()
      .max(WEB_MAX, `höchstens ${WEB_MAX} Zeichen`)
      .refine((value) => safeWebAddress(value) !== null, 'keine gültige Web-Adresse (nur http://, https:// oder mailto:)')
      .nullable(),
    default: null,
    label: 'Webseite',
    examples: ['https://example.org/', 'https://www.example.net/kita'],
    format: (value) => value,
    form: { section: 'Adresse und Kontakt', kind: 'text', input: { type: 'url', placeholder: 'https://…' } },
    details: { link: 'web' },
    import: {
      group: 'Adresse und Kontakt',
      messageName: 'Web-Adresse',
      columns: [{ target: 'web', label: 'Web', synonyms: ['Web', 'Website', 'Webseite', 'Internet', 'Internetseite', 'Homepage', 'URL', 'WWW'] }],
      read: (cell) => {
        const written = cell('web') || null;
        const web = written === null ? null : normaliseWeb(written);
        return { value: web ?? written, errors: written !== null && web === null ? [`Web-Adresse „${written}“ ist ungültig`] : [] };
      },
    },
    export: [{ header: 'Web', cell: (value) => textCell(safeWebAddress(value)) }],
    database: {
      select: [{ name: 'web', sql: 'web' }],
      fromRow: (row) => safeWebAddress(row.web as string | null),
      write: [{ column: 'web', parameters: 1 }],
      toParameters: (value) => [value],
    },
  }),
  zielgruppen: field({
    type: z
      .array(z.enum(TARGET_GROUPS))
      .max(TARGET_GROUPS.length, `höchstens ${TARGET_GROUPS.length} Zielgruppen`)
      .refine((groups) => new Set(groups).size === groups.length, 'jede Zielgruppe nur einmal'),
    default: [],
    label: 'Zielgruppen',
    examples: [['Eltern', 'Kinder'], ['Fachkräfte']],
    format: (value) => (value.length === 0 ? '–' : value.join(', ')),
    form: { section: 'Angebot', kind: 'checkboxes', options: TARGET_GROUPS, optionTestId: 'zielgruppe' },
    details: {},
    import: {
      group: 'Angebot und Herkunft',
      columns: [{ target: 'zielgruppen', label: 'Zielgruppen', synonyms: ['Zielgruppen', 'Zielgruppe', 'Target groups', 'Target group'] }],
      read: (cell) => {
        const { groups, unknown } = readTargetGroups(cell('zielgruppen'));
        return { value: groups, errors: unknown.map((part) => `Unbekannte Zielgruppe „${part}“ (möglich: ${TARGET_GROUPS.join(', ')})`) };
      },
    },
    export: [{ header: 'Zielgruppen', cell: (groups) => textCell(groups.join(', ')) }],
    database: { column: 'zielgruppen' },
  }),
  angebote: optionalText('angebote', {
    max: 2000,
    multiline: true,
    label: 'Angebote',
    examples: ['Elterncafé', 'Krabbelgruppe; Beratung'],
    form: { section: 'Angebot', kind: 'textarea', rows: 3, maxLength: 2000 },
    details: { multiline: true },
    group: 'Angebot und Herkunft',
    synonyms: ['Angebote', 'Angebot', 'Leistungen', 'Angebotsbeschreibung', 'Services'],
  }),
  kapazitaet: field({
    type: z.number().int().min(0).max(100_000).nullable(),
    default: null,
    label: 'Kapazität (Plätze)',
    examples: [40, 1200],
    format: (value) => formatInteger(value),
    form: { section: 'Angebot', kind: 'integer', input: { inputMode: 'numeric', width: 'short' }, invalid: 'Bitte eine ganze Zahl eingeben' },
    details: { label: 'Kapazität', text: (value) => `${formatInteger(value)} Plätze` },
    import: {
      group: 'Angebot und Herkunft',
      messageName: 'Kapazität',
      columns: [{ target: 'kapazitaet', label: 'Kapazität', synonyms: ['Kapazität', 'Plätze', 'Platzzahl', 'Anzahl Plätze', 'Betreuungsplätze', 'Capacity'] }],
      read: (cell) => {
        const written = cell('kapazitaet');
        const kapazitaet = written === '' ? null : parseInteger(written);
        return { value: kapazitaet, errors: written !== '' && kapazitaet === null ? [`Kapazität „${written}“ ist keine ganze Zahl`] : [] };
      },
    },
    export: [{ header: 'Kapazität', cell: (value) => numberCell(value) }],
    database: { column: 'kapazitaet' },
  }),
  status: field({
    type: z.enum(FACILITY_STATUSES),
    default: DEFAULT_STATUS,
    label: 'Status',
    examples: ['in Betrieb', 'geplant'],
    format: (value) => value,
    form: { section: 'Grunddaten', kind: 'select', options: FACILITY_STATUSES },
    details: { shownAs: 'badge' },
    import: {
      group: 'Angebot und Herkunft',
      columns: [{ target: 'status', label: 'Status', synonyms: ['Status', 'Betriebsstatus'] }],
      read: (cell) => {
        const written = cell('status');
        const status = written === '' ? DEFAULT_STATUS : matchStatus(written);
        return { value: status ?? undefined, errors: status === null ? [`Unbekannter Status „${written}“ (möglich: ${FACILITY_STATUSES.join(', ')})`] : [] };
      },
    },
    export: [{ header: 'Status', cell: textCell }],
    database: { column: 'status' },
  }),
  foerderung: field({
    type: FundingSchema.nullable(),
    default: null,
    label: 'Förderung',
    examples: [{ programm: 'Familienzentrum Plus', seit: '2019-08' }, { programm: 'Frühe Hilfen', seit: null }],
    format: (funding) => (funding.seit ? `${funding.programm} (seit ${formatPartialDate(funding.seit)})` : funding.programm),
    form: {
      section: 'Angebot',
      kind: 'funding',
      programm: { id: 'foerderungProgramm', label: 'Förderprogramm', input: { placeholder: 'z. B. Familienzentrum Plus' } },
      seit: { id: 'foerderungSeit', label: 'gefördert seit', input: { placeholder: 'JJJJ oder JJJJ-MM', width: 'short' } },
      missingProgramm: 'Programm fehlt (oder „seit“ leeren)',
    },
    details: { testId: 'facility-panel-foerderung' },
    import: {
      group: 'Angebot und Herkunft',
      partNames: { programm: 'Förderprogramm', seit: 'Förderung seit' },
      columns: [
        { target: 'foerderungProgramm', label: 'Förderung', synonyms: ['Förderung', 'Förderprogramm', 'Förderung Programm', 'Förderungsprogramm', 'Programm', 'Funding'] },
        { target: 'foerderungSeit', label: 'Förderung seit', synonyms: ['Förderung seit', 'Gefördert seit', 'Förderbeginn', 'Seit', 'Funding since'] },
      ],
      read: (cell) => {
        const programm = cell('foerderungProgramm');
        const written = cell('foerderungSeit');
        const seit = written === '' ? null : parsePartialDate(written);
        const errors: string[] = [];
        if (written !== '' && seit === null) errors.push(`Förderung seit „${written}“ ist kein Datum (JJJJ, MM.JJJJ oder TT.MM.JJJJ)`);
        if (programm === '' && written !== '') errors.push('Förderung seit ist angegeben, aber kein Förderprogramm');
        return { value: programm === '' ? null : { programm, seit }, errors };
      },
    },
    export: [
      { header: 'Förderung', cell: (funding) => textCell(funding?.programm) },
      { header: 'Förderung seit', cell: (funding) => textCell(funding?.seit) },
    ],
    database: {
      select: [
        { name: 'foerderung_programm', sql: 'foerderung_programm' },
        { name: 'foerderung_seit', sql: 'foerderung_seit' },
      ],
      fromRow: (row) => (row.foerderung_programm ? { programm: row.foerderung_programm as string, seit: row.foerderung_seit as string | null } : null),
      write: [
        { column: 'foerderung_programm', parameters: 1 },
        { column: 'foerderung_seit', parameters: 1 },
      ],
      toParameters: (funding) => [funding?.programm ?? null, funding?.seit ?? null],
    },
  }),
  lage: field({
    type: LngLatSchema,
    default: REQUIRED,
    label: 'Lage',
    examples: [[9.9356, 51.5328], [10.2595, 51.5131]],
    format: (lngLat) => formatLngLat(lngLat),
    form: {
      section: 'Lage',
      kind: 'position',
      lat: { id: 'lat', label: 'Breite (°N)', input: { inputMode: 'decimal', width: 'coordinate' }, invalid: 'Breite als Dezimalzahl, z. B. 51,53' },
      lng: { id: 'lng', label: 'Länge (°O)', input: { inputMode: 'decimal', width: 'coordinate' }, invalid: 'Länge als Dezimalzahl, z. B. 9,93' },
    },
    details: { testId: 'facility-panel-lage' },
    import: {
      group: 'Lage',
      // A file gives the location as a GeoJSON geometry, as two columns or as one.
      columns: [
        {
          target: 'x',
          label: 'Rechtswert / Länge',
          synonyms: ['Länge', 'Längengrad', 'Geogr. Länge', 'Rechtswert', 'RW', 'Ostwert', 'Easting', 'East', 'X', 'X-Koordinate', 'Koordinate X', 'Lon', 'Lng', 'Long', 'Longitude'],
        },
        {
          target: 'y',
          label: 'Hochwert / Breite',
          synonyms: ['Breite', 'Breitengrad', 'Geogr. Breite', 'Hochwert', 'HW', 'Nordwert', 'Northing', 'North', 'Y', 'Y-Koordinate', 'Koordinate Y', 'Lat', 'Latitude'],
        },
        {
          target: 'koordinaten',
          label: 'Koordinaten (beide Werte in einer Spalte)',
          synonyms: ['Koordinaten', 'Koordinate', 'Geokoordinaten', 'Coordinates', 'Coords', 'Lage', 'Position', 'Lat/Lon', 'Lon/Lat', 'Geometrie', 'Geometry', 'WKT', 'Point'],
        },
      ],
      read: (_cell, context) => {
        const location = context.location();
        return 'error' in location ? { value: undefined, errors: [location.error] } : { value: location.lngLat, errors: [] };
      },
    },
    export: [
      { header: 'Länge', cell: (lngLat) => numberCell(lngLat[0], 6) },
      { header: 'Breite', cell: (lngLat) => numberCell(lngLat[1], 6) },
    ],
    database: {
      select: [
        { name: 'lng', sql: 'ST_X(geom)' },
        { name: 'lat', sql: 'ST_Y(geom)' },
      ],
      fromRow: (row): [number, number] => [Number(row.lng), Number(row.lat)],
      write: [{ column: 'geom', parameters: 2, types: ['float8', 'float8'], sql: ([lng, lat]) => `ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)` }],
      toParameters: (lngLat) => [lngLat[0], lngLat[1]],
    },
  }),
  lagegenauigkeit: field({
    type: z.enum(LOCATION_PRECISIONS),
    default: REQUIRED,
    label: 'Lagegenauigkeit',
    examples: ['adresse', 'ortslage'],
    format: (precision) => PRECISION_LABELS[precision],
    form: { section: 'Lage', kind: 'select', options: LOCATION_PRECISIONS, optionLabels: PRECISION_LABELS },
    details: {},
    import: {
      group: 'Lage',
      columns: [{ target: 'lagegenauigkeit', label: 'Lagegenauigkeit', synonyms: ['Lagegenauigkeit', 'Genauigkeit', 'Precision', 'Location precision'] }],
      read: (cell, context) => {
        const written = cell('lagegenauigkeit');
        const precision = written === '' ? context.lagegenauigkeit : matchPrecision(written);
        const possible = LOCATION_PRECISIONS.map((option) => PRECISION_LABELS[option]).join(', ');
        return { value: precision ?? undefined, errors: precision === null ? [`Unbekannte Lagegenauigkeit „${written}“ (möglich: ${possible})`] : [] };
      },
    },
    export: [{ header: 'Lagegenauigkeit', cell: (precision) => textCell(PRECISION_LABELS[precision]) }],
    database: { column: 'lagegenauigkeit' },
  }),
  quelle: optionalText('quelle', {
    max: 500,
    label: 'Quelle',
    examples: ['Trägerliste 2024', 'Telefonat'],
    form: { section: 'Herkunft', kind: 'text', input: { placeholder: 'z. B. Trägerliste 2024, Telefonat' } },
    group: 'Angebot und Herkunft',
    synonyms: ['Quelle', 'Quellen', 'Datenquelle', 'Herkunft', 'Source'],
  }),
  geprueftAm: field({
    type: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum als JJJJ-MM-TT')
      .refine((value) => parseDate(value) === value, 'kein gültiges Datum (Jahr 1900–2100, Tag im Kalender)')
      .nullable(),
    default: null,
    label: 'Geprüft am',
    examples: ['2024-04-30', '2025-01-15'],
    format: (date) => formatIsoDate(date),
    form: { section: 'Herkunft', kind: 'text', input: { type: 'date', width: 'short' } },
    details: {},
    import: {
      group: 'Angebot und Herkunft',
      columns: [{ target: 'geprueftAm', label: 'Geprüft am', synonyms: ['Geprüft am', 'Geprüft', 'Prüfdatum', 'Stand', 'Checked', 'Last checked'] }],
      read: (cell) => {
        const written = cell('geprueftAm');
        const date = written === '' ? null : parseDate(written);
        return { value: date, errors: written !== '' && date === null ? [`Geprüft am „${written}“ ist kein Datum (TT.MM.JJJJ oder JJJJ-MM-TT)`] : [] };
      },
    },
    export: [{ header: 'Geprüft am', cell: textCell }],
    // A date column, served as JJJJ-MM-TT text.
    database: { column: 'geprueft_am', select: 'geprueft_am::text' },
  }),
  bestaetigung: field({
    type: z.enum(CONFIDENCE_LEVELS),
    // Whoever enters a facility knows it; only research from public notes is unconfirmed.
    default: 'bestätigt',
    label: 'Bestätigung',
    examples: ['bestätigt', 'unbestätigt'],
    format: (value) => value,
    form: { section: 'Herkunft', kind: 'select', options: CONFIDENCE_LEVELS },
    details: { testId: 'facility-panel-bestaetigung' },
    import: {
      group: 'Angebot und Herkunft',
      columns: [
        { target: 'bestaetigung', label: 'Bestätigung', synonyms: ['Bestätigung', 'Bestätigt', 'Gesichert', 'Verlässlichkeit', 'Confidence', 'Confirmed'] },
      ],
      read: (cell) => {
        const written = cell('bestaetigung');
        const words: Record<string, Confidence> = Object.fromEntries(
          (
            [
              ['bestätigt', 'bestätigt'], ['ja', 'bestätigt'], ['gesichert', 'bestätigt'], ['hoch', 'bestätigt'], ['yes', 'bestätigt'],
              ['unbestätigt', 'unbestätigt'], ['nein', 'unbestätigt'], ['unsicher', 'unbestätigt'], ['niedrig', 'unbestätigt'], ['no', 'unbestätigt'],
            ] as const
          ).map(([word, level]) => [matchKey(word), level]),
        );
        const level = written === '' ? 'bestätigt' : words[matchKey(written)];
        return { value: level, errors: level === undefined ? [`Unbekannte Bestätigung „${written}“ (möglich: ${CONFIDENCE_LEVELS.join(', ')})`] : [] };
      },
    },
    export: [{ header: 'Bestätigung', cell: textCell }],
    database: { column: 'bestaetigung' },
  }),
};

export type FieldKey = keyof typeof FACILITY_FIELDS;

/** The keys a user may set, in the order forms and reports list them. */
export const FIELD_KEYS = Object.keys(FACILITY_FIELDS) as readonly FieldKey[];

/** One entry of the registry, for code that walks all fields alike. */
export function fieldDefinition(key: FieldKey): AnyFieldDefinition {
  return FACILITY_FIELDS[key] as AnyFieldDefinition;
}

/**
 * The order of the keys of a stored facility (API JSON, GeoJSON export, schema messages): the
 * registry's, with the category first, as the API has always written it.
 */
export const RECORD_ORDER: readonly FieldKey[] = ['category', ...FIELD_KEYS.filter((key) => key !== 'category')];

// The import reads the location last, precision before position, so a row's messages about
// its cells come before those about where it lies (as the mapping step lists them).
const READ_LAST: readonly FieldKey[] = ['lagegenauigkeit', 'lage'];

/** The order in which the import reads the fields of a row and lists its target columns. */
export const IMPORT_ORDER: readonly FieldKey[] = [...FIELD_KEYS.filter((key) => !READ_LAST.includes(key)), ...READ_LAST];

/**
 * Columns of a stored facility that no user sets: the CSV export writes them after the fields,
 * and the import recognises them in our own export. ID and Version tell which facility a row
 * describes; Gemeinde and Sozialraum are derived from the location, so the import ignores them.
 */
export const RECORD_COLUMNS = [
  {
    target: 'gemeindeAgs',
    label: 'Gemeinde (AGS, wird aus der Lage berechnet)',
    synonyms: ['Gemeinde (AGS)', 'AGS', 'Gemeindeschlüssel', 'Amtlicher Gemeindeschlüssel'],
    header: 'Gemeinde (AGS)',
    cell: (facility: Facility) => textCell(facility.gemeindeAgs),
  },
  {
    target: 'sozialraum',
    label: 'Sozialraum (wird aus der Lage berechnet)',
    synonyms: ['Sozialraum', 'Sozialraum-ID', 'Sozialraum ID'],
    header: 'Sozialraum',
    // People read the name; the import derives the Sozialraum from the location anyway.
    cell: (facility: Facility, context: ExportContext) => textCell(context.sozialraumName(facility.sozialraumId)),
  },
  { target: 'version', label: 'Version', synonyms: ['Version'], header: 'Version', cell: (facility: Facility) => numberCell(facility.version) },
  { target: 'id', label: 'ID', synonyms: ['ID', 'UUID'], header: 'ID', cell: (facility: Facility) => textCell(facility.id) },
] as const;
