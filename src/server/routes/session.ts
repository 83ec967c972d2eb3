import { createRoute, z } from '@hono/zod-openapi';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { ErrorSchema, LoginSchema, UserSchema } from '../../domain/facilities/schema';
import { verifyPassword } from '../auth/password';
import { clearFailures, createSession, deleteSession, findUserByEmail, recentFailures, recordFailure } from '../db/users';
import { ApiError } from '../errors';
import type { App, AppDependencies } from '../context';
import { json } from './openapi';

export const SESSION_COOKIE = 'sra_session';

const SessionResponse = z.object({ user: UserSchema.nullable(), csrfToken: z.string().nullable(), anonymousRead: z.boolean() });

// A hash that costs as much as a real one, so unknown e-mails take as long as wrong passwords.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$' + 'A'.repeat(86) + '==';

/** The peer address of the connection (not a spoofable header); "local" in in-process tests. */
function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}

export function registerSessionRoutes(app: App, { db, options }: AppDependencies): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/session',
      tags: ['Anmeldung'],
      summary: 'Current user and CSRF token',
      responses: { 200: json(SessionResponse, 'The session, or user null') },
    }),
    (c) => {
      const session = c.get('session');
      return c.json({ user: session?.user ?? null, csrfToken: session?.csrfToken ?? null, anonymousRead: options.anonymousRead }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/session',
      tags: ['Anmeldung'],
      summary: 'Sign in',
      request: { body: { content: { 'application/json': { schema: LoginSchema } }, required: true } },
      responses: {
        200: json(SessionResponse, 'Signed in; sets the HttpOnly session cookie'),
        401: json(ErrorSchema, 'Wrong e-mail or password'),
        429: json(ErrorSchema, 'Too many failed attempts'),
      },
    }),
    async (c) => {
      const { email, passwort } = c.req.valid('json');
      // Per account a few attempts; per client address more, since a whole office may share one.
      const limits = new Map([
        [`email:${email}`, options.maxLoginFailures],
        [`address:${clientAddress(c)}`, options.maxLoginFailures * 10],
      ]);
      const keys = [...limits.keys()];
      for (const [key, limit] of limits) {
        if ((await recentFailures(db, key, options.loginWindowMinutes)) >= limit) {
          throw new ApiError(
            429,
            'too_many_attempts',
            `Zu viele fehlgeschlagene Anmeldungen. Bitte in ${options.loginWindowMinutes} Minuten erneut versuchen.`,
          );
        }
      }
      const user = await findUserByEmail(db, email);
      const valid = await verifyPassword(passwort, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !valid || !user.aktiv) {
        for (const key of keys) await recordFailure(db, key);
        throw new ApiError(401, 'invalid_credentials', 'E-Mail-Adresse oder Passwort ist falsch.');
      }
      await clearFailures(db, `email:${email}`);
      const { token, csrfToken } = await createSession(db, user.id);
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Strict',
        secure: options.secureCookies,
        path: '/',
        maxAge: 7 * 24 * 3600,
      });
      const { passwordHash: _hash, ...publicUser } = user;
      return c.json({ user: publicUser, csrfToken, anonymousRead: options.anonymousRead }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/session',
      tags: ['Anmeldung'],
      summary: 'Sign out',
      responses: { 204: { description: 'Signed out' } },
    }),
    async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await deleteSession(db, token);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  );
}
