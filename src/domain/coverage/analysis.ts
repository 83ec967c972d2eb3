import type { Position } from 'geojson';
import { CSV_NOTES_MARKER } from '../csv';
import type { Confidence, FacilityStatus } from '../facilities/catalog';
import { facilityStand, formatStand, type FacilityStand } from '../facilities/stand';
import type { TerritoryFile } from '../territory/types';
import { bestNextLocations, type SuggestedLocation } from './bestLocation';
import { countState, emptyTally, notCountedText, type CountState, type FacilityTally } from './counting';
import { computeCoverage, type CoverageResult, type CoverageRow, type CoverageSetup } from './coverage';
import { EXACT, precisionOf, roundResidents, type Precision } from './precision';
import { cellIndex } from './raster';
import { straightLineReach, type PlacedFacility, type ReachModel } from './reach';
import { fallbackSurface, fromLaea, toLaea, type PopulationSurface, type SurfaceMethod } from './surface';
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
  /** Absent: confirmed (hypothetical facilities). */
  bestaetigung?: Confidence;
  /** The facility's own dates, for the „Stand“ of the figures. */
  geprueftAm?: string | null;
  quelle?: string | null;
}

/**
 * Facilities that may count for coverage: of the category, in operation, confirmed and not
 * deleted (whether they lie in the planning area is the setup's question, see analyseCoverage).
 */
export function activeFacilities<T extends CoverageFacilityInput>(facilities: readonly T[], category: string): T[] {
  return facilities.filter((facility) => facility.category === category && !facility.geloescht && countState(facility, true) === 'zaehlt');
}

/** The facilities of the category as the figures see them: placed in EPSG:3035, each with its count state. */
export interface CountedFacilities {
  /** The facilities that count, in EPSG:3035. */
  counted: PlacedFacility[];
  /** Per facility id of the category (not deleted): counted, or why not. */
  states: ReadonlyMap<string, CountState>;
  /** The category's facilities in the planning area by count state, and those outside it. */
  planungsraum: FacilityTally;
  /** The same per Sozialraum id. */
  sozialraeume: ReadonlyMap<string, FacilityTally>;
  /** How old the data of the category's facilities in the planning area are. */
  stand: FacilityStand;
}

/** Sorts the category's facilities into counted and not counted, by the setup's planning area. */
export function countFacilities(setup: CoverageSetup, facilities: readonly CoverageFacilityInput[], category: string): CountedFacilities {
  const counted: PlacedFacility[] = [];
  const states = new Map<string, CountState>();
  const planungsraum = emptyTally();
  const sozialraeume = new Map(setup.sozialraeume.map((unit) => [unit.id, emptyTally()]));
  const dated: CoverageFacilityInput[] = [];
  for (const facility of facilities) {
    if (facility.category !== category || facility.geloescht) continue;
    const [x, y] = toLaea(facility.lage);
    const cell = cellIndex(setup.grid, x, y);
    const state = countState(facility, cell >= 0 && setup.inPlanungsraum[cell] === 1);
    states.set(facility.id, state);
    planungsraum[state]++;
    const unit = cell >= 0 ? setup.sozialraumOfCell[cell]! : -1;
    if (unit >= 0) sozialraeume.get(setup.sozialraeume[unit]!.id)![state]++;
    if (state === 'zaehlt') counted.push({ id: facility.id, x, y });
    if (state !== 'ausserhalb') dated.push(facility);
  }
  return { counted, states, planungsraum, sozialraeume, stand: facilityStand(dated) };
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
  /** The category's facilities by whether they count, with their „Stand“. */
  bestand: Omit<CountedFacilities, 'counted'>;
  /** The population surface the figures rest on, and how precisely they may be shown. */
  method: SurfaceMethod;
  precision: Precision;
  result: CoverageResult;
  suggestions: SuggestedSite[];
}

/**
 * Coverage of a category's facilities under straight-line reach, plus suggested sites. Only
 * facilities in operation, confirmed and inside the planning area count.
 */
