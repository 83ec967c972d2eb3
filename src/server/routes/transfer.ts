import { createRoute, z } from '@hono/zod-openapi';
import { findDuplicate, type NamedPlace } from '../../domain/facilities/duplicates';
import { mayEditAt } from '../../domain/facilities/permissions';
import { ErrorSchema, FacilityFieldsSchema, FacilityFilterSchema, FacilitySchema, ImportCommitSchema, type FacilityFields } from '../../domain/facilities/schema';
import { facilitiesToCsv, facilitiesToGeoJson } from '../../domain/import/export';
import { insertFacility, listFacilities } from '../db/facilities';
import { ApiError } from '../errors';
import type { App, AppDependencies, Session } from '../context';
import type { DistrictRuntime } from '../districts';
import { authorOf, districtOf, requireReader, requireSession } from './guards';
import { DistrictParam, json } from './openapi';


const RowReport = z.object({
  index: z.number().int(),
  errors: z.array(z.string()),
  warnings: z.array(z.string()),
  gemeindeAgs: z.string().nullable(),
  sozialraumId: z.string().nullable(),
});
type RowReport = z.infer<typeof RowReport>;

/**
 * The server's half of the import validation: what the browser cannot know. Category in the
 * district's catalogue, inside the Kreis, inside the user's area, and duplicates of facilities
 * already in the database or earlier in the same file (same name within 250 m).
 */
function checkRows(district: DistrictRuntime, rows: FacilityFields[], existing: NamedPlace[], session: Session): RowReport[] {
  const seen: NamedPlace[] = [];
  return rows.map((row, index) => {
    const errors: string[] = [];
    const warnings: string[] = [];
    if (!district.categories.some((category) => category.id === row.category)) errors.push(`Unbekannte Kategorie „${row.category}“`);
    const location = district.locate(row.lage);
    if (location.gemeindeAgs === null) errors.push(`Punkt liegt außerhalb des ${district.name}`);
    else if (!mayEditAt(session.user, district.id, location.sozialraumId, (_, id) => district.regionOf(id))) {
      errors.push('Punkt liegt außerhalb Ihres Zuständigkeitsbereichs');
    }
    const place = { name: row.name, lage: row.lage };
    const inDatabase = findDuplicate(place, existing);
    if (inDatabase) warnings.push(`Mögliches Duplikat von „${inDatabase.place.name}“ (${Math.round(inDatabase.metres)} m entfernt)`);
    const inFile = findDuplicate(place, seen);
    if (inFile) warnings.push(`Mögliches Duplikat einer früheren Zeile „${inFile.place.name}“ (${Math.round(inFile.metres)} m entfernt)`);
    seen.push(place);
    return { index, errors, warnings, ...location };
  });
}

export function registerTransferRoutes(app: App, deps: AppDependencies): void {
  const { db } = deps;
  const existingPlaces = async (district: string) =>
    (await listFacilities(db, district, { geloescht: 'nein' })).map((f) => ({ id: f.id, name: f.name, lage: f.lage }));

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/districts/{district}/import/check',
      tags: ['Import und Export'],
      summary: 'Check import rows against the district and the database without writing',
      request: {
        params: DistrictParam,
        body: { content: { 'application/json': { schema: z.object({ rows: z.array(FacilityFieldsSchema).min(1).max(20_000) }) } }, required: true },
      },
      responses: { 200: json(z.object({ rows: z.array(RowReport) }), 'One report per row'), 400: json(ErrorSchema, 'Invalid input') },
    }),
    async (c) => {
      const session = requireSession(c.get('session'));
      const district = districtOf(deps, c.req.valid('param').district);
      const rows = c.req.valid('json').rows;
      return c.json({ rows: checkRows(district, rows, await existingPlaces(district.id), session) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/districts/{district}/import',
      tags: ['Import und Export'],
      summary: 'Import rows: all of them or none',
      request: { params: DistrictParam, body: { content: { 'application/json': { schema: ImportCommitSchema } }, required: true } },
      responses: {
        201: json(z.object({ created: z.number().int(), facilities: z.array(FacilitySchema) }), 'Imported'),
        422: json(ErrorSchema, 'Some rows have errors; nothing was written'),
      },
    }),
    async (c) => {
      const session = requireSession(c.get('session'));
      const district = districtOf(deps, c.req.valid('param').district);
      const { rows } = c.req.valid('json');
      const reports = checkRows(district, rows, await existingPlaces(district.id), session);
      const failing = reports.filter((report) => report.errors.length > 0);
      if (failing.length > 0) {
        throw new ApiError(422, 'import_rejected', `${failing.length} von ${rows.length} Zeilen haben Fehler; nichts wurde importiert.`, {
          rows: failing.map(({ index, errors }) => ({ index, errors })),
        });
      }
      const author = authorOf(session);
      const facilities = await db.transaction(async (tx) => {
        const created = [];
        for (const [index, row] of rows.entries()) {
          const { gemeindeAgs, sozialraumId } = reports[index]!;
          created.push(await insertFacility(tx, district.id, row, { gemeindeAgs, sozialraumId }, author, 'importiert'));
        }
        return created;
      });
      return c.json({ created: facilities.length, facilities }, 201);
    },
  );

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
        const provenance = { territory: district.territory, exportiertAm: date };
        c.header('Content-Disposition', `attachment; filename="${filename}"`);
        if (format === 'csv') {
          c.header('Content-Type', 'text/csv; charset=utf-8');
          return c.body(facilitiesToCsv(facilities, district.categories, provenance), 200);
        }
        c.header('Content-Type', 'application/geo+json; charset=utf-8');
        return c.body(JSON.stringify(facilitiesToGeoJson(facilities, provenance)), 200);
      },
    );
  exportRoute('csv');
  exportRoute('geojson');
}
