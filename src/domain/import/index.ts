/**
 * Import of facility lists ("Ressourcenkarten") from CSV and GeoJSON files, as pure functions.
 *
 * The steps the UI walks through:
 * 1. parseImportFile(bytes, filename, { districtCrs, districtBbox }) → preview: table, suggested
 *    mapping, CRS guess (or an ImportFileError with a German message).
 * 2. The user checks the mapping (mappingProblems) and the CRS (guessTableCrs after changes).
 * 3. buildImportRows / buildImportRowsAsync → one ImportRow per row with errors and warnings;
 *    importReport counts them; rows with `facility` are sent to the server.
 */
import { decodeText, type TextEncodingName } from './decode';
import { detectDelimiter, type Delimiter } from './delimiter';
import { ImportFileError, MAX_FILE_BYTES } from './errors';
import { readGeoJsonTable } from './geojson';
import { suggestMapping, type ColumnMapping } from './mapping';
import { guessTableCrs, type CrsDetectionOptions, type CrsGuess } from './crs';
import { readCsvTable, type ImportTable } from './table';

export { decodeText, type DecodedText, type TextEncodingName } from './decode';
export { detectDelimiter, separatorHint, type Delimiter } from './delimiter';
export { ImportFileError, MAX_FILE_BYTES, MAX_IMPORT_ROWS, type ImportFileErrorCode } from './errors';
export { parseInteger, parseNumber } from './numbers';
export { parseDate, parsePartialDate } from './dates';
export { matchKey } from './matchKey';
export {
  TARGET_FIELDS,
  TARGET_FIELD_GROUPS,
  TARGET_FIELD_LABELS,
  mappingProblems,
  matchCategory,
  suggestMapping,
  type ColumnMapping,
  type TargetField,
} from './mapping';
export { readCoordinates, splitCoordinateText, type CoordinateReading } from './coordinates';
export {
  CRS_LABELS,
  detectCrs,
  fitsCrs,
  guessTableCrs,
  toWgs84,
  type Bbox,
  type CoordinateCrs,
  type CrsCandidate,
  type CrsDetectionOptions,
  type CrsGuess,
} from './crs';
export { readCsvTable, rowNoun, type ImportTable, type ImportTableRow } from './table';
export { readGeoJsonTable } from './geojson';
export { readFields, type ImportFields } from './fields';
export { translateIssues } from './issues';
export { createDuplicateCheck, type ExistingFacility } from './duplicates';
export { buildImportRows, buildImportRowsAsync, importReport, type BuildImportRowsOptions, type ImportReport, type ImportRow } from './rows';
export { facilitiesToCsv, facilitiesToGeoJson, CSV_EXPORT_HEADERS } from './export';

export interface ImportPreview {
  kind: 'csv' | 'geojson';
  /** CSV only. */
  encoding?: TextEncodingName;
  /** CSV only. */
  delimiter?: Delimiter;
  headers: string[];
  table: ImportTable;
  suggestedMapping: ColumnMapping;
  crsGuess: CrsGuess;
}

export type ParseImportOptions = Omit<CrsDetectionOptions, 'only'>;

const CSV_EXTENSIONS = new Set(['csv', 'txt', 'tsv', 'tab']);
const GEOJSON_EXTENSIONS = new Set(['geojson', 'json']);
const SPREADSHEET_HINT = 'Bitte in Excel als „CSV (Trennzeichen-getrennt)“ speichern.';

