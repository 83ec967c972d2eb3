import { projectionFor, type CrsCode, type ProjectedCrsCode, type Projection } from '../geo/projection';
import { readCoordinates } from './coordinates';
import type { ColumnMapping } from './mapping';
import type { ImportTable, ImportTableRow } from './table';

/** A coordinate reference system an import file may use. */
export type CoordinateCrs = CrsCode;

/** [west, south, east, north] in WGS84 degrees. */
export type Bbox = readonly [number, number, number, number];

export const CRS_LABELS: Record<CoordinateCrs, string> = {
  'EPSG:4326': 'WGS84, Länge/Breite in Grad (EPSG:4326)',
  'EPSG:25832': 'ETRS89 / UTM Zone 32N (EPSG:25832)',
  'EPSG:25833': 'ETRS89 / UTM Zone 33N (EPSG:25833)',
  'EPSG:31467': 'Gauß-Krüger Zone 3 (EPSG:31467)',
  'EPSG:31468': 'Gauß-Krüger Zone 4 (EPSG:31468)',
  'EPSG:3035': 'ETRS89 / LAEA Europa (EPSG:3035)',
};

export interface CrsCandidate {
  crs: CoordinateCrs;
  /** The file has the two values the other way round (Breite before Länge, Hochwert before Rechtswert). */
  swapped: boolean;
  label: string;
  /** How many coordinate pairs lie in this CRS's value ranges for Germany. */
  matching: number;
  /** How many of those fall inside the district's bbox once transformed; null without a bbox. */
  insideDistrict: number | null;
}

export interface CrsGuess {
  /** The most likely CRS, null when no pair fits any candidate. */
  crs: CoordinateCrs | null;
  /** 'mehrdeutig': the user should confirm or choose among `candidates`. */
  confidence: 'eindeutig' | 'mehrdeutig';
  swapped: boolean;
  /** Every CRS some pairs fit, best first. */
  candidates: CrsCandidate[];
  /** German notes for the user, e.g. "Breite/Länge vertauscht". */
  notes: string[];
  /** Number of readable coordinate pairs examined. */
  pairs: number;
}

export interface CrsDetectionOptions {
  /** The district's official CRS: decides between UTM zones 32 and 33 when the bbox cannot. */
  districtCrs?: ProjectedCrsCode;
  /** The district's bbox in WGS84: the zone that puts the points inside it wins. */
  districtBbox?: Bbox;
  /** Consider only this CRS (a GeoJSON file that names its CRS); swaps are still detected. */
  only?: CoordinateCrs;
}

type Range = readonly [number, number];
interface CrsRanges {
  crs: CoordinateCrs;
  first: readonly Range[];
  second: Range;
}

// Value ranges covering Germany, first value (Länge, Rechtswert, Ostwert) and second value.
// UTM eastings are wide enough for all of Germany in either zone ("wrong" zones included: a
// Göttingen list in zone 33 has eastings around 120 000 m); an easting may carry the zone
// number in front (32 564 895). Gauß-Krüger eastings carry the zone as their first digit.
// LAEA and GK zone 4 overlap in x and are told apart by y.
const UTM_EASTING: Range = [50_000, 950_000];
const NORTHING: Range = [5_200_000, 6_200_000];
const RANGES: readonly CrsRanges[] = [
  { crs: 'EPSG:4326', first: [[5.5, 15.5]], second: [47, 55.5] },
  { crs: 'EPSG:25832', first: [UTM_EASTING, [32_000_000 + UTM_EASTING[0], 32_000_000 + UTM_EASTING[1]]], second: NORTHING },
  { crs: 'EPSG:25833', first: [UTM_EASTING, [33_000_000 + UTM_EASTING[0], 33_000_000 + UTM_EASTING[1]]], second: NORTHING },
  { crs: 'EPSG:31467', first: [[3_300_000, 3_900_000]], second: NORTHING },
  { crs: 'EPSG:31468', first: [[4_200_000, 4_700_000]], second: NORTHING },
  { crs: 'EPSG:3035', first: [[3_900_000, 4_750_000]], second: [2_600_000, 3_700_000] },
];

const within = (value: number, [min, max]: Range) => value >= min && value <= max;

/**
 * Whether a pair lies in the value ranges of `crs` for Germany (after undoing a swap).
 *
 * @example fitsCrs([564895, 5709492], 'EPSG:25832') // true
 */
