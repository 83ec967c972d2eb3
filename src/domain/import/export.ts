import type { Feature, FeatureCollection, Point } from 'geojson';
import { DEFAULT_CATEGORIES, PRECISION_LABELS, type FacilityCategory } from '../facilities/catalog';
import type { Facility } from '../facilities/schema';

/** The columns of the CSV export, in order; mapping.ts recognises each of them again. */
export const CSV_EXPORT_HEADERS = [
  'Name',
  'Kategorie',
  'Träger',
  'Straße',
  'PLZ',
  'Ort',
  'Telefon',
  'E-Mail',
  'Web',
  'Zielgruppen',
  'Angebote',
  'Kapazität',
  'Status',
  'Förderung',
  'Förderung seit',
  'Länge',
  'Breite',
  'Lagegenauigkeit',
  'Quelle',
  'Geprüft am',
  'Gemeinde (AGS)',
  'Sozialraum',
  'Version',
  'ID',
] as const;

type Cell = { text: string } | { number: string };

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
  const lines = [CSV_EXPORT_HEADERS.map((header) => formatCell({ text: header })).join(';')];
  for (const facility of facilities) {
    const text = (value: string | null | undefined): Cell => ({ text: value ?? '' });
    const number = (value: number | null | undefined, decimals?: number): Cell => ({
      number: value === null || value === undefined ? '' : decimals === undefined ? String(value) : value.toFixed(decimals).replace('.', ','),
    });
    const cells: Cell[] = [
      text(facility.name),
      text(labels.get(facility.category) ?? facility.category),
      text(facility.traeger),
      text(facility.strasse),
      text(facility.plz),
      text(facility.ort),
      text(facility.telefon),
      text(facility.email),
      text(facility.web),
      text(facility.zielgruppen.join(', ')),
      text(facility.angebote),
      number(facility.kapazitaet),
      text(facility.status),
      text(facility.foerderung?.programm),
      text(facility.foerderung?.seit),
      number(facility.lage[0], 6),
      number(facility.lage[1], 6),
      text(PRECISION_LABELS[facility.lagegenauigkeit]),
      text(facility.quelle),
      text(facility.geprueftAm),
      text(facility.gemeindeAgs),
      text(facility.sozialraumId),
      number(facility.version),
      text(facility.id),
    ];
    lines.push(cells.map(formatCell).join(';'));
  }
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
        properties: { ...properties, zielgruppen: [...properties.zielgruppen], foerderung: properties.foerderung && { ...properties.foerderung } },
      };
    }),
  };
}
