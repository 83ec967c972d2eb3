import type { Position } from 'geojson';
import type { FacilityStatus } from '../facilities/catalog';
import type { TerritoryFile } from '../territory/types';
import { bestNextLocations, type SuggestedLocation } from './bestLocation';
import { computeCoverage, type CoverageResult, type CoverageRow, type CoverageSetup } from './coverage';
import { cellIndex } from './raster';
import { straightLineReach, type PlacedFacility, type ReachModel } from './reach';
import { fallbackSurface, fromLaea, toLaea, type PopulationSurface } from './surface';
import { zensus2011Surface, type Zensus2011Grid } from './zensus2011';
import { surfaceFromGrid, type PopulationGridData } from './zensusGrid';

/**
 * The coverage analysis as the atlas runs it, shared by the browser and the command line so
 * both show the same numbers: which facilities count, which population surface, which reach,
 * and the table. Plain data in, plain data out; no I/O.
 *
 *   const surface = populationSurface(territory, gridFromApiOrNull);
 *   const setup = prepareCoverage(territory, surface);         // once per district and surface
 *   const analysis = analyseCoverage(setup, { facilities, category: 'familienzentrum', radiusKm: 5, best: 3 });
 *   coverageTableCsv(analysis.result);                          // the CSV export
 */

/** What the analysis needs of a facility; the API's Facility has all of it. */
export interface CoverageFacilityInput {
  id: string;
  category: string;
  status: FacilityStatus;
  geloescht: boolean;
  /** WGS84 longitude/latitude. */
  lage: Position;
}

/** Facilities that count for coverage: of the category, "in Betrieb" and not deleted. */
export function activeFacilities<T extends CoverageFacilityInput>(facilities: readonly T[], category: string): T[] {
  return facilities.filter((facility) => facility.category === category && facility.status === 'in Betrieb' && !facility.geloescht);
}

/** The active facilities of a category, placed in the coverage CRS (EPSG:3035). */
export function placeFacilities(facilities: readonly CoverageFacilityInput[], category: string): PlacedFacility[] {
  return activeFacilities(facilities, category).map((facility) => {
    const [x, y] = toLaea(facility.lage);
    return { id: facility.id, x, y };
  });
}

/**
 * The population surface of a district: an imported Zensus grid where one is loaded, otherwise
 * the Zensus 2022 municipal totals distributed as in the Zensus 2011 grid (zensus2011.ts), and
 * only for a district without that extract the rough fallback from GeoNames places.
 */
export function populationSurface(territory: TerritoryFile, grid: PopulationGridData | null, grid2011: Zensus2011Grid | null = null): PopulationSurface {
  if (grid) return surfaceFromGrid(territory, grid);
  if (grid2011) return zensus2011Surface(territory, grid2011);
  return fallbackSurface(territory, territory.siedlungen ?? []);
}

/** Reach radius limits in km: below 100 m the 100 m grid says nothing, beyond 100 km everything is reached. */
export const RADIUS_KM_MIN = 0.1;
export const RADIUS_KM_MAX = 100;

export interface CoverageRequest {
  facilities: readonly CoverageFacilityInput[];
  category: string;
  /** Straight-line reach in km. */
  radiusKm: number;
  /** Number of suggested additional sites (0 or absent: none). */
  best?: number;
  /** Median and maximum distance (a distance transform; default true). */
  distances?: boolean;
}

export interface SuggestedSite extends SuggestedLocation {
  /** WGS84 longitude/latitude of the site. */
  lngLat: [number, number];
  /** Sozialraum the site lies in, or null (outside every Sozialraum). */
  sozialraumId: string | null;
  sozialraumName: string | null;
}

export interface CoverageAnalysis {
  reach: ReachModel;
  /** The facilities that were counted, in EPSG:3035. */
  facilities: PlacedFacility[];
  result: CoverageResult;
  suggestions: SuggestedSite[];
}

