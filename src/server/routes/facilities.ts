import { createRoute, z } from '@hono/zod-openapi';
import {
  CategorySchema,
  CreateFacilitySchema,
  ErrorSchema,
  FacilityFieldsSchema,
  FacilityFilterSchema,
  FacilitySchema,
  FacilityVersionSchema,
  RevertSchema,
  UpdateFacilitySchema,
  VersionedActionSchema,
  fieldsOf,
} from '../../domain/facilities/schema';
import { facilityHistory, insertFacility, updateFacility, type VersionAction } from '../db/facilities';
import { FacilitiesResponseSchema, FacilityChangesQuerySchema } from '../../domain/facilities/responses';
import { ApiError, describeIssues } from '../errors';
import type { App, AppDependencies } from '../context';
import { authorOf, changeFacility, districtOf, loadFacility, placeFacility, requireReader, requireSession } from './guards';
import { FacilityListCache, chooseEncoding, matchesEtag, type CachedList } from './facilityListCache';
import type { Context } from 'hono';
import type { AppEnv } from '../context';
import { DistrictParam, body, json } from './openapi';

const IdParam = z.object({ id: z.string().uuid('keine gültige Kennung') });
const errors = {
  400: json(ErrorSchema, 'Invalid input'),
  401: json(ErrorSchema, 'Not signed in'),
  403: json(ErrorSchema, 'Not allowed'),
  404: json(ErrorSchema, 'Not found'),
};

/** A cached list as the answer: 304 for the ETag the client has, else the best encoding it accepts. */
function sendList(c: Context<AppEnv>, list: CachedList) {
  const headers: Record<string, string> = {
    ETag: list.etag,
    // Browsers keep the list and ask again with If-None-Match; no shared cache keeps it.
    'Cache-Control': 'private, no-cache',
    Vary: 'Accept-Encoding, Cookie',
  };
  if (matchesEtag(c.req.header('if-none-match'), list.etag)) return c.body(null, 304, headers) as never;
  const encoding = chooseEncoding(c.req.header('accept-encoding'));
  if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
  headers['Content-Type'] = 'application/json; charset=utf-8';
  return c.body(list.body[encoding], 200, headers) as never;
}

