import { planningAreaOf } from '../territory/planningArea';
import type { PlanningAreaDefinition, TerritoryFile } from '../territory/types';
import { distanceToSeeds } from './distance';
import { cellIndex, gridFor, rasterizeAreas, type RasterGrid } from './raster';
import { markReach, type PlacedFacility, type ReachModel } from './reach';
import { areaToLaea, boundsOf, type PopulationSurface } from './surface';

/** Grid resolution of the coverage computation: the Zensus 100 m cells. */
export const COVERAGE_CELL = 100;
/** Resolution of distance statistics (median, maximum). */
const DISTANCE_BIN = 100;

export interface CoverageUnit {
  kind: 'sozialraum' | 'sozialregion' | 'planungsraum' | 'kreis';
  id: string;
  name: string;
}

/** The base of every headline: the area the district's Sozialraum system plans for. */
export interface PlanningAreaUnit extends CoverageUnit, Pick<PlanningAreaDefinition, 'umfang' | 'genitiv'> {
  kind: 'planungsraum';
}

/**
 * Everything about a district and a population surface that does not change while a planner
 * drags facilities: the grid, which unit each cell belongs to, where each resident is.
 */
export interface CoverageSetup {
  grid: RasterGrid;
  sozialraeume: CoverageUnit[];
  sozialregionen: CoverageUnit[];
  kreis: CoverageUnit;
  planungsraum: PlanningAreaUnit;
  /** Sozialraum index per grid cell; -1 outside every Sozialraum. */
  sozialraumOfCell: Int32Array;
  /** 1 for cells inside the Kreis. */
  inKreis: Uint8Array;
  /**
   * 1 for cells of the planning area: only facilities there count, only sites there are
   * suggested, only residents there make up the headline and the gaps.
   */
  inPlanungsraum: Uint8Array;
  /** Region index per Sozialraum index; -1 without region. */
  regionOfSozialraum: Int32Array;
  /** Per population point: its grid cell (-1 when outside the Kreis). */
  cellOfPoint: Int32Array;
  /** Per population point: its Sozialraum index (-1 outside every Sozialraum). */
  sozialraumOfPoint: Int32Array;
  /** Per population point: 1 when the resident belongs to the planning area (by municipality, like the Sozialraum). */
  planungsraumOfPoint: Uint8Array;
  /** Indices of the cells inside the Kreis. */
  kreisCells: Int32Array;
  einwohner: Float64Array;
  /** Cells per Sozialraum, for area shares. */
  cellsPerSozialraum: Float64Array;
  cellsInKreis: number;
  surface: PopulationSurface;
}

export function prepareCoverage(territory: TerritoryFile, surface: PopulationSurface): CoverageSetup {
  const kreisGeometry = areaToLaea(territory.kreis.geometry);
  // Facilities outside the grid still mark the cells they reach; the margin only keeps
  // facilities just outside the Kreis in the distance statistics.
  const grid = gridFor(boundsOf(kreisGeometry), COVERAGE_CELL, 2_000);
  const sozialraumFeatures = territory.sozialraeume.features;
  const sozialraumOfCell = rasterizeAreas(grid, sozialraumFeatures.map((f) => areaToLaea(f.geometry)));
  const kreisOwner = rasterizeAreas(grid, [kreisGeometry]);
  const inKreis = new Uint8Array(kreisOwner.length);
  const kreisCellList: number[] = [];
  for (let i = 0; i < kreisOwner.length; i++) {
    if (kreisOwner[i] === 0) {
      inKreis[i] = 1;
      kreisCellList.push(i);
    }
  }
  const kreisCells = Int32Array.from(kreisCellList);
  const cellsInKreis = kreisCells.length;
  const cellsPerSozialraum = new Float64Array(sozialraumFeatures.length);
  for (const cell of kreisCells) {
    const unit = sozialraumOfCell[cell]!;
    if (unit >= 0) cellsPerSozialraum[unit]!++;
  }
  const regionIds = territory.sozialregionen.features.map((f) => f.properties.id);
  const regionOfSozialraum = Int32Array.from(sozialraumFeatures, (f) =>
    f.properties.sozialregionId === null ? -1 : regionIds.indexOf(f.properties.sozialregionId),
  );
  // Residents belong to the Sozialraum of their municipality: the surface says which one,
  // so totals per Sozialraum stay those of the Zensus even where a cell straddles a border.
  const sozialraumIndex = new Map(sozialraumFeatures.map((f, index) => [f.properties.id, index]));
  const sozialraumOfGemeinde = territory.gemeinden.features.map((f) =>
    f.properties.sozialraumId === null ? -1 : (sozialraumIndex.get(f.properties.sozialraumId) ?? -1),
  );
  const gemeindeOfPoint = surface.gemeinde ?? gemeindenOfPoints(grid, territory, surface);
  const area = planningAreaOf(territory);
  const wholeKreis = area.umfang === 'kreis';
  const inPlanungsraum = new Uint8Array(kreisOwner.length);
  for (const cell of kreisCells) if (wholeKreis || sozialraumOfCell[cell]! >= 0) inPlanungsraum[cell] = 1;
  const cellOfPoint = new Int32Array(surface.x.length);
  const sozialraumOfPoint = new Int32Array(surface.x.length);
  const planungsraumOfPoint = new Uint8Array(surface.x.length);
  for (let i = 0; i < surface.x.length; i++) {
    const gemeinde = gemeindeOfPoint[i]!;
    const cell = cellIndex(grid, surface.x[i]!, surface.y[i]!);
    // Residents count for the Kreis when their municipality is in it, or, without a
    // municipality (an unincorporated area, a sliver between simplified borders), when their
    // cell is: so the Kreis total is everything the surface puts inside the Kreis.
    cellOfPoint[i] = gemeinde >= 0 || (cell >= 0 && inKreis[cell]) ? cell : -1;
    sozialraumOfPoint[i] = gemeinde >= 0 ? sozialraumOfGemeinde[gemeinde]! : -1;
    planungsraumOfPoint[i] = cellOfPoint[i]! >= 0 && (wholeKreis || sozialraumOfPoint[i]! >= 0) ? 1 : 0;
  }
  return {
    grid,
    sozialraeume: sozialraumFeatures.map((f) => ({ kind: 'sozialraum', id: f.properties.id, name: f.properties.name })),
    sozialregionen: territory.sozialregionen.features.map((f) => ({ kind: 'sozialregion', id: f.properties.id, name: f.properties.name })),
    kreis: { kind: 'kreis', id: territory.kreis.properties.ags, name: territory.kreis.properties.name },
    planungsraum: { kind: 'planungsraum', id: 'planungsraum', name: area.name, umfang: area.umfang, genitiv: area.genitiv },
    sozialraumOfCell,
    inKreis,
    inPlanungsraum,
    regionOfSozialraum,
    cellOfPoint,
    sozialraumOfPoint,
    planungsraumOfPoint,
    einwohner: surface.einwohner,
    cellsPerSozialraum,
    kreisCells,
    cellsInKreis,
    surface,
  };
}