export function fitsCrs(pair: readonly [number, number], crs: CoordinateCrs, swapped = false): boolean {
  const ranges = RANGES.find((candidate) => candidate.crs === crs)!;
  const [first, second] = swapped ? [pair[1], pair[0]] : pair;
  return ranges.first.some((range) => within(first, range)) && within(second, ranges.second);
}

/**
 * Guesses the CRS of coordinate pairs from their value ranges, over all pairs.
 *
 * Each candidate (WGS84, UTM 32N/33N, Gauß-Krüger 3/4, LAEA), as written and swapped, counts
 * the pairs in its ranges; the most pairs win. Plain UTM values fit zone 32 and 33 alike:
 * then the zone whose transformed points fall inside `districtBbox` more often wins, and only
 * if that does not decide, `districtCrs` is taken (as 'mehrdeutig'). The guess is 'eindeutig'
 * when it was decided by the values (or the bbox) and at least 90 % of the pairs fit it.
 *
 * @example detectCrs([[51.53, 9.93]]) // { crs: 'EPSG:4326', swapped: true, notes: ['Breite/Länge vertauscht'], … }
 */
export function detectCrs(pairs: readonly (readonly [number, number])[], options: CrsDetectionOptions = {}): CrsGuess {
  if (pairs.length === 0) {
    return { crs: null, confidence: 'mehrdeutig', swapped: false, candidates: [], notes: ['Keine lesbaren Koordinaten gefunden.'], pairs: 0 };
  }
  const candidates: CrsCandidate[] = [];
  for (const { crs } of RANGES) {
    if (options.only && options.only !== crs) continue;
    for (const swapped of [false, true]) {
      const fitting = pairs.filter((pair) => fitsCrs(pair, crs, swapped));
      if (fitting.length === 0) continue;
      const insideDistrict = options.districtBbox ? countInside(fitting, crs, swapped, options.districtBbox) : null;
      candidates.push({ crs, swapped, label: CRS_LABELS[crs], matching: fitting.length, insideDistrict });
    }
  }
  // Stable sort: among equals the order of RANGES (WGS84 first, zone 32 before 33) and "as written" before swapped.
  candidates.sort((a, b) => b.matching - a.matching || (b.insideDistrict ?? 0) - (a.insideDistrict ?? 0));

  const best = candidates[0];
  if (!best) {
    return {
      crs: options.only ?? null,
      confidence: 'mehrdeutig',
      swapped: false,
      candidates,
      notes: [
        options.only
          ? `Die Koordinaten passen nicht zum in der Datei angegebenen Bezugssystem ${CRS_LABELS[options.only]}.`
          : 'Die Koordinaten passen zu keinem bekannten Bezugssystem für Deutschland (WGS84, UTM, Gauß-Krüger, LAEA).',
      ],
      pairs: pairs.length,
    };
  }

  const tied = candidates.filter((candidate) => candidate.matching === best.matching);
  const notes: string[] = [];
  let chosen = best;
  let decided = tied.length === 1 || (best.insideDistrict ?? 0) > (tied[1]!.insideDistrict ?? 0);
  if (!decided) {
    const hinted = tied.find((candidate) => candidate.crs === options.districtCrs);
    if (hinted) chosen = hinted;
    notes.push(
      tied.every((candidate) => candidate.crs === 'EPSG:25832' || candidate.crs === 'EPSG:25833')
        ? 'Ob die Werte in UTM-Zone 32 oder 33 stehen, lässt sich nicht sicher erkennen; bitte prüfen.'
        : 'Das Bezugssystem lässt sich nicht sicher erkennen; bitte prüfen.',
    );
  }
  if (chosen.swapped) notes.push(chosen.crs === 'EPSG:4326' ? 'Breite/Länge vertauscht' : 'Rechtswert/Hochwert vertauscht');
  const zone = chosen.crs === 'EPSG:25832' ? 32 : chosen.crs === 'EPSG:25833' ? 33 : null;
  if (zone && pairs.some((pair) => (chosen.swapped ? pair[1] : pair[0]) > 1_000_000)) {
    notes.push(`Ostwerte mit vorangestellter Zonennummer (${zone} …)`);
  }
  if (chosen.matching < pairs.length) {
    notes.push(`${pairs.length - chosen.matching} von ${pairs.length} Koordinatenpaaren passen nicht zu ${chosen.label}.`);
  }
  decided &&= chosen.matching >= 0.9 * pairs.length;
  return { crs: chosen.crs, confidence: decided ? 'eindeutig' : 'mehrdeutig', swapped: chosen.swapped, candidates, notes, pairs: pairs.length };
}

