import { describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES, categoryCatalog } from '../../../src/domain/facilities/catalog';
import { CSV_EXPORT_HEADERS } from '../../../src/domain/import/export';
import { TARGET_FIELDS, TARGET_FIELD_GROUPS, mappingProblems, matchCategory, suggestMapping } from '../../../src/domain/import/mapping';
import { matchKey } from '../../../src/domain/import/matchKey';

describe('matchKey', () => {
  it('ignores case, umlaut spelling, accents, whitespace and punctuation', () => {
    const key = matchKey('Kindertagesstätte');
    expect(matchKey('KINDERTAGESSTAETTE')).toBe(key);
    expect(matchKey('Kindertagesstatte')).toBe(key);
    expect(matchKey(' Kinder-Tages-Stätte ')).toBe(key);
    expect(matchKey('Straße')).toBe(matchKey('Strasse'));
    expect(matchKey('Kita')).not.toBe(matchKey('Kitas'));
  });
});

describe('suggestMapping', () => {
  it('recognises German header synonyms', () => {
    expect(suggestMapping(['Name der Einrichtung', 'Art', 'Träger', 'Strasse', 'PLZ', 'Ort', 'Rechtswert', 'Hochwert', 'Plätze'])).toEqual({
      name: 0,
      category: 1,
      traeger: 2,
      strasse: 3,
      plz: 4,
      ort: 5,
      x: 6,
      y: 7,
      kapazitaet: 8,
    });
    expect(suggestMapping(['Bezeichnung', 'Typ', 'Ostwert', 'Nordwert'])).toEqual({ name: 0, category: 1, x: 2, y: 3 });
    expect(suggestMapping(['Einrichtung', 'Kategorie', 'Längengrad', 'Breitengrad', 'Adresse', 'Hausnr.'])).toEqual({
      name: 0,
      category: 1,
      x: 2,
      y: 3,
      strasse: 4,
      hausnummer: 5,
    });
  });

  it('recognises English headers', () => {
    expect(suggestMapping(['name', 'type', 'lng', 'lat', 'email', 'website', 'phone'])).toEqual({
      name: 0,
      category: 1,
      x: 2,
      y: 3,
      email: 4,
      web: 5,
      telefon: 6,
    });
    expect(suggestMapping(['Title', 'Category', 'Longitude', 'Latitude'])).toEqual({ name: 0, category: 1, x: 2, y: 3 });
  });

  it('recognises headers with units in brackets and synonyms at the start or end', () => {
    expect(suggestMapping(['Name', 'Kategorie', 'Rechtswert (UTM 32)', 'Hochwert (UTM 32)'])).toMatchObject({ x: 2, y: 3 });
    expect(suggestMapping(['Name', 'Kategorie', 'UTM-Rechtswert', 'UTM-Hochwert', 'Telefonnummer Leitung'])).toMatchObject({ x: 2, y: 3, telefon: 4 });
    expect(suggestMapping(['Name', 'Koordinate Rechtswert', 'Koordinate Hochwert'])).toMatchObject({ x: 1, y: 2 });
  });

  it('maps a single coordinates column unless x and y columns exist', () => {
    expect(suggestMapping(['Name', 'Koordinaten'])).toEqual({ name: 0, koordinaten: 1 });
    expect(suggestMapping(['Name', 'Lage', 'X', 'Y'])).toEqual({ name: 0, x: 2, y: 3 });
  });

  it('gives each field to the first matching column only and each column one field', () => {
    expect(suggestMapping(['Name', 'Bezeichnung', 'Sonstiges'])).toEqual({ name: 0 });
  });

  it('recognises every column of the CSV export (round trip)', () => {
    const mapping = suggestMapping([...CSV_EXPORT_HEADERS]);
    const mapped = Object.values(mapping).sort((a, b) => a - b);
    expect(mapped).toEqual(CSV_EXPORT_HEADERS.map((_, index) => index));
    expect(mapping).toMatchObject({ name: 0, category: 1, x: 15, y: 16, foerderungProgramm: 13, foerderungSeit: 14, gemeindeAgs: 21, id: 24 });
  });

  it('does not change the headers it is given', () => {
    const headers = Object.freeze(['Name', 'Art']);
    suggestMapping(headers);
    expect(headers).toEqual(['Name', 'Art']);
  });
});

