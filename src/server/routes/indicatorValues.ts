import { createRoute, z } from '@hono/zod-openapi';
import { ErrorSchema } from '../../domain/facilities/schema';
import { createAreaResolver } from '../../domain/indicators/areaKeys';
import { isStored } from '../../domain/indicators/catalog';
import { buildHierarchy } from '../../domain/indicators/hierarchy';
import {
  CalendarDateSchema,
  ImportCommitResponseSchema,
  ImportReportSchema,
  ImportRequestSchema,
  PutValueSchema,
  RevertValueSchema,
  StoredValueSchema,
  StoredValueVersionSchema,
  VersionedSchema,
  type StoredIndicatorValue,
} from '../../domain/indicators/schema';
import type { App, AppDependencies, Session } from '../context';
import type { Queryable } from '../db/database';
import type { Author } from '../db/facilities';
import { IndicatorConflictError, districtOfValue, getValue, listValues, updateValue, valueHistory, writeValues, type ValueAction } from '../db/indicators';
import { ApiError } from '../errors';
import { checkIndicatorFile, crosswalkOf, importIndicatorFile, importRefusal, storedCatalogue } from '../indicators';
import { authorOf, districtOf } from './guards';
import { TAG, errors, requireIndicatorEditor, unknownIndicator } from './indicators';
import { DistrictParam, body, json } from './openapi';

// The stored counts and means behind the Kennzahlen, for Planung and Admin only (they are the
// unprotected figures): list, set one value, delete, restore, history, revert, and the import
// of a file (check without writing; commit all or nothing). Versions as with facilities.

const IndicatorParam = DistrictParam.extend({ id: z.string().regex(/^[a-z0-9-]+$/, 'keine gültige Kennzahl-id') });
const ValueParam = z.object({ id: z.string().uuid('keine gültige Kennung') });

async function versionedValue(work: () => Promise<StoredIndicatorValue | null>): Promise<StoredIndicatorValue> {
  try {
    const value = await work();
    if (!value) throw new ApiError(404, 'not_found', 'Diesen Wert gibt es nicht.');
    return value;
  } catch (error) {
    if (error instanceof IndicatorConflictError) {
      throw new ApiError(409, 'version_conflict', `Der Wert wurde inzwischen von ${error.current.geaendertVon ?? 'jemand anderem'} geändert (Version ${error.current.version}). Ihre Änderung wurde nicht gespeichert.`, {
        current: error.current,
      });
    }
    throw error;
  }
}

