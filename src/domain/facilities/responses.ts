import { z } from 'zod';
import { CategorySchema, FacilitySchema, FacilityVersionSchema, UserSchema } from './schema';

/**
 * The bodies the API answers with, beside the request schemas in schema.ts: the server
 * documents its answers with them (OpenAPI) and the browser checks every answer against
 * them before a store sees it, so both sides mean the same thing by "a facility".
 */

export const CategoriesResponseSchema = z.object({ categories: z.array(CategorySchema) });

/**
 * A list of facilities, or the facilities changed since a `stand`: `stand` is where the
 * district's change counter stood before the list was read; asking for changes since it brings
 * everything changed after (the list's own facilities may come again).
 */
export const FacilitiesResponseSchema = z.object({
  stand: z.number().int().nonnegative().describe('change counter before the list was read: GET …/facilities/changes?seit=stand'),
  facilities: z.array(FacilitySchema),
});

export const FacilityChangesQuerySchema = z.object({
  seit: z
    .string()
    .regex(/^\d{1,15}$/, 'seit muss der Stand einer früheren Liste sein (eine ganze Zahl)')
    .transform(Number),
});

export const HistoryResponseSchema = z.object({ versions: z.array(FacilityVersionSchema) });

/** A facility of the database that an import row may duplicate: what the side-by-side view shows. */
export const DuplicateFacilitySchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  category: z.string(),
  strasse: z.string().nullable(),
  plz: z.string().nullable(),
  ort: z.string().nullable(),
  metres: z.number().describe('distance to the row in metres'),
});
export type DuplicateFacility = z.infer<typeof DuplicateFacilitySchema>;

/** The server's verdict on one import row: what only it can know (inside the Kreis, duplicates …). */
export const ImportRowReportSchema = z.object({
  index: z.number().int(),
  errors: z.array(z.string()),
  warnings: z.array(z.string()),
  gemeindeAgs: z.string().nullable(),
  sozialraumId: z.string().nullable(),
  /** Index of an earlier row with exactly the same fields: a repetition, deselected by default. */
  wiederholt: z.number().int().nullable().default(null),
  /** A facility already in the database with the same name within 250 m; deselected by default. */
  duplikat: DuplicateFacilitySchema.nullable().default(null),
  /** Index of an earlier, not identical row with the same name within 250 m (a warning only). */
  aehnlich: z.number().int().nullable().default(null),
});
export type ImportRowReport = z.infer<typeof ImportRowReportSchema>;

export const ImportCheckResponseSchema = z.object({ rows: z.array(ImportRowReportSchema) });

export const IMPORT_BATCH_STATUSES = ['laeuft', 'abgeschlossen', 'abgebrochen', 'rueckgaengig'] as const;
export type ImportBatchStatus = (typeof IMPORT_BATCH_STATUSES)[number];

/** One import as the list „Importe“ shows it. */
export const ImportBatchSchema = z.object({
  id: z.string().uuid(),
  district: z.string(),
  dateiname: z.string(),
  von: z.string().describe('display name of who imported'),
  am: z.string().describe('ISO timestamp of the import'),
  zeilen: z.number().int().describe('rows imported'),
  status: z.enum(IMPORT_BATCH_STATUSES),
  rueckgaengigAm: z.string().nullable(),
  rueckgaengigVon: z.string().nullable(),
  /** Facilities of the batch not deleted now. */
  aktiv: z.number().int(),
  /** Of those, facilities changed since the import (a later version). */
  geaendert: z.number().int(),
});
export type ImportBatch = z.infer<typeof ImportBatchSchema>;

/** A facility of a batch that was changed after the import: undoing asks about it. */
export const ChangedSinceImportSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  version: z.number().int(),
  geaendertVon: z.string().nullable(),
  geaendertAm: z.string(),
});
export type ChangedSinceImport = z.infer<typeof ChangedSinceImportSchema>;

export const ImportBatchesResponseSchema = z.object({ importe: z.array(ImportBatchSchema) });

export const ImportBatchDetailsSchema = z.object({ batch: ImportBatchSchema, geaenderte: z.array(ChangedSinceImportSchema) });

export const ImportCommitResponseSchema = z.object({ created: z.number().int(), batch: ImportBatchSchema, facilities: z.array(FacilitySchema) });

/** The answer to undoing or restoring a batch: the batch now and every facility that changed. */
export const ImportBatchChangeResponseSchema = z.object({ batch: ImportBatchSchema, facilities: z.array(FacilitySchema) });

export const IMPORT_PROGRESS_STEPS = ['lesen', 'pruefen', 'duplikate', 'schreiben', 'rueckgaengig', 'fertig'] as const;

/** How far a check or an import on the server has come. */
export const ImportProgressSchema = z.object({
  schritt: z.enum(IMPORT_PROGRESS_STEPS),
  erledigt: z.number().int(),
  gesamt: z.number().int(),
});
export type ImportProgress = z.infer<typeof ImportProgressSchema>;

/** GET /api/session: who is signed in (user null for anonymous readers) and the CSRF token. */
export const SessionResponseSchema = z.object({
  user: UserSchema.nullable(),
  csrfToken: z.string().nullable(),
  anonymousRead: z.boolean(),
  /** The password fails today's policy: the user is asked to change it before editing. */
  passwortAendern: z.boolean(),
});

/** POST /api/session answers with the session too; a sign-in always has a user and a token. */
export const SignInResponseSchema = z.object({ user: UserSchema, csrfToken: z.string(), passwortAendern: z.boolean() });

/** One of the signed-in user's sessions (browsers where they are signed in). */
export const SessionSummarySchema = z.object({
  id: z.string().uuid(),
  erstelltAm: z.string(),
  zuletztAktivAm: z.string(),
  laeuftAbAm: z.string(),
  userAgent: z.string().nullable(),
  address: z.string().nullable(),
  /** The session of the request itself. */
  aktuell: z.boolean(),
});
export type SessionSummary = z.infer<typeof SessionSummarySchema>;

export const SessionsResponseSchema = z.object({ sessions: z.array(SessionSummarySchema) });

/** POST /api/session/password: the session goes on; every other session of the user ended. */
export const PasswordChangedResponseSchema = z.object({ beendeteSitzungen: z.number().int().min(0) });

/** An account or client address with recent failed sign-ins (administrators' view). */
export const ThrottleEntrySchema = z.object({
  key: z.string(),
  kind: z.enum(['konto', 'adresse']),
  label: z.string(),
  failures: z.number().int(),
  lastFailureAt: z.string(),
  /** Until when further attempts from failing addresses (or for failing accounts) wait; null: none. */
  waitUntil: z.string().nullable(),
});
export type ThrottleEntry = z.infer<typeof ThrottleEntrySchema>;

export const ThrottleResponseSchema = z.object({ entries: z.array(ThrottleEntrySchema) });

export const UsersResponseSchema = z.object({ users: z.array(UserSchema) });
