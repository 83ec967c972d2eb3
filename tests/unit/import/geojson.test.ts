import { describe, expect, it } from 'vitest';
import { ImportFileError } from '../../../src/domain/import/errors';
import { readGeoJsonTable } from '../../../src/domain/import/geojson';
import { importFixture } from './support';

const text = (value: unknown) => JSON.stringify(value);
const point = (coordinates: number[], properties: Record<string, unknown> = { name: 'Testkita' }) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Point', coordinates },
});

function errorOf(action: () => unknown): ImportFileError {
  try {
    action();
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('no ImportFileError thrown');
}

describe('readGeoJsonTable', () => {
  it('turns features into rows and properties into columns, numbering features from 1', () => {
    const table = readGeoJsonTable(new TextDecoder().decode(importFixture('points.geojson')));
    expect(table.kind).toBe('geojson');
    expect(table.headers).toEqual(['name', 'kategorie', 'traeger', 'zielgruppen', 'kapazitaet', 'foerderung.programm', 'foerderung.seit']);
    expect(table.rows).toEqual([
      {
        line: 1,
        cells: ['Familienzentrum Musterdorf', 'Familienzentrum', 'Testverein e. V.', 'Eltern, Kinder', '30', 'Familienzentrum Plus', '2019'],
        geometry: { coordinates: [9.96, 51.56] },
      },
      { line: 2, cells: ['Testkita Sonnenschein', 'kita', '', '', '', '', ''], geometry: { coordinates: [9.88, 51.5] } },
    ]);
    expect(table.declaredCrs).toBeUndefined();
  });

  it('accepts a single Feature and a MultiPoint with one point', () => {
    expect(readGeoJsonTable(text(point([9.9, 51.5]))).rows[0]!.geometry).toEqual({ coordinates: [9.9, 51.5] });
    const multi = { type: 'Feature', properties: { name: 'A' }, geometry: { type: 'MultiPoint', coordinates: [[9.9, 51.5]] } };
    expect(readGeoJsonTable(text({ type: 'FeatureCollection', features: [multi] })).rows[0]!.geometry).toEqual({ coordinates: [9.9, 51.5] });
  });

  it('keeps a German reason for each feature without a usable point', () => {
    const features = [
      { type: 'Feature', properties: { name: 'Fläche' }, geometry: { type: 'Polygon', coordinates: [] } },
      { type: 'Feature', properties: { name: 'Ohne' }, geometry: null },
      { type: 'Feature', properties: { name: 'Viele' }, geometry: { type: 'MultiPoint', coordinates: [[9.9, 51.5], [9.8, 51.4]] } },
      { type: 'Feature', properties: { name: 'Kaputt' }, geometry: { type: 'Point', coordinates: ['9.9', 51.5] } },
      'kein Objekt',
    ];
    expect(readGeoJsonTable(text({ type: 'FeatureCollection', features })).rows.map((row) => row.geometry)).toEqual([
      { error: 'Geometrie ist kein Punkt (Polygon)' },
      { error: 'Geometrie fehlt' },
      { error: 'Geometrie ist kein Punkt (MultiPoint mit 2 Punkten)' },
      { error: 'Koordinaten der Geometrie sind ungültig' },
      { error: 'Objekt ist kein GeoJSON-Feature' },
    ]);
  });

  it('represents an object property by its members only, also where another feature has null', () => {
    const table = readGeoJsonTable(
      text({
        type: 'FeatureCollection',
        features: [point([9.9, 51.5], { name: 'A', foerderung: null }), point([9.9, 51.5], { name: 'B', foerderung: { programm: 'P', seit: null } })],
      }),
    );
    expect(table.headers).toEqual(['name', 'foerderung.programm', 'foerderung.seit']);
    expect(table.rows.map((row) => row.cells)).toEqual([
      ['A', '', ''],
      ['B', 'P', ''],
    ]);
  });

  it.each([
    ['urn:ogc:def:crs:EPSG::25832', 'EPSG:25832'],
    ['EPSG:25833', 'EPSG:25833'],
    ['urn:ogc:def:crs:EPSG::4647', 'EPSG:25832'],
    ['urn:ogc:def:crs:OGC:1.3:CRS84', 'EPSG:4326'],
    ['urn:ogc:def:crs:EPSG::31467', 'EPSG:31467'],
  ])('reads the crs member %s as %s', (name, crs) => {
    const table = readGeoJsonTable(text({ type: 'FeatureCollection', crs: { type: 'name', properties: { name } }, features: [point([1, 2])] }));
    expect(table.declaredCrs).toBe(crs);
  });

  it('refuses a CRS it cannot transform', () => {
    const error = errorOf(() =>
      readGeoJsonTable(text({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2398' } }, features: [point([1, 2])] })),
    );
    expect(error.code).toBe('unsupported-crs');
    expect(error.message).toMatch(/^Das Bezugssystem „urn:ogc:def:crs:EPSG::2398“ der Datei wird nicht unterstützt\./);
  });

  it('names line and column of a JSON syntax error', () => {
    const error = errorOf(() => readGeoJsonTable(new TextDecoder().decode(importFixture('broken.geojson'))));
    expect(error.code).toBe('invalid-json');
    expect(error.message).toBe('Die Datei ist kein gültiges JSON (Zeile 5, Spalte 3).');
    expect(errorOf(() => readGeoJsonTable('{\n "a": 1,\n  x }')).message).toBe('Die Datei ist kein gültiges JSON (Zeile 3, Spalte 3).');
    expect(errorOf(() => readGeoJsonTable('{"type": "FeatureCollection", "features": [')).message).toBe(
      'Die Datei ist kein gültiges JSON (die Datei endet mitten im JSON).',
    );
  });

  it('refuses JSON that is no FeatureCollection or Feature, and a collection without features', () => {
    for (const json of ['[1, 2, 3]', '{"type": "Point", "coordinates": [9.9, 51.5]}', '"Text"', '{"type": "FeatureCollection"}']) {
      expect(errorOf(() => readGeoJsonTable(json)).code, json).toBe('not-featurecollection');
    }
    expect(errorOf(() => readGeoJsonTable('{"type": "FeatureCollection", "features": []}')).code).toBe('no-rows');
  });

  it('refuses more than 20,000 features', () => {
    const features = Array.from({ length: 20_001 }, () => point([9.9, 51.5]));
    const error = errorOf(() => readGeoJsonTable(text({ type: 'FeatureCollection', features })));
    expect(error.code).toBe('too-large');
  });
});
