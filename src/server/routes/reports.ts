import { createRoute, z } from '@hono/zod-openapi';
import { ErrorSchema } from '../../domain/facilities/schema';
import { mayEditIndicators } from '../../domain/facilities/permissions';
import { choiceProblems, reportIndicators, sectionOrder } from '../../domain/report/content';
import {
  ReportChoiceSchema,
  ReportJobSchema,
  ReportRequestSchema,
  ReportTemplateInputSchema,
  ReportTemplateListSchema,
  ReportTemplateSchema,
  ReportTemplateUpdateSchema,
  reportFileName,
  type ReportChoice,
} from '../../domain/report/template';
import type { App, AppDependencies, Session } from '../context';
import { changeTemplate, createTemplate, getTemplate, listTemplates, TemplateConflict, TemplateNameTaken } from '../db/reportTemplates';
import type { DistrictRuntime } from '../districts';
import { ApiError } from '../errors';
import { loadDataset } from '../indicators';
import { ReportJobs, ReportsBusy } from '../report/jobs';
import { produceReport, ReportRefused, today } from '../report/produce';
import { authorOf, districtOf, requireReader, requireSession } from './guards';
import { DistrictParam, body, json } from './openapi';

// The profile report (Sozialraumprofile as one PDF): start a job, poll its progress, cancel it,
// fetch the PDF; and the named report templates of a district (Planung and Admin save them).
// Every figure in the PDF is the protected one: there is no internal view of a report.

const TAG = 'Berichte';
const errors = {
  400: json(ErrorSchema, 'Invalid input or a choice the report cannot be made from'),
  401: json(ErrorSchema, 'Not signed in'),
  403: json(ErrorSchema, 'Not allowed (only Planung and Admin save templates)'),
  404: json(ErrorSchema, 'Unknown district, template or report'),
  409: json(ErrorSchema, 'Name taken, or the template changed meanwhile'),
};
const IdParam = z.object({ id: z.string().uuid('keine gültige id') });

function requireTemplateEditor(session: Session | null): Session {
  const signedIn = requireSession(session);
  if (!mayEditIndicators(signedIn.user)) throw new ApiError(403, 'forbidden', 'Berichtsvorlagen speichern dürfen nur Planung und Administration.');
  return signedIn;
}

const nameTaken = (name: string) => new ApiError(409, 'name_taken', `Eine Berichtsvorlage „${name}“ gibt es in diesem Landkreis schon.`);
const unknownTemplate = () => new ApiError(404, 'unknown_template', 'Diese Berichtsvorlage gibt es nicht (mehr).');

/** A choice's areas and Kennzahlen must exist in the district (400 with the unknown ones). */
async function checkedChoice(deps: AppDependencies, district: DistrictRuntime, choice: ReportChoice): Promise<number> {
  const { dataset } = await loadDataset(deps.db, district);
  const problems = choiceProblems(dataset, choice);
  if (problems) throw new ApiError(400, 'invalid_choice', `Der Bericht lässt sich so nicht erstellen: ${problems}`);
  return sectionOrder(dataset, choice.gebiete).length;
}

