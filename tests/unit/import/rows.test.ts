import { describe, expect, it } from 'vitest';
import { categoryCatalog } from '../../../src/domain/facilities/catalog';
import { parseImportFile } from '../../../src/domain/import/index';
import type { ColumnMapping } from '../../../src/domain/import/mapping';
import { buildImportRows, buildImportRowsAsync, importReport, type BuildImportRowsOptions } from '../../../src/domain/import/rows';
import type { ImportTable } from '../../../src/domain/import/table';
import { deepFreeze } from '../support/fixtures';
import { district, importFixture } from './support';

const goettingen = district('goettingen');
const parseOptions = { districtCrs: goettingen.crs, districtBbox: goettingen.bbox };

/** A CSV-like table from header and rows, lines counted from 2; deep-frozen. */
function table(headers: string[], rows: string[][]): ImportTable {
  return deepFreeze({ kind: 'csv', headers, rows: rows.map((cells, index) => ({ line: index + 2, cells })) });
}

const WGS84: BuildImportRowsOptions = { crs: 'EPSG:4326' };

describe('buildImportRows on row-problems.csv', () => {
  const build = () => {
    const preview = parseImportFile(importFixture('row-problems.csv'), 'row-problems.csv', parseOptions);
    expect(preview.crsGuess).toMatchObject({ crs: 'EPSG:4326', swapped: false });
    return buildImportRows(preview.table, preview.suggestedMapping, { crs: 'EPSG:4326', isInsideDistrict: goettingen.isInside });
  };

  it('gives each row its exact German errors and warnings, by file line', () => {
    expect(build().map(({ line, errors, warnings }) => ({ line, errors, warnings }))).toEqual([
      { line: 2, errors: [], warnings: [] },
      { line: 3, errors: ['Name fehlt'], warnings: [] },
      { line: 4, errors: ['Unbekannte Kategorie „Hort“'], warnings: [] },
      { line: 5, errors: ['Koordinate „abc“ ist keine Zahl'], warnings: [] },
      { line: 6, errors: ['Punkt liegt außerhalb des Landkreises'], warnings: [] },
      { line: 7, errors: ['PLZ „3707“ hat nicht fünf Ziffern'], warnings: [] },
      { line: 8, errors: [], warnings: ['Mögliches Duplikat von „Familienzentrum Musterdorf“ in Zeile 2 (36 m entfernt)'] },
    ]);
  });

  it('offers the facility to send only for rows without errors', () => {
    const rows = build();
    expect(rows.map((row) => row.facility !== null)).toEqual([true, false, false, false, false, false, true]);
    expect(rows[0]!.facility).toEqual({
      category: 'familienzentrum',
      name: 'Familienzentrum Musterdorf',
      traeger: null,
      strasse: null,
      plz: '37099',
      ort: null,
      telefon: null,
      email: null,
      web: null,
      zielgruppen: [],
      angebote: null,
      kapazitaet: null,
      status: 'in Betrieb',
      foerderung: null,
      lage: [9.88, 51.5],
      lagegenauigkeit: 'adresse',
      quelle: null,
      geprueftAm: null,
      bestaetigung: 'bestätigt',
    });
  });

  it('counts valid rows, rows with errors and rows with warnings', () => {
    expect(importReport(build())).toEqual({ total: 7, valid: 2, withErrors: 5, withWarnings: 1 });
  });
});

