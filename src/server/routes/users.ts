import { createRoute, z } from '@hono/zod-openapi';
import { CreateUserSchema, ErrorSchema, UpdateUserSchema, UserSchema } from '../../domain/facilities/schema';
import { mayManageUsers } from '../../domain/facilities/permissions';
import { hashPassword } from '../auth/password';
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

export function registerUserRoutes(app: App, { db }: AppDependencies): void {
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
      try {
        const user = await createUser(db, { ...input, passwordHash: await hashPassword(input.passwort) });
        return c.json(user, 201);
      } catch (error) {
        if (error instanceof DuplicateEmailError) throw new ApiError(409, 'email_in_use', `Die E-Mail-Adresse ${input.email} ist schon vergeben.`);
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
      responses: { 200: json(UserSchema, 'Changed'), 404: json(ErrorSchema, 'Unknown user'), ...errors },
    }),
    async (c) => {
      const session = requireAdmin(c.get('session'));
      const { id } = c.req.valid('param');
      const { passwort, ...changes } = c.req.valid('json');
      if (id === session.user.id && (changes.aktiv === false || (changes.rolle && changes.rolle !== 'admin'))) {
        throw new ApiError(400, 'self_lockout', 'Sie können sich nicht selbst deaktivieren oder die Administratorrolle entziehen.');
      }
      const user = await updateUser(db, id, { ...changes, ...(passwort ? { passwordHash: await hashPassword(passwort) } : {}) });
      if (!user) throw new ApiError(404, 'not_found', 'Diesen Benutzer gibt es nicht.');
      return c.json(user, 200);
    },
  );
}
