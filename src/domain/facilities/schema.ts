import { z } from 'zod';
import { FACILITY_STATUSES, LOCATION_PRECISIONS, SYMBOL_SHAPES } from './catalog';
import { REQUIRED, text, type Required } from './fieldDefinition';
import { NewPasswordSchema, PASSWORD_MAX_LENGTH } from './passwordPolicy';
import { FACILITY_FIELDS, FIELD_KEYS, RECORD_ORDER, fieldDefinition, type FieldKey } from './fields';

/**
 * The facility model and the API payloads, as zod schemas: the single description used to
 * validate at the edges (API input, import rows) and to publish the OpenAPI document.
 * Municipality and Sozialraum are derived from the location by the server, never sent.
 */

export { FundingSchema, LngLatSchema } from './fields';

type Fields = typeof FACILITY_FIELDS;
type ChangeShape = { [K in FieldKey]: Fields[K]['type'] };
type FieldsShape = { [K in FieldKey]: Fields[K]['default'] extends Required ? Fields[K]['type'] : z.ZodDefault<Fields[K]['type']> };

const changeShape = Object.fromEntries(RECORD_ORDER.map((key) => [key, fieldDefinition(key).type])) as ChangeShape;
const fieldsShape = Object.fromEntries(
  RECORD_ORDER.map((key) => {
    const { type, default: value } = fieldDefinition(key);
    return [key, value === REQUIRED ? type : type.default(value as never)];
  }),
) as FieldsShape;

/** What a user may set on a facility (the field registry, fields.ts); optional fields default to empty. */
export const FacilityFieldsSchema = z.object(fieldsShape);
export type FacilityFields = z.infer<typeof FacilityFieldsSchema>;
export type FacilityFieldsInput = z.input<typeof FacilityFieldsSchema>;

/** A change: only the fields sent are changed; no defaults, so nothing is reset by omission. */
export const FacilityChangesSchema = z.object(changeShape).partial();

type RequiredKey = { [K in FieldKey]: Fields[K]['default'] extends Required ? K : never }[FieldKey];

/** What a new facility gets for the fields it does not give; fresh values on every call. */
export function defaultFields(): Omit<FacilityFields, RequiredKey> {
  const defaults: Record<string, unknown> = {};
  for (const key of FIELD_KEYS) {
    const value = fieldDefinition(key).default;
    if (value !== REQUIRED) defaults[key] = structuredClone(value);
  }
  return defaults as Omit<FacilityFields, RequiredKey>;
}

/** The user-settable fields of a facility (drops id, version, derived and bookkeeping fields). */
export function fieldsOf(facility: FacilityFields): FacilityFields {
  const fields = {} as Record<FieldKey, unknown>;
  for (const key of FIELD_KEYS) fields[key] = facility[key];
  return fields as FacilityFields;
}

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
/** A version number: the database keeps it in a 32-bit integer column. */
const VersionNumber = z.number().int().min(1).max(2_147_483_647);

export const UpdateFacilitySchema = z.object({
  baseVersion: VersionNumber,
  changes: FacilityChangesSchema,
});

export const VersionedActionSchema = z.object({ baseVersion: VersionNumber });

export const RevertSchema = z.object({
  baseVersion: VersionNumber,
  toVersion: VersionNumber,
});

export const FacilityVersionSchema = z.object({
  version: z.number().int(),
  action: z.enum(['angelegt', 'geaendert', 'verschoben', 'geloescht', 'wiederhergestellt', 'zurueckgesetzt', 'importiert', 'import_rueckgaengig', 'import_wiederhergestellt']),
  am: z.string(),
  von: z.string().nullable(),
  vorher: FacilitySchema.nullable(),
  nachher: FacilitySchema,
});
export type FacilityVersion = z.infer<typeof FacilityVersionSchema>;

/** The id of a catalogue entry or an area as the filter names it. */
const IdentifierFilter = z.string().max(60, 'höchstens 60 Zeichen').regex(/^[a-z0-9-]+$/, 'nur a-z, 0-9 und -').optional();

export const FacilityFilterSchema = z.object({
  category: IdentifierFilter,
  sozialraum: IdentifierFilter,
  status: z.enum(FACILITY_STATUSES).optional(),
  lagegenauigkeit: z.enum(LOCATION_PRECISIONS).optional(),
  q: text(200).optional(),
  geloescht: z.enum(['nein', 'ja', 'alle']).default('nein'),
});
export type FacilityFilter = z.infer<typeof FacilityFilterSchema>;

/** The most rows one import may have. */
export const IMPORT_MAX_ROWS = 20_000;

/** An id the browser chooses for a check or an import, to ask for its progress meanwhile. */
const ProgressIdSchema = z.string().uuid().optional().describe('chosen by the client; GET /api/import-progress/{id} reports the progress');

export const ImportCheckSchema = z.object({
  rows: z.array(FacilityFieldsSchema).min(1).max(IMPORT_MAX_ROWS),
  vorgang: ProgressIdSchema,
});

export const ImportCommitSchema = z.object({
  /** Rows already parsed, mapped and checked in the browser; the server checks them again. */
  rows: z.array(FacilityFieldsSchema).min(1).max(IMPORT_MAX_ROWS),
  dateiname: z.string().max(300),
  vorgang: ProgressIdSchema,
});

/**
 * Undoing an import batch. Facilities edited since the import are only deleted when the user
 * said so ('loeschen') or kept ('behalten'); without a decision the server answers 409 with them.
 */
export const ImportUndoSchema = z.object({ geaenderte: z.enum(['behalten', 'loeschen']).optional() });

export const ROLES = ['koordination', 'planung', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** An e-mail address of an account, compared in lower case. */
const AccountEmail = z.string().trim().toLowerCase().max(254, 'höchstens 254 Zeichen').email('keine gültige E-Mail-Adresse');

export const LoginSchema = z.object({
  email: AccountEmail,
  passwort: z.string().min(1, 'Passwort fehlt').max(PASSWORD_MAX_LENGTH, `höchstens ${PASSWORD_MAX_LENGTH} Zeichen`),
});

export const UserSchema = z.object({
  id: z.string().uuid(),
  email: z.string(),
  name: z.string(),
  rolle: z.enum(ROLES),
  /** For koordination: the areas they may edit, as "sozialraum:<id>" or "sozialregion:<id>" per district. */
  zustaendigkeiten: z
    .array(z.object({ district: z.string().max(60), gebiet: z.string().max(80).regex(/^(sozialraum|sozialregion):[a-z0-9-]+$/) }))
    .max(500, 'höchstens 500 Zuständigkeiten'),
  aktiv: z.boolean(),
});
export type User = z.infer<typeof UserSchema>;

export const CreateUserSchema = z.object({
  email: AccountEmail,
  name: text(120).min(1, 'Name fehlt'),
  rolle: z.enum(ROLES),
  passwort: NewPasswordSchema,
  zustaendigkeiten: UserSchema.shape.zustaendigkeiten.default([]),
});

export const UpdateUserSchema = CreateUserSchema.partial().extend({ aktiv: z.boolean().optional() });

/** A user changes their own password: the current one proves it is them. */
export const ChangePasswordSchema = z.object({
  passwort: LoginSchema.shape.passwort,
  neuesPasswort: NewPasswordSchema,
});

export const ReleaseThrottleSchema = z.object({ key: z.string().max(400).regex(/^(konto|adresse):/, 'Schlüssel konto:… oder adresse:…') });

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
