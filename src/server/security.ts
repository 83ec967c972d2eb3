import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './context';
import { ApiError } from './errors';

// What the server says no to before a route sees a request: headers on every response, the
// origin of state-changing requests, the content type and size of bodies.

/**
 * The online background maps the layer panel offers (src/map/basemaps.ts; a unit test keeps
 * the two lists in step). MapLibre fetches their tiles, so they are connect and image sources.
 */
export const BASEMAP_ORIGINS = ['https://sgx.geodatenzentrum.de', 'https://tile.openstreetmap.org'] as const;

/**
 * The Content-Security-Policy of the app: scripts, styles, fonts and workers only from the app
 * itself (Vite builds no inline script), MapLibre's worker from its file or a blob, images from
 * the app, data: and blob: (MapLibre decodes tiles and symbols through blobs, the Kreistag PNG
 * is a blob), no plugins, no framing.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:', ...BASEMAP_ORIGINS],
  fontSrc: ["'self'"],
  connectSrc: ["'self'", ...BASEMAP_ORIGINS],
  workerSrc: ["'self'", 'blob:'],
  childSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export function securityHeaders(options: { secureCookies: boolean }): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    xFrameOptions: 'DENY',
    // The online tile servers ask for the page's origin (OpenStreetMap's tile policy); never more.
    referrerPolicy: 'strict-origin-when-cross-origin',
    // Behind HTTPS (SECURE_COOKIES=true) browsers should never fall back to plain HTTP.
    strictTransportSecurity: options.secureCookies ? 'max-age=31536000' : false,
    crossOriginEmbedderPolicy: false,
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
  });
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const isStateChanging = (method: string) => STATE_CHANGING.has(method);

/**
 * Refuses state-changing requests that a browser sends from another site: the Origin header
 * (or, without it, Sec-Fetch-Site) must name this server or one of `allowedOrigins` (a reverse
 * proxy's public address). Clients that are no browser send neither and pass; they still need
 * the session's CSRF token.
 */
export function sameOrigin(allowedOrigins: readonly string[]): MiddlewareHandler<AppEnv> {
  const allowed = new Set(allowedOrigins.map((origin) => origin.replace(/\/$/, '').toLowerCase()));
  return async (c, next) => {
    if (!isStateChanging(c.req.method)) return next();
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      let host: string | null = null;
      try {
        host = new URL(origin).host.toLowerCase();
      } catch {
        host = null;
      }
      const ownHost = (c.req.header('host') ?? new URL(c.req.url).host).toLowerCase();
      if (host === null || (host !== ownHost && !allowed.has(origin.toLowerCase()))) {
        throw new ApiError(403, 'foreign_origin', 'Anfragen von anderen Webseiten sind nicht erlaubt (Origin). Bitte die Seite des Atlas selbst verwenden.');
      }
      return next();
    }
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      throw new ApiError(403, 'foreign_origin', 'Anfragen von anderen Webseiten sind nicht erlaubt (Sec-Fetch-Site). Bitte die Seite des Atlas selbst verwenden.');
    }
    return next();
  };
}

/** Whether a request declares a body: a DELETE usually does not (and Node gives every request a stream). */
const declaresBody = (headers: Headers) =>
  headers.has('content-type') || headers.has('transfer-encoding') || (headers.has('content-length') && headers.get('content-length') !== '0');

/** A cross-site form cannot send JSON: bodies must be JSON, checked before anything reads them. */
export const jsonBodiesOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  const method = c.req.method;
  const mustBeJson = method === 'POST' || method === 'PUT' || method === 'PATCH' || (method === 'DELETE' && declaresBody(c.req.raw.headers));
  if (mustBeJson && c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase() !== 'application/json') {
    throw new ApiError(415, 'json_required', 'Anfragen müssen JSON senden (Content-Type: application/json).');
  }
  return next();
};

/** The largest import body: 20,000 rows (the import's limit) of about 2 KB each, every field filled. */
export const IMPORT_BODY_LIMIT = 40 * 1024 * 1024;
/** Every other body: one facility, one user or a sign-in is a few kilobytes. */
export const SMALL_BODY_LIMIT = 64 * 1024;

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const kilobytes = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

/** The import check and commit: large bodies in, long answers out, both handled in time slices. */
export const isImportPath = (path: string) => /^\/api\/districts\/[^/]+\/import(\/check)?$/.test(path);

/** Imports of Kennzahlen values (the browser's, and the command line's through the server) carry whole files too. */
const isIndicatorImportPath = (path: string) => /^\/api\/(cli\/)?districts\/[^/]+\/indicators\/import(\/check)?$/.test(path);

/** A printed map carries its picture (a JPEG of up to 4,000 × 3,000 pixels) and the legend's symbols. */
export const PRINT_BODY_LIMIT = 32 * 1024 * 1024;

/** Printing a map view changes nothing and is open to anyone who sees the map (the Kreistag view too). */
export const isPrintPath = (path: string) => path === '/api/print/map';

/** Body size per route, refused with 413 before the body is parsed (and while it streams in). */
export function bodyLimits(): MiddlewareHandler<AppEnv> {
  const limited = (maxSize: number, what: string) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new ApiError(413, 'too_large', `Die Anfrage ist zu groß: höchstens ${what}.`, { maxBytes: maxSize });
      },
    });
  const importLimit = limited(IMPORT_BODY_LIMIT, `${megabytes(IMPORT_BODY_LIMIT)} für einen Import (20.000 Zeilen)`);
  const printLimit = limited(PRINT_BODY_LIMIT, `${megabytes(PRINT_BODY_LIMIT)} für eine gedruckte Karte`);
  const smallLimit = limited(SMALL_BODY_LIMIT, kilobytes(SMALL_BODY_LIMIT));
  return (c, next) =>
    isImportPath(c.req.path) || isIndicatorImportPath(c.req.path) ? importLimit(c, next) : isPrintPath(c.req.path) ? printLimit(c, next) : smallLimit(c, next);
}
