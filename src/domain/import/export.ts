import type { Feature, FeatureCollection, Point } from 'geojson';
import { CSV_NOTES_MARKER } from '../csv';
import { DEFAULT_CATEGORIES, type FacilityCategory } from '../facilities/catalog';
import type { Cell, ExportContext } from '../facilities/fieldDefinition';
import { FIELD_KEYS, RECORD_COLUMNS, fieldDefinition } from '../facilities/fields';
import type { Facility } from '../facilities/schema';
import { facilityStand, formatStand } from '../facilities/stand';
import { formatIsoDate } from '../format';
import type { TerritoryFile } from '../territory/types';

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

/** Where exported facilities come from: the district (for Sozialraum names and sources) and the day of the export. */
export interface ExportProvenance {
  territory: Pick<TerritoryFile, 'district' | 'sozialraeume' | 'sources'>;
  /** JJJJ-MM-TT */
  exportiertAm: string;
}

/**
 * The notes of an export, as label and text: what the data are, how old (from the facilities'
 * own dates, formatStand), when exported, and how location and Sozialraum were found.
 */
export function exportNotes(facilities: readonly Facility[], provenance: ExportProvenance): [string, string][] {
  const { territory } = provenance;
  const grenzen = territory.sources.find((source) => source.id === 'grenzen');
  const unconfirmed = facilities.filter((facility) => facility.bestaetigung === 'unbestätigt').length;
  return [
    ['Daten', `Ressourcenkarte des Sozialraumatlas, ${territory.district.name}: ${facilities.length} ${facilities.length === 1 ? 'Einrichtung' : 'Einrichtungen'}`],
    ['Stand der Einrichtungen', formatStand(facilityStand(facilities))],
    ['Exportiert am', formatIsoDate(provenance.exportiertAm)],
    ['Bestätigung', `${unconfirmed} unbestätigt (aus öffentlichen Hinweisen, nicht bestätigt; zählen in der Versorgungsanalyse nicht)`],
    [
      'Lage',
      `WGS84 (EPSG:4326), Länge/Breite in Grad; Gemeinde und Sozialraum aus der Lage${grenzen ? ` (${grenzen.label}, Stand ${grenzen.stand}, ${grenzen.attribution})` : ''}`,
    ],
  ];
}

function exportContext(categories: readonly FacilityCategory[], provenance?: ExportProvenance): ExportContext {
  const labels = new Map(categories.map((category) => [category.id, category.label]));
  const names = new Map(provenance?.territory.sozialraeume.features.map((feature) => [feature.properties.id, feature.properties.name]) ?? []);
  return { categoryLabel: (id) => labels.get(id) ?? id, sozialraumName: (id) => (id === null ? '' : (names.get(id) ?? id)) };
}

/**
 * Facilities as a CSV file that German Excel opens correctly by double-click: UTF-8 with byte
 * order mark (without it Excel assumes Windows-1252 and garbles umlauts), ";" as delimiter,
 * CRLF line ends, decimal comma in the coordinates (WGS84, six decimals), German headers and
 * labels (Kategorie "Kita", Lagegenauigkeit "Adresse"), dates as JJJJ-MM-TT.
 *
 * Text that starts with =, +, -, @, tab or CR gets a leading apostrophe so that a spreadsheet
 * does not run it as a formula (CSV injection); the import removes it again. With a provenance
 * the Sozialraum column holds names, and after an empty line the notes on source and date follow
 * (from the line „Quelle und Stand“; the import stops there).
 *
 * @example facilitiesToCsv(facilities, categoryCatalog(district.kategorien), { territory, exportiertAm: '2025-03-12' }) // '\uFEFFName;Kategorie;…\r\n…'
 */
export function facilitiesToCsv(
  facilities: readonly Facility[],
  categories: readonly FacilityCategory[] = DEFAULT_CATEGORIES,
  provenance?: ExportProvenance,
): string {
  const context = exportContext(categories, provenance);
  const lines = [CSV_EXPORT_HEADERS.map((header) => formatCell({ text: header })).join(';')];
  for (const facility of facilities) lines.push(EXPORT_COLUMNS.map((column) => formatCell(column.cell(facility, context))).join(';'));
  if (provenance) {
    lines.push('', CSV_NOTES_MARKER, ...exportNotes(facilities, provenance).map((note) => note.map((text) => formatCell({ text })).join(';')));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function formatCell(cell: Cell): string {
  let value = 'number' in cell ? cell.number : cell.text;
  if ('text' in cell && /^[=+\-@\t\r]/.test(value)) value = `'${value}`;
  return /[;"\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The properties of an exported facility: everything but the location, which is the geometry. */
export type FacilityProperties = Omit<Facility, 'lage'> & { sozialraum?: string | null };

/** The foreign member of an exported FeatureCollection that says where the data come from. */
export type ExportMetadata = Record<string, string>;

/**
 * Facilities as a GeoJSON FeatureCollection of Points (WGS84, RFC 7946) with all facility
 * fields as properties and the facility id as feature id. readGeoJsonTable reads it back. With
 * a provenance each feature also names its Sozialraum, and the collection carries the notes on
 * source and date as the foreign member `metadata` (RFC 7946, section 6.1).
 *
 * @example facilitiesToGeoJson(facilities).features[0].geometry // { type: 'Point', coordinates: [9.9356, 51.5328] }
 */
export function facilitiesToGeoJson(
  facilities: readonly Facility[],
  provenance?: ExportProvenance,
): FeatureCollection<Point, FacilityProperties> & { metadata?: ExportMetadata } {
  const context = provenance ? exportContext([], provenance) : null;
  return {
    type: 'FeatureCollection',
    ...(provenance ? { metadata: Object.fromEntries(exportNotes(facilities, provenance)) } : {}),
    features: facilities.map((facility): Feature<Point, FacilityProperties> => {
      const { lage, ...properties } = facility;
      return {
        type: 'Feature',
        id: facility.id,
        geometry: { type: 'Point', coordinates: [lage[0], lage[1]] },
        // A copy, so that nothing of the facility (lists, Förderung) is shared with the file.
        properties: context ? { ...structuredClone(properties), sozialraum: context.sozialraumName(facility.sozialraumId) || null } : structuredClone(properties),
      };
    }),
  };
}