/** `lists`: the cached facility lists, which the app invalidates after every change it makes. */
export function registerFacilityRoutes(app: App, deps: AppDependencies, lists = new FacilityListCache(deps.db)): void {
  const { db } = deps;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/districts/{district}/categories',
      tags: ['Einrichtungen'],
      summary: 'Category catalogue of a district',
      request: { params: DistrictParam },
      responses: { 200: json(z.object({ categories: z.array(CategorySchema) }), 'Categories'), 404: errors[404] },
    }),
    (c) => c.json({ categories: districtOf(deps, c.req.valid('param').district).categories }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/districts/{district}/facilities',
      tags: ['Einrichtungen'],
      summary: 'Facilities of a district, filtered',
      request: { params: DistrictParam, query: FacilityFilterSchema },
      responses: {
        200: json(FacilitiesResponseSchema, 'Facilities (ETag per district version; compressed when the client accepts it)'),
        304: { description: 'Unchanged since the ETag in If-None-Match' },
        401: errors[401],
        404: errors[404],
      },
    }),
    async (c) => {
      requireReader(deps, c.get('session'));
      const district = districtOf(deps, c.req.valid('param').district);
      return sendList(c, await lists.get(district.id, c.req.valid('query')));
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/districts/{district}/facilities/changes',
      tags: ['Einrichtungen'],
      summary: 'Facilities changed since the stand of an earlier list (deleted ones included), and the new stand',
      description: 'For clients that keep the list: poll with seit = the stand of the last answer instead of fetching the whole list again.',
      request: { params: DistrictParam, query: FacilityChangesQuerySchema },
      responses: { 200: json(FacilitiesResponseSchema, 'Changed facilities (ETag and compression as for the list)'), 304: { description: 'Unchanged since the ETag in If-None-Match' }, 400: errors[400], 401: errors[401], 404: errors[404] },
    }),
    async (c) => {
      requireReader(deps, c.get('session'));
      const district = districtOf(deps, c.req.valid('param').district);
      return sendList(c, await lists.changes(district.id, c.req.valid('query').seit));
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/districts/{district}/facilities',
      tags: ['Einrichtungen'],
      summary: 'Add a facility',
      request: { params: DistrictParam, ...body(CreateFacilitySchema) },
      responses: { 201: json(FacilitySchema, 'Created'), ...errors },
    }),
    async (c) => {
      const session = requireSession(c.get('session'));
      const district = districtOf(deps, c.req.valid('param').district);
      const fields = c.req.valid('json');
      const location = placeFacility(district, fields, session);
      const facility = await db.transaction((tx) => insertFacility(tx, district.id, fields, location, authorOf(session)));
      return c.json(facility, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/facilities/{id}',
      tags: ['Einrichtungen'],
      summary: 'One facility',
      request: { params: IdParam },
      responses: { 200: json(FacilitySchema, 'The facility'), 401: errors[401], 404: errors[404] },
    }),
    async (c) => {
      requireReader(deps, c.get('session'));
      return c.json(await loadFacility(db, c.req.valid('param').id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/facilities/{id}',
      tags: ['Einrichtungen'],
      summary: 'Change a facility (refused with 409 when baseVersion is stale)',
      request: { params: IdParam, ...body(UpdateFacilitySchema) },
      responses: { 200: json(FacilitySchema, 'Changed'), 409: json(ErrorSchema, 'Stale version; details.current is the newer facility'), ...errors },
    }),
    async (c) => {
      const { baseVersion, changes } = c.req.valid('json');
      const result = await changeFacility(deps, c.get('session'), c.req.valid('param').id, ({ tx, current, district, session, author }) => {
        const merged = FacilityFieldsSchema.safeParse({ ...fieldsOf(current), ...changes });
        if (!merged.success) throw new ApiError(400, 'invalid_input', describeIssues(merged.error.issues).join('; '));
        const location = placeFacility(district, merged.data, session);
        const keys = Object.keys(changes);
        const action: VersionAction = keys.length === 1 && keys[0] === 'lage' ? 'verschoben' : 'geaendert';
        return updateFacility(tx, current.id, baseVersion, merged.data, location, current.geloescht, action, author);
      });
      return c.json(result, 200);
    },
  );

  const setDeleted = (path: string, method: 'delete' | 'post', geloescht: boolean, action: VersionAction, summary: string) =>
    app.openapi(
      createRoute({
        method,
        path,
        tags: ['Einrichtungen'],
        summary,
        request: { params: IdParam, ...body(VersionedActionSchema) },
        responses: { 200: json(FacilitySchema, 'Done'), 409: json(ErrorSchema, 'Stale version'), ...errors },
      }),
      async (c) => {
        const { baseVersion } = c.req.valid('json');
        const result = await changeFacility(deps, c.get('session'), c.req.valid('param').id, ({ tx, current, author }) => {
          const location = { gemeindeAgs: current.gemeindeAgs, sozialraumId: current.sozialraumId };
          return updateFacility(tx, current.id, baseVersion, fieldsOf(current), location, geloescht, action, author);
        });
        return c.json(result, 200);
      },
    );
  setDeleted('/api/facilities/{id}', 'delete', true, 'geloescht', 'Delete a facility (recoverable)');
  setDeleted('/api/facilities/{id}/restore', 'post', false, 'wiederhergestellt', 'Restore a deleted facility');

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/facilities/{id}/history',
      tags: ['Einrichtungen'],
      summary: 'Every version of a facility, newest first',
      request: { params: IdParam },
      responses: { 200: json(z.object({ versions: z.array(FacilityVersionSchema) }), 'History'), 401: errors[401], 404: errors[404] },
    }),
    async (c) => {
      requireReader(deps, c.get('session'));
      const id = c.req.valid('param').id;
      await loadFacility(db, id);
      return c.json({ versions: await facilityHistory(db, id) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/facilities/{id}/revert',
      tags: ['Einrichtungen'],
      summary: 'Make an earlier version current again (as a new version)',
      request: { params: IdParam, ...body(RevertSchema) },
      responses: { 200: json(FacilitySchema, 'Reverted'), 409: json(ErrorSchema, 'Stale version'), ...errors },
    }),
    async (c) => {
      const { baseVersion, toVersion } = c.req.valid('json');
      const id = c.req.valid('param').id;
      const result = await changeFacility(deps, c.get('session'), id, async ({ tx, district, session, author }) => {
        const target = (await facilityHistory(tx, id)).find((version) => version.version === toVersion);
        if (!target) throw new ApiError(404, 'unknown_version', `Version ${toVersion} gibt es nicht.`);
        const fields = fieldsOf(target.nachher);
        const location = placeFacility(district, fields, session);
        return updateFacility(tx, id, baseVersion, fields, location, target.nachher.geloescht, 'zurueckgesetzt', author);
      });
      return c.json(result, 200);
    },
  );
}
