// The distance transform behind median and maximum distance: exact nearest-seed distances
// between cell centres, compared with brute force.
import { describe, expect, it } from 'vitest';
import { distanceToSeeds } from '../../../src/domain/coverage/distance';
import type { RasterGrid } from '../../../src/domain/coverage/raster';
import { random } from './support';

describe('distanceToSeeds', () => {
  it('equals the brute-force distance to the nearest seed on 100 random small grids', () => {
    const rand = random(42);
    for (let trial = 0; trial < 100; trial++) {
      const grid: RasterGrid = { x0: 0, y0: 0, cellSize: [1, 100, 250][trial % 3]!, cols: 1 + Math.floor(rand() * 40), rows: 1 + Math.floor(rand() * 40) };
      const size = grid.cols * grid.rows;
      const seeds = Array.from({ length: 1 + Math.floor(rand() * 6) }, () => Math.floor(rand() * size));
      const distance = distanceToSeeds(grid, seeds);
      for (let cell = 0; cell < size; cell++) {
        let best = Infinity;
        for (const seed of seeds) {
          best = Math.min(best, Math.hypot((cell % grid.cols) - (seed % grid.cols), Math.floor(cell / grid.cols) - Math.floor(seed / grid.cols)) * grid.cellSize);
        }
        // Float32 result: relative precision about 6e-8.
        if (Math.abs(distance[cell]! - best) > 1e-5 * Math.max(1, best)) throw new Error(`trial ${trial}, cell ${cell}: ${distance[cell]} ≠ ${best}`);
      }
    }
  });

  it('is Infinity everywhere without a seed, 0 at the seeds', () => {
    const grid: RasterGrid = { x0: 0, y0: 0, cellSize: 100, cols: 5, rows: 4 };
    expect([...distanceToSeeds(grid, [])].every((d) => d === Infinity)).toBe(true);
    const distance = distanceToSeeds(grid, [0, 19]);
    expect([distance[0], distance[19], distance[4]]).toEqual([0, 0, 300]);
  });
});
