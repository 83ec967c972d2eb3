// The one way the browser talks to the server: JSON in and out, the session cookie goes along
// (HttpOnly, same origin), state-changing requests carry the CSRF token of the session, and
// every failure becomes an ApiError with a German message for the user. Answers are checked
// against the domain's zod schemas before anyone trusts them. The app's static JSON files
// (territory) come through here as well, so there is one place that talks to the network.
import type { z } from 'zod';
import { parseGerman, problemLines, type ParseOptions } from '../domain/schemaProblems';
import { takeStarted, type EarlyAnswer } from './firstViewFetch';

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached */
    readonly status: number,
    /** machine-readable code from the server (e.g. version_conflict), or a local one */
    readonly code: string,
    /** German message for the user */
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;

/** Set by the session store whenever the server hands out a (new) token. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const STATUS_MESSAGES: Record<number, string> = {
  400: 'Die Anfrage war ungültig.',
  401: 'Bitte melden Sie sich an.',
  403: 'Dafür fehlt Ihnen die Berechtigung.',
  404: 'Nicht gefunden – wurde der Eintrag inzwischen entfernt?',
  409: 'Der Eintrag wurde inzwischen geändert.',
  413: 'Die Datenmenge ist zu groß.',
  422: 'Die Daten wurden vom Server abgelehnt.',
  429: 'Zu viele Versuche. Bitte warten Sie einen Moment.',
};

function messageForStatus(status: number): string {
  return STATUS_MESSAGES[status] ?? (status >= 500 ? `Fehler auf dem Server (HTTP ${status}). Bitte später erneut versuchen.` : `Anfrage fehlgeschlagen (HTTP ${status}).`);
}

/** What an answer must look like, and how the message names it when it does not. */
export interface Expected<T> {
  schema: z.ZodType<T>;
  /** German subject of the message „… vom Server ist unvollständig.“, e.g. 'Die Liste der Einrichtungen' */
  what: string;
}

export interface RequestOptions<T = unknown> {
  body?: unknown;
  signal?: AbortSignal;
  /** Checks the answer; one that does not match becomes an ApiError 'invalid_response'. */
  expected?: Expected<T>;
}

/** How failures of one kind of request are told to the user. */
interface FailureMessages {
  network: string;
  notJson(status: number): ApiError;
  refused(status: number, body: unknown): ApiError;
}

/** fetch, then the body as JSON (undefined when empty); every failure is an ApiError in German. */
async function exchange(url: string, init: RequestInit, messages: FailureMessages, started?: Promise<EarlyAnswer>): Promise<{ status: number; body: unknown }> {
  let answer: EarlyAnswer;
  try {
    // A request the first view began early has its body read already: no further wait for it.
    if (started) answer = await started;
    else {
      const response = await fetch(url, init);
      answer = { status: response.status, ok: response.ok, text: await response.text() };
    }
  } catch (error) {
    if ((error as Error)?.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', messages.network);
  }
  let body: unknown = answer.parsed?.value;
  if (answer.text !== '' && !answer.parsed) {
    try {
      body = JSON.parse(answer.text);
    } catch {
      throw messages.notJson(answer.status);
    }
  }
  if (!answer.ok) throw messages.refused(answer.status, body);
  return { status: answer.status, body };
}

/** The body as the schema's output; a body that does not match is an ApiError 'invalid_response'. */
function checked<T>(status: number, body: unknown, schema: z.ZodType<T>, message: (problems: string[]) => string, options?: ParseOptions): T {
  const parsed = parseGerman(schema, body, options);
  if (parsed.success) return parsed.data;
  const problems = problemLines(parsed.error.issues);
  throw new ApiError(status, 'invalid_response', message(problems), problems);
}

const API_FAILURES: FailureMessages = {
  network: 'Keine Verbindung zum Server. Bitte prüfen Sie die Verbindung und versuchen Sie es erneut.',
  notJson: (status) =>
    status >= 200 && status < 300
      ? new ApiError(status, 'invalid_response', 'Der Server hat keine gültige Antwort geschickt.')
      : new ApiError(status, 'http_error', messageForStatus(status)),
  refused(status, body) {
    const error = (body ?? {}) as { error?: unknown; code?: unknown; details?: unknown };
    return new ApiError(
      status,
      typeof error.code === 'string' ? error.code : 'http_error',
      typeof error.error === 'string' && error.error.trim() !== '' ? error.error : messageForStatus(status),
      error.details,
    );
  },
};

/** Sends a request to the API and returns the JSON body (undefined for 204), checked when `expected` is given. */
export async function apiRequest<T>(method: string, path: string, options: RequestOptions<T> = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (!SAFE_METHODS.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const init: RequestInit = {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  };
  const { status, body } = await exchange(path, init, API_FAILURES);
  if (!options.expected) return body as T;
  const { schema, what } = options.expected;
  return checked(status, body, schema, () => `${what} vom Server ist unvollständig.`);
}

/**
 * Sends a JSON request whose answer is a file (a PDF): the file as Blob of the expected type;
 * a refusal is an ApiError with the server's German message, as for every other request.
 */
export async function apiFileRequest(path: string, body: unknown, contentType: string, signal?: AbortSignal): Promise<Blob> {
  const headers: Record<string, string> = { Accept: `${contentType}, application/json`, 'Content-Type': 'application/json' };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(body), signal });
  } catch (error) {
    if ((error as Error)?.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', API_FAILURES.network);
  }
  if (!response.ok) {
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw API_FAILURES.notJson(response.status);
    }
    throw API_FAILURES.refused(response.status, parsed);
  }
  const blob = await response.blob();
  if (!(response.headers.get('content-type') ?? '').startsWith(contentType)) throw new ApiError(response.status, 'invalid_response', 'Der Server hat keine gültige Antwort geschickt.');
  return blob;
}

export const api = {
  get: <T>(path: string, expected: Expected<T>, signal?: AbortSignal) => apiRequest('GET', path, { signal, expected }),
  post: <T>(path: string, body: unknown, expected: Expected<T>) => apiRequest('POST', path, { body: body ?? {}, expected }),
  patch: <T>(path: string, body: unknown, expected: Expected<T>) => apiRequest('PATCH', path, { body, expected }),
  delete: <T>(path: string, body: unknown, expected: Expected<T>) => apiRequest('DELETE', path, { body, expected }),
};

/** What a shipped JSON file must look like, and what to tell the user when it does not. */
export interface ExpectedFile<T> {
  schema: z.ZodType<T>;
  /** The German message for a file that does not match, from its body and the problem lines. */
  damaged(body: unknown, problems: string[]): string;
}

/**
 * A JSON file the app ships (public/, e.g. the territory files), checked against its schema.
 * `what` is the German subject of the messages, e.g. 'Die Liste der Landkreise'.
 */
export async function fetchStaticJson<T>(url: string, what: string, expected: ExpectedFile<T>): Promise<T> {
  const unreadable = (status: number) => new ApiError(status, 'http_error', `${what} konnte nicht geladen werden (HTTP ${status}).`);
  const { status, body } = await exchange(url, {}, {
    network: `${what} konnte nicht geladen werden: keine Verbindung zum Server.`,
    notJson: (status) =>
      status >= 200 && status < 300 ? new ApiError(status, 'invalid_response', `${what} ist keine gültige JSON-Datei.`) : unreadable(status),
    refused: unreadable,
  }, takeStarted(url));
  // Read once per page and district, so zod's compiled fast path would not pay off.
  return checked(status, body, expected.schema, (problems) => expected.damaged(body, problems), { once: true });
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** The German message of any error, for toasts and forms. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Unbekannter Fehler.';
}