describe('mappingProblems', () => {
  const headers = ['Name', 'Art', 'Rechtswert', 'Hochwert'];

  it('has nothing to say about a complete mapping', () => {
    expect(mappingProblems({ name: 0, category: 1, x: 2, y: 3 }, headers, { kind: 'csv' })).toEqual([]);
  });

  it('names what is missing', () => {
    expect(mappingProblems({}, headers, { kind: 'csv' })).toEqual([
      'Keine Spalte für „Name“ gewählt.',
      'Keine Spalte für „Kategorie“ gewählt und keine Kategorie für alle Zeilen festgelegt.',
      'Keine Spalten für die Koordinaten gewählt (Rechtswert und Hochwert, Länge und Breite oder eine Spalte „Koordinaten“).',
    ]);
    expect(mappingProblems({ name: 0, category: 1, x: 2 }, headers, { kind: 'csv' })).toEqual(['Keine Spalte für „Hochwert / Breite“ gewählt.']);
  });

  it('needs no category column when one category is chosen for all rows, and no coordinates in GeoJSON', () => {
    expect(mappingProblems({ name: 0 }, headers, { kind: 'geojson', defaultCategory: 'kita' })).toEqual([]);
  });

  it('reports a column given to two fields and a column that does not exist', () => {
    expect(mappingProblems({ name: 0, category: 1, x: 2, y: 2, quelle: 9 }, headers, { kind: 'csv' })).toEqual([
      '„Quelle“ ist einer Spalte zugeordnet, die es nicht gibt.',
      'Die Spalte „Rechtswert“ ist mehreren Feldern zugeordnet (Rechtswert / Länge, Hochwert / Breite).',
    ]);
  });

  it('lists every target field once', () => {
    expect(new Set(TARGET_FIELDS).size).toBe(TARGET_FIELDS.length);
  });

  it('offers the target fields in the groups of the mapping step, without the columns of a stored facility', () => {
    expect(TARGET_FIELD_GROUPS).toEqual([
      { title: 'Pflichtangaben', fields: ['name', 'category'] },
      { title: 'Lage', fields: ['x', 'y', 'koordinaten', 'lagegenauigkeit'] },
      { title: 'Adresse und Kontakt', fields: ['traeger', 'strasse', 'hausnummer', 'plz', 'ort', 'telefon', 'email', 'web'] },
      { title: 'Angebot und Herkunft', fields: ['zielgruppen', 'angebote', 'kapazitaet', 'status', 'foerderungProgramm', 'foerderungSeit', 'quelle', 'geprueftAm', 'bestaetigung'] },
    ]);
  });
});

describe('matchCategory', () => {
  it.each([
    ['Kita', 'kita'],
    ['KiTa', 'kita'],
    ['KITA', 'kita'],
    ['Kindertagesstätte', 'kita'],
    ['Kindertagesstaette', 'kita'],
    ['Kindergarten', 'kita'],
    ['Familienzentrum', 'familienzentrum'],
    ['familienzentrum', 'familienzentrum'],
    ['Grundschule', 'grundschule'],
    ['Weiterführende Schule', 'weiterfuehrende-schule'],
    ['weiterfuehrende-schule', 'weiterfuehrende-schule'],
    ['Gymnasium', 'weiterfuehrende-schule'],
    ['Beratungsstelle', 'beratungsstelle'],
    ['Frühe Hilfen', 'fruehe-hilfen'],
    ['Jugendzentrum', 'jugendeinrichtung'],
    [' Sonstiges ', 'sonstiges'],
  ])('%j → %s', (value, id) => {
    expect(matchCategory(value, DEFAULT_CATEGORIES)).toBe(id);
  });

  it('finds nothing for unknown categories and empty cells', () => {
    expect(matchCategory('Hort', DEFAULT_CATEGORIES)).toBeNull();
    expect(matchCategory('', DEFAULT_CATEGORIES)).toBeNull();
    expect(matchCategory('---', DEFAULT_CATEGORIES)).toBeNull();
  });

  it("knows a district's own categories by label and id", () => {
    const categories = categoryCatalog([{ id: 'hort', label: 'Hort / Schulkindbetreuung', shape: 'circle', colour: '#000000', reachKm: 2 }]);
    expect(matchCategory('Hort / Schulkindbetreuung', categories)).toBe('hort');
    expect(matchCategory('HORT', categories)).toBe('hort');
    expect(matchCategory('Kita', categories)).toBe('kita');
  });
});
