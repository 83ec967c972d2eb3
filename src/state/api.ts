// The one way the browser talks to the server: JSON in and out, the session cookie goes along
// (HttpOnly, same origin), state-changing requests carry the CSRF token of the session, and
// every failure becomes an ApiError with a German message for the user.

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

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
}

/** Sends a request to the API and returns the parsed JSON body (undefined for 204). */
export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (!SAFE_METHODS.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error)?.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'Keine Verbindung zum Server. Bitte prüfen Sie die Verbindung und versuchen Sie es erneut.');
  }
  const text = await response.text();
  let body: unknown = undefined;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      if (!response.ok) throw new ApiError(response.status, 'http_error', messageForStatus(response.status));
      throw new ApiError(response.status, 'invalid_response', 'Der Server hat keine gültige Antwort geschickt.');
    }
  }
  if (!response.ok) {
    const error = (body ?? {}) as { error?: unknown; code?: unknown; details?: unknown };
    throw new ApiError(
      response.status,
      typeof error.code === 'string' ? error.code : 'http_error',
      typeof error.error === 'string' && error.error.trim() !== '' ? error.error : messageForStatus(response.status),
      error.details,
    );
  }
  return body as T;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => apiRequest<T>('GET', path, { signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>('PATCH', path, { body }),
  delete: <T>(path: string, body?: unknown) => apiRequest<T>('DELETE', path, { body }),
};

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** The German message of any error, for toasts and forms. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Unbekannter Fehler.';
}
