import { createRoute, z } from '@hono/zod-openapi';
import { CompactPopulationGridSchema, encodePopulationGrid, PopulationGridSchema } from '../../domain/coverage/zensusGrid';
import { ErrorSchema } from '../../domain/facilities/schema';
import type { App, AppDependencies } from '../context';
import { ApiError } from '../errors';
import { loadPopulationGrid } from '../populationGrid';
import { districtOf } from './guards';
import { DistrictParam, json } from './openapi';


export function registerPopulationRoutes(app: App, deps: AppDependencies): void {
  // Open data (dl-de/by-2-0) like the territory files, so readable without signing in.
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/districts/{district}/population',
      tags: ['Versorgung'],
      summary: 'The stored Zensus population grid of a district (cell midpoints in EPSG:3035)',
      description:
        'Compact parallel arrays x, y, einwohner. 404 with code "no_grid" when no grid is loaded; the browser then builds the ' +
        'documented fallback surface from the municipal totals itself. With format=kompakt the cells come as sorted lattice ' +
        'indices sent as differences (about a third of the bytes); a grid whose points are not on one lattice is sent plain.',
      request: { params: DistrictParam, query: z.object({ format: z.enum(['kompakt']).optional() }) },
      responses: {
        200: json(z.union([PopulationGridSchema, CompactPopulationGridSchema]), 'The grid'),
        404: json(ErrorSchema, 'Unknown district (code unknown_district) or no grid loaded (code no_grid)'),
      },
    }),
    async (c) => {
      const district = districtOf(deps, c.req.valid('param').district);
      const grid = await loadPopulationGrid(deps.db, district.id);
      if (!grid) {
        throw new ApiError(
          404,
          'no_grid',
          `Für den ${district.name} ist kein Zensus-Gitter geladen; die Versorgungsanalyse nutzt die Ersatzfläche aus Gemeindesummen.`,
        );
      }
      if (c.req.valid('query').format === 'kompakt') return c.json(encodePopulationGrid(grid) ?? grid, 200);
      return c.json(grid, 200);
    },
  );
}