// Formats people try, with what to do instead.
const UNSUPPORTED: Record<string, { code: 'excel' | 'unsupported-format'; message: string }> = {
  xlsx: { code: 'excel', message: `Die Datei ist eine Excel-Arbeitsmappe (.xlsx). ${SPREADSHEET_HINT}` },
  xlsm: { code: 'excel', message: `Die Datei ist eine Excel-Arbeitsmappe (.xlsm). ${SPREADSHEET_HINT}` },
  xls: { code: 'excel', message: `Die Datei ist eine ältere Excel-Arbeitsmappe (.xls). ${SPREADSHEET_HINT}` },
  ods: {
    code: 'unsupported-format',
    message: 'Die Datei ist eine LibreOffice-Tabelle (.ods). Bitte in LibreOffice mit „Speichern unter…“ als „Text CSV (.csv)“ speichern.',
  },
  zip: {
    code: 'unsupported-format',
    message: 'ZIP-Archive werden nicht gelesen. Bitte entpacken und die CSV- oder GeoJSON-Datei wählen; ein Shapefile bitte in QGIS als GeoJSON exportieren.',
  },
  shp: {
    code: 'unsupported-format',
    message: 'Shapefiles werden nicht gelesen. Bitte in QGIS mit „Exportieren → Objekte speichern als…“ im Format GeoJSON (KBS EPSG:4326) speichern.',
  },
  kml: {
    code: 'unsupported-format',
    message: 'KML-Dateien werden nicht gelesen. Bitte in QGIS mit „Exportieren → Objekte speichern als…“ im Format GeoJSON speichern.',
  },
  gpkg: {
    code: 'unsupported-format',
    message: 'GeoPackages werden nicht gelesen. Bitte den Punktlayer in QGIS mit „Exportieren → Objekte speichern als…“ im Format GeoJSON speichern.',
  },
};
for (const extension of ['dbf', 'shx', 'prj', 'cpg']) UNSUPPORTED[extension] = UNSUPPORTED.shp!;
UNSUPPORTED.kmz = UNSUPPORTED.kml!;

/**
 * Reads an uploaded file for the preview step. The format follows the extension (.csv/.txt →
 * CSV, .geojson/.json → GeoJSON; spreadsheets, archives and GIS formats are refused with what
 * to do instead) and, for other names, the content ("{" → GeoJSON, else CSV). CSV files are
 * decoded (UTF-8 or Windows-1252) and their delimiter detected. The mapping and the CRS guess
 * are suggestions for the user to confirm.
 *
 * Throws only ImportFileError, whatever the bytes are.
 *
 * @example
 * const preview = parseImportFile(new Uint8Array(await file.arrayBuffer()), file.name, {
 *   districtCrs: 'EPSG:25832', districtBbox: territory.bbox,
 * });
 */
export function parseImportFile(bytes: Uint8Array, filename: string, options: ParseImportOptions = {}): ImportPreview {
  try {
    return parse(bytes, filename, options);
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError('unreadable', 'Die Datei konnte nicht gelesen werden.', undefined, { cause: error });
  }
}

function parse(bytes: Uint8Array, filename: string, options: ParseImportOptions): ImportPreview {
  const extension = /\.([^./\\]+)$/.exec(filename.trim())?.[1]?.toLowerCase() ?? '';
  const unsupported = UNSUPPORTED[extension];
  if (unsupported) throw new ImportFileError(unsupported.code, unsupported.message);
  if (bytes.length > MAX_FILE_BYTES) {
    throw new ImportFileError('too-large', `Die Datei ist größer als ${MAX_FILE_BYTES / 1024 / 1024} MB. Bitte aufteilen.`);
  }

  const { text, encoding } = decodeText(bytes);
  const isGeoJson = GEOJSON_EXTENSIONS.has(extension) || (!CSV_EXTENSIONS.has(extension) && /^\s*[{[]/.test(text));
  if (isGeoJson) {
    const table = readGeoJsonTable(text);
    const suggestedMapping = suggestMapping(table.headers);
    return { kind: 'geojson', headers: table.headers, table, suggestedMapping, crsGuess: guessTableCrs(table, suggestedMapping, options) };
  }

  const delimiter = extension === 'tsv' || extension === 'tab' ? '\t' : detectDelimiter(text);
  const table = readCsvTable(text, delimiter);
  const suggestedMapping = suggestMapping(table.headers);
  return {
    kind: 'csv',
    encoding,
    delimiter,
    headers: table.headers,
    table,
    suggestedMapping,
    crsGuess: guessTableCrs(table, suggestedMapping, options),
  };
}
