import { createRoute, z } from '@hono/zod-openapi';
import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { PopulationGridSchema } from '../../domain/coverage/zensusGrid';
import { ErrorSchema, FacilitySchema } from '../../domain/facilities/schema';
import { AdminCommandRefused, AdminCommandSchema, runAdminCommand } from '../adminCommand';
import type { App, AppDependencies, AppEnv } from '../context';
import { listFacilities } from '../db/facilities';
import { ApiError } from '../errors';
import { loadPopulationGrid, storePopulationGrid, storedGridInfo } from '../populationGrid';
import { districtOf } from './guards';
import { DistrictParam, body, json } from './openapi';

// The command line (npm run admin, npm run atlas) while the server holds the embedded database:
// it must not open the data directory itself, so it asks the server. Authorised by the secret in
// the data directory's lock file (db/dataDirLock.ts), which only the server's own user can read.

const StoredGridSchema = z.object({
  district: z.string(),
  cellSize: z.number(),
  titel: z.string(),
  quelle: z.string(),
  stand: z.string(),
  importedAt: z.string(),
  cells: z.number(),
  einwohner: z.number(),
});

export const CliCoverageInputSchema = z.object({
  facilities: z.array(FacilitySchema),
  grid: PopulationGridSchema.nullable(),
  gridInfo: StoredGridSchema.nullable(),
});

export const CliGridStoredSchema = StoredGridSchema;

const unauthorised = { 401: json(ErrorSchema, 'Missing or wrong secret of the command line') };

/** Only the command line on this machine (it read the secret from the lock file); exported for command modules' own routes. */
export function requireCli(deps: AppDependencies, c: Context<AppEnv>): void {
  const expected = deps.cliToken;
  if (!expected) throw new ApiError(404, 'not_found', `Unbekannte Adresse ${c.req.path}.`);
  const given = (c.req.header('authorization') ?? '').replace(/^Bearer /, '');
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new ApiError(401, 'cli_secret', 'Nur die Kommandozeile auf diesem Rechner darf das.');
}

export function registerCliRoutes(app: App, deps: AppDependencies): void {
  const { db } = deps;

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cli/admin',
      tags: ['Kommandozeile'],
      summary: 'npm run admin: create an administrator or set a password',
      request: body(AdminCommandSchema),
      responses: { 200: json(z.object({ meldung: z.string() }), 'Done'), 404: json(ErrorSchema, 'No such user'), 409: json(ErrorSchema, 'E-mail taken'), ...unauthorised },
    }),
    async (c) => {
      requireCli(deps, c);
      try {
        return c.json({ meldung: await runAdminCommand(db, c.req.valid('json')) }, 200);
      } catch (error) {
        if (!(error instanceof AdminCommandRefused)) throw error;
        throw new ApiError(error.code === 'duplicate_email' ? 409 : error.code === 'not_found' ? 404 : 400, error.code, error.message);
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cli/districts/{district}/coverage-input',
      tags: ['Kommandozeile'],
      summary: 'npm run atlas -- coverage: the category’s facilities (every status: the analysis counts those in operation and names the others) and the stored grid',
      request: { params: DistrictParam, query: z.object({ category: z.string() }) },
      responses: { 200: json(CliCoverageInputSchema, 'Facilities and grid'), ...unauthorised },
    }),
    async (c) => {
      requireCli(deps, c);
      const district = districtOf(deps, c.req.valid('param').district);
      const facilities = await listFacilities(db, district.id, { category: c.req.valid('query').category, geloescht: 'nein' });
      return c.json({ facilities, grid: await loadPopulationGrid(db, district.id), gridInfo: await storedGridInfo(db, district.id) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/cli/districts/{district}/population',
      tags: ['Kommandozeile'],
      summary: 'npm run atlas -- grid import: replace the stored grid with one the command line read and clipped',
      request: { params: DistrictParam, ...body(PopulationGridSchema) },
      responses: { 200: json(CliGridStoredSchema, 'Stored'), ...unauthorised },
    }),
    async (c) => {
      requireCli(deps, c);
      const district = districtOf(deps, c.req.valid('param').district);
      const grid = c.req.valid('json');
      const surface = {
        cellSize: grid.cellSize,
        x: Float64Array.from(grid.x),
        y: Float64Array.from(grid.y),
        einwohner: Float64Array.from(grid.einwohner),
        method: grid.method,
      };
      return c.json(await storePopulationGrid(db, district.id, surface), 200);
    },
  );
}
