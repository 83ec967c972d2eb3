import { LOCATION_PRECISIONS, PRECISION_LABELS, TARGET_GROUPS, type FacilityStatus, type LocationPrecision, type TargetGroup } from '../facilities/catalog';
import { readCoordinates } from './coordinates';
import { CRS_LABELS, fitsCrs, toWgs84, type CoordinateCrs } from './crs';
import { matchKey } from './matchKey';
import type { ImportTableRow } from './table';

// How import cells become catalogue values, addresses and locations; the field registry
// (domain/facilities/fields.ts) calls these from each field's reader.

const STATUS_WORDS: Record<string, FacilityStatus> = Object.fromEntries(
  (
    [
      ['geplant', 'geplant'],
      ['in Planung', 'geplant'],
      ['Planung', 'geplant'],
      ['in Betrieb', 'in Betrieb'],
      ['Betrieb', 'in Betrieb'],
      ['aktiv', 'in Betrieb'],
      ['offen', 'in Betrieb'],
      ['geöffnet', 'in Betrieb'],
      ['geschlossen', 'geschlossen'],
      ['aufgelöst', 'geschlossen'],
      ['inaktiv', 'geschlossen'],
      ['beendet', 'geschlossen'],
    ] as const
  ).map(([word, status]) => [matchKey(word), status]),
);

export function matchStatus(text: string): FacilityStatus | null {
  return STATUS_WORDS[matchKey(text)] ?? null;
}

export function matchPrecision(text: string): LocationPrecision | null {
  const key = matchKey(text);
  return LOCATION_PRECISIONS.find((precision) => matchKey(precision) === key || matchKey(PRECISION_LABELS[precision]) === key) ?? null;
}

/** "Eltern, Kinder" / "Eltern und Kinder" → the catalogue groups in the file's order, and what is unknown. */
export function readTargetGroups(text: string): { groups: TargetGroup[]; unknown: string[] } {
  const groups: TargetGroup[] = [];
  const unknown: string[] = [];
  for (const part of text.split(/[,;/|]|\s+und\s+/)) {
    if (part.trim() === '') continue;
    const group = TARGET_GROUPS.find((candidate) => matchKey(candidate) === matchKey(part));
    if (group) {
      if (!groups.includes(group)) groups.push(group);
    } else {
      unknown.push(part.trim());
    }
  }
  return { groups, unknown };
}

// "www.example.de" → "https://www.example.de"; only http(s) addresses are accepted.
export function normaliseWeb(text: string): string | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : /^[^\s/]+\.[a-z]{2,}(?:[/?#:]|$)/i.test(text) ? `https://${text}` : text;
  try {
    const url = new URL(withScheme);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.') ? withScheme : null;
  } catch {
    return null;
  }
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
