import { createRoute, z } from '@hono/zod-openapi';
import { mayEditIndicators } from '../../domain/facilities/permissions';
import { ErrorSchema } from '../../domain/facilities/schema';
import { definitionListProblems, type IndicatorDefinition } from '../../domain/indicators/catalog';
import type { IndicatorDataset, View } from '../../domain/indicators/dataset';
import type { AreaNode } from '../../domain/indicators/hierarchy';
import {
  AreaFacilitiesResponseSchema,
  CatalogueResponseSchema,
  DefinitionResponseSchema,
  DefinitionVersionSchema,
  LevelValuesQuerySchema,
  LevelValuesResponseSchema,
  PlannerDefinitionSchema,
  ProfileQuerySchema,
  ProfileResponseSchema,
  SimilarQuerySchema,
  SimilarResponseSchema,
  VersionedSchema,
} from '../../domain/indicators/schema';
import { areaProfile, catalogueResponse, findArea, levelValues, pickDate, similarView } from '../../domain/indicators/views';
import type { App, AppDependencies, Session } from '../context';
import { definitionHistory, listDefinitions, writeDefinition } from '../db/indicators';
import { ApiError } from '../errors';
import { loadDataset } from '../indicators';
import { areaFacilities } from '../report/produce';
import { authorOf, districtOf, requireReader, requireSession } from './guards';
import { DistrictParam, body, json } from './openapi';

// Kennzahlen for readers (catalogue, values at a level, profile of an area) and the catalogue
// for planners (their own definitions). Every figure comes protected from the dataset
// (src/domain/indicators); the internal view is for Planung and Admin only and says so.

export const TAG = 'Kennzahlen';
export const errors = {
  400: json(ErrorSchema, 'Invalid input'),
  401: json(ErrorSchema, 'Not signed in'),
  403: json(ErrorSchema, 'Not allowed (only Planung and Admin edit Kennzahlen or see the internal view)'),
  404: json(ErrorSchema, 'Unknown district, Kennzahl, area or date'),
};

/** Planung and Admin only: who adds and changes Kennzahlen and their values. */
export function requireIndicatorEditor(session: Session | null): Session {
  const signedIn = requireSession(session);
  if (!mayEditIndicators(signedIn.user)) throw new ApiError(403, 'forbidden', 'Kennzahlen und ihre Werte ändern dürfen nur Planung und Administration.');
  return signedIn;
}

/** The view asked for; the internal one only for Planung and Admin. */
export function viewFor(deps: AppDependencies, session: Session | null, requested: View): View {
  requireReader(deps, session);
  if (requested === 'intern') {
    if (!session) throw new ApiError(401, 'not_signed_in', 'Die interne Ansicht gibt es nur nach der Anmeldung.');
    if (!mayEditIndicators(session.user)) throw new ApiError(403, 'forbidden', 'Die interne Ansicht mit ungeschützten Werten ist Planung und Administration vorbehalten.');
  }
  return requested;
}

const IndicatorParam = DistrictParam.extend({ id: z.string().regex(/^[a-z0-9-]+$/, 'keine gültige Kennzahl-id') });
const AreaParam = DistrictParam.extend({ area: z.string().min(1) });

export function unknownIndicator(id: string): ApiError {
  return new ApiError(404, 'unknown_indicator', `Die Kennzahl „${id}“ gibt es in diesem Landkreis nicht.`);
}

/** The area of a path parameter, or a German 404. */
function areaIn(dataset: IndicatorDataset, districtName: string, area: string): AreaNode {
  const node = findArea(dataset.hierarchy, area);
  if (!node) throw new ApiError(404, 'unknown_area', `Das Gebiet „${area}“ gibt es im ${districtName} nicht.`);
  return node;
}

