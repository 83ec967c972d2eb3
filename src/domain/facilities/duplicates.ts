import { distance } from '@turf/turf';
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

/** The first place of `among` that duplicates `candidate`, with its distance in metres. */
export function findDuplicate(candidate: NamedPlace, among: readonly NamedPlace[]): { place: NamedPlace; metres: number } | null {
  const key = normaliseName(candidate.name);
  for (const place of among) {
    if (normaliseName(place.name) !== key) continue;
    const metres = distance(candidate.lage, place.lage, { units: 'kilometers' }) * 1000;
    if (metres < DUPLICATE_DISTANCE_M) return { place, metres };
  }
  return null;
}
