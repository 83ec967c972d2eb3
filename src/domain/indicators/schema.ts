import { z } from 'zod';
import { DATA_LEVELS, IndicatorDefinitionSchema, INDICATOR_KINDS, POLARITIES, SourceSchema, TIME_REFERENCES } from './catalog';
import { CONTROL_CHARACTER_MESSAGE, isPrintable } from '../facilities/fieldDefinition';
import { parseDate } from '../import/dates';

/**
 * The Kennzahlen API as zod schemas: requests the server validates and responses the browser
 * and the command line check, so the OpenAPI document and every client agree.
 */

/** The levels a Kennzahl can be shown at, as the API names them. */
export const VIEW_LEVELS = ['gemeinde', 'sozialraum', 'sozialregion', 'planungsraum', 'kreis'] as const;
export type ViewLevel = (typeof VIEW_LEVELS)[number];

export const VIEWS = ['geschuetzt', 'intern'] as const;


export const INTERNAL_VIEW_NOTE = 'Interne Ansicht: ungeschützte Werte, nur für die Planung – nicht weitergeben, nicht exportieren.';

/** A day of the calendar as JJJJ-MM-TT (not the 30th of February): the database takes nothing else. */
export const CalendarDateSchema = z
  .string({ error: 'muss ein Datum JJJJ-MM-TT sein' })
  .refine((value) => parseDate(value) === value, { error: 'muss ein Datum JJJJ-MM-TT im Kalender sein' });
const isoDate = CalendarDateSchema;

/** Every text of a definition printable: control characters and lone surrogates break CSV, terminals and PostgreSQL. */
function printableThroughout(value: unknown): boolean {
  if (typeof value === 'string') return isPrintable(value);
  if (Array.isArray(value)) return value.every(printableThroughout);
  if (value && typeof value === 'object') return Object.entries(value).every(([key, each]) => isPrintable(key) && printableThroughout(each));
  return true;
}

/** A planner's own definition as the API takes it: the catalogue's schema, every text printable. */
export const PlannerDefinitionSchema = IndicatorDefinitionSchema.refine(printableThroughout, { error: `Ein Text der Kennzahl ${CONTROL_CHARACTER_MESSAGE}` });

export const IndicatorValueSchema = z.object({
  wert: z.number().nullable(),
  status: z.enum(['wert', 'geheim', 'fehlt', 'unvollstaendig', 'nicht-verfuegbar']),
  geheim: z.boolean(),
  grund: z.enum(['primaer', 'sekundaer', 'mindestnenner', 'mindestgewicht']).nullable(),
  fehlend: z.array(z.string()),
  zaehler: z.number().nullable(),
  nenner: z.number().nullable(),
  nennerStichtag: z.string().nullable(),
  unsicher: z.boolean(),
  /** The value as shown: „12,5 %“, „•“ for a protected value, „–“ for none. */
  text: z.string(),
});

export const AreaRefSchema = z.object({
  /** `${ebene}:${id}`: "sozialraum:adelebsen", "gemeinde:03159001", "kreis:03159". */
  schluessel: z.string(),
  ebene: z.enum(['gemeinde', 'sozialraum', 'ausserhalb', 'sozialregion', 'planungsraum', 'kreis']),
  id: z.string(),
  name: z.string(),
  einwohner: z.number(),
});

export const CatalogueItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  definition: z.string(),
  einheit: z.string(),
  thema: z.string(),
  art: z.enum(INDICATOR_KINDS),
  polaritaet: z.enum(POLARITIES),
  zeitbezug: z.enum(TIME_REFERENCES),
  /** Where the values come: for rates the coarsest level of their counts. */
  ebene: z.enum(DATA_LEVELS),
  herkunft: z.enum(['geodata', 'eigene']),
  version: z.number().int(),
  quelle: SourceSchema,
  /** Dates with values, oldest first. */
  stichtage: z.array(z.string()),
  /** „Stand 31.12.2015“, „Jahressumme 2015“ for the newest date, or null without values. */
  stand: z.string().nullable(),
  geheimhaltung: z.string(),
  hinweis: z.string().nullable(),
  brueche: z.array(z.object({ ab: z.string(), hinweis: z.string() })),
  /** The full definition as stored (components, factor, rules). */
  kennzahl: IndicatorDefinitionSchema,
});
export type CatalogueItem = z.infer<typeof CatalogueItemSchema>;

