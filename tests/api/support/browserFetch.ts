// The global `fetch` of a browser tab, served in-process by the real app: the client code in
// src/state calls `fetch('/api/…')` exactly as in the browser, the request goes to `app.fetch`
// without a socket, and the session cookie travels along as the browser would keep it.
import type { App } from '../../../src/server/context';

export interface RecordedCall {
  method: string;
  /** The path as the client wrote it, e.g. /api/facilities/<id>/restore */
  url: string;
  /** The JSON body sent, parsed (undefined without a body). */
  body: unknown;
  /** The headers as the client set them (no cookie: that is the browser's business). */
  headers: Record<string, string>;
  credentials: RequestCredentials | undefined;
  status: number;
  /** The JSON answer, parsed (undefined for an empty or non-JSON answer). */
  response: unknown;
}

export interface BrowserFetch {
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  /** Every request so far, oldest first. */
  calls: RecordedCall[];
  /** Routes the following requests to another app (e.g. one configured differently) on the same database. */
  useApp(app: App): void;
  /** Forgets the session cookie, like a browser whose cookies were cleared. */
  clearCookies(): void;
}

const ORIGIN = 'http://sozialraumatlas.test';

export function browserFetch(initialApp: App): BrowserFetch {
  let app = initialApp;
  const cookies = new Map<string, string>();
  const calls: RecordedCall[] = [];

  const fetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    // Same origin: a browser sends the cookies only because credentials allow it.
    if (init.credentials !== 'omit' && cookies.size > 0) {
      headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    const response = await app.fetch(new Request(new URL(input, ORIGIN), { method: init.method, headers, body: init.body, signal: init.signal }));
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
      if (value === '' || expired) cookies.delete(name);
      else cookies.set(name, value);
    }
    const text = await response.clone().text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    calls.push({
      method: init.method ?? 'GET',
      url: input,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      headers: { ...((init.headers ?? {}) as Record<string, string>) },
      credentials: init.credentials,
      status: response.status,
      response: parsed,
    });
    return response;
  };

  return {
    fetch,
    calls,
    useApp(next) {
      app = next;
    },
    clearCookies() {
      cookies.clear();
    },
  };
}
