import type { FacilityCategory } from '../facilities/catalog';
import { matchKey } from './matchKey';

// Other ways to write the default categories; a district's own categories match by id and label.
const CATEGORY_SYNONYMS: Record<string, readonly string[]> = {
  familienzentrum: ['Familienzentren', 'FZ', 'Familienzentrum Plus'],
  kita: ['Kitas', 'Kindertagesstätte', 'Kindertagesstätten', 'Kindertageseinrichtung', 'Kindergarten', 'Krippe', 'Kinderkrippe'],
  grundschule: ['Grundschulen', 'GS', 'Primarschule'],
  'weiterfuehrende-schule': ['Weiterführende Schulen', 'Oberschule', 'Realschule', 'Hauptschule', 'Gymnasium', 'Gesamtschule', 'IGS', 'KGS'],
  beratungsstelle: ['Beratungsstellen', 'Beratung', 'Erziehungsberatung', 'Erziehungsberatungsstelle'],
  'fruehe-hilfen': ['Frühe Hilfe', 'Netzwerk Frühe Hilfen'],
  jugendeinrichtung: ['Jugendeinrichtungen', 'Jugendzentrum', 'Jugendtreff', 'Jugendhaus', 'Jugendclub', 'Jugendfreizeitheim'],
  sonstiges: ['Sonstige', 'Andere', 'Other'],
};

const categoryIndexes = new WeakMap<readonly FacilityCategory[], ReadonlyMap<string, string>>();

function categoryIndex(categories: readonly FacilityCategory[]): ReadonlyMap<string, string> {
  let index = categoryIndexes.get(categories);
  if (!index) {
    const built = new Map<string, string>();
    // Synonyms first, so that a district's own label or id overrides them.
    for (const category of categories) {
      for (const synonym of CATEGORY_SYNONYMS[category.id] ?? []) built.set(matchKey(synonym), category.id);
    }
    for (const category of categories) {
      built.set(matchKey(category.label), category.id);
      built.set(matchKey(category.id), category.id);
    }
    index = built;
    categoryIndexes.set(categories, index);
  }
  return index;
}

/**
 * The catalogue id for a category as written in a file, by id, label or a common synonym,
 * ignoring case, umlauts and punctuation; null when nothing matches.
 *
 * @example matchCategory('KiTa', DEFAULT_CATEGORIES) // 'kita'
 * @example matchCategory('Kindertagesstätte', DEFAULT_CATEGORIES) // 'kita'
 * @example matchCategory('Hort', DEFAULT_CATEGORIES) // null
 */
export function matchCategory(value: string, categories: readonly FacilityCategory[]): string | null {
  const key = matchKey(value);
  return key === '' ? null : (categoryIndex(categories).get(key) ?? null);
}
