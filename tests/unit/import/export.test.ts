import { describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES } from '../../../src/domain/facilities/catalog';
import { FacilityFieldsSchema, type Facility } from '../../../src/domain/facilities/schema';
import { CSV_EXPORT_HEADERS, facilitiesToCsv, facilitiesToGeoJson } from '../../../src/domain/import/export';
import { TARGET_FIELDS, buildImportRows, parseImportFile, suggestMapping } from '../../../src/domain/import/index';
import { deepFreeze } from '../support/fixtures';
import { district, testFacility } from './support';
import { syntheticTerritory } from '../support/syntheticDistrict';
import { parseCsv } from '../../../src/domain/csv';

const goettingen = district('goettingen');

/** Three facilities covering empty fields, quoting, formula-like text and every precision. */
function facilities(): Facility[] {
  return deepFreeze([
    testFacility(),
    testFacility({
      id: '00000000-0000-4000-8000-000000000002',
      version: 1,
      category: 'kita',
      name: '=HYPERLINK("http://example.invalid";"Testkita")',
      traeger: '-Testträger',
      strasse: null,
      plz: null,
      ort: '@Testdorf',
      telefon: '+49 551 000000',
      email: null,
      web: null,
      zielgruppen: [],
      angebote: null,
      kapazitaet: null,
      status: 'geplant',
      foerderung: null,
      lage: [10.000001, 51.480002],
      lagegenauigkeit: 'ortslage',
      quelle: null,
      geprueftAm: null,
      gemeindeAgs: null,
      sozialraumId: null,
    }),
    testFacility({
      id: '00000000-0000-4000-8000-000000000003',
      category: 'beratungsstelle',
      name: ' Beratungsstelle Testhausen ',
      status: 'geschlossen',
      lagegenauigkeit: 'gemeinde',
      foerderung: { programm: 'Testprogramm', seit: null },
      lage: [9.93, 51.6],
    }),
  ]);
}

const bytesOf = (text: string) => new TextEncoder().encode(text);

describe('facilitiesToCsv', () => {
  it('writes what German Excel opens: BOM, semicolons, CRLF, German headers, decimal comma', () => {
    const csv = facilitiesToCsv([testFacility()], DEFAULT_CATEGORIES);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'Name;Kategorie;Träger;Straße;PLZ;Ort;Telefon;E-Mail;Web;Zielgruppen;Angebote;Kapazität;Status;Förderung;Förderung seit;Länge;Breite;Lagegenauigkeit;Quelle;Geprüft am;Bestätigung;Gemeinde (AGS);Sozialraum;Version;ID',
    );
    expect(csv.slice(1)).toBe(
      `${lines[0]}\r\n` +
        'Familienzentrum Musterdorf;Familienzentrum;Testverein Familienglück e. V.;Musterweg 1;37099;Musterdorf;0551 000000;' +
        'kontakt@familienzentrum-musterdorf.example;https://familienzentrum-musterdorf.example/;Eltern, Kinder;' +
        '"Elterncafé; Beratung ""Frühe Hilfen""\nund Krabbelgruppe";40;in Betrieb;Familienzentrum Plus;2019-08;' +
        '9,955123;51,551234;Adresse;Testquelle;2024-04-30;bestätigt;03159016;testraum-nord;3;00000000-0000-4000-8000-000000000001\r\n',
    );
  });

  it('puts an apostrophe before text starting with =, +, - or @ (formula injection), never before numbers', () => {
    const [, , row] = facilitiesToCsv(facilities()).slice(1).split('\r\n');
    const cells = row!.split(';');
    expect(cells[0]).toBe(`"'=HYPERLINK(""http://example.invalid""`);
    expect(row).toContain(`;'-Testträger;`);
    expect(row).toContain(`;'@Testdorf;`);
    expect(row).toContain(`;'+49 551 000000;`);
    expect(row).toContain(';10,000001;51,480002;Ortslage (genähert);');
  });

  it('writes the id of a category missing from the catalogue, and quotes leading or trailing spaces', () => {
    const csv = facilitiesToCsv([testFacility({ category: 'hort' }), facilities()[2]!], DEFAULT_CATEGORIES);
    expect(csv).toContain('\r\nFamilienzentrum Musterdorf;hort;');
    expect(csv).toContain('\r\n" Beratungsstelle Testhausen ";Beratungsstelle;');
  });

  it('writes only the header for no facilities', () => {
    expect(facilitiesToCsv([])).toBe(`\uFEFF${CSV_EXPORT_HEADERS.join(';')}\r\n`);
  });

  it('does not change the facilities it is given', () => {
    const input = facilities();
    const copy = structuredClone(input);
    facilitiesToCsv(input);
    facilitiesToGeoJson(input);
    expect(input).toEqual(copy);
  });
});

describe('facilitiesToGeoJson', () => {
  it('writes a FeatureCollection of points with all facility fields but the location as properties', () => {
    const collection = facilitiesToGeoJson([testFacility()]);
    expect(collection.type).toBe('FeatureCollection');
    const { lage, ...properties } = testFacility();
    expect(collection.features).toEqual([{ type: 'Feature', id: properties.id, geometry: { type: 'Point', coordinates: lage }, properties }]);
  });
});

