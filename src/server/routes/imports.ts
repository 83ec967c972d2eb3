import { createRoute, z } from '@hono/zod-openapi';
import {
  ImportBatchChangeResponseSchema,
  ImportBatchDetailsSchema,
  ImportBatchesResponseSchema,
  ImportProgressSchema,
} from '../../domain/facilities/responses';
import { ErrorSchema, ImportUndoSchema } from '../../domain/facilities/schema';
import { batchMembers, changedSinceImport, getBatch, listBatches, type BatchMember } from '../db/imports';
import { ApiError } from '../errors';
import type { App, AppDependencies, Session } from '../context';
import type { ImportProgressRegistry } from '../imports/progress';
import { restoreBatch, undoBatch } from '../imports/write';
import { assertMayEdit, authorOf, districtOf, requireSession } from './guards';
import { DistrictParam, body, json } from './openapi';

const IdParam = z.object({ id: z.string().uuid('keine gültige Kennung') });
const errors = {
  400: json(ErrorSchema, 'Invalid input'),
  401: json(ErrorSchema, 'Not signed in'),
  403: json(ErrorSchema, 'Not allowed where some facilities of the batch lie'),
  404: json(ErrorSchema, 'Unknown batch'),
};

/** The import batches (list „Importe“), undoing and restoring a batch, and the progress of running checks and imports. */
export function registerImportRoutes(app: App, deps: AppDependencies, progressOf: ImportProgressRegistry): void {
  const { db } = deps;

  const loadBatch = async (id: string) => {
    const batch = await getBatch(db, id);
    if (!batch) throw new ApiError(404, 'not_found', 'Diesen Import gibt es nicht.');
    return batch;
  };

  /** Whoever changes a batch must be allowed to edit where each of the facilities it changes lies now. */
  const assertMayChange = (districtId: string, members: readonly BatchMember[], session: Session) => {
    const district = districtOf(deps, districtId);
    for (const sozialraumId of new Set(members.map((member) => member.sozialraumId))) assertMayEdit(district, sozialraumId, session);
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/districts/{district}/imports',
      tags: ['Import und Export'],
      summary: 'The import batches of a district, newest first',
      request: { params: DistrictParam },
      responses: { 200: json(ImportBatchesResponseSchema, 'Batches'), 401: errors[401] },
    }),
    async (c) => {
      requireSession(c.get('session'));
      const district = districtOf(deps, c.req.valid('param').district);
      return c.json({ importe: await listBatches(db, district.id) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/imports/{id}',
      tags: ['Import und Export'],
      summary: 'One import batch with its facilities changed since the import',
      request: { params: IdParam },
      responses: { 200: json(ImportBatchDetailsSchema, 'The batch'), 401: errors[401], 404: errors[404] },
    }),
    async (c) => {
      requireSession(c.get('session'));
      const batch = await loadBatch(c.req.valid('param').id);
      return c.json({ batch, geaenderte: await changedSinceImport(db, batch.id) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/imports/{id}/undo',
      tags: ['Import und Export'],
      summary: 'Undo an import batch: delete its facilities recoverably, each with a history entry',
      description:
        'Facilities changed since the import are deleted only with geaenderte "loeschen" and kept with "behalten"; ' +
        'without either the answer is 409 (code import_changed) with the changed facilities in details.geaenderte.',
      request: { params: IdParam, ...body(ImportUndoSchema) },
      responses: {
        200: json(ImportBatchChangeResponseSchema, 'Undone; the facilities deleted'),
        409: json(ErrorSchema, 'Facilities were changed since the import, or the batch is not complete'),
        ...errors,
      },
    }),
    async (c) => {
      const session = requireSession(c.get('session'));
      const batch = await loadBatch(c.req.valid('param').id);
      if (batch.status !== 'abgeschlossen') {
        throw new ApiError(409, 'import_not_complete', batch.status === 'rueckgaengig' ? 'Dieser Import ist schon rückgängig gemacht.' : 'Dieser Import ist nicht abgeschlossen.');
      }
      const { geaenderte } = c.req.valid('json');
      const members = await batchMembers(db, batch.id, 'active');
      const changed = members.filter((member) => member.changed);
      if (changed.length > 0 && geaenderte === undefined) {
        const list = await changedSinceImport(db, batch.id);
        throw new ApiError(
          409,
          'import_changed',
          `${changed.length === 1 ? '1 Einrichtung' : `${changed.length} Einrichtungen`} aus diesem Import ${changed.length === 1 ? 'wurde' : 'wurden'} seitdem geändert: ${list
            .slice(0, 5)
            .map((facility) => `„${facility.name}“`)
            .join(', ')}${list.length > 5 ? ' …' : ''}. Mitlöschen oder behalten?`,
          { geaenderte: list },
        );
      }
      const deleteChanged = geaenderte === 'loeschen';
      assertMayChange(batch.district, deleteChanged ? members : members.filter((member) => !member.changed), session);
      const facilities = await undoBatch(db, batch.id, members, deleteChanged, authorOf(session), progressOf.start(undefined, session.user.id));
      return c.json({ batch: (await getBatch(db, batch.id))!, facilities }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/imports/{id}/restore',
      tags: ['Import und Export'],
      summary: 'Restore the facilities that undoing the batch deleted (and nobody changed since)',
      request: { params: IdParam, ...body(z.object({})) },
      responses: { 200: json(ImportBatchChangeResponseSchema, 'Restored'), 409: json(ErrorSchema, 'The batch was not undone'), ...errors },
    }),
    async (c) => {
      const session = requireSession(c.get('session'));
      const batch = await loadBatch(c.req.valid('param').id);
      if (batch.status !== 'rueckgaengig') throw new ApiError(409, 'import_not_undone', 'Dieser Import wurde nicht rückgängig gemacht.');
      assertMayChange(batch.district, await batchMembers(db, batch.id, 'deletedByUndo'), session);
      const facilities = await restoreBatch(db, batch.id, authorOf(session), progressOf.start(undefined, session.user.id));
      return c.json({ batch: (await getBatch(db, batch.id))!, facilities }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/import-progress/{id}',
      tags: ['Import und Export'],
      summary: 'How far a running check or import has come (id: the vorgang sent with it)',
      request: { params: IdParam },
      responses: { 200: json(ImportProgressSchema, 'Progress'), 401: errors[401], 404: json(ErrorSchema, 'Not (yet) running, or finished a while ago') },
    }),
    (c) => {
      const session = requireSession(c.get('session'));
      const progress = progressOf.get(c.req.valid('param').id, session.user.id);
      if (!progress) throw new ApiError(404, 'not_found', 'Zu dieser Kennung läuft keine Prüfung und kein Import.');
      return c.json(progress, 200);
    },
  );
}
