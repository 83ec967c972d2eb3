import type { Position } from 'geojson';
import type { CoverageResult, CoverageSetup } from '../coverage/coverage';
import { cellCentre, cellIndex, type RasterGrid } from '../coverage/raster';
import { fromLaea, toLaea, type Settlement } from '../coverage/surface';

/**
 * Where the residents not reached live, in shapes a map can draw: 1 km squares of the
 * EPSG:3035 grid (the Zensus' own 1 km grid), the populated places in unreached cells, and the
 * straight-line reach as a polygon. Coordinates leave in WGS84.
 */

/** Edge of the gap squares in metres: the 1 km cells of the Zensus grid. */
export const GAP_SQUARE_SIZE = 1000;

export interface GapSquare {
  /** Lower-left corner in EPSG:3035; also the square's identity ("x_y"). */
  x: number;
  y: number;
  id: string;
  /** Residents not reached (may be fractional on the fallback surface). */
  einwohner: number;
}

/**
 * Residents not reached, summed per square (cells by their centre). Squares with less than half
 * a resident are left out, so the map shows only squares that round to at least one person.
 */
export function gapSquares(grid: RasterGrid, unversorgtProZelle: Float64Array, size = GAP_SQUARE_SIZE): GapSquare[] {
  const sums = new Map<number, number>();
  const { cols, x0, y0, cellSize } = grid;
  // Square column/row relative to the grid origin, packed into one number key.
  const originX = Math.floor(x0 / size);
  const originY = Math.floor(y0 / size);
  const stride = Math.ceil((cols * cellSize) / size) + 2;
  for (let cell = 0; cell < unversorgtProZelle.length; cell++) {
    const people = unversorgtProZelle[cell]!;
    if (people <= 0) continue;
    const col = cell % cols;
    const row = (cell - col) / cols;
    const squareX = Math.floor((x0 + (col + 0.5) * cellSize) / size) - originX;
    const squareY = Math.floor((y0 + (row + 0.5) * cellSize) / size) - originY;
    const key = squareY * stride + squareX;
    sums.set(key, (sums.get(key) ?? 0) + people);
  }
  const squares: GapSquare[] = [];
  for (const [key, einwohner] of sums) {
    if (einwohner < 0.5) continue;
    const squareX = key % stride;
    const squareY = (key - squareX) / stride;
    const x = (squareX + originX) * size;
    const y = (squareY + originY) * size;
    squares.push({ x, y, id: `${x}_${y}`, einwohner });
  }
  return squares.sort((a, b) => a.y - b.y || a.x - b.x);
}

/** The outline of an EPSG:3035 square in WGS84 (closed ring, counter-clockwise). */
export function squareRing(x: number, y: number, size = GAP_SQUARE_SIZE): Position[] {
  const corners: Position[] = [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
  ];
  const ring = corners.map((corner) => fromLaea(corner));
  return [...ring, ring[0]!];
}

/** The GeoNames places whose 100 m cell no facility reaches. */
export function settlementsInGaps(setup: Pick<CoverageSetup, 'grid' | 'inKreis'>, result: Pick<CoverageResult, 'mask'>, settlements: readonly Settlement[]): Settlement[] {
  return settlements.filter((settlement) => {
    const [x, y] = toLaea([settlement.lng, settlement.lat]);
    const cell = cellIndex(setup.grid, x, y);
    return cell >= 0 && setup.inKreis[cell] === 1 && result.mask[cell] === 0;
  });
}

/**
 * The straight-line reach of a site as a polygon: the disk of the analysis (EPSG:3035) with
 * `steps` vertices, in WGS84. Only a picture; the analysis marks cells by their centres.
 */
export function reachRing(lngLat: readonly [number, number], radiusM: number, steps = 72): Position[] {
  const [cx, cy] = toLaea([lngLat[0], lngLat[1]]);
  const ring: Position[] = [];
  for (let i = 0; i < steps; i++) {
    const angle = (i / steps) * 2 * Math.PI;
    ring.push(fromLaea([cx + radiusM * Math.cos(angle), cy + radiusM * Math.sin(angle)]));
  }
  ring.push(ring[0]!);
  return ring;
}

/** Centre of a cell in WGS84 (helper for tests and labels). */
export function cellLngLat(grid: RasterGrid, cell: number): [number, number] {
  return fromLaea(cellCentre(grid, cell));
}

/** The Sozialraum a place lies in (by its 100 m cell), or null outside every Sozialraum. */
export function sozialraumAt(
  setup: Pick<CoverageSetup, 'grid' | 'sozialraumOfCell' | 'sozialraeume'>,
  lngLat: readonly [number, number],
): CoverageSetup['sozialraeume'][number] | null {
  const [x, y] = toLaea([lngLat[0], lngLat[1]]);
  const cell = cellIndex(setup.grid, x, y);
  const unit = cell >= 0 ? setup.sozialraumOfCell[cell]! : -1;
  return unit >= 0 ? setup.sozialraeume[unit]! : null;
}