/** The figures of one unit (Sozialraum, Sozialregion or Kreis). */
export interface CoverageRow extends CoverageUnit {
  einwohner: number;
  versorgt: number;
  unversorgt: number;
  /** Share of residents within reach, 0..1 (0 for a unit without residents). */
  anteilVersorgt: number;
  /** Share of the unit's area within reach, 0..1. */
  flaecheVersorgt: number;
  einrichtungen: number;
  /** Facilities per 1,000 inhabitants. */
  proTausend: number;
  /** Distance of residents to the nearest facility, metres; null when not computed or no resident. */
  medianDistanzM: number | null;
  maxDistanzM: number | null;
}

/** The row of the planning area, with the words that name it in a sentence. */
export type PlanningAreaRow = CoverageRow & Pick<PlanningAreaUnit, 'kind' | 'umfang' | 'genitiv'>;

export interface CoverageResult {
  sozialraeume: CoverageRow[];
  sozialregionen: CoverageRow[];
  /** The base of the headline and the total row (the district's planning area). */
  planungsraum: PlanningAreaRow;
  /** The whole Kreis, outside areas included: context only, never a headline. */
  kreis: CoverageRow;
  /** Cells within reach (1) per grid cell. */
  mask: Uint8Array;
  /** Residents of the planning area not reached, per grid cell (for the gap layer and the best-location search). */
  unversorgtProZelle: Float64Array;
  reach: string;
}

interface Sums {
  einwohner: number;
  versorgt: number;
  cells: number;
  coveredCells: number;
  einrichtungen: number;
  histogram: Float64Array | null;
  maxDistanz: number;
}

const emptySums = (bins: number | null): Sums => ({
  einwohner: 0,
  versorgt: 0,
  cells: 0,
  coveredCells: 0,
  einrichtungen: 0,
  histogram: bins === null ? null : new Float64Array(bins),
  maxDistanz: 0,
});

function addSums(target: Sums, source: Sums): void {
  target.einwohner += source.einwohner;
  target.versorgt += source.versorgt;
  target.cells += source.cells;
  target.coveredCells += source.coveredCells;
  target.einrichtungen += source.einrichtungen;
  target.maxDistanz = Math.max(target.maxDistanz, source.maxDistanz);
  if (target.histogram && source.histogram) for (let i = 0; i < source.histogram.length; i++) target.histogram[i]! += source.histogram[i]!;
}

function weightedMedian(histogram: Float64Array, total: number): number | null {
  if (total <= 0) return null;
  let running = 0;
  for (let bin = 0; bin < histogram.length; bin++) {
    running += histogram[bin]!;
    if (running >= total / 2) return (bin + 0.5) * DISTANCE_BIN;
  }
  return null;
}

