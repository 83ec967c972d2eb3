import { createRoute, z } from '@hono/zod-openapi';
import { ThrottleResponseSchema } from '../../domain/facilities/responses';
import { CreateUserSchema, ErrorSchema, ReleaseThrottleSchema, UpdateUserSchema, UserSchema } from '../../domain/facilities/schema';
import { mayManageUsers } from '../../domain/facilities/permissions';
import { listThrottled, releaseThrottle, throttlePolicy } from '../auth/loginThrottle';
import { hashPassword } from '../auth/password';
import { passwordPolicyMessage, passwordPolicyProblems } from '../auth/passwordPolicy';
import { DuplicateEmailError, createUser, listUsers, updateUser } from '../db/users';
import { ApiError } from '../errors';
import type { App, AppDependencies, Session } from '../context';
import { json } from './openapi';

const errors = { 400: json(ErrorSchema, 'Invalid input'), 401: json(ErrorSchema, 'Not signed in'), 403: json(ErrorSchema, 'Not an admin') };

function requireAdmin(session: Session | null): Session {
  if (!session) throw new ApiError(401, 'not_signed_in', 'Bitte zuerst anmelden.');
  if (!mayManageUsers(session.user)) throw new ApiError(403, 'forbidden', 'Nur Administratoren verwalten Benutzer.');
  return session;
}

/** A password an administrator sets must pass the policy too (for the account it is set for). */
async function policyHash(password: string, owner: { email: string; name?: string | null }): Promise<string> {
  const problems = passwordPolicyProblems(password, owner);
  if (problems.length > 0) throw new ApiError(400, 'weak_password', passwordPolicyMessage(problems), { problems });
  return hashPassword(password);
}

const emailInUse = (email: string) => new ApiError(409, 'email_in_use', `Die E-Mail-Adresse ${email} ist schon vergeben.`);

export function registerUserRoutes(app: App, { db, options }: AppDependencies): void {
  const throttle = throttlePolicy(options);
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/users',
      tags: ['Benutzer'],
      summary: 'All users (admin)',
      responses: { 200: json(z.object({ users: z.array(UserSchema) }), 'Users'), ...errors },
    }),
    async (c) => {
      requireAdmin(c.get('session'));
      return c.json({ users: await listUsers(db) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/users',
      tags: ['Benutzer'],
      summary: 'Create a user (admin)',
      request: { body: { content: { 'application/json': { schema: CreateUserSchema } }, required: true } },
      responses: { 201: json(UserSchema, 'Created'), 409: json(ErrorSchema, 'E-mail in use'), ...errors },
    }),
    async (c) => {
      requireAdmin(c.get('session'));
      const input = c.req.valid('json');
      const passwordHash = await policyHash(input.passwort, input);
      try {
        const user = await createUser(db, { ...input, passwordHash });
        return c.json(user, 201);
      } catch (error) {
        if (error instanceof DuplicateEmailError) throw emailInUse(input.email);
        throw error;
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/users/{id}',
      tags: ['Benutzer'],
      summary: 'Change a user (admin); deactivating ends their sessions',
      request: {
        params: z.object({ id: z.string().uuid() }),
        body: { content: { 'application/json': { schema: UpdateUserSchema } }, required: true },
      },
      responses: { 200: json(UserSchema, 'Changed'), 404: json(ErrorSchema, 'Unknown user'), 409: json(ErrorSchema, 'E-mail in use'), ...errors },
    }),
    async (c) => {
      const session = requireAdmin(c.get('session'));
      const { id } = c.req.valid('param');
      const { passwort, ...changes } = c.req.valid('json');
      if (id === session.user.id && (changes.aktiv === false || (changes.rolle && changes.rolle !== 'admin'))) {
        throw new ApiError(400, 'self_lockout', 'Sie können sich nicht selbst deaktivieren oder die Administratorrolle entziehen.');
      }
      const existing = (await listUsers(db)).find((user) => user.id === id);
      if (!existing) throw new ApiError(404, 'not_found', 'Diesen Benutzer gibt es nicht.');
      const owner = { email: changes.email ?? existing.email, name: changes.name ?? existing.name };
      const passwordHash = passwort ? await policyHash(passwort, owner) : undefined;
      try {
        const user = await updateUser(db, id, { ...changes, ...(passwordHash ? { passwordHash } : {}) });
        if (!user) throw new ApiError(404, 'not_found', 'Diesen Benutzer gibt es nicht.');
        return c.json(user, 200);
      } catch (error) {
        if (error instanceof DuplicateEmailError) throw emailInUse(owner.email);
        throw error;
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/users/login-throttle',
      tags: ['Benutzer'],
      summary: 'Accounts and client addresses with recent failed sign-ins (admin)',
      responses: { 200: json(ThrottleResponseSchema, 'Newest failure first'), ...errors },
    }),
    async (c) => {
      requireAdmin(c.get('session'));
      return c.json({ entries: await listThrottled(db, throttle) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/users/login-throttle',
      tags: ['Benutzer'],
      summary: 'Forget the failed sign-ins of one account or address (admin)',
      request: { body: { content: { 'application/json': { schema: ReleaseThrottleSchema } }, required: true } },
      responses: { 204: { description: 'Released' }, 404: json(ErrorSchema, 'Nothing recorded for that key'), ...errors },
    }),
    async (c) => {
      requireAdmin(c.get('session'));
      const { key } = c.req.valid('json');
      if (!(await releaseThrottle(db, key))) throw new ApiError(404, 'not_found', 'Für diesen Eintrag sind keine Fehlversuche (mehr) gespeichert.');
      return c.body(null, 204);
    },
  );
}
