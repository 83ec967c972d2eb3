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
});

/** POST /api/session answers with the session too; a sign-in always has a user and a token. */
export const SignInResponseSchema = z.object({ user: UserSchema, csrfToken: z.string() });

export const UsersResponseSchema = z.object({ users: z.array(UserSchema) });
