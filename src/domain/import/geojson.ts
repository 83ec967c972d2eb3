import { isCrsCode } from '../geo/crs';
import type { CoordinateCrs } from './crs';
import { ImportFileError, MAX_IMPORT_ROWS } from './errors';
import { tooManyRows, type ImportTable, type ImportTableRow } from './table';

/**
 * Reads GeoJSON text (a FeatureCollection or a single Feature) into an ImportTable: one row per
 * feature, one column per property (nested objects such as `foerderung` become
 * "foerderung.programm"; arrays become "a, b"), the point in `geometry`. Rows without a usable
 * point keep a German reason instead ("Geometrie ist kein Punkt (Polygon)"); a MultiPoint with a
 * single point counts as a point, because GIS programs often save point layers that way.
 *
 * An old-style `crs` member (GeoJSON 2008, written by QGIS and GDAL for projected data) is read
 * into `declaredCrs`; CRSs the atlas cannot transform are refused.
 *
 * Throws ImportFileError: 'invalid-json' (with line and column when the JSON parser tells),
 * 'not-featurecollection', 'no-rows', 'too-large', 'unsupported-crs'.
 *
 * @example readGeoJsonTable('{"type":"Feature","properties":{"name":"Testkita"},"geometry":{"type":"Point","coordinates":[9.9,51.5]}}')
 * // { kind: 'geojson', headers: ['name'], rows: [{ line: 1, cells: ['Testkita'], geometry: { coordinates: [9.9, 51.5] } }] }
 */
export function readGeoJsonTable(text: string): ImportTable {
  const root = parseJson(text);
  const features = featuresOf(root);
  if (features.length === 0) throw new ImportFileError('no-rows', 'Die GeoJSON-Datei enthält keine Objekte.');
  if (features.length > MAX_IMPORT_ROWS) throw tooManyRows(features.length);

  const flattened = features.map((feature) => flattenProperties(isObject(feature) ? feature.properties : undefined));
  // A key that holds an object in some feature is represented by its sub-keys only.
  const objectKeys = new Set(flattened.flatMap((properties) => [...properties.objectKeys]));
  const headers: string[] = [];
  const seen = new Set<string>();
  for (const properties of flattened) {
    for (const key of properties.values.keys()) {
      if (!seen.has(key) && !objectKeys.has(key)) {
        seen.add(key);
        headers.push(key);
      }
    }
  }

  const rows: ImportTableRow[] = features.map((feature, index) => ({
    line: index + 1,
    cells: headers.map((header) => flattened[index]!.values.get(header) ?? ''),
    geometry: pointOf(feature),
  }));
  const declaredCrs = declaredCrsOf(root);
  return declaredCrs ? { kind: 'geojson', headers, rows, declaredCrs } : { kind: 'geojson', headers, rows };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ImportFileError('invalid-json', `Die Datei ist kein gültiges JSON${jsonErrorPlace(text)}.`, undefined, { cause: error });
  }
}

// Engines word their errors differently and V8 often names no position ("Unexpected token
// ']', … is not valid JSON"), so the place is found by a small JSON syntax check of our own,
// run only after JSON.parse has failed.
function jsonErrorPlace(text: string): string {
  const source = text.replace(/^\uFEFF/, '');
  const offset = jsonErrorOffset(source);
  if (offset === null) return '';
  if (source.slice(offset).trim() === '') return ' (die Datei endet mitten im JSON)';
  const lines = source.slice(0, offset).split(/\r\n|\n|\r/);
  return ` (Zeile ${lines.length}, Spalte ${lines[lines.length - 1]!.length + 1})`;
}

/** The offset of the first JSON syntax error in `text`, or null when it is valid JSON. */
function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const fail = (): never => {
    throw new JsonSyntaxError(i);
  };
  const whitespace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const string = () => {
    i++;
    while (i < text.length) {
      const char = text[i]!;
      if (char === '"') {
        i++;
        return;
      }
      if (char === '\\') {
        i++;
        if (text[i] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) i += 5;
        else if (text[i] !== undefined && '"\\/bfnrt'.includes(text[i]!)) i++;
        else fail();
      } else if (char < ' ') {
        fail();
      } else {
        i++;
      }
    }
    fail();
  };
  const value = (): void => {
    whitespace();
    const char = text[i];
    if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']';
      i++;
      whitespace();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (close === '}') {
          whitespace();
          if (text[i] !== '"') fail();
          string();
          whitespace();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        whitespace();
        if (text[i] === ',') i++;
        else if (text[i] === close) {
          i++;
          return;
        } else fail();
      }
    }
    if (char === '"') return string();
    const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    number.lastIndex = i;
    if (number.test(text)) {
      i = number.lastIndex;
      return;
    }
    const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
    if (!literal) fail();
    i += literal!.length;
  };
  try {
    value();
    whitespace();
    if (i < text.length) fail();
    return null;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error.offset;
    throw error;
  }
}