export const CatalogueResponseSchema = z.object({
  district: z.string(),
  geheimhaltung: z.object({ mindestwert: z.number(), hinweis: z.string() }),
  gueltigkeit: z.object({ einwohner: z.number(), hinweis: z.string() }),
  kennzahlen: z.array(CatalogueItemSchema),
});
export type CatalogueResponse = z.infer<typeof CatalogueResponseSchema>;

const viewShape = {
  ansicht: z.enum(VIEWS),
  /** Present in the internal view only: what the reader must know about it. */
  hinweisIntern: z.string().nullable(),
};

export const AreaValueSchema = AreaRefSchema.extend({ wert: IndicatorValueSchema });

export const LevelValuesResponseSchema = z.object({
  ...viewShape,
  kennzahl: z.object({ id: z.string(), name: z.string(), einheit: z.string(), art: z.enum(INDICATOR_KINDS), polaritaet: z.enum(POLARITIES) }),
  ebene: z.enum(VIEW_LEVELS),
  stichtag: z.string(),
  stand: z.string(),
  quelle: SourceSchema,
  werte: z.array(AreaValueSchema),
  planungsraum: AreaValueSchema,
  kreis: AreaValueSchema,
  gueltigkeitsHinweis: z.string(),
});
export type LevelValuesResponse = z.infer<typeof LevelValuesResponseSchema>;

const nullableNumber = z.number().nullable();

export const SpineSchema = z.object({
  vergleich: z.object({ ebene: AreaRefSchema.shape.ebene, name: z.string(), anzahl: z.number().int(), ohneWert: z.number().int() }),
  min: nullableNumber,
  q1: nullableNumber,
  median: nullableNumber,
  q3: nullableNumber,
  max: nullableNumber,
  planungsraum: nullableNumber,
  gebiet: nullableNumber,
  klasse: z.enum(['besser', 'schlechter', 'mittel', 'hoeher', 'niedriger', 'keine-wertung', 'kein-wert']),
  klasseText: z.string(),
  regel: z.string(),
});

export const TrendSchema = z.object({
  punkte: z.array(z.object({ stichtag: z.string(), wert: nullableNumber, planungsraum: nullableNumber, text: z.string() })),
  brueche: z.array(z.object({ ab: z.string(), hinweis: z.string() })),
});

export const ProfileEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  thema: z.string(),
  einheit: z.string(),
  art: z.enum(INDICATOR_KINDS),
  polaritaet: z.enum(POLARITIES),
  stichtag: z.string(),
  stand: z.string(),
  wert: IndicatorValueSchema,
  /** The planning area's value (the district value the area is compared with) and the Kreis'. */
  planungsraum: IndicatorValueSchema,
  kreis: IndicatorValueSchema,
  /** Where the area is below the validity threshold: its Sozialregion's value to show instead. */
  sozialregion: AreaRefSchema.extend({ wert: IndicatorValueSchema }).nullable(),
  gueltigkeitsHinweis: z.string().nullable(),
  /** Breaks of the series at or before this date that the reader must know. */
  bruch: z.string().nullable(),
  quelle: SourceSchema,
  /** The spine chart: range, middle half and planning area of the comparison areas, this area, the class and its rule. */
  spine: SpineSchema,
  /** The area's figures on every date of the Kennzahl (withheld ones null), with the breaks of the series. */
  verlauf: TrendSchema,
});
export type ProfileEntry = z.infer<typeof ProfileEntrySchema>;

