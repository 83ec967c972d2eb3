import { PRECISION_LABELS, type FacilityCategory, type LocationPrecision } from '../facilities/catalog';
import { FIELD_KEYS, fieldDefinition, type FieldKey } from '../facilities/fields';
import type { FacilityFields, FacilityVersion, Role } from '../facilities/schema';
import { lazyFormatter } from '../format';

/** German labels of the facility fields, for forms, details, history and conflict reports. */
export const FIELD_LABELS = Object.fromEntries(FIELD_KEYS.map((key) => [key, fieldDefinition(key).label])) as Record<FieldKey, string>;

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
  import_rueckgaengig: 'Gelöscht (Import rückgängig gemacht)',
  import_wiederhergestellt: 'Wiederhergestellt (Import wiederhergestellt)',
};

export function precisionLabel(precision: LocationPrecision): string {
  return PRECISION_LABELS[precision];
}

/** True where the location is only approximate and a coordinator should correct it. */
export function isApproximate(precision: LocationPrecision): boolean {
  return precision !== 'adresse';
}

export { formatLngLat, formatPartialDate } from '../format';

const dateTime = lazyFormatter(
  () =>
    new Intl.DateTimeFormat('de-DE', {
      timeZone: 'Europe/Berlin',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }),
);

/** "15.03.2024, 14:05" in German time, from an ISO timestamp. */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime().format(date);
}

/** A field value as plain text for reports (history, conflicts); "–" for empty. */
export function formatFieldValue(key: FieldKey, value: FacilityFields[FieldKey] | undefined, categories: readonly FacilityCategory[]): string {
  if (value === null || value === undefined || value === '') return '–';
  return fieldDefinition(key).format(value, { categories });
}
