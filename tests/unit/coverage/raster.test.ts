// The raster decides "inside" for every coverage figure: it must agree with a plain
// point-in-polygon test (turf) on every cell centre, holes included.
import { booleanPointInPolygon } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { cellCentre, cellIndex, gridFor, rasterizeAreas, scanPolygon } from '../../../src/domain/coverage/raster';
import { deepFreeze } from '../support/fixtures';
import { random } from './support';

/** A star-shaped ring around (cx, cy) with radii in [r0, r1]: non-convex, never self-intersecting. */
function starRing(rand: () => number, cx: number, cy: number, r0: number, r1: number, vertices: number, clockwise = false): Position[] {
  const ring: Position[] = [];
  for (let i = 0; i < vertices; i++) {
    const angle = ((clockwise ? -1 : 1) * 2 * Math.PI * (i + rand() * 0.8)) / vertices;
    const radius = r0 + rand() * (r1 - r0);
    ring.push([cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)]);
  }
  ring.push(ring[0]!);
  return ring;
}

/** A random polygon with a hole, or a multipolygon of two such, in metres near an EPSG:3035 origin. */
function randomAreal(rand: () => number): Polygon | MultiPolygon {
  const one = (cx: number, cy: number): Position[][] => {
    const outer = starRing(rand, cx, cy, 800, 2500, 5 + Math.floor(rand() * 25));
    return rand() < 0.7 ? [outer, starRing(rand, cx + (rand() - 0.5) * 200, cy + (rand() - 0.5) * 200, 150, 700, 4 + Math.floor(rand() * 8), true)] : [outer];
  };
  const x = 4_320_000 + rand() * 1000;
  const y = 3_150_000 + rand() * 1000;
  return rand() < 0.5 ? { type: 'Polygon', coordinates: one(x, y) } : { type: 'MultiPolygon', coordinates: [one(x, y), one(x + 5200, y + 300)] };
}

describe('scanPolygon and rasterizeAreas', () => {
  it('decide exactly as turf booleanPointInPolygon on every cell centre (200 random polygons with holes)', () => {
    const rand = random(3035);
    let inside = 0;
    let holes = 0;
    for (let trial = 0; trial < 200; trial++) {
      const geometry = randomAreal(rand);
      const cellSize = [50, 100, 250][trial % 3]!;
      const grid = gridFor([4_316_000, 3_146_000, 4_330_000, 3_156_000], cellSize);
      const owner = rasterizeAreas(grid, [geometry]);
      for (let cell = 0; cell < owner.length; cell++) {
        const centre = cellCentre(grid, cell);
        const expected = booleanPointInPolygon(centre, geometry);
        if (expected !== (owner[cell] === 0)) throw new Error(`trial ${trial}: cell ${cell} at ${centre} differs (turf ${expected})`);
        if (expected) inside++;
      }
      if (geometry.type === 'Polygon' && geometry.coordinates.length > 1) holes++;
    }
    expect(inside).toBeGreaterThan(100_000);
    expect(holes).toBeGreaterThan(40);
  });

  it('leaves a hole empty and fills the ring around it', () => {
    const square = (x0: number, y0: number, size: number): Position[] => [[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]];
    const ring = deepFreeze<Polygon>({ type: 'Polygon', coordinates: [square(0, 0, 1000), square(300, 300, 400)] });
    const grid = gridFor([0, 0, 1000, 1000], 100);
    const owner = rasterizeAreas(grid, [ring]);
    expect(owner.filter((o) => o === 0).length).toBe(100 - 16);
    expect(owner[cellIndex(grid, 450, 450)]).toBe(-1);
    expect(owner[cellIndex(grid, 150, 450)]).toBe(0);
  });

  it('reports row runs that cover exactly the filled cells, later areas winning', () => {
    const grid = gridFor([0, 0, 1000, 1000], 100);
    const left: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [600, 0], [600, 1000], [0, 1000], [0, 0]]] };
    const right: Polygon = { type: 'Polygon', coordinates: [[[400, 0], [1000, 0], [1000, 1000], [400, 1000], [400, 0]]] };
    let cells = 0;
    scanPolygon(grid, left, (_base, from, to) => (cells += to - from));
    expect(cells).toBe(60);
    const owner = rasterizeAreas(grid, [left, right]);
    expect(owner.filter((o) => o === 0).length).toBe(40);
    expect(owner.filter((o) => o === 1).length).toBe(60);
  });
});

describe('grid helpers', () => {
  it('aligns grids to multiples of the cell size and maps points to cells and back', () => {
    const grid = gridFor([4_337_012, 2_689_170, 4_338_990, 2_690_001], 100, 50);
    expect([grid.x0, grid.y0, grid.cols, grid.rows]).toEqual([4_336_900, 2_689_100, 22, 10]);
    const index = cellIndex(grid, 4_337_050, 2_689_150);
    expect(cellCentre(grid, index)).toEqual([4_337_050, 2_689_150]);
    expect(cellIndex(grid, 4_336_899, 2_689_150)).toBe(-1);
  });
});
