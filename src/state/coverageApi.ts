// The population endpoint of the API (the coverage analysis' residents). Paths are built here only.
import { z } from 'zod';
import { CompactPopulationGridSchema, decodePopulationGrid, PopulationGridSchema, type PopulationGridData } from '../domain/coverage/zensusGrid';
import { api, ApiError } from './api';

/**
 * The stored Zensus grid of a district, or null when none is loaded (404 "no_grid"): the
 * analysis then uses the documented fallback surface. Anything else rejects with an ApiError,
 * an answer that does not match the schema with 'invalid_response'.
 */
export async function fetchPopulationGrid(district: string, signal?: AbortSignal): Promise<PopulationGridData | null> {
  try {
    const expected = { schema: z.union([CompactPopulationGridSchema, PopulationGridSchema]), what: 'Das Bevölkerungsgitter' };
    const grid = await api.get(`/api/districts/${encodeURIComponent(district)}/population?format=kompakt`, expected, signal);
    return 'format' in grid ? decodePopulationGrid(grid) : grid;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.code === 'no_grid') return null;
    throw error;
  }
}
