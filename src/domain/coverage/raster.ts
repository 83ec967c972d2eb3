import { polygonsOf, type Areal } from '../geo/geometry';

/**
 * A regular grid of square cells in a metric CRS (the atlas uses EPSG:3035, the grid of the
 * Zensus). x0/y0 is the lower-left corner; cell (col,row) has index row * cols + col and its
 * centre at x0 + (col + 0.5) * cellSize, y0 + (row + 0.5) * cellSize. Coverage is computed on
 * such a grid: marking disks or polygons is a handful of array fills per row instead of
 * polygon unions, which keeps a full recomputation within one animation frame.
 */
export interface RasterGrid {
  x0: number;
  y0: number;
  cellSize: number;
  cols: number;
  rows: number;
}

/** A grid covering bbox [minX, minY, maxX, maxY] plus a margin, aligned to multiples of cellSize. */
export function gridFor(bbox: readonly [number, number, number, number], cellSize: number, margin = 0): RasterGrid {
  const x0 = Math.floor((bbox[0] - margin) / cellSize) * cellSize;
  const y0 = Math.floor((bbox[1] - margin) / cellSize) * cellSize;
  const cols = Math.ceil((bbox[2] + margin - x0) / cellSize);
  const rows = Math.ceil((bbox[3] + margin - y0) / cellSize);
  return { x0, y0, cellSize, cols, rows };
}

/** Index of the cell containing (x, y), or -1 outside the grid. */
export function cellIndex(grid: RasterGrid, x: number, y: number): number {
  const col = Math.floor((x - grid.x0) / grid.cellSize);
  const row = Math.floor((y - grid.y0) / grid.cellSize);
  if (col < 0 || row < 0 || col >= grid.cols || row >= grid.rows) return -1;
  return row * grid.cols + col;
}

export function cellCentre(grid: RasterGrid, index: number): [number, number] {
  const col = index % grid.cols;
  const row = (index - col) / grid.cols;
  return [grid.x0 + (col + 0.5) * grid.cellSize, grid.y0 + (row + 0.5) * grid.cellSize];
}

/**
 * Calls fill(rowStartIndex, colFrom, colToExclusive) for each run of cells whose centre lies
 * inside the polygon (even-odd rule over all rings, so holes stay empty). Coordinates must be
 * in the grid's CRS.
 */
export function scanPolygon(grid: RasterGrid, geometry: Areal, fill: (rowBase: number, from: number, to: number) => void): void {
  const rings = polygonsOf(geometry).flat();
  let minY = Infinity;
  let maxY = -Infinity;
  for (const ring of rings) {
    for (const position of ring) {
      if (position[1]! < minY) minY = position[1]!;
      if (position[1]! > maxY) maxY = position[1]!;
    }
  }
  const firstRow = Math.max(0, Math.ceil((minY - grid.y0) / grid.cellSize - 0.5));
  const lastRow = Math.min(grid.rows - 1, Math.floor((maxY - grid.y0) / grid.cellSize - 0.5));
  const crossings: number[] = [];
  for (let row = firstRow; row <= lastRow; row++) {
    const y = grid.y0 + (row + 0.5) * grid.cellSize;
    crossings.length = 0;
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i] as [number, number];
        const [xj, yj] = ring[j] as [number, number];
        // Half-open rule: an edge counts when y is in [min, max), so shared vertices count once.
        if (yi > y !== yj > y) crossings.push(xi + ((y - yi) / (yj - yi)) * (xj - xi));
      }
    }
    crossings.sort((a, b) => a - b);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      const from = Math.max(0, Math.ceil((crossings[k]! - grid.x0) / grid.cellSize - 0.5));
      const to = Math.min(grid.cols, Math.floor((crossings[k + 1]! - grid.x0) / grid.cellSize - 0.5) + 1);
      if (to > from) fill(row * grid.cols, from, to);
    }
  }
}

/**
 * Which area each cell belongs to (by its centre): the index into `areas`, or -1. Later areas
 * win where areas overlap, which territory units never do.
 */
export function rasterizeAreas(grid: RasterGrid, areas: readonly Areal[]): Int32Array {
  const owner = new Int32Array(grid.cols * grid.rows).fill(-1);
  areas.forEach((geometry, index) => scanPolygon(grid, geometry, (base, from, to) => owner.fill(index, base + from, base + to)));
  return owner;
}
