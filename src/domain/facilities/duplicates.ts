import { distance } from '@turf/turf';
import { around } from 'geokdbush';
import KDBush from 'kdbush';
import type { Position } from 'geojson';

/** Names compared for duplicates: case, umlauts, punctuation and spacing do not matter. */
export function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replaceAll('ä', 'ae')
    .replaceAll('ö', 'oe')
    .replaceAll('ü', 'ue')
    .replaceAll('ß', 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Two facilities this close with the same normalised name are taken for the same one. */
export const DUPLICATE_DISTANCE_M = 250;

export interface NamedPlace {
  id?: string;
  name: string;
  lage: Position;
}

const metresBetween = (a: Position, b: Position) => distance(a, b, { units: 'kilometers' }) * 1000;

/**
 * The first place of `among` that duplicates `candidate`, with its distance in metres. A linear
 * scan: fine for one facility, quadratic for a file (kept as the benchmark's baseline; imports
 * use createDuplicateIndex).
 */
export function findDuplicate(candidate: NamedPlace, among: readonly NamedPlace[]): { place: NamedPlace; metres: number } | null {
  const key = normaliseName(candidate.name);
  for (const place of among) {
    if (normaliseName(place.name) !== key) continue;
    const metres = metresBetween(candidate.lage, place.lage);
    if (metres < DUPLICATE_DISTANCE_M) return { place, metres };
  }
  return null;
}

/** A duplicate found by the index: the position of the place in the indexed list and how far it is. */
export interface DuplicateMatch {
  index: number;
  metres: number;
}

export interface DuplicateIndex {
  /**
   * The nearest indexed place with the same normalised name closer than DUPLICATE_DISTANCE_M;
   * `accept` can rule out places by their position in the list (e.g. "only earlier rows").
   */
  nearest(candidate: NamedPlace, accept?: (index: number) => boolean): DuplicateMatch | null;
}

// geokdbush measures on a sphere of 6,371 km, turf on one of 6,371.0088 km: search a little
// wider and decide with turf, so the server and the browser's preview apply the same rule.
const SEARCH_KM = (DUPLICATE_DISTANCE_M * 1.001) / 1000;

/**
 * A static spatial index (kdbush, with geokdbush's great-circle search) over places, for the
 * duplicate rule "same normalised name, closer than 250 m". Building it is O(n log n) and each
 * query visits only the places within reach, so checking every row of a 20,000-row file
 * against the file and the database stays O(n log n) instead of comparing every pair.
 *
 * @example
 * const index = createDuplicateIndex(rows);
 * rows.map((row, i) => index.nearest(row, (j) => j < i)) // each row's nearest earlier duplicate
 */
export function createDuplicateIndex(places: readonly NamedPlace[]): DuplicateIndex {
  const keys = places.map((place) => normaliseName(place.name));
  // kdbush refuses an empty index; an index of nothing finds nothing.
  if (places.length === 0) return { nearest: () => null };
  const tree = new KDBush(places.length);
  for (const place of places) tree.add(place.lage[0]!, place.lage[1]!);
  tree.finish();
  return {
    nearest(candidate, accept = () => true) {
      const key = normaliseName(candidate.name);
      if (key === '') return null;
      const [lng, lat] = candidate.lage as [number, number];
      // No predicate for geokdbush: it stops at the first point beyond reach, which a predicate
      // that rejects most points would postpone to the end of the tree.
      for (const index of around(tree, lng, lat, Infinity, SEARCH_KM)) {
        if (keys[index] !== key || !accept(index)) continue;
        const metres = metresBetween(candidate.lage, places[index]!.lage);
        if (metres < DUPLICATE_DISTANCE_M) return { index, metres };
      }
      return null;
    },
  };
}