export function analyseCoverage(setup: CoverageSetup, request: CoverageRequest): CoverageAnalysis {
  const { radiusKm } = request;
  if (!(radiusKm >= RADIUS_KM_MIN && radiusKm <= RADIUS_KM_MAX)) {
    throw new RangeError(`Reichweite ${radiusKm} km liegt nicht zwischen ${RADIUS_KM_MIN} und ${RADIUS_KM_MAX} km.`);
  }
  const reach = straightLineReach(radiusKm * 1000);
  const { counted: facilities, ...bestand } = countFacilities(setup, request.facilities, request.category);
  const result = computeCoverage(setup, facilities, reach, { distances: request.distances ?? true });
  const suggestions = (request.best ?? 0) > 0 ? bestNextLocations(setup, result.mask, reach, request.best!) : [];
  return {
    reach,
    facilities,
    bestand,
    method: setup.surface.method,
    precision: precisionOf(setup.surface.method),
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
const percent = (share: number, digits = 1) => `${decimal(share * 100, digits)} %`;

/**
 * A row as the atlas shows it. Inhabitants are whole people (the surfaces spread fractions);
 * "unversorgt" is the difference of the rounded figures so that every exact row adds up. On an
 * approximate surface (see precision.ts) residents reached and not reached are hundreds and
 * distances hundreds of metres. The table, its CSV and the command line's JSON all show this.
 */
export function roundedRow<Row extends CoverageRow>(row: Row, precision: Precision = EXACT): Row {
  const exact = precision.erreicht === 'exakt';
  const einwohner = roundResidents(row.einwohner, precision.einwohner);
  const versorgt = exact ? Math.round(row.versorgt) : roundResidents(row.versorgt, 'gerundet');
  const unversorgt = exact ? einwohner - versorgt : roundResidents(row.einwohner - row.versorgt, 'gerundet');
  const distance = (metres: number | null) => (metres === null ? null : exact ? Math.round(metres) : Math.round(metres / 100) * 100);
  return { ...row, einwohner, versorgt, unversorgt, medianDistanzM: distance(row.medianDistanzM), maxDistanzM: distance(row.maxDistanzM) };
}

/**
 * The cells of a row made by roundedRow: shares as "87,5 %" (whole percents where residents are
 * rounded), facilities per 1,000 inhabitants with two decimals, distances in metres, empty where
 * unknown (no resident, no facility).
 */
export function roundedRowCells(row: CoverageRow, precision: Precision = EXACT): string[] {
  const digits = precision.erreicht === 'exakt' ? 1 : 0;
  return [
    row.name,
    String(row.einwohner),
    String(row.versorgt),
    String(row.unversorgt),
    percent(row.anteilVersorgt, digits),
    percent(row.flaecheVersorgt),
    String(row.einrichtungen),
    decimal(row.proTausend, 2),
    row.medianDistanzM === null ? '' : String(row.medianDistanzM),
    row.maxDistanzM === null ? '' : String(row.maxDistanzM),
  ];
}

/** The cells of one table row as the atlas shows them (roundedRow, then roundedRowCells). */
export function coverageRowCells(row: CoverageRow, precision: Precision = EXACT): string[] {
  return roundedRowCells(roundedRow(row, precision), precision);
}

/** The rows of the table in order: Sozialräume, then Sozialregionen, then the planning area as total. */
export function coverageTableRows(result: CoverageResult): CoverageRow[] {
  return [...result.sozialraeume, ...result.sozialregionen, result.planungsraum];
}

/** What a coverage export says about itself: base, inhabitants, facilities, reach (label, text). */
export function coverageNotes(analysis: Pick<CoverageAnalysis, 'result' | 'method' | 'precision' | 'bestand' | 'reach' | 'facilities'>): [string, string][] {
  const { method, precision, bestand } = analysis;
  const rounded = precision.erreicht === 'gerundet' ? ' Erreichte und nicht erreichte Einwohner auf Hunderte gerundet, Anteile auf ganze Prozent; Summen können durch Runden abweichen.' : '';
  const notCounted = notCountedText(bestand.planungsraum);
  const outside = bestand.planungsraum.ausserhalb > 0 ? `${bestand.planungsraum.ausserhalb} außerhalb des Planungsraums, nicht mitgezählt` : null;
  const counted = analysis.facilities.length;
  return [
    ['Planungsraum', `${analysis.result.planungsraum.name}; Gebiete außerhalb werden nicht mitgezählt`],
    ['Einwohner', `${method.titel} (${method.stand}). ${method.quelle}.${rounded}`],
    ['Einrichtungen', [`${counted} gezählt (in Betrieb, bestätigt)`, notCounted, outside, formatStand(bestand.stand)].filter(Boolean).join(' · ')],
    ['Reichweite', `${analysis.reach.label} um jede Einrichtung; gezählt wird je 100-m-Zelle`],
  ];
}


/**
 * The coverage table as a CSV file that German Excel opens by double-click, like the facility
 * export: UTF-8 with byte order mark, ";" between columns, decimal comma, CRLF line ends, no
 * thousands separators (so every number stays a number in a spreadsheet). Below the table,
 * after an empty line, what the figures are about and how old they are (coverageNotes).
 *
 * @example coverageTableCsv(analysis) // '\uFEFFSozialraum;Einwohner;versorgt;…\r\nAdelebsen;6186;5000;1200;81 %;…'
 */
export function coverageTableCsv(analysis: Pick<CoverageAnalysis, 'result' | 'method' | 'precision' | 'bestand' | 'reach' | 'facilities'>): string {
  const lines = [
    COVERAGE_TABLE_HEADERS.join(';'),
    ...coverageTableRows(analysis.result).map((row) => coverageRowCells(row, analysis.precision).map(csvText).join(';')),
    '',
    CSV_NOTES_MARKER,
    ...coverageNotes(analysis).map((note) => note.map(csvText).join(';')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * The base of the figures for the command line's JSON: the planning area's row (what the total
 * row of the table shows), with its extent, whether figures are exact, the category's
 * facilities by whether they count, and how old their data are.
 */
export function coverageBasis(analysis: Pick<CoverageAnalysis, 'result' | 'precision' | 'bestand'>, setup: Pick<CoverageSetup, 'planungsraum'>) {
  const row = roundedRow(analysis.result.planungsraum, analysis.precision);
  return {
    ...row,
    umfang: setup.planungsraum.umfang,
    genauigkeit: analysis.precision.erreicht === 'exakt' ? 'exakt' : 'auf Hunderte gerundet',
    bestand: { ...analysis.bestand.planungsraum },
    stand: { ...analysis.bestand.stand, text: formatStand(analysis.bestand.stand) },
  };
}

/** Quotes where needed and defuses spreadsheet formulas in names (CSV injection). */
function csvText(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
