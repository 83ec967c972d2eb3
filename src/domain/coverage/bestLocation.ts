import type { CoverageSetup } from './coverage';
import { cellCentre } from './raster';
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
export function bestNextLocations(setup: CoverageSetup, mask: Uint8Array, reach: ReachModel, k: number): SuggestedLocation[] {
  const { grid } = setup;
  const size = grid.cols * grid.rows;
  const covered = mask.slice();
  const residents = new Float64Array(size);
  // Only the planning area's residents are gained, and only its cells are offered as sites.
  for (let i = 0; i < setup.cellOfPoint.length; i++) {
    const cell = setup.cellOfPoint[i]!;
    if (cell >= 0 && setup.planungsraumOfPoint[i]) residents[cell]! += setup.einwohner[i]!;
  }
  const candidates: { cell: number; x: number; y: number; runs: Int32Array }[] = [];
  for (let row = Math.floor(CANDIDATE_STEP / 2); row < grid.rows; row += CANDIDATE_STEP) {
    for (let col = Math.floor(CANDIDATE_STEP / 2); col < grid.cols; col += CANDIDATE_STEP) {
      const cell = row * grid.cols + col;
      if (!setup.inPlanungsraum[cell]) continue;
      const [x, y] = cellCentre(grid, cell);
      const runs: number[] = [];
      reach.forEachRun(grid, { id: `kandidat-${cell}`, x, y }, (start, end) => runs.push(start, end));
      candidates.push({ cell, x, y, runs: Int32Array.from(runs) });
    }
  }
  // prefix[i] = unreached residents in cells [rowStart, i) of i's row; one extra slot per row.
  const prefix = new Float64Array(size + grid.rows);
  const rebuildPrefix = () => {
    for (let row = 0; row < grid.rows; row++) {
      const base = row * grid.cols;
      const out = base + row;
      prefix[out] = 0;
      for (let col = 0; col < grid.cols; col++) {
        const cell = base + col;
        prefix[out + col + 1] = prefix[out + col]! + (covered[cell] ? 0 : residents[cell]!);
      }
    }
  };
  const rowOf = (cell: number) => Math.floor(cell / grid.cols);

  const result: SuggestedLocation[] = [];
  for (let round = 0; round < k; round++) {
    rebuildPrefix();
    let best = -1;
    let bestGain = 0;
    candidates.forEach((candidate, index) => {
      let gain = 0;
      const runs = candidate.runs;
      for (let i = 0; i < runs.length; i += 2) {
        const shift = rowOf(runs[i]!);
        gain += prefix[runs[i + 1]! + shift]! - prefix[runs[i]! + shift]!;
      }
      if (gain > bestGain + 1e-9) {
        bestGain = gain;
        best = index;
      }
    });
    if (best < 0) break;
    const chosen = candidates[best]!;
    for (let i = 0; i < chosen.runs.length; i += 2) covered.fill(1, chosen.runs[i], chosen.runs[i + 1]);
    result.push({ x: chosen.x, y: chosen.y, zusaetzlichVersorgt: bestGain });
  }
  return result;
}