describe('round trip: export → import', () => {
  const importOptions = { districtCrs: goettingen.crs, districtBbox: goettingen.bbox };
  // The fields the import can give back, as FacilityFieldsSchema parses them.
  const expectedFields = (facility: Facility) => FacilityFieldsSchema.parse({ ...facility, name: facility.name.trim() });

  it('CSV: the mapping suggestion recognises every column and the rows give back the same values', () => {
    const input = facilities();
    const preview = parseImportFile(bytesOf(facilitiesToCsv(input, DEFAULT_CATEGORIES)), 'export.csv', importOptions);
    expect(preview).toMatchObject({ kind: 'csv', encoding: 'utf-8', delimiter: ';', headers: [...CSV_EXPORT_HEADERS] });
    expect(Object.keys(preview.suggestedMapping)).toHaveLength(CSV_EXPORT_HEADERS.length);
    expect(Object.values(preview.suggestedMapping).sort((a, b) => a - b)).toEqual(CSV_EXPORT_HEADERS.map((_, index) => index));
    expect(preview.crsGuess).toMatchObject({ crs: 'EPSG:4326', swapped: false, confidence: 'eindeutig' });

    const rows = buildImportRows(preview.table, preview.suggestedMapping, { crs: 'EPSG:4326', isInsideDistrict: goettingen.isInside });
    rows.forEach((row, index) => {
      const original = input[index]!;
      expect(row.errors).toEqual([]);
      expect(row.existing).toEqual({ id: original.id, version: original.version });
      const { lage, ...rest } = row.facility!;
      const { lage: expectedLage, ...expectedRest } = expectedFields(original);
      expect(rest).toEqual(expectedRest);
      expect(Math.abs(lage[0] - expectedLage[0])).toBeLessThanOrEqual(1e-6);
      expect(Math.abs(lage[1] - expectedLage[1])).toBeLessThanOrEqual(1e-6);
    });
  });

  it('CSV with notes on source and date: names the Sozialraum, and the import reads the facilities only', () => {
    const territory = syntheticTerritory();
    const input = facilities().map((item) => ({ ...item, sozialraumId: item.sozialraumId === null ? null : 'oelsen' }));
    const csv = facilitiesToCsv(input, DEFAULT_CATEGORIES, { territory, exportiertAm: '2025-03-12' });
    const [table, notes] = csv.slice(1).split('\r\n\r\n');
    const sozialraum = CSV_EXPORT_HEADERS.indexOf('Sozialraum');
    expect(parseCsv(table!, ';').slice(1).map((cells) => cells[sozialraum])).toEqual(['Ölsen', '', 'Ölsen']);
    expect(parseCsv(notes!, ';')).toEqual([
      ['Quelle und Stand'],
      ['Daten', 'Ressourcenkarte des Sozialraumatlas, Landkreis Testkreis: 3 Einrichtungen'],
      ['Stand der Einrichtungen', 'Stand 30.04.2024 (Geprüft am oder Datum der Quelle) · 2 von 3 geprüft · 1 ohne Datum'],
      ['Exportiert am', '12.03.2025'],
      ['Bestätigung', '0 unbestätigt (aus öffentlichen Hinweisen, nicht bestätigt; zählen in der Versorgungsanalyse nicht)'],
      ['Lage', expect.stringMatching(/^WGS84 \(EPSG:4326\), Länge\/Breite in Grad; Gemeinde und Sozialraum aus der Lage \(Gemeindegrenzen: BKG/)],
    ]);
    const preview = parseImportFile(bytesOf(csv), 'export.csv', importOptions);
    expect(preview.table.rows).toHaveLength(3);
    const rows = buildImportRows(preview.table, preview.suggestedMapping, { crs: 'EPSG:4326', isInsideDistrict: goettingen.isInside });
    expect(rows.map((row) => row.errors)).toEqual([[], [], []]);
    const geojson = facilitiesToGeoJson(input, { territory, exportiertAm: '2025-03-12' });
    expect(geojson.metadata).toMatchObject({ 'Exportiert am': '12.03.2025', Daten: 'Ressourcenkarte des Sozialraumatlas, Landkreis Testkreis: 3 Einrichtungen' });
    expect(geojson.features.map((feature) => feature.properties.sozialraum)).toEqual(['Ölsen', null, 'Ölsen']);
  });

  it('GeoJSON: the rows give back the same values', () => {
    const input = facilities();
    const preview = parseImportFile(bytesOf(JSON.stringify(facilitiesToGeoJson(input))), 'export.geojson', importOptions);
    expect(preview.kind).toBe('geojson');
    const rows = buildImportRows(preview.table, preview.suggestedMapping, { crs: preview.crsGuess.crs!, isInsideDistrict: goettingen.isInside });
    expect(rows.map((row) => row.errors)).toEqual([[], [], []]);
    expect(rows.map((row) => row.facility)).toEqual(input.map(expectedFields));
    expect(rows.map((row) => row.existing?.id)).toEqual(input.map((facility) => facility.id));
  });

  it('every target field has an export column, except the import-only Hausnummer and Koordinaten', () => {
    const exported = Object.keys(suggestMapping([...CSV_EXPORT_HEADERS]));
    expect(new Set([...exported, 'hausnummer', 'koordinaten'])).toEqual(new Set(TARGET_FIELDS));
  });
});