export function registerIndicatorValueRoutes(app: App, deps: AppDependencies): void {
  const { db } = deps;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/districts/{district}/indicators/{id}/stored',
      tags: [TAG],
      summary: 'The stored values of a count or mean, unprotected (Planung and Admin)',
      request: { params: IndicatorParam, query: z.object({ stichtag: CalendarDateSchema.optional(), geloescht: z.enum(['ja', 'nein']).default('nein') }) },
      responses: { 200: json(z.object({ werte: z.array(StoredValueSchema) }), 'Stored values'), ...errors },
    }),
    async (c) => {
      requireIndicatorEditor(c.get('session'));
      const { district: districtId, id } = c.req.valid('param');
      const query = c.req.valid('query');
      const district = districtOf(deps, districtId);
      const { catalogue } = await storedCatalogue(db, district.id);
      if (!catalogue.entries.some((entry) => entry.definition.id === id)) throw unknownIndicator(id);
      return c.json({ werte: await listValues(db, district.id, { kennzahl: id, stichtag: query.stichtag, withDeleted: query.geloescht === 'ja' }) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/districts/{district}/indicators/{id}/stored',
      tags: [TAG],
      summary: 'Set one value of an area on a date (new, or a new version on top of baseVersion)',
      request: { params: IndicatorParam, ...body(PutValueSchema) },
      responses: { 200: json(StoredValueSchema, 'Stored'), 409: json(ErrorSchema, 'Stale or missing baseVersion'), ...errors },
    }),
    async (c) => {
      const session = requireIndicatorEditor(c.get('session'));
      const { district: districtId, id } = c.req.valid('param');
      const input = c.req.valid('json');
      const district = districtOf(deps, districtId);
      const { catalogue } = await storedCatalogue(db, district.id);
      const definition = catalogue.entries.find((entry) => entry.definition.id === id)?.definition;
      if (!definition) throw unknownIndicator(id);
      if (!isStored(definition)) throw new ApiError(400, 'computed_indicator', `„${definition.name}“ wird aus Zähler und Nenner berechnet; bitte diese ändern.`);
      const area = createAreaResolver(buildHierarchy(district.territory), crosswalkOf(district.id)).resolve(input.gebiet);
      if (area.kind !== 'gebiet' || area.via !== null) throw new ApiError(400, 'unknown_area', area.kind === 'unbekannt' ? area.message : `Gebiet „${input.gebiet}“ gehört nicht zum ${district.name}.`);
      if (area.level !== definition.ebene) throw new ApiError(400, 'wrong_level', `„${definition.name}“ wird je ${definition.ebene === 'gemeinde' ? 'Gemeinde' : definition.ebene === 'sozialraum' ? 'Sozialraum' : 'Kreis'} erhoben, nicht für ${area.name}.`);
      if (definition.art === 'anzahl' && input.wert < 0 && !definition.negativZulaessig) throw new ApiError(400, 'negative_count', `„${definition.name}“ kann nicht negativ sein.`);
      const author = authorOf(session);
      const value = await versionedValue(() =>
        db.transaction(async (tx) => {
          const [existing] = (await listValues(tx, district.id, { kennzahl: id, stichtag: input.stichtag, withDeleted: true })).filter((each) => each.gebiet === area.id);
          if (!existing) {
            await writeValues(tx, district.id, [{ kennzahl: id, gebiet: area.id, stichtag: input.stichtag, wert: input.wert, quelle: null }], author, 'angelegt');
            return (await listValues(tx, district.id, { kennzahl: id, stichtag: input.stichtag })).find((each) => each.gebiet === area.id) ?? null;
          }
          if (input.baseVersion === undefined) throw new IndicatorConflictError(existing);
          return updateValue(tx, existing.id, input.baseVersion, { wert: input.wert, quelle: existing.quelle, geloescht: false }, existing.geloescht ? 'wiederhergestellt' : 'geaendert', author);
        }),
      );
      return c.json(value, 200);
    },
  );

  /** A change of one stored value behind the editor guard, in its district. */
  const changeValue = (id: string, session: Session | null, work: (tx: Queryable, current: StoredIndicatorValue, author: Author) => Promise<StoredIndicatorValue | null>) => {
    const author = authorOf(requireIndicatorEditor(session));
    return versionedValue(() =>
      db.transaction(async (tx) => {
        const current = await getValue(tx, id);
        // A value of a district this server does not serve is not there for it.
        const districtId = await districtOfValue(tx, id);
        if (!current || !districtId || !deps.districts.has(districtId)) return null;
        return work(tx, current, author);
      }),
    );
  };

  const setDeleted = (method: 'delete' | 'post', path: string, geloescht: boolean, action: ValueAction, summary: string) =>
    app.openapi(
      createRoute({
        method,
        path,
        tags: [TAG],
        summary,
        request: { params: ValueParam, ...body(VersionedSchema) },
        responses: { 200: json(StoredValueSchema, 'Done'), 409: json(ErrorSchema, 'Stale version'), ...errors },
      }),
      async (c) => {
        const session = c.get('session');
        const { baseVersion } = c.req.valid('json');
        const value = await changeValue(c.req.valid('param').id, session, (tx, current, author) =>
          updateValue(tx, current.id, baseVersion, { wert: current.wert, quelle: current.quelle, geloescht }, action, author),
        );
        return c.json(value, 200);
      },
    );
  setDeleted('delete', '/api/indicator-values/{id}', true, 'geloescht', 'Delete a stored value (recoverable)');
  setDeleted('post', '/api/indicator-values/{id}/restore', false, 'wiederhergestellt', 'Restore a deleted value');

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/indicator-values/{id}/history',
      tags: [TAG],
      summary: 'Every version of a stored value, newest first (Planung and Admin)',
      request: { params: ValueParam },
      responses: { 200: json(z.object({ versions: z.array(StoredValueVersionSchema) }), 'History'), ...errors },
    }),
    async (c) => {
      requireIndicatorEditor(c.get('session'));
      const id = c.req.valid('param').id;
      if (!(await getValue(db, id))) throw new ApiError(404, 'not_found', 'Diesen Wert gibt es nicht.');
      return c.json({ versions: await valueHistory(db, id) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/indicator-values/{id}/revert',
      tags: [TAG],
      summary: 'Make an earlier version of a value current again (as a new version)',
      request: { params: ValueParam, ...body(RevertValueSchema) },
      responses: { 200: json(StoredValueSchema, 'Reverted'), 409: json(ErrorSchema, 'Stale version'), ...errors },
    }),
    async (c) => {
      const session = c.get('session');
      const { baseVersion, toVersion } = c.req.valid('json');
      const value = await changeValue(c.req.valid('param').id, session, async (tx, current, author) => {
        const target = (await valueHistory(tx, current.id)).find((version) => version.version === toVersion);
        if (!target) throw new ApiError(404, 'unknown_version', `Version ${toVersion} gibt es nicht.`);
        const { wert, quelle, geloescht } = target.nachher;
        return updateValue(tx, current.id, baseVersion, { wert, quelle, geloescht }, 'zurueckgesetzt', author);
      });
      return c.json(value, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/districts/{district}/indicators/import/check',
      tags: [TAG],
      summary: 'Check a file of Kennzahlen values (CSV or GENESIS export): mapping, a report per row, what would be written; writes nothing',
      request: { params: DistrictParam, ...body(ImportRequestSchema) },
      responses: { 200: json(ImportReportSchema, 'Report'), ...errors },
    }),
    async (c) => {
      requireIndicatorEditor(c.get('session'));
      const district = districtOf(deps, c.req.valid('param').district);
      return c.json((await checkIndicatorFile(db, district, c.req.valid('json'))).report, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/districts/{district}/indicators/import',
      tags: [TAG],
      summary: 'Import a file of Kennzahlen values: all of them or none',
      request: { params: DistrictParam, ...body(ImportRequestSchema) },
      responses: {
        201: json(ImportCommitResponseSchema, 'Written'),
        422: json(ErrorSchema, 'The file has errors (details: the report); nothing was written'),
        ...errors,
      },
    }),
    async (c) => {
      const session = requireIndicatorEditor(c.get('session'));
      const district = districtOf(deps, c.req.valid('param').district);
      const request = c.req.valid('json');
      const outcome = await importIndicatorFile(db, district, request, authorOf(session));
      if (!outcome.written) throw new ApiError(422, 'import_rejected', importRefusal(outcome.report, request.dateiname), { report: outcome.report });
      const { neu, geaendert } = outcome.written;
      return c.json({ geschrieben: neu + geaendert, neu, geaendert }, 201);
    },
  );
}
