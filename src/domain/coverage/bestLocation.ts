import type { CoverageSetup } from './coverage';
import { cellCentre, type RasterGrid } from './raster';
import type { ReachModel } from './reach';

export interface SuggestedLocation {
  /** Position in EPSG:3035 metres. */
  x: number;
  y: number;
  /** Residents this location reaches that no facility (nor an earlier suggestion) reaches. */
  zusaetzlichVersorgt: number;
}

/** Candidate spacing in cells: sites are chosen to within 500 m, plenty for planning. */
const CANDIDATE_STEP = 5;

/**
 * Where k more facilities would reach the most residents not yet reached (greedy: the best
 * site, then the best site given the first, and so on). Candidate sites are cells of a 500 m
 * grid inside the planning area, and only its residents count; the reach model decides what a site reaches, so the same search
 * works for straight-line and travel-time reach. A site's gain is a sum over its row runs of
 * prefix sums of unreached residents, so each candidate costs one lookup per row.
 */
export function bestNextLocations(setup: CoverageSetup, mask: Uint8Array, reach: ReachModel, k: number, options: { /** Use the reach's runs per candidate even where it has a stencil (the general path; for comparisons). */ perCandidate?: boolean } = {}): SuggestedLocation[] {
  const { grid } = setup;
  const { cols, rows } = grid;
  const size = cols * rows;
  const covered = mask.slice();
  const residents = new Float64Array(size);
  // Only the planning area's residents are gained, and only its cells are offered as sites.
  for (let i = 0; i < setup.cellOfPoint.length; i++) {
    const cell = setup.cellOfPoint[i]!;
    if (cell >= 0 && setup.planungsraumOfPoint[i]) residents[cell]! += setup.einwohner[i]!;
  }
  const cells: number[] = [];
  for (let row = Math.floor(CANDIDATE_STEP / 2); row < rows; row += CANDIDATE_STEP) {
    for (let col = Math.floor(CANDIDATE_STEP / 2); col < cols; col += CANDIDATE_STEP) {
      const cell = row * cols + col;
      if (setup.inPlanungsraum[cell]) cells.push(cell);
    }
  }
  const candidates = Int32Array.from(cells);
  const stencil = options.perCandidate ? null : (reach.stencil?.(grid) ?? null);
  return stencil ? bestByStencil(grid, residents, covered, candidates, stencil, k) : bestByStoredRuns(grid, residents, covered, candidates, reach, k);
}

/** Unreached residents per row prefix: prefix[row * (cols + 1) + col] = sum of cells [rowStart, rowStart + col). */
function rebuildPrefixRows(grid: RasterGrid, residents: Float64Array, covered: Uint8Array, prefix: Float64Array, fromRow: number, toRow: number): void {
  const { cols } = grid;
  for (let row = Math.max(0, fromRow); row <= Math.min(grid.rows - 1, toRow); row++) {
    const base = row * cols;
    const out = base + row;
    prefix[out] = 0;
    for (let col = 0; col < cols; col++) prefix[out + col + 1] = prefix[out + col]! + (covered[base + col] ? 0 : residents[base + col]!);
  }
}

/** The index of the largest gain; on (near) ties the first, as the scan order gives it. */
function bestOf(gains: Float64Array): number {
  let best = -1;
  let bestGain = 0;
  for (let index = 0; index < gains.length; index++) {
    if (gains[index]! > bestGain + 1e-9) {
      bestGain = gains[index]!;
      best = index;
    }
  }
  return best;
}

/**
 * The disk is the same around every candidate: its gain is read through the stencil, and after
 * a site is chosen only the candidates within twice the reach (whose disks overlap the new one)
 * are counted again, and only the rows the new disk covers are summed again.
 */