export const ProfileResponseSchema = z.object({
  ...viewShape,
  gebiet: AreaRefSchema,
  planungsraum: AreaRefSchema,
  kreis: AreaRefSchema,
  geheimhaltung: z.string(),
  kennzahlen: z.array(ProfileEntrySchema),
});
export type ProfileResponse = z.infer<typeof ProfileResponseSchema>;

export const SimilarQuerySchema = z.object({
  ansicht: z.enum(VIEWS, { error: 'ansicht muss „geschuetzt“ oder „intern“ sein' }).default('geschuetzt'),
  /** The chosen Kennzahlen, comma-separated ids. */
  kennzahlen: z.string().regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, 'kennzahlen: durch Komma getrennte Kennzahl-ids'),
  stichtag: z.string().regex(/^\d{4}(-\d{2}-\d{2})?$/, 'stichtag muss JJJJ oder JJJJ-MM-TT sein').optional(),
  anzahl: z.coerce.number().int().min(1).max(20).default(3),
});

export const SimilarResponseSchema = z.object({
  ...viewShape,
  gebiet: AreaRefSchema,
  vergleich: z.string(),
  regel: z.string(),
  kennzahlen: z.array(z.object({ id: z.string(), name: z.string(), stichtag: z.string(), stand: z.string(), mittel: z.number(), standardabweichung: z.number() })),
  nichtVerwendet: z.array(z.object({ id: z.string(), name: z.string(), grund: z.string() })),
  nachbarn: z.array(
    z.object({
      gebiet: AreaRefSchema,
      distanz: z.number(),
      kennzahlen: z.array(z.object({ id: z.string(), name: z.string(), abstand: z.number() })),
      aehnlichIn: z.array(z.string()),
    }),
  ),
  nichtVergleichbar: z.array(z.object({ gebiet: AreaRefSchema, fehlt: z.array(z.string()) })),
});
export type SimilarResponse = z.infer<typeof SimilarResponseSchema>;

export const ViewQuerySchema = z.object({
  ansicht: z.enum(VIEWS, { error: 'ansicht muss „geschuetzt“ oder „intern“ sein' }).default('geschuetzt'),
});

export const LevelValuesQuerySchema = ViewQuerySchema.extend({
  ebene: z.enum(VIEW_LEVELS, { error: 'ebene muss gemeinde, sozialraum, sozialregion, planungsraum oder kreis sein' }).default('sozialraum'),
  /** Without a date the newest; otherwise that date (or a year: its last date). */
  stichtag: z.string().regex(/^\d{4}(-\d{2}-\d{2})?$/, 'stichtag muss JJJJ oder JJJJ-MM-TT sein').optional(),
});

export const ProfileQuerySchema = ViewQuerySchema.extend({
  /** Each Kennzahl at its newest date on or before this one (default: its newest). */
  stichtag: z.string().regex(/^\d{4}(-\d{2}-\d{2})?$/, 'stichtag muss JJJJ oder JJJJ-MM-TT sein').optional(),
});

/** One stored count or mean, as planners edit it (the internal view of the raw figures). */
export const StoredValueSchema = z.object({
  id: z.string().uuid(),
  kennzahl: z.string(),
  gebiet: z.string(),
  stichtag: z.string(),
  wert: z.number(),
  quelle: SourceSchema.nullable(),
  version: z.number().int(),
  geloescht: z.boolean(),
  geaendertAm: z.string(),
  geaendertVon: z.string().nullable(),
});
export type StoredIndicatorValue = z.infer<typeof StoredValueSchema>;

export const StoredValueVersionSchema = z.object({
  version: z.number().int(),
  action: z.enum(['angelegt', 'geaendert', 'importiert', 'geloescht', 'wiederhergestellt', 'zurueckgesetzt']),
  am: z.string(),
  von: z.string().nullable(),
  vorher: StoredValueSchema.nullable(),
  nachher: StoredValueSchema,
});

