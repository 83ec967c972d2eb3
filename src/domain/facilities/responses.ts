import { z } from 'zod';
import { CategorySchema, FacilitySchema, FacilityVersionSchema, UserSchema } from './schema';

/**
 * The bodies the API answers with, beside the request schemas in schema.ts: the server
 * documents its answers with them (OpenAPI) and the browser checks every answer against
 * them before a store sees it, so both sides mean the same thing by "a facility".
 */

export const CategoriesResponseSchema = z.object({ categories: z.array(CategorySchema) });

export const FacilitiesResponseSchema = z.object({ facilities: z.array(FacilitySchema) });

export const HistoryResponseSchema = z.object({ versions: z.array(FacilityVersionSchema) });

/** The server's verdict on one import row: what only it can know (inside the Kreis, duplicates …). */
export const ImportRowReportSchema = z.object({
  index: z.number().int(),
  errors: z.array(z.string()),
  warnings: z.array(z.string()),
  gemeindeAgs: z.string().nullable(),
  sozialraumId: z.string().nullable(),
});
export type ImportRowReport = z.infer<typeof ImportRowReportSchema>;

export const ImportCheckResponseSchema = z.object({ rows: z.array(ImportRowReportSchema) });

export const ImportCommitResponseSchema = z.object({ created: z.number().int(), facilities: z.array(FacilitySchema) });

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