export function registerIndicatorRoutes(app: App, deps: AppDependencies): void {
  const { db } = deps;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/districts/{district}/indicators',
      tags: [TAG],
      summary: 'The Kennzahlen catalogue: definitions, dates with values, sources, privacy rules',
      request: { params: DistrictParam },
      responses: { 200: json(CatalogueResponseSchema, 'Catalogue'), 401: errors[401], 404: errors[404] },
    }),
    async (c) => {
      requireReader(deps, c.get('session'));
      const district = districtOf(deps, c.req.valid('param').district);
      const { dataset, versions } = await loadDataset(db, district);
      return c.json(catalogueResponse(dataset, versions), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/districts/{district}/indicators/{id}/values',
      tags: [TAG],
      summary: 'One Kennzahl on one date for every area of a level, protected (ansicht=intern: unprotected, Planung and Admin only)',
      description:
        'Counts summed, rates from summed numerators and denominators, weighted means; an aggregate with a missing part is „unvollstaendig“. ' +
        'Protected figures have status „geheim“, wert null and text „•“; their value is not in the response.',
      request: { params: IndicatorParam, query: LevelValuesQuerySchema },
      responses: { 200: json(LevelValuesResponseSchema, 'Values'), ...errors },
    }),
    async (c) => {
      const { district: districtId, id } = c.req.valid('param');
      const query = c.req.valid('query');
      const view = viewFor(deps, c.get('session'), query.ansicht);
      const district = districtOf(deps, districtId);
      const { dataset, sourceOf } = await loadDataset(db, district);
      const definition = dataset.definition(id);
      if (!definition) throw unknownIndicator(id);
      const date = pickDate(dataset, id, query.stichtag);
      if (!date) {
        const dates = dataset.dates(id);
        throw new ApiError(404, 'unknown_date', `Für „${definition.name}“ gibt es ${query.stichtag ? `am ${query.stichtag} ` : ''}keine Werte${dates.length ? ` (Stichtage: ${dates.join(', ')})` : ''}.`);
      }
      return c.json(levelValues(dataset, definition, date, query.ebene, view, sourceOf), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/districts/{district}/areas/{area}/profile',
      tags: [TAG],
      summary: 'Profile of an area: every Kennzahl with the planning area and Kreis values, protection, validity note, source and date',
      description: 'area: „sozialraum:adelebsen“, „sozialregion:…“, „planungsraum:planungsraum“, „gemeinde:03159001“, „kreis:03159“, or a Sozialraum id.',
      request: { params: AreaParam, query: ProfileQuerySchema },
      responses: { 200: json(ProfileResponseSchema, 'Profile'), ...errors },
    }),
    async (c) => {
      const { district: districtId, area } = c.req.valid('param');
      const query = c.req.valid('query');
      const view = viewFor(deps, c.get('session'), query.ansicht);
      const district = districtOf(deps, districtId);
      const { dataset, sourceOf } = await loadDataset(db, district);
      const node = areaIn(dataset, district.name, area);
      return c.json(areaProfile(dataset, node.key, view, query.stichtag, sourceOf), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/districts/{district}/areas/{area}/similar',
      tags: [TAG],
      summary: 'The areas most like this one on the chosen Kennzahlen (z-standardised; withheld and missing figures not used)',
      request: { params: AreaParam, query: SimilarQuerySchema },
      responses: { 200: json(SimilarResponseSchema, 'Nearest neighbours'), ...errors },
    }),
    async (c) => {
      const { district: districtId, area } = c.req.valid('param');
      const query = c.req.valid('query');
      const view = viewFor(deps, c.get('session'), query.ansicht);
      const district = districtOf(deps, districtId);
      const { dataset } = await loadDataset(db, district);
      const node = areaIn(dataset, district.name, area);
      return c.json(similarView(dataset, node.key, query.kennzahlen.split(','), view, query.anzahl, query.stichtag), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/districts/{district}/areas/{area}/facilities',
      tags: [TAG],
      summary: 'Facilities of a Sozialraum, Sozialregion or the planning area by category, with the share of residents within reach (as in the profile report)',
      request: { params: AreaParam },
      responses: { 200: json(AreaFacilitiesResponseSchema, 'Facilities and coverage by category'), ...errors },
    }),
    async (c) => {
      const { district: districtId, area } = c.req.valid('param');
      requireReader(deps, c.get('session'));
      const district = districtOf(deps, districtId);
      const { dataset } = await loadDataset(db, district);
      const node = areaIn(dataset, district.name, area);
      if (node.level !== 'sozialraum' && node.level !== 'sozialregion' && node.level !== 'planungsraum') {
        throw new ApiError(404, 'unknown_area', `Einrichtungen und Versorgung gibt es je Sozialraum, Sozialregion und Planungsraum, nicht für „${node.name}“.`);
      }
      return c.json(await areaFacilities(db, district, dataset, node), 200);
    },
  );

  const DefinitionBody = z.object({ kennzahl: PlannerDefinitionSchema });

  /** A planner's definition, checked against the whole catalogue (components exist, are counts, one level). */
  async function checkedDefinition(district: string, definition: IndicatorDefinition): Promise<void> {
    const others = (await listDefinitions(db, district)).map((entry) => entry.definition).filter((each) => each.id !== definition.id);
    const problems = definitionListProblems([definition], others, 'kennzahl');
    if (problems.length > 0) throw new ApiError(400, 'invalid_input', `Die Kennzahl ist nicht stimmig: ${problems.join('; ')}`, { problems });
  }

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/districts/{district}/indicators',
      tags: [TAG],
      summary: 'Add a Kennzahl of the district’s own (Planung and Admin)',
      request: { params: DistrictParam, ...body(DefinitionBody) },
      responses: { 201: json(DefinitionResponseSchema, 'Created'), 409: json(ErrorSchema, 'The id is taken'), ...errors },
    }),
    async (c) => {
      const session = requireIndicatorEditor(c.get('session'));
      const district = districtOf(deps, c.req.valid('param').district);
      const { kennzahl } = c.req.valid('json');
      const taken = (await listDefinitions(db, district.id, { withDeleted: true })).find((entry) => entry.definition.id === kennzahl.id);
      if (taken) throw new ApiError(409, 'duplicate_indicator', `Die Kennzahl-id „${kennzahl.id}“ ist schon vergeben${taken.geloescht ? ' (an eine gelöschte Kennzahl)' : ''}.`);
      await checkedDefinition(district.id, kennzahl);
      const stored = await db.transaction((tx) => writeDefinition(tx, district.id, kennzahl, 'eigene', authorOf(session), { action: 'angelegt' }));
      if ('conflict' in stored) throw new ApiError(409, 'duplicate_indicator', `Die Kennzahl-id „${kennzahl.id}“ ist schon vergeben.`);
      return c.json({ kennzahl: stored.definition, version: stored.version }, 201);
    },
  );

  /** Changes a planner's own definition on top of baseVersion; shipped ones are maintained in geodata/. */
  async function changeOwnDefinition(districtId: string, id: string, session: Session | null, baseVersion: number, next: (current: IndicatorDefinition) => { definition: IndicatorDefinition; geloescht: boolean; action: string }) {
    const editor = requireIndicatorEditor(session);
    const district = districtOf(deps, districtId);
    const current = (await listDefinitions(db, district.id, { withDeleted: true })).find((entry) => entry.definition.id === id);
    if (!current) throw unknownIndicator(id);
    if (current.herkunft === 'geodata') {
      throw new ApiError(403, 'shipped_indicator', `„${current.definition.name}“ wird mit dem Atlas ausgeliefert (geodata/${district.id}/kennzahlen.json) und dort geprüft gepflegt, nicht in der App.`);
    }
    const change = next(current.definition);
    if (change.geloescht) {
      const users = (await listDefinitions(db, district.id)).filter(
        ({ definition }) => definition.id !== id && ((definition.art === 'anteil' || definition.art === 'quote') ? [...definition.zaehler, ...definition.nenner].includes(id) : definition.art === 'mittelwert' && definition.gewicht === id),
      );
      if (users.length > 0) throw new ApiError(409, 'indicator_in_use', `„${current.definition.name}“ wird von ${users.map((each) => `„${each.definition.name}“`).join(', ')} verwendet und kann nicht gelöscht werden.`);
    } else {
      await checkedDefinition(district.id, change.definition);
    }
    const stored = await db.transaction((tx) =>
      writeDefinition(tx, district.id, change.definition, 'eigene', authorOf(editor), { action: change.action, baseVersion, geloescht: change.geloescht }),
    );
    if ('conflict' in stored) {
      throw new ApiError(409, 'version_conflict', `Die Kennzahl wurde inzwischen geändert (Version ${stored.conflict.version}). Ihre Änderung wurde nicht gespeichert.`, { current: stored.conflict });
    }
    return { kennzahl: stored.definition, version: stored.version };
  }

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/districts/{district}/indicators/{id}',
      tags: [TAG],
      summary: 'Change a Kennzahl of the district’s own (409 when baseVersion is stale)',
      request: { params: IndicatorParam, ...body(VersionedSchema.extend({ kennzahl: PlannerDefinitionSchema })) },
      responses: { 200: json(DefinitionResponseSchema, 'Changed'), 409: json(ErrorSchema, 'Stale version'), ...errors },
    }),
    async (c) => {
      const { district, id } = c.req.valid('param');
      const { baseVersion, kennzahl } = c.req.valid('json');
      if (kennzahl.id !== id) throw new ApiError(400, 'invalid_input', 'Die id einer Kennzahl kann nicht geändert werden.');
      return c.json(await changeOwnDefinition(district, id, c.get('session'), baseVersion, () => ({ definition: kennzahl, geloescht: false, action: 'geaendert' })), 200);
    },
  );

  const setDefinitionDeleted = (method: 'delete' | 'post', path: string, geloescht: boolean, summary: string) =>
    app.openapi(
      createRoute({
        method,
        path,
        tags: [TAG],
        summary,
        request: { params: IndicatorParam, ...body(VersionedSchema) },
        responses: { 200: json(DefinitionResponseSchema, 'Done'), 409: json(ErrorSchema, 'Stale version or in use'), ...errors },
      }),
      async (c) => {
        const { district, id } = c.req.valid('param');
        const { baseVersion } = c.req.valid('json');
        const action = geloescht ? 'geloescht' : 'wiederhergestellt';
        return c.json(await changeOwnDefinition(district, id, c.get('session'), baseVersion, (current) => ({ definition: current, geloescht, action })), 200);
      },
    );
  setDefinitionDeleted('delete', '/api/districts/{district}/indicators/{id}', true, 'Delete a Kennzahl of the district’s own (recoverable; refused while another uses it)');
  setDefinitionDeleted('post', '/api/districts/{district}/indicators/{id}/restore', false, 'Restore a deleted Kennzahl of the district’s own');

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/districts/{district}/indicators/{id}/revert',
      tags: [TAG],
      summary: 'Make an earlier version of a Kennzahl of the district’s own current again (as a new version)',
      request: { params: IndicatorParam, ...body(VersionedSchema.extend({ toVersion: z.number().int().positive() })) },
      responses: { 200: json(DefinitionResponseSchema, 'Reverted'), 409: json(ErrorSchema, 'Stale version'), ...errors },
    }),
    async (c) => {
      const { district, id } = c.req.valid('param');
      const { baseVersion, toVersion } = c.req.valid('json');
      const target = (await definitionHistory(db, district, id)).find((version) => version.version === toVersion);
      if (!target) throw new ApiError(404, 'unknown_version', `Version ${toVersion} gibt es nicht.`);
      return c.json(await changeOwnDefinition(district, id, c.get('session'), baseVersion, () => ({ definition: target.nachher, geloescht: false, action: 'zurueckgesetzt' })), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/districts/{district}/indicators/{id}/history',
      tags: [TAG],
      summary: 'Every version of a Kennzahl’s definition, newest first',
      request: { params: IndicatorParam },
      responses: { 200: json(z.object({ versions: z.array(DefinitionVersionSchema) }), 'History'), 401: errors[401], 404: errors[404] },
    }),
    async (c) => {
      requireReader(deps, c.get('session'));
      const { district: districtId, id } = c.req.valid('param');
      const district = districtOf(deps, districtId);
      const versions = await definitionHistory(db, district.id, id);
      if (versions.length === 0) throw unknownIndicator(id);
      return c.json({ versions }, 200);
    },
  );
}