function countInside(pairs: readonly (readonly [number, number])[], crs: CoordinateCrs, swapped: boolean, [west, south, east, north]: Bbox): number {
  let inside = 0;
  for (const pair of pairs) {
    const lngLat = toWgs84(pair, crs, { swapped });
    if (lngLat && lngLat[0] >= west && lngLat[0] <= east && lngLat[1] >= south && lngLat[1] <= north) inside++;
  }
  return inside;
}

const projections = new Map<ProjectedCrsCode, Projection>();

/**
 * Transforms a pair as written in the file to WGS84 [longitude, latitude], undoing a swap and
 * removing a UTM zone number in front of the easting. Null when the result is not a valid
 * position (the pair does not belong to this CRS). Not rounded.
 *
 * @example toWgs84([564895, 5709492], 'EPSG:25832') // ≈ [9.9356, 51.5328]
 * @example toWgs84([51.5328, 9.9356], 'EPSG:4326', { swapped: true }) // [9.9356, 51.5328]
 */
export function toWgs84(pair: readonly [number, number], crs: CoordinateCrs, options: { swapped?: boolean } = {}): [number, number] | null {
  let [first, second] = options.swapped ? [pair[1], pair[0]] : [pair[0], pair[1]];
  if (!Number.isFinite(first) || !Number.isFinite(second)) return null;
  let lngLat: number[];
  if (crs === 'EPSG:4326') {
    lngLat = [first, second];
  } else {
    const zone = crs === 'EPSG:25832' ? 32 : crs === 'EPSG:25833' ? 33 : null;
    if (zone !== null && Math.floor(first / 1_000_000) === zone) first -= zone * 1_000_000;
    let projection = projections.get(crs);
    if (!projection) {
      projection = projectionFor(crs);
      projections.set(crs, projection);
    }
    try {
      lngLat = projection.inverse([first, second]);
    } catch {
      // proj4 throws for some positions far outside the projection's domain.
      return null;
    }
  }
  const [longitude, latitude] = lngLat;
  if (longitude === undefined || latitude === undefined || !Number.isFinite(longitude) || !Number.isFinite(latitude)) return null;
  if (Math.abs(longitude) > 180 || Math.abs(latitude) > 90) return null;
  return [longitude, latitude];
}

/**
 * detectCrs over the coordinates of all rows of a table under a mapping: the geometries of a
 * GeoJSON file, else the mapped columns. A CRS named in the file (GeoJSON `crs` member) limits
 * the guess to that CRS. Call it again when the user changes the coordinate columns.
 *
 * @example guessTableCrs(table, { x: 2, y: 3 }, { districtCrs: 'EPSG:25832', districtBbox: bbox })
 */
export function guessTableCrs(table: ImportTable, mapping: ColumnMapping, options: Omit<CrsDetectionOptions, 'only'> = {}): CrsGuess {
  const pairs: [number, number][] = [];
  for (const row of table.rows) {
    const reading = readCoordinates(row, mapping);
    if (reading.kind === 'pair') pairs.push(reading.pair);
  }
  const guess = detectCrs(pairs, table.declaredCrs ? { ...options, only: table.declaredCrs } : options);
  if (table.declaredCrs && guess.crs === table.declaredCrs) guess.notes.unshift(`Bezugssystem laut Datei: ${CRS_LABELS[table.declaredCrs]}`);
  return guess;
}

/** A row's location in WGS84, rounded to six decimals (about 0.1 m), from its geometry or coordinate columns. */
export function readLocation(
  row: ImportTableRow,
  mapping: Partial<Record<string, number>>,
  options: { crs: CoordinateCrs; swapped: boolean },
): { lngLat: [number, number] } | { error: string } {
  const reading = readCoordinates(row, mapping);
  if (reading.kind !== 'pair') return { error: reading.error };
  const lngLat = fitsCrs(reading.pair, options.crs, options.swapped) ? toWgs84(reading.pair, options.crs, { swapped: options.swapped }) : null;
  if (!lngLat) {
    const written = reading.pair.map((value) => String(value).replace('.', ',')).join(' / ');
    return { error: `Koordinaten ${written} passen nicht zu ${CRS_LABELS[options.crs]}` };
  }
  return { lngLat: [round6(lngLat[0]), round6(lngLat[1])] };
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