export function registerReportRoutes(app: App, deps: AppDependencies): void {
  const { db } = deps;
  const jobs = new ReportJobs();
  const ownerOf = (session: Session | null) => session?.id ?? null;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/districts/{district}/report-templates',
      tags: [TAG],
      summary: 'The saved report templates of a district, and the Kennzahlen a report can show (standard choice marked)',
      request: { params: DistrictParam },
      responses: { 200: json(ReportTemplateListSchema, 'Templates'), 401: errors[401], 404: errors[404] },
    }),
    async (c) => {
      requireReader(deps, c.get('session'));
      const district = districtOf(deps, c.req.valid('param').district);
      const { dataset } = await loadDataset(db, district);
      return c.json({ vorlagen: await listTemplates(db, district.id), kennzahlen: reportIndicators(dataset) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/districts/{district}/report-templates',
      tags: [TAG],
      summary: 'Save a report template (Planung and Admin)',
      request: { params: DistrictParam, ...body(ReportTemplateInputSchema) },
      responses: { 201: json(ReportTemplateSchema, 'Saved'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => {
      const session = requireTemplateEditor(c.get('session'));
      const district = districtOf(deps, c.req.valid('param').district);
      const input = c.req.valid('json');
      await checkedChoice(deps, district, input);
      try {
        return c.json(await db.transaction((tx) => createTemplate(tx, district.id, input, authorOf(session))), 201);
      } catch (error) {
        if (error instanceof TemplateNameTaken) throw nameTaken(input.name);
        throw error;
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/report-templates/{id}',
      tags: [TAG],
      summary: 'Change a report template (names the version it was based on)',
      request: { params: IdParam, ...body(ReportTemplateUpdateSchema) },
      responses: { 200: json(ReportTemplateSchema, 'Changed'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => {
      const session = requireTemplateEditor(c.get('session'));
      const { version, ...input } = c.req.valid('json');
      const current = await getTemplate(db, c.req.valid('param').id);
      if (!current) throw unknownTemplate();
      await checkedChoice(deps, districtOf(deps, current.district), input);
      try {
        const changed = await db.transaction((tx) => changeTemplate(tx, current.id, version, { input }, authorOf(session)));
        if (!changed) throw unknownTemplate();
        return c.json(changed, 200);
      } catch (error) {
        if (error instanceof TemplateNameTaken) throw nameTaken(input.name);
        if (error instanceof TemplateConflict) throw new ApiError(409, 'conflict', 'Die Vorlage wurde inzwischen geändert; bitte neu laden.', error.current);
        throw error;
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/report-templates/{id}',
      tags: [TAG],
      summary: 'Delete a report template (kept in its history)',
      request: { params: IdParam, query: z.object({ version: z.coerce.number().int().min(1) }) },
      responses: { 200: json(ReportTemplateSchema, 'Deleted (the last version)'), 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => {
      const session = requireTemplateEditor(c.get('session'));
      try {
        const deleted = await db.transaction((tx) => changeTemplate(tx, c.req.valid('param').id, c.req.valid('query').version, { delete: true }, authorOf(session)));
        if (!deleted) throw unknownTemplate();
        return c.json(deleted, 200);
      } catch (error) {
        if (error instanceof TemplateConflict) throw new ApiError(409, 'conflict', 'Die Vorlage wurde inzwischen geändert; bitte neu laden.', error.current);
        throw error;
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/districts/{district}/reports',
      tags: [TAG],
      summary: 'Start the profile report (PDF) from a saved template or a choice; poll GET /api/reports/{id}',
      description: 'For every signed-in user (a report costs the server seconds); the figures are the protected ones whoever asks.',
      request: { params: DistrictParam, ...body(ReportRequestSchema) },
      responses: { 202: json(ReportJobSchema, 'Started'), 400: errors[400], 401: errors[401], 404: errors[404], 429: json(ErrorSchema, 'Too many reports at once') },
    }),
    async (c) => {
      const session = requireSession(c.get('session'));
      const district = districtOf(deps, c.req.valid('param').district);
      const request = c.req.valid('json');
      let choice: ReportChoice;
      let templateName: string | null = null;
      if ('vorlage' in request) {
        const template = await getTemplate(db, request.vorlage);
        if (!template || template.district !== district.id) throw unknownTemplate();
        choice = ReportChoiceSchema.parse(template);
        templateName = template.name;
      } else {
        choice = request;
      }
      const sections = await checkedChoice(deps, district, choice);
      const producedOn = today(deps.options.clock);
      try {
        const job = jobs.start(ownerOf(session), sections, async (progress, signal) => {
          const { pdf, document } = await produceReport(db, district, choice, { producedOn, templateName, onProgress: progress, signal });
          return { pdf, pages: document.pageCount, fileName: reportFileName(district.id, producedOn) };
        });
        return c.json(job, 202);
      } catch (error) {
        if (error instanceof ReportsBusy) throw new ApiError(429, 'busy', error.message);
        if (error instanceof ReportRefused) throw new ApiError(400, 'invalid_choice', error.message);
        throw error;
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/reports/{id}',
      tags: [TAG],
      summary: 'Progress of a report job (sections drawn of all), its state and file name',
      request: { params: IdParam },
      responses: { 200: json(ReportJobSchema, 'The job'), 401: errors[401], 404: errors[404] },
    }),
    (c) => {
      requireReader(deps, c.get('session'));
      const job = jobs.get(c.req.valid('param').id, ownerOf(c.get('session')));
      if (!job) throw new ApiError(404, 'unknown_report', 'Diesen Bericht gibt es nicht (mehr); bitte neu erstellen.');
      return c.json(job, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/reports/{id}/cancel',
      tags: [TAG],
      summary: 'Cancel a report job that is still running',
      request: { params: IdParam, ...body(z.object({}).strict()) },
      responses: { 200: json(ReportJobSchema, 'The job, cancelled unless it had finished'), 401: errors[401], 404: errors[404] },
    }),
    (c) => {
      requireReader(deps, c.get('session'));
      const job = jobs.cancel(c.req.valid('param').id, ownerOf(c.get('session')));
      if (!job) throw new ApiError(404, 'unknown_report', 'Diesen Bericht gibt es nicht (mehr).');
      return c.json(job, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/reports/{id}/pdf',
      tags: [TAG],
      summary: 'The finished report as PDF (A4, tagged, fonts embedded)',
      request: { params: IdParam },
      responses: {
        200: { content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } }, description: 'The PDF' },
        401: errors[401],
        404: errors[404],
      },
    }),
    (c) => {
      requireReader(deps, c.get('session'));
      const file = jobs.pdf(c.req.valid('param').id, ownerOf(c.get('session')));
      if (!file) throw new ApiError(404, 'unknown_report', 'Dieser Bericht ist nicht (mehr) fertig; bitte neu erstellen.');
      c.header('Content-Type', 'application/pdf');
      c.header('Content-Disposition', `attachment; filename="${file.fileName}"`);
      c.header('Cache-Control', 'no-store');
      return c.body(new Uint8Array(file.pdf), 200);
    },
  );
}