function toRow<Unit extends CoverageUnit>(unit: Unit, sums: Sums, withDistances: boolean): CoverageRow & Unit {
  return {
    ...unit,
    einwohner: sums.einwohner,
    versorgt: sums.versorgt,
    unversorgt: sums.einwohner - sums.versorgt,
    anteilVersorgt: sums.einwohner > 0 ? sums.versorgt / sums.einwohner : 0,
    flaecheVersorgt: sums.cells > 0 ? sums.coveredCells / sums.cells : 0,
    einrichtungen: sums.einrichtungen,
    proTausend: sums.einwohner > 0 ? (sums.einrichtungen / sums.einwohner) * 1000 : 0,
    medianDistanzM: withDistances && sums.histogram ? weightedMedian(sums.histogram, sums.einwohner) : null,
    maxDistanzM: withDistances && sums.einwohner > 0 && Number.isFinite(sums.maxDistanz) ? sums.maxDistanz : null,
  };
}

/**
 * Coverage of the residents by the given (active) facilities under a reach model, per
 * Sozialraum, Sozialregion and Kreis. The hot path marks reach on the grid and sums residents
 * per cell: no polygon operations. Distances (median, maximum) add a distance transform.
 */
export function computeCoverage(
  setup: CoverageSetup,
  facilities: readonly PlacedFacility[],
  reach: ReachModel,
  options: { distances?: boolean } = {},
): CoverageResult {
  const { grid } = setup;
  const cellCount = grid.cols * grid.rows;
  const mask = new Uint8Array(cellCount);
  const seeds: number[] = [];
  const nUnits = setup.sozialraeume.length;
  const withDistances = options.distances ?? true;
  const bins = withDistances ? Math.ceil((Math.hypot(grid.cols, grid.rows) * grid.cellSize) / DISTANCE_BIN) + 1 : null;
  const units = Array.from({ length: nUnits }, () => emptySums(bins));
  const outside = emptySums(bins);
  const planned = emptySums(bins);

  for (const facility of facilities) {
    markReach(reach, grid, facility, mask);
    const cell = cellIndex(grid, facility.x, facility.y);
    if (cell < 0) continue;
    seeds.push(cell);
    if (!setup.inKreis[cell]) continue;
    const unit = setup.sozialraumOfCell[cell]!;
    (unit >= 0 ? units[unit]! : outside).einrichtungen++;
    if (setup.inPlanungsraum[cell]) planned.einrichtungen++;
  }
  const distance = withDistances ? distanceToSeeds(grid, seeds) : null;

  const unversorgtProZelle = new Float64Array(cellCount);
  const { cellOfPoint, einwohner, sozialraumOfCell, sozialraumOfPoint, planungsraumOfPoint, inPlanungsraum } = setup;
  const addResident = (sums: Sums, people: number, reached: boolean, d: number) => {
    sums.einwohner += people;
    if (reached) sums.versorgt += people;
    if (distance && sums.histogram && people > 0) {
      if (d > sums.maxDistanz) sums.maxDistanz = d;
      if (Number.isFinite(d)) sums.histogram[Math.min(sums.histogram.length - 1, Math.floor(d / DISTANCE_BIN))]! += people;
    }
  };
  for (let i = 0; i < cellOfPoint.length; i++) {
    const cell = cellOfPoint[i]!;
    if (cell < 0) continue;
    const people = einwohner[i]!;
    const unit = sozialraumOfPoint[i]!;
    const reached = mask[cell] === 1;
    const d = distance ? distance[cell]! : 0;
    addResident(unit >= 0 ? units[unit]! : outside, people, reached, d);
    // Residents outside the planning area are context: no headline, no gap square, no suggestion.
    if (!planungsraumOfPoint[i]) continue;
    addResident(planned, people, reached, d);
    if (!reached) unversorgtProZelle[cell]! += people;
  }
  for (const cell of setup.kreisCells) {
    const unit = sozialraumOfCell[cell]!;
    const sums = unit >= 0 ? units[unit]! : outside;
    sums.cells++;
    if (mask[cell]) sums.coveredCells++;
    if (inPlanungsraum[cell]) {
      planned.cells++;
      if (mask[cell]) planned.coveredCells++;
    }
  }

  const regions = setup.sozialregionen.map(() => emptySums(bins));
  const kreis = emptySums(bins);
  units.forEach((sums, unit) => {
    const region = setup.regionOfSozialraum[unit]!;
    if (region >= 0) addSums(regions[region]!, sums);
    addSums(kreis, sums);
  });
  addSums(kreis, outside);
  return {
    sozialraeume: setup.sozialraeume.map((unit, index) => toRow(unit, units[index]!, withDistances)),
    sozialregionen: setup.sozialregionen.map((unit, index) => toRow(unit, regions[index]!, withDistances)),
    planungsraum: toRow(setup.planungsraum, planned, withDistances),
    kreis: toRow(setup.kreis, kreis, withDistances),
    mask,
    unversorgtProZelle,
    reach: reach.label,
  };
}

/** Municipality index per surface point, by the grid cell of the point (for grids without it). */
function gemeindenOfPoints(grid: RasterGrid, territory: TerritoryFile, surface: PopulationSurface): Int32Array {
  const owner = rasterizeAreas(grid, territory.gemeinden.features.map((f) => areaToLaea(f.geometry)));
  return Int32Array.from(surface.x, (x, i) => {
    const cell = cellIndex(grid, x, surface.y[i]!);
    return cell < 0 ? -1 : owner[cell]!;
  });
}
