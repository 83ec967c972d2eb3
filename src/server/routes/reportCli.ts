import { createRoute } from '@hono/zod-openapi';
import { ErrorSchema } from '../../domain/facilities/schema';
import type { App, AppDependencies } from '../context';
import { ApiError } from '../errors';
import { CliReportRequestSchema, CliReportResultSchema, ReportRefused, cliReport, today } from '../report/produce';
import { requireCli } from './cli';
import { districtOf } from './guards';
import { DistrictParam, body, json } from './openapi';

// npm run atlas -- report while the server holds the embedded database: the server makes the
// report (the same function as on the database, report/produce.ts) and answers with the PDF.

export function registerReportCliRoutes(app: App, deps: AppDependencies): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cli/districts/{district}/report',
      tags: ['Kommandozeile'],
      summary: 'npm run atlas -- report: the profile report as PDF (base64)',
      request: { params: DistrictParam, ...body(CliReportRequestSchema) },
      responses: {
        200: json(CliReportResultSchema, 'The report'),
        400: json(ErrorSchema, 'A template, Kennzahl or area the district does not have'),
        401: json(ErrorSchema, 'Missing or wrong secret of the command line'),
        404: json(ErrorSchema, 'Unknown district'),
      },
    }),
    async (c) => {
      requireCli(deps, c);
      const district = districtOf(deps, c.req.valid('param').district);
      try {
        return c.json(await cliReport(deps.db, district, c.req.valid('json'), today(deps.options.clock)), 200);
      } catch (error) {
        if (error instanceof ReportRefused) throw new ApiError(400, 'invalid_choice', error.message);
        throw error;
      }
    },
  );
}
