import type { FacilityCategory } from '../facilities/catalog';
import { FIELD_KEYS, fieldDefinition, type FieldKey } from '../facilities/fields';
import type { Facility } from '../facilities/schema';

/** One row of a facility's details panel; `text` null shows as „–“. */
export interface DetailsRow {
  /** The field (or the first field of a shared row) it shows. */
  key: FieldKey;
  label: string;
  text: string | null;
  link?: 'mailto' | 'web';
  multiline?: boolean;
  testId?: string;
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * The rows of a facility's details, in registry order, from each field's `details` entry (see
 * fields.ts): fields shown elsewhere in the panel (title, kind, status badge) are left out, fields
 * sharing a row (the address) are joined.
 */
export function facilityDetailsRows(facility: Facility, categories: readonly FacilityCategory[]): DetailsRow[] {
  const rows: DetailsRow[] = [];
  const shared = new Map<string, { row: DetailsRow; lines: Map<number, string[]> }>();
  for (const key of FIELD_KEYS) {
    const definition = fieldDefinition(key);
    const details = definition.details;
    if ('shownAs' in details) continue;
    const value = facility[key];
    const text = isEmpty(value) ? null : details.text ? details.text(value as never) : definition.format(value as never, { categories });
    if (details.row) {
      let entry = shared.get(details.row.id);
      if (!entry) {
        entry = { row: { key, label: details.row.label, text: null, testId: details.row.testId }, lines: new Map() };
        shared.set(details.row.id, entry);
        rows.push(entry.row);
      }
      if (text !== null) entry.lines.set(details.row.line, [...(entry.lines.get(details.row.line) ?? []), text]);
      const lines = [...entry.lines.entries()].sort(([a], [b]) => a - b).map(([, parts]) => parts.join(' '));
      entry.row.text = lines.length > 0 ? lines.join(', ') : null;
      continue;
    }
    rows.push({ key, label: details.label ?? definition.label, text, link: details.link, multiline: details.multiline, testId: details.testId });
  }
  return rows;
}
