// Where the coverage analysis' residents come from: the population endpoint of the API and the
// shipped Zensus 2011 extract beside the territory. Paths are built here only.
import { z } from 'zod';
import { Zensus2011GridSchema, type Zensus2011Grid } from '../domain/coverage/zensus2011';
import { CompactPopulationGridSchema, decodePopulationGrid, PopulationGridSchema, type PopulationGridData } from '../domain/coverage/zensusGrid';
import type { DistrictIndexEntry } from '../domain/territory/types';
import { api, ApiError, fetchStaticJson } from './api';
import { TERRITORY_DATA_ROOT } from './firstViewFetch';

/**
 * The stored Zensus grid of a district, or null when none is loaded (404 "no_grid"): the
 * analysis then uses the documented fallback surface. Anything else rejects with an ApiError,
 * an answer that does not match the schema with 'invalid_response'.
 */
/** The grid in either form the server may send (compact unless its points are off one lattice), checked against the form it names. */
const PopulationAnswerSchema = z.unknown().transform((body, context): PopulationGridData => {
  const compact = typeof body === 'object' && body !== null && (body as { format?: unknown }).format === 'kompakt';
  const parsed = (compact ? CompactPopulationGridSchema : PopulationGridSchema).safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) context.addIssue({ ...issue });
    return z.NEVER;
  }
  return 'format' in parsed.data ? decodePopulationGrid(parsed.data) : parsed.data;
});

export async function fetchPopulationGrid(district: string, signal?: AbortSignal): Promise<PopulationGridData | null> {
  try {
    const expected = { schema: PopulationAnswerSchema, what: 'Das Bevölkerungsgitter' };
    return await api.get(`/api/districts/${encodeURIComponent(district)}/population?format=kompakt`, expected, signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.code === 'no_grid') return null;
    throw error;
  }
}

/** The district's Zensus 2011 grid extract (the default population surface), or null when it has none. */
export async function fetchZensus2011(entry: DistrictIndexEntry): Promise<Zensus2011Grid | null> {
  if (!entry.zensus2011) return null;
  const what = `Das Zensus-2011-Gitter des ${entry.name}`;
  return fetchStaticJson(`${TERRITORY_DATA_ROOT}${entry.zensus2011}`, what, {
    schema: Zensus2011GridSchema,
    damaged: (_body, problems) => `${what} ist beschädigt (${problems.slice(0, 3).join('; ')}); npm run territory ausführen.`,
  });
}