function bestByStencil(grid: RasterGrid, residents: Float64Array, covered: Uint8Array, candidates: Int32Array, stencil: Int32Array, k: number): SuggestedLocation[] {
  const { cols, rows } = grid;
  const stride = cols + 1;
  const prefix = new Float64Array(cols * rows + rows);
  rebuildPrefixRows(grid, residents, covered, prefix, 0, rows - 1);
  let reachRows = 0;
  let reachCols = 0;
  for (let i = 0; i < stencil.length; i += 3) {
    reachRows = Math.max(reachRows, Math.abs(stencil[i]!));
    reachCols = Math.max(reachCols, Math.abs(stencil[i + 1]!), Math.abs(stencil[i + 2]! - 1));
  }
  const gainAt = (cell: number): number => {
    const row0 = Math.floor(cell / cols);
    const col0 = cell - row0 * cols;
    let gain = 0;
    for (let i = 0; i < stencil.length; i += 3) {
      const row = row0 + stencil[i]!;
      if (row < 0 || row >= rows) continue;
      const from = Math.max(0, col0 + stencil[i + 1]!);
      const to = Math.min(cols, col0 + stencil[i + 2]!);
      if (to > from) gain += prefix[row * stride + to]! - prefix[row * stride + from]!;
    }
    return gain;
  };
  const gains = Float64Array.from(candidates, gainAt);
  const result: SuggestedLocation[] = [];
  for (let round = 0; round < k; round++) {
    const best = bestOf(gains);
    if (best < 0) break;
    const cell = candidates[best]!;
    const row0 = Math.floor(cell / cols);
    const col0 = cell - row0 * cols;
    for (let i = 0; i < stencil.length; i += 3) {
      const row = row0 + stencil[i]!;
      if (row < 0 || row >= rows) continue;
      const from = Math.max(0, col0 + stencil[i + 1]!);
      const to = Math.min(cols, col0 + stencil[i + 2]!);
      if (to > from) covered.fill(1, row * cols + from, row * cols + to);
    }
    const [x, y] = cellCentre(grid, cell);
    result.push({ x, y, zusaetzlichVersorgt: gains[best]! });
    if (round === k - 1) break;
    rebuildPrefixRows(grid, residents, covered, prefix, row0 - reachRows, row0 + reachRows);
    // Candidates are in cell order: those whose disk can overlap the new one lie in a band of rows.
    for (let index = 0; index < candidates.length; index++) {
      const other = candidates[index]!;
      const row = Math.floor(other / cols);
      if (row < row0 - 2 * reachRows) continue;
      if (row > row0 + 2 * reachRows) break;
      if (Math.abs(other - row * cols - col0) <= 2 * reachCols) gains[index] = gainAt(other);
    }
  }
  return result;
}

/** The general path (catchments differ per site): the runs of every candidate, kept, and every gain counted each round. */
function bestByStoredRuns(grid: RasterGrid, residents: Float64Array, covered: Uint8Array, candidates: Int32Array, reach: ReachModel, k: number): SuggestedLocation[] {
  const { cols, rows } = grid;
  const stored = Array.from(candidates, (cell) => {
    const [x, y] = cellCentre(grid, cell);
    const runs: number[] = [];
    reach.forEachRun(grid, { id: `kandidat-${cell}`, x, y }, (start, end) => runs.push(start, end));
    return Int32Array.from(runs);
  });
  const prefix = new Float64Array(cols * rows + rows);
  const gains = new Float64Array(candidates.length);
  const result: SuggestedLocation[] = [];
  for (let round = 0; round < k; round++) {
    rebuildPrefixRows(grid, residents, covered, prefix, 0, rows - 1);
    stored.forEach((runs, index) => {
      let gain = 0;
      for (let i = 0; i < runs.length; i += 2) {
        const shift = Math.floor(runs[i]! / cols);
        gain += prefix[runs[i + 1]! + shift]! - prefix[runs[i]! + shift]!;
      }
      gains[index] = gain;
    });
    const best = bestOf(gains);
    if (best < 0) break;
    const runs = stored[best]!;
    for (let i = 0; i < runs.length; i += 2) covered.fill(1, runs[i], runs[i + 1]);
    const [x, y] = cellCentre(grid, candidates[best]!);
    result.push({ x, y, zusaetzlichVersorgt: gains[best]! });
  }
  return result;
}
