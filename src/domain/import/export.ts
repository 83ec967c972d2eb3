import type { Feature, FeatureCollection, Point } from 'geojson';
import { DEFAULT_CATEGORIES, type FacilityCategory } from '../facilities/catalog';
import type { Cell, ExportContext } from '../facilities/fieldDefinition';
import { FIELD_KEYS, RECORD_COLUMNS, fieldDefinition } from '../facilities/fields';
import type { Facility } from '../facilities/schema';

// The columns of the CSV export: each field's (field registry, facilities/fields.ts), then the
// stored facility's own (Gemeinde, Sozialraum, Version, ID).
const EXPORT_COLUMNS: readonly { header: string; cell(facility: Facility, context: ExportContext): Cell }[] = [
  ...FIELD_KEYS.flatMap((key) =>
    fieldDefinition(key).export.map((column) => ({ header: column.header, cell: (facility: Facility, context: ExportContext) => column.cell(facility[key], context) })),
  ),
  ...RECORD_COLUMNS,
];

/** The columns of the CSV export, in order; mapping.ts recognises each of them again. */
export const CSV_EXPORT_HEADERS: readonly string[] = EXPORT_COLUMNS.map((column) => column.header);

/**
 * Facilities as a CSV file that German Excel opens correctly by double-click: UTF-8 with byte
 * order mark (without it Excel assumes Windows-1252 and garbles umlauts), ";" as delimiter,
 * CRLF line ends, decimal comma in the coordinates (WGS84, six decimals), German headers and
 * labels (Kategorie "Kita", Lagegenauigkeit "Adresse"), dates as JJJJ-MM-TT.
 *
 * Text that starts with =, +, -, @, tab or CR gets a leading apostrophe so that a spreadsheet
 * does not run it as a formula (CSV injection); the import removes it again.
 *
 * @example facilitiesToCsv(facilities, categoryCatalog(district.kategorien)) // '\uFEFFName;Kategorie;…\r\n…'
 */
export function facilitiesToCsv(facilities: readonly Facility[], categories: readonly FacilityCategory[] = DEFAULT_CATEGORIES): string {
  const labels = new Map(categories.map((category) => [category.id, category.label]));
  const context: ExportContext = { categoryLabel: (id) => labels.get(id) ?? id };
  const lines = [CSV_EXPORT_HEADERS.map((header) => formatCell({ text: header })).join(';')];
  for (const facility of facilities) lines.push(EXPORT_COLUMNS.map((column) => formatCell(column.cell(facility, context))).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function formatCell(cell: Cell): string {
  let value = 'number' in cell ? cell.number : cell.text;
  if ('text' in cell && /^[=+\-@\t\r]/.test(value)) value = `'${value}`;
  return /[;"\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The properties of an exported facility: everything but the location, which is the geometry. */
export type FacilityProperties = Omit<Facility, 'lage'>;

/**
 * Facilities as a GeoJSON FeatureCollection of Points (WGS84, RFC 7946) with all facility
 * fields as properties and the facility id as feature id. readGeoJsonTable reads it back.
 *
 * @example facilitiesToGeoJson(facilities).features[0].geometry // { type: 'Point', coordinates: [9.9356, 51.5328] }
 */
export function facilitiesToGeoJson(facilities: readonly Facility[]): FeatureCollection<Point, FacilityProperties> {
  return {
    type: 'FeatureCollection',
    features: facilities.map((facility): Feature<Point, FacilityProperties> => {
      const { lage, ...properties } = facility;
      return {
        type: 'Feature',
        id: facility.id,
        geometry: { type: 'Point', coordinates: [lage[0], lage[1]] },
        // A copy, so that nothing of the facility (lists, Förderung) is shared with the file.
        properties: structuredClone(properties),
      };
    }),
  };
}
