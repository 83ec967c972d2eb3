import { PRECISION_LABELS, type FacilityCategory, type LocationPrecision } from '../facilities/catalog';
import type { FacilityFields, FacilityVersion, Role } from '../facilities/schema';
import { formatIsoDate } from '../format';
import type { FieldKey } from './changes';

/** German labels of the facility fields, for forms, details, history and conflict reports. */
export const FIELD_LABELS: Record<FieldKey, string> = {
  name: 'Name',
  category: 'Kategorie',
  traeger: 'Träger',
  strasse: 'Straße und Hausnummer',
  plz: 'PLZ',
  ort: 'Ort',
  telefon: 'Telefon',
  email: 'E-Mail',
  web: 'Webseite',
  zielgruppen: 'Zielgruppen',
  angebote: 'Angebote',
  kapazitaet: 'Kapazität (Plätze)',
  status: 'Status',
  foerderung: 'Förderung',
  lage: 'Lage',
  lagegenauigkeit: 'Lagegenauigkeit',
  quelle: 'Quelle',
  geprueftAm: 'Geprüft am',
};

export const ROLE_LABELS: Record<Role, string> = {
  koordination: 'Koordination',
  planung: 'Planung',
  admin: 'Administration',
};

export const ACTION_LABELS: Record<FacilityVersion['action'], string> = {
  angelegt: 'Angelegt',
  geaendert: 'Geändert',
  verschoben: 'Verschoben',
  geloescht: 'Gelöscht',
  wiederhergestellt: 'Wiederhergestellt',
  zurueckgesetzt: 'Auf frühere Version zurückgesetzt',
  importiert: 'Importiert',
};

export function precisionLabel(precision: LocationPrecision): string {
  return PRECISION_LABELS[precision];
}

/** True where the location is only approximate and a coordinator should correct it. */
export function isApproximate(precision: LocationPrecision): boolean {
  return precision !== 'adresse';
}

const coordinate = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 5, maximumFractionDigits: 5 });
const integer = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 });

/** "51,54321° N, 9,93456° O" */
export function formatLngLat([lng, lat]: readonly [number, number]): string {
  return `${coordinate.format(Math.abs(lat))}° ${lat >= 0 ? 'N' : 'S'}, ${coordinate.format(Math.abs(lng))}° ${lng >= 0 ? 'O' : 'W'}`;
}

/** "2024", "03.2024" or "15.03.2024" from JJJJ, JJJJ-MM or JJJJ-MM-TT. */
export function formatPartialDate(value: string): string {
  const parts = value.split('-');
  if (parts.length === 3) return formatIsoDate(value);
  if (parts.length === 2) return `${parts[1]}.${parts[0]}`;
  return value;
}

const dateTime = new Intl.DateTimeFormat('de-DE', {
  timeZone: 'Europe/Berlin',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "15.03.2024, 14:05" in German time, from an ISO timestamp. */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** A field value as plain text for reports (history, conflicts); "–" for empty. */
export function formatFieldValue(key: FieldKey, value: FacilityFields[FieldKey] | undefined, categories: readonly FacilityCategory[]): string {
  if (value === null || value === undefined || value === '') return '–';
  switch (key) {
    case 'category':
      return categories.find((category) => category.id === value)?.label ?? String(value);
    case 'lage':
      return formatLngLat(value as [number, number]);
    case 'lagegenauigkeit':
      return precisionLabel(value as LocationPrecision);
    case 'zielgruppen':
      return (value as string[]).length === 0 ? '–' : (value as string[]).join(', ');
    case 'kapazitaet':
      return integer.format(value as number);
    case 'foerderung': {
      const funding = value as NonNullable<FacilityFields['foerderung']>;
      return funding.seit ? `${funding.programm} (seit ${formatPartialDate(funding.seit)})` : funding.programm;
    }
    case 'geprueftAm':
      return formatIsoDate(value as string);
    default:
      return String(value);
  }
}
