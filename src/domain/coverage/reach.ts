import type { Areal } from '../geo/geometry';
import { scanPolygon, type RasterGrid } from './raster';

/** A facility in the metric CRS of the coverage grid. */
export interface PlacedFacility {
  id: string;
  x: number;
  y: number;
}

/**
 * How far a facility reaches. Coverage results only ever see the cells a model marks, so a
 * travel-time model (isochrones from a routing engine) can replace straight-line distance
 * without touching the results code: it provides catchment polygons instead of disks.
 */
export interface ReachModel {
  readonly kind: 'luftlinie' | 'isochrone';
  /** Human description for legends and exports, e.g. "5 km Luftlinie". */
  readonly label: string;
  /**
   * Calls run(start, end) for each row run of cells [start, end) whose centre the facility
   * reaches (cell indices of the grid).
   */
  forEachRun(grid: RasterGrid, facility: PlacedFacility, run: (start: number, end: number) => void): void;
  /**
   * Where the reach is the same shape for every site (a disk): the runs of a site at the centre of
   * a cell as triples (row offset, first column offset, end column offset), before clipping to
   * the grid. The best-site search then needs no runs per candidate (at Land scale: hundreds of
   * megabytes). Absent for catchments, which differ per facility.
   */
  stencil?(grid: RasterGrid): Int32Array;
}

/** Sets mask[cell] = 1 for every cell the facility reaches. */
export function markReach(reach: ReachModel, grid: RasterGrid, facility: PlacedFacility, mask: Uint8Array): void {
  reach.forEachRun(grid, facility, (start, end) => mask.fill(1, start, end));
}

/** Straight-line reach: a disk of the given radius around each facility. */
export function straightLineReach(radiusM: number): ReachModel {
  if (!(radiusM > 0)) throw new Error(`Reichweite muss positiv sein (war ${radiusM}).`);
  return {
    kind: 'luftlinie',
    label: `${(radiusM / 1000).toLocaleString('de-DE')} km Luftlinie`,
    forEachRun(grid, facility, run) {
      const { x0, y0, cellSize, cols, rows } = grid;
      const firstRow = Math.max(0, Math.ceil((facility.y - radiusM - y0) / cellSize - 0.5));
      const lastRow = Math.min(rows - 1, Math.floor((facility.y + radiusM - y0) / cellSize - 0.5));
      const r2 = radiusM * radiusM;
      for (let row = firstRow; row <= lastRow; row++) {
        const dy = y0 + (row + 0.5) * cellSize - facility.y;
        const half = Math.sqrt(Math.max(0, r2 - dy * dy));
        const from = Math.max(0, Math.ceil((facility.x - half - x0) / cellSize - 0.5));
        const to = Math.min(cols, Math.floor((facility.x + half - x0) / cellSize - 0.5) + 1);
        if (to > from) run(row * cols + from, row * cols + to);
      }
    },
    stencil(grid) {
      // The runs of a site in the middle of a grid large enough that nothing is clipped, relative to its cell.
      const span = Math.ceil(radiusM / grid.cellSize) + 2;
      const size = 2 * span + 1;
      const centre = { id: 'schablone', x: grid.x0 + (span + 0.5) * grid.cellSize, y: grid.y0 + (span + 0.5) * grid.cellSize };
      const triples: number[] = [];
      this.forEachRun({ ...grid, cols: size, rows: size }, centre, (start, end) => {
        const row = Math.floor(start / size);
        triples.push(row - span, start - row * size - span, end - row * size - span);
      });
      return Int32Array.from(triples);
    },
  };
}

/**
 * Reach given as one catchment polygon per facility (e.g. isochrones from an
 * OpenRouteService-compatible endpoint, already projected to the grid's CRS).
 */
export function catchmentReach(label: string, catchments: ReadonlyMap<string, Areal>): ReachModel {
  return {
    kind: 'isochrone',
    label,
    forEachRun(grid, facility, run) {
      const catchment = catchments.get(facility.id);
      if (catchment) scanPolygon(grid, catchment, (base, from, to) => run(base + from, base + to));
    },
  };
}
