/**
 * A comparison key for names typed by people: case, umlauts, accents, whitespace and
 * punctuation do not matter. "Kindertagesstätte", "KINDERTAGESSTAETTE" and
 * "Kindertagesstatte" get the same key, as do "Familienzentrum Am Markt" and "familienzentrum-am-markt".
 *
 * Umlauts are folded to the plain vowel and the spellings "ae", "oe", "ue" are folded the same
 * way, so all three ways of writing an umlaut agree. The key is only ever compared, never shown.
 *
 * @example matchKey('Träger der Einrichtung') // 'tragerdereinrichtung'
 */
export function matchKey(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '')
    .replace(/ae/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/ue/g, 'u');
}
