import { z } from '@hono/zod-openapi';

// Small builders shared by the route files, so every route describes JSON the same way.

/** A JSON response (or request content) with its schema, for createRoute. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

/** A required JSON request body, for createRoute's `request`. */
export const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

export const DistrictParam = z.object({ district: z.string().regex(/^[a-z0-9-]+$/) });
