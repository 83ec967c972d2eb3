import type { Facility } from '../facilities/schema';
import type { FacilityStatus, LocationPrecision } from '../facilities/catalog';

/**
 * What the facility table and the map show: the same filter drives both and the export.
 * Empty strings / null mean "no restriction".
 */
export interface FacilityListFilter {
  category: string | null;
  sozialraum: string | null;
  status: FacilityStatus | null;
  lagegenauigkeit: LocationPrecision | null;
  q: string;
  /** nein = only active ones, ja = only deleted ones (to restore them), alle = both */
  geloescht: 'nein' | 'ja' | 'alle';
}

export const EMPTY_FILTER: FacilityListFilter = {
  category: null,
  sozialraum: null,
  status: null,
  lagegenauigkeit: null,
  q: '',
  geloescht: 'nein',
};

/** Sozialraum filter value for facilities that lie in no Sozialraum (outside, or no municipality). */
export const NO_SOZIALRAUM = '-';

const SEARCHED_FIELDS = ['name', 'traeger', 'strasse', 'plz', 'ort', 'angebote'] as const;

/** Lower case without diacritics, so "Muenden", "münden" and "Münden" … at least the latter two meet. */
function fold(text: string): string {
  return text.toLocaleLowerCase('de').normalize('NFD').replace(/\p{Diacritic}/gu, '');
}

export function matchesFilter(facility: Facility, filter: FacilityListFilter): boolean {
  if (filter.geloescht === 'nein' && facility.geloescht) return false;
  if (filter.geloescht === 'ja' && !facility.geloescht) return false;
  if (filter.category && facility.category !== filter.category) return false;
  if (filter.sozialraum) {
    if (filter.sozialraum === NO_SOZIALRAUM ? facility.sozialraumId !== null : facility.sozialraumId !== filter.sozialraum) return false;
  }
  if (filter.status && facility.status !== filter.status) return false;
  if (filter.lagegenauigkeit && facility.lagegenauigkeit !== filter.lagegenauigkeit) return false;
  const words = fold(filter.q).split(/\s+/).filter(Boolean);
  if (words.length > 0) {
    const haystack = fold(SEARCHED_FIELDS.map((field) => facility[field] ?? '').join(' \u0000 '));
    if (!words.every((word) => haystack.includes(word))) return false;
  }
  return true;
}

/** The facilities passing the filter, in their original order. Does not change its input. */
export function filterFacilities(facilities: readonly Facility[], filter: FacilityListFilter): Facility[] {
  return facilities.filter((facility) => matchesFilter(facility, filter));
}

export function isFilterActive(filter: FacilityListFilter): boolean {
  return (
    filter.category !== null ||
    filter.sozialraum !== null ||
    filter.status !== null ||
    filter.lagegenauigkeit !== null ||
    filter.q.trim() !== '' ||
    filter.geloescht !== 'nein'
  );
}

/** The query string of the API's list and export endpoints for a filter (without "?"). */
export function filterQuery(filter: FacilityListFilter): string {
  const params = new URLSearchParams();
  if (filter.category) params.set('category', filter.category);
  if (filter.sozialraum) params.set('sozialraum', filter.sozialraum);
  if (filter.status) params.set('status', filter.status);
  if (filter.lagegenauigkeit) params.set('lagegenauigkeit', filter.lagegenauigkeit);
  if (filter.q.trim()) params.set('q', filter.q.trim());
  params.set('geloescht', filter.geloescht);
  return params.toString();
}

export type FacilitySortKey = 'name' | 'category' | 'sozialraum' | 'ort' | 'status' | 'lagegenauigkeit' | 'geaendertAm';
export type FacilitySortDirection = 'asc' | 'desc';

export interface FacilitySortContext {
  categoryLabel(id: string): string;
  sozialraumName(id: string | null): string;
}

/** A sorted copy; text in German collation, ties fall back to the name. */
export function sortFacilities(
  facilities: readonly Facility[],
  key: FacilitySortKey,
  direction: FacilitySortDirection,
  context: FacilitySortContext,
): Facility[] {
  const sign = direction === 'asc' ? 1 : -1;
  const compareText = (a: string, b: string) => a.localeCompare(b, 'de', { numeric: true, sensitivity: 'base' });
  const valueOf = (facility: Facility): string => {
    switch (key) {
      case 'name':
        return facility.name;
      case 'category':
        return context.categoryLabel(facility.category);
      case 'sozialraum':
        return context.sozialraumName(facility.sozialraumId);
      case 'ort':
        return facility.ort ?? '';
      case 'status':
        return facility.status;
      case 'lagegenauigkeit':
        return facility.lagegenauigkeit;
      case 'geaendertAm':
        return facility.geaendertAm;
    }
  };
  return [...facilities].sort((a, b) => {
    const order = key === 'geaendertAm' ? valueOf(a).localeCompare(valueOf(b)) : compareText(valueOf(a), valueOf(b));
    return order !== 0 ? sign * order : compareText(a.name, b.name) || a.id.localeCompare(b.id);
  });
}
