// The population endpoint of the API (the coverage analysis' residents). Paths are built here only.
import { PopulationGridSchema, type PopulationGridData } from '../domain/coverage/zensusGrid';
import { api, ApiError } from './api';

/**
 * The stored Zensus grid of a district, or null when none is loaded (404 "no_grid"): the
 * analysis then uses the documented fallback surface. Anything else rejects with an ApiError.
 */
export async function fetchPopulationGrid(district: string, signal?: AbortSignal): Promise<PopulationGridData | null> {
  let body: unknown;
  try {
    body = await api.get<unknown>(`/api/districts/${encodeURIComponent(district)}/population`, signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.code === 'no_grid') return null;
    throw error;
  }
  const parsed = PopulationGridSchema.safeParse(body);
  if (!parsed.success) throw new ApiError(200, 'invalid_response', 'Das Bevölkerungsgitter vom Server ist unvollständig.');
  return parsed.data;
}
