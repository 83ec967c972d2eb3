import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ImportCheckResponseSchema, ImportCommitResponseSchema } from '../../domain/facilities/responses';
import { ErrorSchema, FacilityFilterSchema, IMPORT_MAX_ROWS, ImportCheckSchema, ImportCommitSchema } from '../../domain/facilities/schema';
import { facilitiesToCsv, facilitiesToGeoJson } from '../../domain/import/export';
import { listFacilities } from '../db/facilities';
import { duplicateCandidates } from '../db/imports';
import { ApiError, describeIssues } from '../errors';
import type { App, AppDependencies, AppEnv } from '../context';
import { checkImportRows, parseImportRows } from '../imports/check';
import { ImportProgressRegistry } from '../imports/progress';
import { jsonInSlices } from '../imports/slices';
import { writeImport } from '../imports/write';
import { authorOf, districtOf, requireReader, requireSession } from './guards';
import { registerImportRoutes } from './imports';
import { DistrictParam, json } from './openapi';

// The body of a check or an import without its rows' contents: validated at once. The rows
// (up to 20,000) are validated in time slices by parseImportRows, so hono's validator, which
// would do it in one go and hold up every other request, is not used for these two routes;
// their OpenAPI descriptions are registered separately.
const Envelope = z.object({
  rows: z.array(z.unknown()).min(1).max(IMPORT_MAX_ROWS),
  dateiname: z.string().max(300).optional(),
  vorgang: z.string().uuid().optional(),
});

async function readEnvelope(c: Context<AppEnv>, needsFileName: boolean) {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ApiError(400, 'invalid_input', 'Der Inhalt der Anfrage ist kein gültiges JSON.');
  }
  const parsed = (needsFileName ? Envelope.required({ dateiname: true }) : Envelope).safeParse(body);
  if (!parsed.success) {
    const problems = describeIssues(parsed.error.issues);
    throw new ApiError(400, 'invalid_input', `Ungültige Eingabe: ${problems.join('; ')}`, { problems });
  }
  return parsed.data;
}

/** A JSON answer whose (long) list is encoded in slices, so the answer holds up nobody. */
function streamJson(c: Context<AppEnv>, status: 200 | 201, head: Record<string, unknown>, key: string, items: readonly unknown[]) {
  c.header('Content-Type', 'application/json; charset=utf-8');
  return c.body(jsonInSlices(head, key, items), status);
}

export function registerTransferRoutes(app: App, deps: AppDependencies): void {
  const { db } = deps;
  const progressOf = new ImportProgressRegistry();
  registerImportRoutes(app, deps, progressOf);

  /** Reads and checks an import body: the rows, their reports and who sends them. The commit looks for no duplicates. */
  const check = async (c: Context<AppEnv>, commit: boolean) => {
    const session = requireSession(c.get('session'));
    const district = districtOf(deps, c.req.param('district') ?? '');
    const envelope = await readEnvelope(c, commit);
    const progress = progressOf.start(envelope.vorgang, session.user.id);
    const signal = c.req.raw.signal;
    try {
      const rows = await parseImportRows(envelope.rows, progress, signal);
      const existing = commit ? null : await duplicateCandidates(db, district.id);
      const reports = await checkImportRows(district, rows, existing, session.user, progress, signal);
      return { session, district, envelope, rows, reports, progress };
    } catch (error) {
      progress.finish();
      throw error;
    }
  };

  app.openAPIRegistry.registerPath(
    createRoute({
      method: 'post',
      path: '/api/districts/{district}/import/check',
      tags: ['Import und Export'],
      summary: 'Check import rows against the district and the database without writing',
      description: 'Progress meanwhile: GET /api/import-progress/{vorgang}. Duplicates are found through spatial indexes.',
      request: { params: DistrictParam, body: { content: { 'application/json': { schema: ImportCheckSchema } }, required: true } },
      responses: { 200: json(ImportCheckResponseSchema, 'One report per row'), 400: json(ErrorSchema, 'Invalid input') },
    }),
  );
  app.post('/api/districts/:district/import/check', async (c) => {
    const { reports, progress } = await check(c, false);
    progress.finish();
    return streamJson(c, 200, {}, 'rows', reports);
  });

  app.openAPIRegistry.registerPath(
    createRoute({
      method: 'post',
      path: '/api/districts/{district}/import',
      tags: ['Import und Export'],
      summary: 'Import rows as one batch: all of them or none',
      description:
        'Written in short transactions while other requests go on; the facilities appear together when the batch is complete. ' +
        'If the client goes away before that, nothing stays written. Progress: GET /api/import-progress/{vorgang}.',
      request: { params: DistrictParam, body: { content: { 'application/json': { schema: ImportCommitSchema } }, required: true } },
      responses: {
        201: json(ImportCommitResponseSchema, 'Imported as a batch'),
        400: json(ErrorSchema, 'Invalid input'),
        422: json(ErrorSchema, 'Some rows have errors; nothing was written'),
      },
    }),
  );
  app.post('/api/districts/:district/import', async (c) => {
    const { session, district, envelope, rows, reports, progress } = await check(c, true);
    try {
      const failing = reports.filter((report) => report.errors.length > 0);
      if (failing.length > 0) {
        throw new ApiError(422, 'import_rejected', `${failing.length} von ${rows.length} Zeilen haben Fehler; nichts wurde importiert.`, {
          rows: failing.map(({ index, errors }) => ({ index, errors })),
        });
      }
      const { batch, facilities } = await writeImport(
        db,
        {
          district: district.id,
          dateiname: envelope.dateiname ?? '',
          rows: rows.map((fields, index) => ({ fields, location: { gemeindeAgs: reports[index]!.gemeindeAgs, sozialraumId: reports[index]!.sozialraumId } })),
          author: authorOf(session),
        },
        progress,
        c.req.raw.signal,
      );
      return streamJson(c, 201, { created: facilities.length, batch }, 'facilities', facilities);
    } catch (error) {
      if (c.req.raw.signal.aborted) throw new ApiError(408, 'client_gone', 'Die Verbindung wurde getrennt; es wurde nichts importiert.');
      throw error;
    } finally {
      progress.finish();
    }
  });

  const exportRoute = (format: 'csv' | 'geojson') =>
    app.openapi(
      createRoute({
        method: 'get',
        path: `/api/districts/{district}/export.${format}`,
        tags: ['Import und Export'],
        summary: format === 'csv' ? 'Facilities as CSV for German Excel (UTF-8 BOM, semicolon, decimal comma)' : 'Facilities as GeoJSON',
        request: { params: DistrictParam, query: FacilityFilterSchema },
        responses: { 200: { description: 'The file' } },
      }),
      async (c) => {
        requireReader(deps, c.get('session'));
        const district = districtOf(deps, c.req.valid('param').district);
        const facilities = await listFacilities(db, district.id, c.req.valid('query'));
        const date = new Date().toISOString().slice(0, 10);
        const filename = `einrichtungen-${district.id}-${date}.${format}`;
        c.header('Content-Disposition', `attachment; filename="${filename}"`);
        if (format === 'csv') {
          c.header('Content-Type', 'text/csv; charset=utf-8');
          return c.body(facilitiesToCsv(facilities, district.categories), 200);
        }
        c.header('Content-Type', 'application/geo+json; charset=utf-8');
        return c.body(JSON.stringify(facilitiesToGeoJson(facilities)), 200);
      },
    );
  exportRoute('csv');
  exportRoute('geojson');
}
