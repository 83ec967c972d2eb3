import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

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

// A message that lists 200,000 problems helps nobody and costs memory: the first ones say enough.
const MAX_PROBLEMS = 20;

/** Zod issues as "Feld: Meldung" lines, the field path in dotted form (at most MAX_PROBLEMS, then a count). */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string[] {
  const lines = issues
    .slice(0, MAX_PROBLEMS)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message));
  if (issues.length > MAX_PROBLEMS) lines.push(`… und ${issues.length - MAX_PROBLEMS} weitere Probleme`);
  return lines;
}

/**
 * What the database says no to, in German. Constraint violations are the client's doing (a
 * value taken, a value out of range) and never a server fault; the routes check first, so
 * these answer races and values the schemas cannot see.
 */
const UNSTORABLE_TEXT = { status: 400, code: 'invalid_input', message: 'Ein Text enthält Zeichen, die nicht gespeichert werden können. Nichts wurde geändert.' } as const;
const CONCURRENT = { status: 409, code: 'conflict', message: 'Gleichzeitige Änderung: bitte erneut versuchen. Nichts wurde geändert.' } as const;
const DATABASE_ERRORS: Record<string, { status: ContentfulStatusCode; code: string; message: string }> = {
  '23505': { status: 409, code: 'conflict', message: 'Diesen Eintrag gibt es schon (gleicher Schlüssel). Nichts wurde geändert.' },
  '23503': { status: 409, code: 'conflict', message: 'Der Eintrag hängt mit einem anderen zusammen, der fehlt oder noch gebraucht wird. Nichts wurde geändert.' },
  '23514': { status: 400, code: 'invalid_input', message: 'Ein Wert ist nicht erlaubt. Nichts wurde geändert.' },
  '23502': { status: 400, code: 'invalid_input', message: 'Ein Pflichtwert fehlt. Nichts wurde geändert.' },
  '22001': { status: 400, code: 'invalid_input', message: 'Ein Text ist zu lang. Nichts wurde geändert.' },
  '22003': { status: 400, code: 'invalid_input', message: 'Eine Zahl ist zu groß oder zu klein. Nichts wurde geändert.' },
  '22007': { status: 400, code: 'invalid_input', message: 'Ein Datum ist ungültig. Nichts wurde geändert.' },
  '22008': { status: 400, code: 'invalid_input', message: 'Ein Datum liegt außerhalb des Kalenders. Nichts wurde geändert.' },
  '22021': UNSTORABLE_TEXT,
  '22P02': { status: 400, code: 'invalid_input', message: 'Ein Wert hat nicht die erwartete Form. Nichts wurde geändert.' },
  '22P05': UNSTORABLE_TEXT,
  '40001': CONCURRENT,
  '40P01': CONCURRENT,
};

const databaseCode = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** Any error as the API error the client gets: its own, a mapped one, or a 500 that says nothing inside. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 413) return new ApiError(413, 'too_large', 'Die Anfrage ist zu groß.');
    if (error.status === 400) return new ApiError(400, 'invalid_input', 'Der Inhalt der Anfrage ist kein gültiges JSON.');
    if (error.status >= 400 && error.status < 500) return new ApiError(error.status as ContentfulStatusCode, 'invalid_request', 'Die Anfrage wurde abgelehnt.');
  }
  // JSON nested deeper than the parser's stack, or a body the runtime could not decode.
  if (error instanceof RangeError || error instanceof SyntaxError) {
    return new ApiError(400, 'invalid_input', 'Der Inhalt der Anfrage ist kein gültiges JSON oder zu tief verschachtelt.');
  }
  const mapped = DATABASE_ERRORS[databaseCode(error) ?? ''];
  if (mapped) return new ApiError(mapped.status, mapped.code, mapped.message);
  return new ApiError(500, 'internal', 'Interner Fehler. Die Änderung wurde nicht gespeichert.');
}

// What must never reach a log: password hashes, tokens (session, CSRF), cookies, passwords
// and the values inside database messages (which quote what was sent).
const SECRET_PATTERNS: readonly [RegExp, string][] = [
  [/scrypt\$[^\s"',)]+/g, 'scrypt$…'],
  [/((?:cookie|set-cookie|authorization|x-csrf-token)["']?\s*[:=]\s*)[^\n]+/gi, '$1…'],
  [/(passwor[dt]\w*["']?\s*[:=]\s*)("[^"]*"|'[^']*'|\S+)/gi, '$1…'],
  [/"[^"\n]{0,2000}"/g, '"…"'],
  // Session and CSRF tokens (base64url, 32 and 43 characters); ids (UUIDs) may stay.
  [/(?<![A-Za-z0-9_-])(?![0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9_-]))[A-Za-z0-9_-]{24,}={0,2}/g, '…'],
];

/** A text with every secret-looking part replaced by "…". */
export function redact(text: string): string {
  return SECRET_PATTERNS.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}

/** Where server errors are written; tests read it. */
export const serverLog = { write: (line: string) => console.error(line) };

/**
 * One line per unexpected error: when, which request (method and path, never the query, the
 * headers or the body), the error's kind, code and message, redacted, and its stack frames.
 * Never the error object itself: database errors carry the statement's parameters.
 */
export function logServerError(c: Context, error: unknown): void {
  const name = error instanceof Error ? error.name : typeof error;
  const code = databaseCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const frames = error instanceof Error && error.stack ? error.stack.split('\n').filter((line) => /^\s+at /.test(line)).slice(0, 8) : [];
  const line = `${new Date().toISOString()} Fehler bei ${c.req.method} ${c.req.path}: ${name}${code ? ` ${code}` : ''}: ${message}`;
  serverLog.write(redact([line, ...frames].join('\n')));
}
