import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { germanIssueMessage } from '../domain/schemaProblems';

// Every validation message the server writes is German: zod's messages for checks without one
// of their own („Invalid input: expected string, received undefined“) are replaced for the
// whole process, before any request is checked.
z.config({ localeError: germanIssueMessage });

/** Every API error is JSON with a German message for the user and a stable code for programs. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function errorResponse(c: Context, error: ApiError) {
  return c.json({ error: error.message, code: error.code, ...(error.details === undefined ? {} : { details: error.details }) }, error.status);
}

/** Zod issues as "Feld: Meldung" lines, the field path in dotted form. */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string[] {
  return issues.map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message));
}
