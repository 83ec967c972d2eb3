import { createRoute, z } from '@hono/zod-openapi';
import { ErrorSchema } from '../../domain/facilities/schema';
import { CatalogueResponseSchema, ImportReportSchema, ImportRequestSchema, ProfileQuerySchema, ProfileResponseSchema } from '../../domain/indicators/schema';
import { buildHierarchy } from '../../domain/indicators/hierarchy';
import { findArea } from '../../domain/indicators/views';
import type { App, AppDependencies } from '../context';
import { ApiError } from '../errors';
import { indicatorCatalogue, indicatorImport, indicatorProfile } from '../indicatorCommands';
import { requireCli } from './cli';
import { districtOf } from './guards';
import { DistrictParam, body, json } from './openapi';

// npm run atlas -- indicators / profile / indicators import while the server holds the embedded
// database: the same work as on the database (indicatorCommands.ts), asked of the server.

export const CliIndicatorImportSchema = ImportRequestSchema.extend({ pruefen: z.boolean().default(false), von: z.string().min(1).max(200) });
export const CliIndicatorImportResultSchema = z.object({
  report: ImportReportSchema,
  written: z.object({ neu: z.number().int(), geaendert: z.number().int() }).nullable(),
});

const TAG = 'Kommandozeile';
const unauthorised = { 401: json(ErrorSchema, 'Missing or wrong secret of the command line'), 404: json(ErrorSchema, 'Unknown district or area') };

export function registerIndicatorCliRoutes(app: App, deps: AppDependencies): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cli/districts/{district}/indicators',
      tags: [TAG],
      summary: 'npm run atlas -- indicators: the Kennzahlen catalogue',
      request: { params: DistrictParam },
      responses: { 200: json(CatalogueResponseSchema, 'Catalogue'), ...unauthorised },
    }),
    async (c) => {
      requireCli(deps, c);
      return c.json(await indicatorCatalogue(deps.db, districtOf(deps, c.req.valid('param').district)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cli/districts/{district}/areas/{area}/profile',
      tags: [TAG],
      summary: 'npm run atlas -- profile: the protected profile of an area',
      request: { params: DistrictParam.extend({ area: z.string().min(1) }), query: ProfileQuerySchema.pick({ stichtag: true }) },
      responses: { 200: json(ProfileResponseSchema, 'Profile'), ...unauthorised },
    }),
    async (c) => {
      requireCli(deps, c);
      const { district: districtId, area } = c.req.valid('param');
      const district = districtOf(deps, districtId);
      if (!findArea(buildHierarchy(district.territory), area)) throw new ApiError(404, 'unknown_area', `Das Gebiet „${area}“ gibt es im ${district.name} nicht.`);
      return c.json(await indicatorProfile(deps.db, district, area, c.req.valid('query').stichtag), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cli/districts/{district}/indicators/import',
      tags: [TAG],
      summary: 'npm run atlas -- indicators import: check a file and (unless pruefen) write all of its values or none',
      request: { params: DistrictParam, ...body(CliIndicatorImportSchema) },
      responses: { 200: json(CliIndicatorImportResultSchema, 'Report and what was written'), ...unauthorised },
    }),
    async (c) => {
      requireCli(deps, c);
      const { pruefen, von, ...request } = c.req.valid('json');
      const district = districtOf(deps, c.req.valid('param').district);
      return c.json(await indicatorImport(deps.db, district, request, pruefen, { userId: null, name: von }), 200);
    },
  );
}
