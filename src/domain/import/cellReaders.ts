import { LOCATION_PRECISIONS, PRECISION_LABELS, TARGET_GROUPS, type FacilityStatus, type LocationPrecision, type TargetGroup } from '../facilities/catalog';
import { matchKey } from './matchKey';

// How import cells become catalogue values and addresses; the field registry
// (domain/facilities/fields.ts) calls these from each field's reader. A row's location needs
// the file's coordinate system and is read in crs.ts (readLocation), reached through the
// reader's context, so the registry does not load the projections.

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