class JsonSyntaxError extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at ${offset}`);
  }
}

function featuresOf(root: unknown): unknown[] {
  if (isObject(root) && root.type === 'FeatureCollection' && Array.isArray(root.features)) return root.features;
  if (isObject(root) && root.type === 'Feature') return [root];
  throw new ImportFileError(
    'not-featurecollection',
    'Die Datei ist kein GeoJSON mit Einrichtungen: erwartet wird eine FeatureCollection (oder ein Feature) mit Punkten und Eigenschaften.',
  );
}

interface FlatProperties {
  values: Map<string, string>;
  objectKeys: Set<string>;
}

function flattenProperties(properties: unknown): FlatProperties {
  const flat: FlatProperties = { values: new Map(), objectKeys: new Set() };
  const visit = (value: unknown, key: string, depth: number) => {
    if (isObject(value) && depth < 3) {
      flat.objectKeys.add(key);
      for (const [child, childValue] of Object.entries(value)) visit(childValue, `${key}.${child}`, depth + 1);
    } else {
      flat.values.set(key, cellText(value));
    }
  };
  if (isObject(properties)) for (const [key, value] of Object.entries(properties)) visit(value, key, 1);
  return flat;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)) {
    return value.map((item) => cellText(item)).join(', ');
  }
  return JSON.stringify(value);
}

function pointOf(feature: unknown): ImportTableRow['geometry'] {
  if (!isObject(feature) || feature.type !== 'Feature') return { error: 'Objekt ist kein GeoJSON-Feature' };
  const geometry = feature.geometry;
  if (geometry === null || geometry === undefined) return { error: 'Geometrie fehlt' };
  if (!isObject(geometry)) return { error: 'Geometrie ist ungültig' };
  let coordinates = geometry.coordinates;
  if (geometry.type === 'MultiPoint' && Array.isArray(coordinates)) {
    if (coordinates.length !== 1) return { error: `Geometrie ist kein Punkt (MultiPoint mit ${coordinates.length} Punkten)` };
    coordinates = coordinates[0];
  } else if (geometry.type !== 'Point') {
    return { error: `Geometrie ist kein Punkt (${typeof geometry.type === 'string' ? geometry.type : 'unbekannt'})` };
  }
  if (!Array.isArray(coordinates) || coordinates.length < 2 || !coordinates.slice(0, 2).every((value) => typeof value === 'number' && Number.isFinite(value))) {
    return { error: 'Koordinaten der Geometrie sind ungültig' };
  }
  return { coordinates: [coordinates[0] as number, coordinates[1] as number] };
}

// "urn:ogc:def:crs:EPSG::25832", "EPSG:25832", "urn:ogc:def:crs:OGC:1.3:CRS84"; UTM with zone
// number in the easting (EPSG:4647, 5650) is read as its plain zone, because toWgs84 removes
// the prefix; ETRS89 geographic (EPSG:4258) is WGS84 for the atlas's purposes.
const CRS_ALIASES: Record<string, CoordinateCrs> = {
  CRS84: 'EPSG:4326',
  'EPSG:4258': 'EPSG:4326',
  'EPSG:4647': 'EPSG:25832',
  'EPSG:5650': 'EPSG:25833',
};

function declaredCrsOf(root: unknown): CoordinateCrs | null {
  if (!isObject(root) || !isObject(root.crs)) return null;
  const name = isObject(root.crs.properties) ? root.crs.properties.name : undefined;
  if (typeof name !== 'string') return null;
  const epsg = /EPSG:{1,2}(\d+)$/i.exec(name);
  const code = epsg ? `EPSG:${epsg[1]}` : /CRS84$/i.test(name) ? 'CRS84' : name;
  const crs = CRS_ALIASES[code] ?? (isCrsCode(code) ? code : null);
  if (!crs) {
    throw new ImportFileError(
      'unsupported-crs',
      `Das Bezugssystem „${name}“ der Datei wird nicht unterstützt. Bitte in QGIS als GeoJSON in WGS84 (EPSG:4326) oder ETRS89 / UTM (EPSG:25832, 25833) speichern.`,
    );
  }
  return crs;
}