describe('buildImportRows: reading cells', () => {
  const headers = ['Name', 'Art', 'Länge', 'Breite'];
  const mapping: ColumnMapping = { name: 0, category: 1, x: 2, y: 3 };
  const one = (cells: string[], options: BuildImportRowsOptions = WGS84, extraHeaders: string[] = [], extraMapping: ColumnMapping = {}) =>
    buildImportRows(table([...headers, ...extraHeaders], [cells]), { ...mapping, ...extraMapping }, options)[0]!;

  it('normalises what people type: umlaut and case variants, German dates, web addresses without scheme, thousands', () => {
    const row = one(
      ['Testkita Sonnenschein', 'KINDERTAGESSTAETTE', '9,95', '51,55', 'Musterweg', '7a', 'www.testkita.example', 'eltern; KINDER / Fachkraefte', '1.200', 'aktiv', 'Familienzentrum Plus', '08.2019', '30.4.2024', 'Ortslage (genähert)', "'+49 551 000"],
      WGS84,
      ['Straße', 'Nr', 'Web', 'Zielgruppen', 'Plätze', 'Status', 'Förderung', 'Förderung seit', 'Geprüft am', 'Lagegenauigkeit', 'Telefon'],
      { strasse: 4, hausnummer: 5, web: 6, zielgruppen: 7, kapazitaet: 8, status: 9, foerderungProgramm: 10, foerderungSeit: 11, geprueftAm: 12, lagegenauigkeit: 13, telefon: 14 },
    );
    expect(row.errors).toEqual([]);
    expect(row.facility).toMatchObject({
      category: 'kita',
      strasse: 'Musterweg 7a',
      web: 'https://www.testkita.example',
      zielgruppen: ['Eltern', 'Kinder', 'Fachkräfte'],
      kapazitaet: 1200,
      status: 'in Betrieb',
      foerderung: { programm: 'Familienzentrum Plus', seit: '2019-08' },
      geprueftAm: '2024-04-30',
      lagegenauigkeit: 'ortslage',
      telefon: '+49 551 000',
    });
  });

  it.each([
    [['Web'], { web: 4 }, 'keine adresse', 'Web-Adresse „keine adresse“ ist ungültig'],
    [['E-Mail'], { email: 4 }, 'info(at)testkita', 'E-Mail „info(at)testkita“ ist keine gültige E-Mail-Adresse'],
    [['Zielgruppen'], { zielgruppen: 4 }, 'Eltern, Senioren', 'Unbekannte Zielgruppe „Senioren“ (möglich: Eltern, Kinder, Fachkräfte, Gemeinwesen)'],
    [['Plätze'], { kapazitaet: 4 }, '12,5', 'Kapazität „12,5“ ist keine ganze Zahl'],
    [['Status'], { status: 4 }, 'vielleicht', 'Unbekannter Status „vielleicht“ (möglich: geplant, in Betrieb, geschlossen)'],
    [['Förderung seit'], { foerderungSeit: 4 }, '2019', 'Förderung seit ist angegeben, aber kein Förderprogramm'],
    [['Geprüft am'], { geprueftAm: 4 }, '31.02.2024', 'Geprüft am „31.02.2024“ ist kein Datum (TT.MM.JJJJ oder JJJJ-MM-TT)'],
    [['Lagegenauigkeit'], { lagegenauigkeit: 4 }, 'ungefähr', 'Unbekannte Lagegenauigkeit „ungefähr“ (möglich: Adresse, Ortslage (genähert), Gemeinde)'],
    [['Plätze'], { kapazitaet: 4 }, '-3', 'Kapazität ist zu klein (mindestens 0)'],
    [['Quelle'], { quelle: 4 }, 'x'.repeat(501), 'Quelle ist zu lang (höchstens 500 Zeichen)'],
  ] as const)('%j %j: %j → %s', (extraHeaders, extraMapping, value, message) => {
    const row = one(['Testkita', 'Kita', '9,95', '51,55', value], WGS84, [...extraHeaders], extraMapping);
    expect(row.errors).toEqual([message]);
    expect(row.facility).toBeNull();
  });

  it('reports missing and unusable coordinates specifically', () => {
    expect(one(['Testkita', 'Kita', '', '']).errors).toEqual(['Koordinaten fehlen']);
    expect(one(['Testkita', 'Kita', '9,95', '']).errors).toEqual(['Koordinaten unvollständig: Hochwert / Breite fehlt']);
    expect(one(['Testkita', 'Kita', '9,95', '51,55'], { crs: 'EPSG:25832' }).errors).toEqual([
      'Koordinaten 9,95 / 51,55 passen nicht zu ETRS89 / UTM Zone 32N (EPSG:25832)',
    ]);
    expect(buildImportRows(table(['Name', 'Art'], [['Testkita', 'Kita']]), { name: 0, category: 1 }, WGS84)[0]!.errors).toEqual(['Koordinaten fehlen']);
  });

  it('reports a missing category, and uses the category chosen for the whole file instead', () => {
    expect(one(['Testkita', '', '9,95', '51,55']).errors).toEqual(['Kategorie fehlt']);
    expect(one(['Testkita', '', '9,95', '51,55'], { ...WGS84, defaultCategory: 'kita' }).facility?.category).toBe('kita');
    const withoutColumn = buildImportRows(table(['Name', 'Länge', 'Breite'], [['Testkita', '9,95', '51,55']]), { name: 0, x: 1, y: 2 }, { ...WGS84, defaultCategory: 'kita' });
    expect(withoutColumn[0]!.errors).toEqual([]);
  });

  it("accepts a district's own categories", () => {
    const categories = categoryCatalog([{ id: 'hort', label: 'Hort', shape: 'circle', colour: '#000000', reachKm: 2 }]);
    expect(one(['Hort Regenbogen', 'Hort', '9,95', '51,55'], { ...WGS84, categories }).facility?.category).toBe('hort');
  });

  it('rounds the location to six decimals and takes the precision from the options', () => {
    const row = one(['Testkita', 'Kita', '9,95000049', '51,55000051'], { ...WGS84, lagegenauigkeit: 'gemeinde' });
    expect(row.fields.lage).toEqual([9.95, 51.550001]);
    expect(row.fields.lagegenauigkeit).toBe('gemeinde');
  });

  it('undoes a swap and transforms projected coordinates', () => {
    expect(one(['Testkita', 'Kita', '51,5328', '9,9356'], { crs: 'EPSG:4326', swapped: true }).fields.lage).toEqual([9.9356, 51.5328]);
    const [longitude, latitude] = one(['Testkita', 'Kita', '564895', '5709492'], { crs: 'EPSG:25832' }).fields.lage!;
    expect([Math.round(longitude * 1e3) / 1e3, Math.round(latitude * 1e3) / 1e3]).toEqual([9.936, 51.533]);
  });

  it('keeps the ID and Version columns of our own export as the facility the row describes', () => {
    const row = one(['Testkita', 'Kita', '9,95', '51,55', '00000000-0000-4000-8000-000000000009', '4'], WGS84, ['ID', 'Version'], { id: 4, version: 5 });
    expect(row.existing).toEqual({ id: '00000000-0000-4000-8000-000000000009', version: 4 });
    expect(one(['Testkita', 'Kita', '9,95', '51,55']).existing).toBeNull();
  });
});

