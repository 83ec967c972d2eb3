import { distance } from '@turf/turf';
import { DUPLICATE_DISTANCE_M, normaliseName } from '../facilities/duplicates';
import { formatInteger } from '../format';

/** What the duplicate check needs to know of a facility that is already in the atlas. */
export interface ExistingFacility {
  id: string;
  name: string;
  lage: readonly [number, number];
}

/** A row to check: its number in the file, name and WGS84 location, and the ID column if any. */
export interface DuplicateCandidate {
  line: number;
  name: string;
  lage: readonly [number, number];
  existingId?: string | null;
}

export interface DuplicateCheckOptions {
  /** Facilities already in the atlas. */
  existing?: readonly ExistingFacility[];
  /** How rows are called in messages: "Zeile" (CSV) or "Objekt" (GeoJSON). */
  rowNoun?: string;
  /** Two facilities with the same name closer than this are possible duplicates. Default DUPLICATE_DISTANCE_M (250 m). */
  maxDistanceM?: number;
}

interface Known {
  name: string;
  lage: readonly [number, number];
  id?: string;
  line?: number;
}

/**
 * Creates a duplicate check that compares each row with the existing facilities and with the
 * rows checked before it. A possible duplicate has the same name up to case, umlauts,
 * whitespace and punctuation and lies closer than `maxDistanceM` (turf distance): the rule of
 * the server's check (facilities/duplicates.ts), so the preview warns where the server will.
 * A row whose ID column names an existing facility is that facility, not a duplicate of it.
 * Rows are indexed by name, so a file of 20,000 rows is checked in linear time.
 *
 * @example
 * const check = createDuplicateCheck({ existing: [{ id: 'a', name: 'Familienzentrum X', lage: [9.93, 51.53] }] });
 * check({ line: 2, name: 'familienzentrum x', lage: [9.9304, 51.5301] }) // ['Mögliches Duplikat von „Familienzentrum X“ (30 m entfernt)']
 */
export function createDuplicateCheck(options: DuplicateCheckOptions = {}): (candidate: DuplicateCandidate) => string[] {
  const maxDistanceM = options.maxDistanceM ?? DUPLICATE_DISTANCE_M;
  const rowNoun = options.rowNoun ?? 'Zeile';
  const byName = new Map<string, Known[]>();
  const remember = (known: Known) => {
    const key = normaliseName(known.name);
    if (key === '') return;
    const list = byName.get(key);
    if (list) list.push(known);
    else byName.set(key, [known]);
  };
  for (const facility of options.existing ?? []) remember({ name: facility.name, lage: facility.lage, id: facility.id });

  return (candidate) => {
    const matches = (byName.get(normaliseName(candidate.name)) ?? [])
      .filter((known) => !(known.id !== undefined && known.id === candidate.existingId))
      .map((known) => ({ known, metres: distance([...known.lage], [...candidate.lage], { units: 'meters' }) }))
      .filter(({ metres }) => metres < maxDistanceM)
      .sort((a, b) => a.metres - b.metres);
    remember({ name: candidate.name, lage: candidate.lage, line: candidate.line });
    return matches.map(({ known, metres }) => {
      const where = known.line === undefined ? '' : ` in ${rowNoun} ${known.line}`;
      return `Mögliches Duplikat von „${known.name}“${where} (${formatInteger(metres)} m entfernt)`;
    });
  };
}
