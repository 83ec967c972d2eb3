import { formatPartialDate } from '../format';
import { parsePartialDate } from '../import/dates';

/**
 * How old the facility data behind a figure is, from the facilities' own dates: when each was
 * last checked („Geprüft am“), or else the date of the source it was entered from (named in
 * „Quelle“, e.g. „Trägerliste 03/2024“ or „Stand der Quelle: 2019-03“). Never the day the
 * database was filled or last changed: that says nothing about whether a facility still exists.
 */

export interface DatedFacility {
  geprueftAm?: string | null;
  quelle?: string | null;
}

export interface FacilityStand {
  anzahl: number;
  /** Facilities with a „Geprüft am“. */
  geprueft: number;
  /** Facilities with neither a „Geprüft am“ nor a date in their source. */
  ohneDatum: number;
  /** Oldest and newest date (JJJJ, JJJJ-MM or JJJJ-MM-TT), null without any. */
  aeltestes: string | null;
  neuestes: string | null;
}

const URL = /\b(?:https?:\/\/|www\.)\S+/gi;
// Day, month or year as people write them: 15.03.2019, 2019-03-15, 2019-03, 03.2019, 03/2019, 2019.
const DATE_FORMS = String.raw`\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|\d{1,2}[./]\d{4}|(?:19|20)\d{2}`;
const DATE = new RegExp(String.raw`\b(${DATE_FORMS})\b`, 'g');
/** „Stand der Quelle: unbekannt“ says on purpose that no date is known, whatever years the text mentions. */
const UNDATED = /\bStand(?:\s+der\s+Quelle)?\s*:?\s*(?:unbekannt|ohne Datum)\b/i;
const MARKED = new RegExp(String.raw`\bStand(?:\s+der\s+Quelle)?\s*:?\s*(?:~|ca\.\s*)?(${DATE_FORMS})\b`, 'gi');

const datesIn = (text: string, pattern: RegExp): string[] =>
  [...text.matchAll(pattern)].map((match) => parsePartialDate(match[1]!)).filter((date): date is string => date !== null);

/**
 * The date a source text names: the one after „Stand“ where it says so, none where it says
 * „Stand … unbekannt“, else the latest date it mentions. Web addresses are skipped, since their
 * digits are article numbers, not dates.
 *
 * @example sourceDate('Presse (PNN, 2013); Stand der Quelle: 2016-10') // '2016-10'
 * @example sourceDate('Trägerliste 2024') // '2024'
 */
export function sourceDate(text: string | null | undefined): string | null {
  if (!text) return null;
  const plain = text.replace(URL, ' ');
  const marked = datesIn(plain, MARKED);
  if (marked.length === 0 && UNDATED.test(plain)) return null;
  const dates = marked.length > 0 ? marked : datesIn(plain, DATE);
  return dates.reduce<string | null>((latest, date) => (latest === null || date > latest ? date : latest), null);
}

/** The date that says how current a facility is: its check, else its source's date. */
export function facilityDate(facility: DatedFacility): string | null {
  return facility.geprueftAm ?? sourceDate(facility.quelle);
}

export function facilityStand(facilities: readonly DatedFacility[]): FacilityStand {
  const stand: FacilityStand = { anzahl: facilities.length, geprueft: 0, ohneDatum: 0, aeltestes: null, neuestes: null };
  for (const facility of facilities) {
    if (facility.geprueftAm) stand.geprueft++;
    const date = facilityDate(facility);
    if (date === null) {
      stand.ohneDatum++;
      continue;
    }
    // JJJJ sorts before JJJJ-MM of the same year: a bare year counts as its start.
    if (stand.aeltestes === null || date < stand.aeltestes) stand.aeltestes = date;
    if (stand.neuestes === null || date > stand.neuestes) stand.neuestes = date;
  }
  return stand;
}

/**
 * „Stand 2013 bis 03.2019 · 0 von 16 geprüft“: the range of the facilities' dates and how many
 * were checked, as every source line, export and the command line show it.
 */
export function formatStand(stand: FacilityStand): string {
  if (stand.anzahl === 0) return 'keine Einrichtungen erfasst';
  const checked = `${stand.geprueft} von ${stand.anzahl} geprüft`;
  const undated = stand.ohneDatum > 0 ? ` · ${stand.ohneDatum} ohne Datum` : '';
  if (stand.aeltestes === null || stand.neuestes === null) return `ohne Datum (weder geprüft noch Quelle mit Datum) · ${checked}`;
  const range =
    stand.aeltestes === stand.neuestes ? formatPartialDate(stand.neuestes) : `${formatPartialDate(stand.aeltestes)} bis ${formatPartialDate(stand.neuestes)}`;
  return `Stand ${range} (Geprüft am oder Datum der Quelle) · ${checked}${undated}`;
}