/** Coverage of a category's active facilities under straight-line reach, plus suggested sites. */
export function analyseCoverage(setup: CoverageSetup, request: CoverageRequest): CoverageAnalysis {
  const { radiusKm } = request;
  if (!(radiusKm >= RADIUS_KM_MIN && radiusKm <= RADIUS_KM_MAX)) {
    throw new RangeError(`Reichweite ${radiusKm} km liegt nicht zwischen ${RADIUS_KM_MIN} und ${RADIUS_KM_MAX} km.`);
  }
  const reach = straightLineReach(radiusKm * 1000);
  const facilities = placeFacilities(request.facilities, request.category);
  const result = computeCoverage(setup, facilities, reach, { distances: request.distances ?? true });
  const suggestions = (request.best ?? 0) > 0 ? bestNextLocations(setup, result.mask, reach, request.best!) : [];
  return {
    reach,
    facilities,
    result,
    suggestions: suggestions.map((suggestion) => {
      const cell = cellIndex(setup.grid, suggestion.x, suggestion.y);
      const unit = cell >= 0 ? setup.sozialraumOfCell[cell]! : -1;
      const sozialraum = unit >= 0 ? setup.sozialraeume[unit]! : null;
      return { ...suggestion, lngLat: fromLaea([suggestion.x, suggestion.y]), sozialraumId: sozialraum?.id ?? null, sozialraumName: sozialraum?.name ?? null };
    }),
  };
}

export const COVERAGE_TABLE_HEADERS = [
  'Sozialraum',
  'Einwohner',
  'versorgt',
  'unversorgt',
  'Anteil versorgt',
  'Fläche versorgt',
  'Einrichtungen',
  'je 1.000 Einwohner',
  'Median Entfernung (m)',
  'max. Entfernung (m)',
] as const;

const decimal = (value: number, digits: number) => value.toFixed(digits).replace('.', ',');
const percent = (share: number) => `${decimal(share * 100, 1)} %`;

/**
 * The cells of one table row as the atlas shows them. Inhabitants are whole people (the
 * fallback surface spreads fractions); "unversorgt" is the difference of the rounded figures so
 * that every row adds up. Shares as "87,5 %", facilities per 1,000 inhabitants with two
 * decimals, distances in whole metres, empty where unknown (no resident, no facility).
 */
export function coverageRowCells(row: CoverageRow): string[] {
  const einwohner = Math.round(row.einwohner);
  const versorgt = Math.round(row.versorgt);
  return [
    row.name,
    String(einwohner),
    String(versorgt),
    String(einwohner - versorgt),
    percent(row.anteilVersorgt),
    percent(row.flaecheVersorgt),
    String(row.einrichtungen),
    decimal(row.proTausend, 2),
    row.medianDistanzM === null ? '' : String(Math.round(row.medianDistanzM)),
    row.maxDistanzM === null ? '' : String(Math.round(row.maxDistanzM)),
  ];
}

/** The rows of the table in order: Sozialräume, then Sozialregionen, then the Kreis. */
export function coverageTableRows(result: CoverageResult): CoverageRow[] {
  return [...result.sozialraeume, ...result.sozialregionen, result.kreis];
}

/**
 * The coverage table as a CSV file that German Excel opens by double-click, like the facility
 * export: UTF-8 with byte order mark, ";" between columns, decimal comma, CRLF line ends, no
 * thousands separators (so every number stays a number in a spreadsheet).
 *
 * @example coverageTableCsv(result) // '\uFEFFSozialraum;Einwohner;versorgt;…\r\nAdelebsen;6186;5012;1174;81,0 %;…'
 */
export function coverageTableCsv(result: CoverageResult): string {
  const lines = [COVERAGE_TABLE_HEADERS.join(';'), ...coverageTableRows(result).map((row) => coverageRowCells(row).map(csvText).join(';'))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Quotes where needed and defuses spreadsheet formulas in names (CSV injection). */
function csvText(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