export const PutValueSchema = z.object({
  /** AGS of a Gemeinde, the id of a Sozialraum (or area outside them), or the Kreis' AGS, by the Kennzahl's level. */
  gebiet: z.string().min(1, 'gebiet fehlt'),
  stichtag: isoDate,
  wert: z.number({ error: 'wert muss eine Zahl sein' }).finite(),
  /** The version the change is based on; absent for a new value. */
  baseVersion: z.number().int().positive().optional(),
});

export const VersionedSchema = z.object({ baseVersion: z.number().int().positive() });
export const RevertValueSchema = VersionedSchema.extend({ toVersion: z.number().int().positive() });

/** A planner's definition as stored: the definition and its version (the baseVersion of the next change). */
export const DefinitionResponseSchema = z.object({ kennzahl: IndicatorDefinitionSchema, version: z.number() });
export type DefinitionResponse = z.infer<typeof DefinitionResponseSchema>;

export const DefinitionVersionSchema = z.object({
  version: z.number().int(),
  action: z.string(),
  am: z.string(),
  von: z.string().nullable(),
  nachher: IndicatorDefinitionSchema,
});

export const ImportRequestSchema = z.object({
  /** The file's text, decoded in the browser or by the command line (UTF-8 or Windows-1252). */
  text: z.string().min(1, 'Die Datei ist leer.').max(20_000_000, 'Die Datei ist zu groß (höchstens 20 MB).'),
  dateiname: z.string().max(300).default('Datei'),
  /** Value column → Kennzahl id, where the suggestion is not wanted; null leaves a column out. */
  zuordnung: z.record(z.string(), z.string().nullable()).optional(),
});
export type ImportRequest = z.infer<typeof ImportRequestSchema>;

export const ImportRowReportSchema = z.object({
  /** 1-based line of the file. */
  zeile: z.number().int(),
  spalte: z.string().nullable(),
  kennzahl: z.string().nullable(),
  gebiet: z.string().nullable(),
  stichtag: z.string().nullable(),
  wert: z.number().nullable(),
  fehler: z.array(z.string()),
  hinweise: z.array(z.string()),
});
export type ImportRowReport = z.infer<typeof ImportRowReportSchema>;

export const ImportReportSchema = z.object({
  format: z.enum(['csv', 'genesis']),
  tabelle: z.string().nullable(),
  spalten: z.array(z.object({ spalte: z.string(), kennzahl: z.string().nullable(), vorschlag: z.boolean() })),
  zeilen: z.array(ImportRowReportSchema),
  /** What will be written: one entry per Kennzahl, area and date (old keys summed). */
  werte: z.array(z.object({ kennzahl: z.string(), gebiet: z.string(), stichtag: z.string(), wert: z.number(), ersetzt: z.number().nullable() })),
  fehler: z.number().int(),
  hinweise: z.array(z.string()),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

export const ImportCommitResponseSchema = z.object({ geschrieben: z.number().int(), neu: z.number().int(), geaendert: z.number().int() });

/**
 * The facilities of an area by category with the share of its residents within reach, for the
 * profile page: the same rows as the profile report's section (domain/report/coverage.ts).
 */
export const AreaFacilitiesResponseSchema = z.object({
  gebiet: AreaRefSchema,
  kategorien: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      inBetrieb: z.number().int(),
      geplant: z.number().int(),
      geschlossen: z.number().int(),
      /** „ca. 87 %“; null: no facility of the category in operation anywhere, so nothing computed. */
      versorgt: z.string().nullable(),
      /** „5 km Luftlinie“; null with versorgt. */
      reichweite: z.string().nullable(),
    }),
  ),
  /** What „versorgt“ means and what the residents rest on; null when nothing was computed. */
  hinweis: z.string().nullable(),
  /** The facilities' Stand („Stand 2013 bis 03.2019 (…) · 0 von 16 geprüft“). */
  stand: z.string(),
});
export type AreaFacilitiesResponse = z.infer<typeof AreaFacilitiesResponseSchema>;
