import { OpenAPIHono } from '@hono/zod-openapi';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { sessionUser } from './db/users';
import { ApiError, describeIssues, errorResponse } from './errors';
import type { App, AppDependencies, AppEnv } from './context';
import { SESSION_COOKIE, registerSessionRoutes } from './routes/session';
import { registerFacilityRoutes } from './routes/facilities';
import { registerIndicatorRoutes } from './routes/indicators';
import { registerIndicatorValueRoutes } from './routes/indicatorValues';
import { registerPopulationRoutes } from './routes/population';
import { registerCliRoutes } from './routes/cli';
import { registerIndicatorCliRoutes } from './routes/indicatorCli';
import { registerTransferRoutes } from './routes/transfer';
import { registerUserRoutes } from './routes/users';
import { registerStaticApp } from './staticApp';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The HTTP application: JSON API under /api (validated at the edge with the domain's zod
 * schemas, described as OpenAPI at /api/openapi.json) and the built web app from distDir.
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
    if (error instanceof ApiError) return errorResponse(c, error);
    if (error instanceof HTTPException && error.status === 400) {
      return errorResponse(c, new ApiError(400, 'invalid_input', 'Der Inhalt der Anfrage ist kein gültiges JSON.'));
    }
    console.error(error);
    return errorResponse(c, new ApiError(500, 'internal', 'Interner Fehler. Die Änderung wurde nicht gespeichert.'));
  });

  app.use('/api/*', async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    c.set('session', token ? await sessionUser(deps.db, token) : null);
    if (STATE_CHANGING.has(c.req.method)) {
      // A cross-site form cannot send JSON, and only our page knows the CSRF token.
      if (c.req.header('content-type')?.split(';')[0]?.trim() !== 'application/json' && c.req.method !== 'DELETE') {
        throw new ApiError(415, 'json_required', 'Anfragen müssen JSON senden (Content-Type: application/json).');
      }
      const session = c.get('session');
      const isLogin = c.req.method === 'POST' && c.req.path === '/api/session';
      if (session && !isLogin && c.req.header('x-csrf-token') !== session.csrfToken) {
        throw new ApiError(403, 'csrf', 'Sicherheitsprüfung fehlgeschlagen (CSRF). Bitte die Seite neu laden.');
      }
    }
    await next();
    c.header('Cache-Control', 'no-store');
  });

  app.get('/api/health', (c) => c.json({ ok: true, database: deps.db.kind }));
  registerSessionRoutes(app, deps);
  registerFacilityRoutes(app, deps);
  registerTransferRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerPopulationRoutes(app, deps);
  registerIndicatorRoutes(app, deps);
  registerIndicatorValueRoutes(app, deps);
  registerCliRoutes(app, deps);
  registerIndicatorCliRoutes(app, deps);
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Sozialraumatlas API', version: '1', description: 'Ressourcenkarten der Landkreise: Einrichtungen, Verlauf, Import und Export, Bevölkerungsgitter für die Versorgungsanalyse, Kennzahlen je Gebiet und Stichtag (geschützt) mit Profilen und Import.' },
  });
  app.all('/api/*', (c) => errorResponse(c, new ApiError(404, 'not_found', `Unbekannte Adresse ${c.req.path}.`)));

  if (distDir) registerStaticApp(app, distDir);
  return app;
}
