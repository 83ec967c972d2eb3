import { z } from 'zod';
import { FACILITY_STATUSES, LOCATION_PRECISIONS, SYMBOL_SHAPES, TARGET_GROUPS } from './catalog';

/**
 * The facility model and the API payloads, as zod schemas: the single description used to
 * validate at the edges (API input, import rows) and to publish the OpenAPI document.
 * Municipality and Sozialraum are derived from the location by the server, never sent.
 */

const text = (max: number) => z.string().trim().max(max);

export const LngLatSchema = z
  .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
  .describe('Longitude, latitude in WGS84 (EPSG:4326)');

export const FundingSchema = z.object({
  programm: text(120).min(1).describe('e.g. "Familienzentrum Plus"'),
  seit: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'Datum als JJJJ, JJJJ-MM oder JJJJ-MM-TT')
    .nullable()
    .default(null),
});

/** The fields without defaults: what a change may contain (absent = unchanged). */
const FIELD_SHAPE = {
  category: z.string().regex(/^[a-z0-9-]+$/, 'Kategorie-Kennung aus dem Katalog'),
  name: text(200).min(1, 'Name fehlt'),
  traeger: text(200).nullable(),
  strasse: text(200).nullable(),
  plz: z.string().regex(/^\d{5}$/, 'PLZ hat fünf Ziffern').nullable(),
  ort: text(120).nullable(),
  telefon: text(60).nullable(),
  email: z.string().email('keine gültige E-Mail-Adresse').nullable(),
  web: z.string().url('keine gültige Web-Adresse').nullable(),
  zielgruppen: z.array(z.enum(TARGET_GROUPS)),
  angebote: text(2000).nullable(),
  kapazitaet: z.number().int().min(0).max(100_000).nullable(),
  status: z.enum(FACILITY_STATUSES),
  foerderung: FundingSchema.nullable(),
  lage: LngLatSchema,
  lagegenauigkeit: z.enum(LOCATION_PRECISIONS),
  quelle: text(500).nullable(),
  geprueftAm: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum als JJJJ-MM-TT').nullable(),
};

/** What a user may set on a facility; optional fields default to empty. */
export const FacilityFieldsSchema = z.object({
  ...FIELD_SHAPE,
  traeger: FIELD_SHAPE.traeger.default(null),
  strasse: FIELD_SHAPE.strasse.default(null),
  plz: FIELD_SHAPE.plz.default(null),
  ort: FIELD_SHAPE.ort.default(null),
  telefon: FIELD_SHAPE.telefon.default(null),
  email: FIELD_SHAPE.email.default(null),
  web: FIELD_SHAPE.web.default(null),
  zielgruppen: FIELD_SHAPE.zielgruppen.default([]),
  angebote: FIELD_SHAPE.angebote.default(null),
  kapazitaet: FIELD_SHAPE.kapazitaet.default(null),
  status: FIELD_SHAPE.status.default('in Betrieb'),
  foerderung: FIELD_SHAPE.foerderung.default(null),
  quelle: FIELD_SHAPE.quelle.default(null),
  geprueftAm: FIELD_SHAPE.geprueftAm.default(null),
});
export type FacilityFields = z.infer<typeof FacilityFieldsSchema>;
export type FacilityFieldsInput = z.input<typeof FacilityFieldsSchema>;

/** A change: only the fields sent are changed; no defaults, so nothing is reset by omission. */
export const FacilityChangesSchema = z.object(FIELD_SHAPE).partial();

/** A facility as stored and served. */
export const FacilitySchema = FacilityFieldsSchema.extend({
  id: z.string().uuid(),
  district: z.string(),
  version: z.number().int().min(1),
  /** Derived from lage; null when the point lies in no municipality of the district. */
  gemeindeAgs: z.string().nullable(),
  sozialraumId: z.string().nullable(),
  geloescht: z.boolean(),
  geaendertAm: z.string().describe('ISO timestamp of the last change'),
  geaendertVon: z.string().nullable().describe('display name of the user of the last change'),
});
export type Facility = z.infer<typeof FacilitySchema>;

export const CreateFacilitySchema = FacilityFieldsSchema;

/** A change sends the version it was based on; a stale version is refused (409). */
export const UpdateFacilitySchema = z.object({
  baseVersion: z.number().int().min(1),
  changes: FacilityChangesSchema,
});

export const VersionedActionSchema = z.object({ baseVersion: z.number().int().min(1) });

export const RevertSchema = z.object({
  baseVersion: z.number().int().min(1),
  toVersion: z.number().int().min(1),
});

export const FacilityVersionSchema = z.object({
  version: z.number().int(),
  action: z.enum(['angelegt', 'geaendert', 'verschoben', 'geloescht', 'wiederhergestellt', 'zurueckgesetzt', 'importiert']),
  am: z.string(),
  von: z.string().nullable(),
  vorher: FacilitySchema.nullable(),
  nachher: FacilitySchema,
});
export type FacilityVersion = z.infer<typeof FacilityVersionSchema>;

export const FacilityFilterSchema = z.object({
  category: z.string().optional(),
  sozialraum: z.string().optional(),
  status: z.enum(FACILITY_STATUSES).optional(),
  lagegenauigkeit: z.enum(LOCATION_PRECISIONS).optional(),
  q: z.string().max(200).optional(),
  geloescht: z.enum(['nein', 'ja', 'alle']).default('nein'),
});
export type FacilityFilter = z.infer<typeof FacilityFilterSchema>;

export const ImportCommitSchema = z.object({
  /** Rows already parsed, mapped and checked in the browser; the server checks them again. */
  rows: z.array(FacilityFieldsSchema).min(1).max(20_000),
  dateiname: z.string().max(300),
});

export const ROLES = ['koordination', 'planung', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const LoginSchema = z.object({
  email: z.string().trim().toLowerCase().email('keine gültige E-Mail-Adresse'),
  passwort: z.string().min(1, 'Passwort fehlt').max(200),
});

export const UserSchema = z.object({
  id: z.string().uuid(),
  email: z.string(),
  name: z.string(),
  rolle: z.enum(ROLES),
  /** For koordination: the areas they may edit, as "sozialraum:<id>" or "sozialregion:<id>" per district. */
  zustaendigkeiten: z.array(z.object({ district: z.string(), gebiet: z.string().regex(/^(sozialraum|sozialregion):[a-z0-9-]+$/) })),
  aktiv: z.boolean(),
});
export type User = z.infer<typeof UserSchema>;

export const CreateUserSchema = z.object({
  email: z.string().trim().toLowerCase().email('keine gültige E-Mail-Adresse'),
  name: text(120).min(1, 'Name fehlt'),
  rolle: z.enum(ROLES),
  passwort: z.string().min(10, 'Passwort braucht mindestens 10 Zeichen').max(200),
  zustaendigkeiten: UserSchema.shape.zustaendigkeiten.default([]),
});

export const UpdateUserSchema = CreateUserSchema.partial().extend({ aktiv: z.boolean().optional() });

export const CategorySchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  label: z.string().min(1),
  shape: z.enum(SYMBOL_SHAPES),
  colour: z.string().regex(/^#[0-9a-f]{6}$/i),
  reachKm: z.number().positive(),
});

export const ErrorSchema = z.object({
  error: z.string().describe('German message for the user'),
  code: z.string(),
  details: z.unknown().optional(),
});
