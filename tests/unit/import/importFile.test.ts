import { describe, expect, it } from 'vitest';
import { ImportFileError, parseImportFile, buildImportRows, type ImportPreview } from '../../../src/domain/import/index';
import { district, importFixture } from './support';

const goettingen = district('goettingen');
const options = { districtCrs: goettingen.crs, districtBbox: goettingen.bbox };
const utf8 = (text: string) => new TextEncoder().encode(text);

function errorOf(action: () => unknown): ImportFileError {
  try {
    action();
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('no ImportFileError thrown');
}

/** Name, category and location (4 decimals, about 10 m: fixtures round to the metre) of each row, and its problems. */
function rowsOf(preview: ImportPreview) {
  const rows = buildImportRows(preview.table, preview.suggestedMapping, {
    crs: preview.crsGuess.crs!,
    swapped: preview.crsGuess.swapped,
    isInsideDistrict: goettingen.isInside,
  });
  return rows.map((row) => ({
    line: row.line,
    name: row.fields.name,
    category: row.fields.category,
    lage: row.fields.lage?.map((value) => Math.round(value * 1e4) / 1e4),
    problems: [...row.errors, ...row.warnings],
  }));
}

describe('parseImportFile: good files', () => {
  it('Excel CSV in Windows-1252 with semicolons, UTM 32N with decimal comma and CRLF', () => {
    const preview = parseImportFile(importFixture('kitas-excel-semikolon-cp1252-utm32.csv'), 'kitas-excel-semikolon-cp1252-utm32.csv', options);
    expect(preview).toMatchObject({ kind: 'csv', encoding: 'windows-1252', delimiter: ';' });
    expect(preview.headers).toEqual(['Name der Einrichtung', 'Art', 'Träger', 'Straße', 'PLZ', 'Ort', 'Rechtswert', 'Hochwert', 'Plätze']);
    expect(preview.suggestedMapping).toEqual({ name: 0, category: 1, traeger: 2, strasse: 3, plz: 4, ort: 5, x: 6, y: 7, kapazitaet: 8 });
    expect(preview.crsGuess).toMatchObject({ crs: 'EPSG:25832', confidence: 'eindeutig', swapped: false });
    expect(rowsOf(preview)).toEqual([
      { line: 2, name: 'Kindertagesstätte Bärenhöhle', category: 'kita', lage: [9.95, 51.55], problems: [] },
      { line: 3, name: 'Testkita Sonnenschein', category: 'kita', lage: [9.88, 51.5], problems: [] },
      { line: 4, name: 'Kita Märchenwald', category: 'kita', lage: [10.12, 51.53], problems: [] },
    ]);
    const rows = buildImportRows(preview.table, preview.suggestedMapping, { crs: 'EPSG:25832' });
    expect(rows.map((row) => [row.fields.traeger, row.fields.strasse, row.fields.kapazitaet])).toEqual([
      ['Förderverein „Kleine Füße“ e. V.', 'Mühlenstraße 3', 45],
      ['Testverein Kinderglück; Ortsgruppe Süd', 'Am Übungsplatz 7', 60],
      ['Gemeinde Erfundenheim', 'Straße des Testens 12', 1200],
    ]);
  });

  it.each([
    {
      file: 'utf8-bom-wgs84.csv',
      expected: { kind: 'csv', encoding: 'utf-8', delimiter: ',' },
      crs: 'EPSG:4326',
      swapped: false,
      rows: [
        ['Familienzentrum Musterdorf', 'familienzentrum', [9.96, 51.56]],
        ['Beratungsstelle Testhausen', 'beratungsstelle', [9.93, 51.6]],
        ['Jugendtreff Übungsweg', 'jugendeinrichtung', [10.3, 51.65]],
      ],
    },
    {
      file: 'gk3.csv',
      expected: { kind: 'csv', delimiter: ';' },
      crs: 'EPSG:31467',
      swapped: false,
      rows: [
        ['Grundschule Am Testweg', 'grundschule', [9.85, 51.42]],
        ['Grundschule Musterberg', 'grundschule', [10, 51.48]],
      ],
    },
    {
      file: 'laea.csv',
      expected: { kind: 'csv', delimiter: ';' },
      crs: 'EPSG:3035',
      swapped: false,
      rows: [
        ['Frühe Hilfen Beispielstadt', 'fruehe-hilfen', [10.4, 51.6]],
        ['Familienzentrum Probedorf', 'familienzentrum', [9.95, 51.55]],
      ],
    },
    {
      file: 'swapped-latlon.csv',
      expected: { kind: 'csv', delimiter: ';', suggestedMapping: { name: 0, category: 1, koordinaten: 2 } },
      crs: 'EPSG:4326',
      swapped: true,
      rows: [
        ['Testkita Regenbogen', 'kita', [9.88, 51.5]],
        ['Familienzentrum Fantasia', 'familienzentrum', [10, 51.48]],
      ],
    },
    {
      file: 'utm32-zone-prefix.csv',
      expected: { kind: 'csv', delimiter: ';' },
      crs: 'EPSG:25832',
      swapped: false,
      rows: [
        ['Jugendhaus Testfeld', 'jugendeinrichtung', [10.3, 51.65]],
        ['Grundschule Beispielberg', 'grundschule', [9.85, 51.42]],
      ],
    },
    {
      file: 'points.geojson',
      expected: { kind: 'geojson' },
      crs: 'EPSG:4326',
      swapped: false,
      rows: [
        ['Familienzentrum Musterdorf', 'familienzentrum', [9.96, 51.56]],
        ['Testkita Sonnenschein', 'kita', [9.88, 51.5]],
      ],
    },
    {
      file: 'points-25832-crs-member.geojson',
      expected: { kind: 'geojson' },
      crs: 'EPSG:25832',
      swapped: false,
      rows: [
        ['Beratungsstelle Probestadt', 'beratungsstelle', [9.93, 51.6]],
        ['Grundschule Testingen', 'grundschule', [9.85, 51.42]],
      ],
    },
  ])('$file: $crs, every row valid and inside Landkreis Göttingen', ({ file, expected, crs, swapped, rows }) => {
    const preview = parseImportFile(importFixture(file), file, options);
    expect(preview).toMatchObject(expected);
    expect(preview.crsGuess).toMatchObject({ crs, swapped, confidence: 'eindeutig' });
    const firstLine = preview.kind === 'csv' ? 2 : 1;
    expect(rowsOf(preview)).toEqual(rows.map(([name, category, lage], index) => ({ line: firstLine + index, name, category, lage, problems: [] })));
  });
});

describe('parseImportFile: bad files', () => {
  it.each([
    ['empty.csv', 'empty', 'Die Datei ist leer.', undefined],
    ['only-header.csv', 'no-rows', 'Die Datei enthält nur die Kopfzeile, aber keine Einrichtungen.', undefined],
    ['binary.bin', 'binary', 'Die Datei ist keine Textdatei. Bitte eine CSV- oder GeoJSON-Datei wählen.', undefined],
    ['workbook.xlsx', 'excel', 'Die Datei ist eine Excel-Arbeitsmappe (.xlsx). Bitte in Excel als „CSV (Trennzeichen-getrennt)“ speichern.', undefined],
    [
      'ragged.csv',
      'ragged-rows',
      'Zeile 3 hat 5 Felder, die Kopfzeile aber 4. Meist steht ein Trennzeichen im Text, ohne dass das Feld in Anführungszeichen steht.',
      3,
    ],
    [
      'unclosed-quote.csv',
      'unclosed-quote',
      'Ein Anführungszeichen in Zeile 3 wird nicht geschlossen. Bitte das Feld in dieser Zeile prüfen: Text mit Anführungszeichen muss selbst in Anführungszeichen stehen und jedes innere " verdoppeln.',
      3,
    ],
    ['broken.geojson', 'invalid-json', 'Die Datei ist kein gültiges JSON (Zeile 5, Spalte 3).', undefined],
    [
      'not-geojson.json',
      'not-featurecollection',
      'Die Datei ist kein GeoJSON mit Einrichtungen: erwartet wird eine FeatureCollection (oder ein Feature) mit Punkten und Eigenschaften.',
      undefined,
    ],
  ])('%s → %s', (file, code, message, line) => {
    const error = errorOf(() => parseImportFile(importFixture(file), file, options));
    expect(error).toBeInstanceOf(ImportFileError);
    expect({ code: error.code, message: error.message, line: error.line }).toEqual({ code, message, line });
  });

  it('a workbook renamed to .csv is still recognised as a workbook', () => {
    expect(errorOf(() => parseImportFile(importFixture('workbook.xlsx'), 'kitas.csv')).code).toBe('excel');
  });

  it('polygon.geojson: the polygon is a row-level error, the point is imported', () => {
    const preview = parseImportFile(importFixture('polygon.geojson'), 'polygon.geojson', options);
    expect(rowsOf(preview)).toEqual([
      { line: 1, name: 'Testkita Punkt', category: 'kita', lage: [9.95, 51.55], problems: [] },
      { line: 2, name: 'Testgelände Fläche', category: 'sonstiges', lage: undefined, problems: ['Geometrie ist kein Punkt (Polygon)'] },
    ]);
  });

  it('too-many-rows.csv (20,001 rows, generated): too large; 20,000 rows are read', () => {
    const csv = (count: number) => `Name;Kategorie;Länge;Breite\r\n${'Testkita;Kita;9,95;51,55\r\n'.repeat(count)}`;
    const error = errorOf(() => parseImportFile(utf8(csv(20_001)), 'too-many-rows.csv', options));
    expect(error.code).toBe('too-large');
    expect(error.message).toBe('Die Datei enthält 20.001 Einrichtungen; höchstens 20.000 können auf einmal importiert werden. Bitte die Datei aufteilen.');
    expect(parseImportFile(utf8(csv(20_000)), 'grenzfall.csv', options).table.rows).toHaveLength(20_000);
  });

  it('refuses files over 50 MB before reading them', () => {
    expect(errorOf(() => parseImportFile(new Uint8Array(50 * 1024 * 1024 + 1), 'riesig.csv')).code).toBe('too-large');
  });

  it('refuses a first row of values instead of column names', () => {
    const error = errorOf(() => parseImportFile(utf8('Testkita;Kita;9,95;51,55\nTestkita 2;Kita;9,96;51,56\n'), 'ohne-kopf.csv'));
    expect(error.code).toBe('no-header');
    expect(error.line).toBe(1);
  });

  it.each([
    ['liste.ods', 'unsupported-format', /^Die Datei ist eine LibreOffice-Tabelle \(\.ods\)\./],
    ['liste.xls', 'excel', /^Die Datei ist eine ältere Excel-Arbeitsmappe \(\.xls\)\./],
    ['liste.XLSX', 'excel', /^Die Datei ist eine Excel-Arbeitsmappe \(\.xlsx\)\./],
    ['punkte.zip', 'unsupported-format', /^ZIP-Archive werden nicht gelesen\./],
    ['punkte.shp', 'unsupported-format', /^Shapefiles werden nicht gelesen\. Bitte in QGIS/],
    ['punkte.dbf', 'unsupported-format', /^Shapefiles werden nicht gelesen\./],
  ])('%s → %s with what to do instead', (filename, code, message) => {
    const error = errorOf(() => parseImportFile(utf8('Name;Kategorie\nA;Kita\n'), filename));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });
});

describe('parseImportFile: format by extension and content', () => {
  const geojson = '{"type":"Feature","properties":{"name":"Testkita","kategorie":"Kita"},"geometry":{"type":"Point","coordinates":[9.95,51.55]}}';

  it('reads .txt and unknown extensions with text as CSV, "{" content without extension as GeoJSON', () => {
    expect(parseImportFile(utf8('Name;Art;Länge;Breite\nA;Kita;9,95;51,55\n'), 'liste.txt').kind).toBe('csv');
    expect(parseImportFile(utf8('Name;Art;Länge;Breite\nA;Kita;9,95;51,55\n'), 'liste').kind).toBe('csv');
    expect(parseImportFile(utf8(geojson), 'download').kind).toBe('geojson');
    expect(parseImportFile(utf8(geojson), 'punkte.json').kind).toBe('geojson');
  });

  it('reads .tsv with tabs', () => {
    expect(parseImportFile(utf8('Name\tArt\nA;1\tKita\n'), 'liste.tsv')).toMatchObject({ delimiter: '\t', headers: ['Name', 'Art'] });
  });

  it('skips an Excel "sep=" line and keeps the file lines right', () => {
    const preview = parseImportFile(utf8('sep=;\r\nName;Art;Länge;Breite\r\nTestkita;Kita;9,95;51,55\r\n'), 'sep.csv');
    expect(preview.headers).toEqual(['Name', 'Art', 'Länge', 'Breite']);
    expect(preview.table.rows).toEqual([{ line: 3, cells: ['Testkita', 'Kita', '9,95', '51,55'] }]);
  });

  it('ignores rows of empty cells and empty cells beyond the last column, as Excel writes them', () => {
    const preview = parseImportFile(utf8('Name;Art;;\r\nTestkita;Kita;;\r\n;;;\r\nKita B;Kita\r\n'), 'leer.csv');
    expect(preview.headers).toEqual(['Name', 'Art']);
    expect(preview.table.rows.map((row) => row.cells)).toEqual([
      ['Testkita', 'Kita'],
      ['Kita B', 'Kita'],
    ]);
  });
});

describe('parseImportFile: robustness', () => {
  /** Deterministic pseudo-random numbers (mulberry32). */
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('throws nothing but ImportFileError for damaged versions of every fixture', () => {
    const next = random(7);
    const files = ['kitas-excel-semikolon-cp1252-utm32.csv', 'utf8-bom-wgs84.csv', 'swapped-latlon.csv', 'points.geojson', 'points-25832-crs-member.geojson'];
    let refused = 0;
    for (const file of files) {
      const original = importFixture(file);
      for (let attempt = 0; attempt < 60; attempt++) {
        const damaged = original.slice(0, Math.floor(next() * original.length) + 1);
        const flips = Math.floor(next() * 4);
        for (let flip = 0; flip < flips; flip++) damaged[Math.floor(next() * damaged.length)] = Math.floor(next() * 256);
        try {
          const preview = parseImportFile(damaged, file, options);
          buildImportRows(preview.table, preview.suggestedMapping, { crs: preview.crsGuess.crs ?? 'EPSG:4326', isInsideDistrict: goettingen.isInside });
        } catch (error) {
          expect(error, `${file}, Versuch ${attempt}`).toBeInstanceOf(ImportFileError);
          refused++;
        }
      }
    }
    // The damage must actually hit: some versions are refused, others still read.
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(files.length * 60);
  });

  it('does not change the bytes it is given', () => {
    const bytes = importFixture('kitas-excel-semikolon-cp1252-utm32.csv');
    const copy = bytes.slice();
    parseImportFile(bytes, 'kitas.csv', options);
    expect(bytes).toEqual(copy);
  });
});