describe('buildImportRows: duplicates', () => {
  const existingFacilities = deepFreeze([
    { id: 'a', name: 'Testkita Sonnenschein', lage: [9.95, 51.55] as [number, number] },
    { id: 'b', name: 'Familienzentrum Musterdorf', lage: [9.88, 51.5] as [number, number] },
  ]);
  const rows = (cells: string[][], extra: Partial<BuildImportRowsOptions> = {}) =>
    buildImportRows(table(['Name', 'Art', 'Länge', 'Breite', 'ID'], cells), { name: 0, category: 1, x: 2, y: 3, id: 4 }, { ...WGS84, existingFacilities, ...extra });

  it('warns about a facility of the same name (up to case, spacing, punctuation) closer than 250 m', () => {
    expect(rows([['testkita  sonnenschein!', 'Kita', '9,9504', '51,5502', '']])[0]!.warnings).toEqual([
      'Mögliches Duplikat von „Testkita Sonnenschein“ (35 m entfernt)',
    ]);
  });

  it('does not warn for another name, for 250 m or more, or for the facility named in the ID column', () => {
    const result = rows([
      ['Testkita Regenbogen', 'Kita', '9,95', '51,55', ''],
      ['Testkita Sonnenschein', 'Kita', '9,95', '51,5523', ''],
      ['Familienzentrum Musterdorf', 'Familienzentrum', '9,88', '51,5', 'b'],
    ]);
    expect(result.map((row) => row.warnings)).toEqual([[], [], []]);
  });

  it('takes the distance from the options', () => {
    expect(rows([['Testkita Sonnenschein', 'Kita', '9,95', '51,5523', '']], { duplicateDistanceM: 500 })[0]!.warnings).toHaveLength(1);
  });

  it('warns about a duplicate within the file on the later row, naming the earlier one', () => {
    const result = buildImportRows(
      table(['Name', 'Art', 'Länge', 'Breite'], [
        ['Testkita Wolke', 'Kita', '10,0', '51,48'],
        ['Testkita Regen', 'Kita', '10,0', '51,48'],
        ['Testkita-Wolke', 'Kita', '10,0001', '51,48'],
      ]),
      { name: 0, category: 1, x: 2, y: 3 },
      WGS84,
    );
    expect(result.map((row) => row.warnings)).toEqual([[], [], ['Mögliches Duplikat von „Testkita Wolke“ in Zeile 2 (7 m entfernt)']]);
  });
});

describe('buildImportRows: progress and chunks', () => {
  const many = table(
    ['Name', 'Art', 'Länge', 'Breite'],
    Array.from({ length: 5 }, (_, index) => [`Testkita ${index + 1}`, 'Kita', `9,9${index}`, '51,5']),
  );
  const mapping: ColumnMapping = { name: 0, category: 1, x: 2, y: 3 };

  it('reports progress after each chunk', () => {
    const progress: [number, number][] = [];
    buildImportRows(many, mapping, { ...WGS84, chunkSize: 2, onProgress: (done, total) => progress.push([done, total]) });
    expect(progress).toEqual([
      [2, 5],
      [4, 5],
      [5, 5],
    ]);
  });

  it('async: gives the same rows, reports progress and yields to the event loop between chunks', async () => {
    let timerRan = false;
    const seenByProgress: boolean[] = [];
    // A timer due before the first yield: it can only run if the build gives up control between chunks.
    setTimeout(() => {
      timerRan = true;
    }, 0);
    const pending = buildImportRowsAsync(many, mapping, { ...WGS84, chunkSize: 2, onProgress: () => seenByProgress.push(timerRan) });
    const rows = await pending;
    expect(rows).toEqual(buildImportRows(many, mapping, WGS84));
    expect(seenByProgress).toEqual([false, true, true]);
  });

  it('async: stops when aborted', async () => {
    const controller = new AbortController();
    const pending = buildImportRowsAsync(many, mapping, { ...WGS84, chunkSize: 1, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('buildImportRows: inputs', () => {
  it('does not change the table, mapping, options or existing facilities', () => {
    const input = table(['Name', 'Art', 'Länge', 'Breite'], [['Testkita', 'Kita', '9,95', '51,55'], ['', 'Hort', 'x', '']]);
    const mapping = deepFreeze({ name: 0, category: 1, x: 2, y: 3 });
    const options = deepFreeze({ ...WGS84, existingFacilities: [{ id: 'a', name: 'Testkita', lage: [9.95, 51.55] as [number, number] }] });
    const copy = structuredClone({ input, mapping, options });
    const rows = buildImportRows(input, mapping, options);
    expect(rows).toHaveLength(2);
    expect({ input, mapping, options }).toEqual(copy);
  });
});
