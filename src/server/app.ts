import { OpenAPIHono, z } from '@hono/zod-openapi';
import { compress } from 'hono/compress';
import { getCookie } from 'hono/cookie';
import { germanIssueMessage } from '../domain/schemaProblems';
import { sessionUser } from './db/users';
import { ApiError, describeIssues, errorResponse, logServerError, toApiError } from './errors';
import type { App, AppDependencies, AppEnv } from './context';
import { SESSION_COOKIE, registerSessionRoutes } from './routes/session';
import { registerFacilityRoutes } from './routes/facilities';
import { FacilityListCache } from './routes/facilityListCache';
import { registerIndicatorRoutes } from './routes/indicators';
import { registerIndicatorValueRoutes } from './routes/indicatorValues';
import { registerPopulationRoutes } from './routes/population';
import { registerPrintRoutes } from './routes/print';
import { registerReportCliRoutes } from './routes/reportCli';
import { registerReportRoutes } from './routes/reports';
import { registerCliRoutes } from './routes/cli';
import { registerIndicatorCliRoutes } from './routes/indicatorCli';
import { registerTransferRoutes } from './routes/transfer';
import { registerUserRoutes } from './routes/users';
import { bodyLimits, isPrintPath, isStateChanging, jsonBodiesOnly, sameOrigin, securityHeaders } from './security';
import { registerStaticApp } from './staticApp';

// The server's validation messages in German, like everything else it says: in German words
// (schemaProblems.ts), since zod's own German locale still answers „erwartet string, erhalten
// undefined“.
z.config({ localeError: germanIssueMessage });

// Reads that need an account whatever ANONYMOUS_READ says, and reads that need one when it is false.
const SIGNED_IN_READS = /^\/api\/(users(\/.*)?|session\/sessions)$/;
const READER_PATHS = /^\/api\/(districts\/[^/]+\/(facilities|export\.(csv|geojson))|facilities\/[^/]+(\/history)?)$/;
// What a session whose password fails the policy may still change: the password, and signing out.
const WHILE_PASSWORD_CHANGE_REQUIRED = /^\/api\/session(\/password|\/sessions\/[^/]+)?$/;
const UNCOMPRESSED_READS = /^\/api\/(health|import-progress\/[^/]+)$/;
// The command line's routes carry no session: they are authorised by the secret in the data
// directory's lock file, which routes/cli.ts checks.
const CLI_PATHS = /^\/api\/cli\//;

/**
 * The HTTP application: JSON API under /api (validated at the edge with the domain's zod
 * schemas, described as OpenAPI at /api/openapi.json) and the built web app from distDir.
 * Before a route sees a request: security headers, the origin of state-changing requests,
 * the session, 401 for what needs one, the content type and the size of the body.
 */
export function createApp(deps: AppDependencies, distDir?: string): App {
  const app: App = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const problems = describeIssues(result.error.issues);
        return errorResponse(c, new ApiError(400, 'invalid_input', `Ungültige Eingabe: ${problems.join('; ')}`, { problems }));
      }
    },
  });

  app.onError((error, c) => {
    const apiError = toApiError(error);
    if (apiError.status >= 500) logServerError(c, error);
    return errorResponse(c, apiError);
  });

  const facilityLists = new FacilityListCache(deps.db);
  app.use('*', securityHeaders(deps.options));
  // Reads only, and not the tiny answers polled often (health, import progress): hono cannot see
  // the size of a JSON answer before sending it, so every one would pass through zlib, whose work
  // queues on the thread pool both here and in the client; during a large import that cost each
  // small request about 100 ms (tests/api/importLoad.test.ts). The facility list comes
  // precompressed from its cache; the import's answers are written in slices for the same reason.
  const compressed = compress();
  app.use('/api/*', (c, next) => (c.req.method === 'GET' && !UNCOMPRESSED_READS.test(c.req.path) ? compressed(c, next) : next()));
  app.use('/api/*', sameOrigin(deps.options.allowedOrigins ?? []));
  app.use('/api/*', async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    // A cookie that is no token of ours is ignored, not looked up.
    const session = token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await sessionUser(deps.db, token) : null;
    c.set('session', session);
    const path = c.req.path;
    const isLogin = c.req.method === 'POST' && path === '/api/session';
    if (!session) {
      // Who may not do something learns that first, before anything about their input.
      const needsAccount = isStateChanging(c.req.method)
        ? !isLogin && path !== '/api/session' && !CLI_PATHS.test(path) && !isPrintPath(path)
        : SIGNED_IN_READS.test(path) || (!deps.options.anonymousRead && READER_PATHS.test(path));
      if (needsAccount) throw new ApiError(401, 'not_signed_in', 'Bitte zuerst anmelden.');
    }
    if (isStateChanging(c.req.method)) {
      if (session && !isLogin && c.req.header('x-csrf-token') !== session.csrfToken) {
        throw new ApiError(403, 'csrf', 'Sicherheitsprüfung fehlgeschlagen (CSRF). Bitte die Seite neu laden.');
      }
      if (session?.passwordChangeRequired && !isLogin && !WHILE_PASSWORD_CHANGE_REQUIRED.test(path)) {
        throw new ApiError(403, 'password_change_required', 'Ihr Passwort erfüllt die Passwortregeln nicht mehr. Bitte zuerst das Passwort ändern.');
      }
    }
    await next();
    if (isStateChanging(c.req.method) && c.res.status < 400) facilityLists.invalidate();
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });
  app.use('/api/*', jsonBodiesOnly);
  app.use('/api/*', bodyLimits());

  app.get('/api/health', (c) => c.json({ ok: true, database: deps.db.kind }));
  registerSessionRoutes(app, deps);
  registerFacilityRoutes(app, deps, facilityLists);
  registerTransferRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerPopulationRoutes(app, deps);
  registerIndicatorRoutes(app, deps);
  registerIndicatorValueRoutes(app, deps);
  registerReportRoutes(app, deps);
  registerPrintRoutes(app);
  registerCliRoutes(app, deps);
  registerIndicatorCliRoutes(app, deps);
  registerReportCliRoutes(app, deps);
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Sozialraumatlas API', version: '1', description: 'Ressourcenkarten der Landkreise: Einrichtungen, Verlauf, Import und Export, Bevölkerungsgitter für die Versorgungsanalyse, Kennzahlen je Gebiet und Stichtag (geschützt) mit Profilen und Import.' },
  });
  app.all('/api/*', (c) => errorResponse(c, new ApiError(404, 'not_found', `Unbekannte Adresse ${c.req.path}.`)));

  if (distDir) registerStaticApp(app, distDir);
  return app;
}
