import { createRoute, z } from '@hono/zod-openapi';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { PasswordChangedResponseSchema, SessionResponseSchema, SessionsResponseSchema, SignInResponseSchema } from '../../domain/facilities/responses';
import { ChangePasswordSchema, ErrorSchema, LoginSchema } from '../../domain/facilities/schema';
import { admitAttempt, settleAttempt, throttlePolicy } from '../auth/loginThrottle';
import { hashPassword, verifyPassword } from '../auth/password';
import { passwordPolicyMessage, passwordPolicyProblems } from '../auth/passwordPolicy';
import { createSession, deleteSession, endSession, replaceOwnPassword, findUserByEmail, listSessions, setPasswordChangeRequired } from '../db/users';
import { ApiError } from '../errors';
import type { App, AppDependencies, Session } from '../context';
import { body, json } from './openapi';
import { requireSession } from './guards';

export const SESSION_COOKIE = 'sra_session';

// A hash that costs as much as a real one, so unknown e-mails take as long as wrong passwords.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$' + 'A'.repeat(86) + '==';

/** The peer address of the connection (not a spoofable header); "local" in in-process tests. */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}

/** "30 Sekunden", "4 Minuten": how long to wait, rounded up. */
export function waitText(seconds: number): string {
  if (seconds < 90) return seconds === 1 ? '1 Sekunde' : `${seconds} Sekunden`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} Minuten`;
}

function tooManyAttempts(c: Context, retryAfterSeconds: number): never {
  c.header('Retry-After', String(retryAfterSeconds));
  throw new ApiError(429, 'too_many_attempts', `Zu viele fehlgeschlagene Anmeldungen. Bitte in ${waitText(retryAfterSeconds)} erneut versuchen.`, {
    retryAfterSeconds,
  });
}

const IdParam = z.object({ id: z.string().uuid('keine gültige Kennung') });

export function registerSessionRoutes(app: App, deps: AppDependencies): void {
  const { db, options } = deps;
  const throttle = throttlePolicy(options);

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/session',
      tags: ['Anmeldung'],
      summary: 'Current user and CSRF token',
      responses: { 200: json(SessionResponseSchema, 'The session, or user null') },
    }),
    (c) => {
      const session = c.get('session');
      return c.json(
        {
          user: session?.user ?? null,
          csrfToken: session?.csrfToken ?? null,
          anonymousRead: options.anonymousRead,
          passwortAendern: session?.passwordChangeRequired ?? false,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/session',
      tags: ['Anmeldung'],
      summary: 'Sign in',
      description:
        'Failed attempts slow down exponentially per account and per client address; an account that is being guessed still ' +
        'signs in from an address that has not been failing. passwortAendern: the password fails the policy and must be changed.',
      request: body(LoginSchema),
      responses: {
        200: json(SignInResponseSchema.extend({ anonymousRead: z.boolean() }), 'Signed in; sets the HttpOnly session cookie'),
        401: json(ErrorSchema, 'Wrong e-mail or password'),
        429: json(ErrorSchema, 'Too many failed attempts; Retry-After says how many seconds to wait'),
      },
    }),
    async (c) => {
      const { email, passwort } = c.req.valid('json');
      const address = clientAddress(c);
      // Counted before the password is judged, so parallel guesses cannot slip past the limit.
      const admission = await admitAttempt(db, throttle, email, address);
      if (!admission.admitted) tooManyAttempts(c, admission.retryAfterSeconds);
      let signedIn = false;
      try {
        const user = await findUserByEmail(db, email);
        const valid = await verifyPassword(passwort, user?.passwordHash ?? DUMMY_HASH);
        if (!user || !valid || !user.aktiv) throw new ApiError(401, 'invalid_credentials', 'E-Mail-Adresse oder Passwort ist falsch.');
        signedIn = true;
        // Only now is the password known in plain text: check it against today's policy.
        const changeRequired = passwordPolicyProblems(passwort, user).length > 0;
        await setPasswordChangeRequired(db, user.id, changeRequired);
        const { token, csrfToken } = await createSession(db, user.id, { userAgent: c.req.header('user-agent') ?? null, address });
        setCookie(c, SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: 'Strict',
          secure: options.secureCookies,
          path: '/',
          maxAge: 7 * 24 * 3600,
        });
        const { passwordHash: _hash, ...publicUser } = user;
        return c.json({ user: publicUser, csrfToken, anonymousRead: options.anonymousRead, passwortAendern: changeRequired }, 200);
      } finally {
        await settleAttempt(db, throttle, admission, signedIn ? 'success' : 'failure');
      }
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

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/session/sessions',
      tags: ['Anmeldung'],
      summary: 'The signed-in user’s sessions (browsers where they are signed in)',
      responses: { 200: json(SessionsResponseSchema, 'Sessions, the most recently used first'), 401: json(ErrorSchema, 'Not signed in') },
    }),
    async (c) => {
      const session = requireSession(c.get('session'));
      const sessions = await listSessions(db, session.user.id);
      return c.json({ sessions: sessions.map((entry) => ({ ...entry, aktuell: entry.id === session.id })) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/session/sessions/{id}',
      tags: ['Anmeldung'],
      summary: 'End one of the signed-in user’s sessions (the own one signs out)',
      request: { params: IdParam },
      responses: { 204: { description: 'Ended' }, 401: json(ErrorSchema, 'Not signed in'), 404: json(ErrorSchema, 'No such session of the user') },
    }),
    async (c) => {
      const session = requireSession(c.get('session'));
      const { id } = c.req.valid('param');
      if (!(await endSession(db, session.user.id, id))) throw new ApiError(404, 'not_found', 'Diese Sitzung gibt es nicht (mehr).');
      if (id === session.id) deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/session/password',
      tags: ['Anmeldung'],
      summary: 'Change the own password; ends every other session of the user',
      request: body(ChangePasswordSchema),
      responses: {
        200: json(PasswordChangedResponseSchema, 'Changed'),
        400: json(ErrorSchema, 'The new password fails the policy'),
        401: json(ErrorSchema, 'Not signed in, or the current password is wrong'),
        429: json(ErrorSchema, 'Too many wrong current passwords'),
      },
    }),
    async (c) => {
      const session: Session = requireSession(c.get('session'));
      const { passwort, neuesPasswort } = c.req.valid('json');
      // A stolen session must not become a way to guess the password, so the throttle counts here too.
      const admission = await admitAttempt(db, throttle, session.user.email, clientAddress(c));
      if (!admission.admitted) tooManyAttempts(c, admission.retryAfterSeconds);
      let valid = false;
      try {
        const stored = await findUserByEmail(db, session.user.email);
        valid = stored !== null && (await verifyPassword(passwort, stored.passwordHash));
      } finally {
        await settleAttempt(db, throttle, admission, valid ? 'success' : 'failure');
      }
      if (!valid) throw new ApiError(401, 'invalid_credentials', 'Das bisherige Passwort ist falsch.');
      const problems = passwordPolicyProblems(neuesPasswort, session.user);
      if (problems.length > 0) throw new ApiError(400, 'weak_password', passwordPolicyMessage(problems), { problems });
      if (neuesPasswort === passwort) throw new ApiError(400, 'same_password', 'Das neue Passwort muss sich vom bisherigen unterscheiden.');
      const passwordHash = await hashPassword(neuesPasswort);
      const ended = await replaceOwnPassword(db, session.user.id, passwordHash, session.id);
      return c.json({ beendeteSitzungen: ended }, 200);
    },
  );
}
