// Every consumer of the field registry (src/domain/facilities/fields.ts) carries every field: for
// each field, two facilities that differ only in it must differ in the CSV export, come back from
// export → import and from form → parseForm with the field's value, be told apart by the change
// records (whose inverse restores the value) and the report texts. tests/api/fieldRegistry.test.ts
// does the same for the database.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES } from '../../src/domain/facilities/catalog';
import { FACILITY_FIELDS, FIELD_KEYS, fieldDefinition, type FieldKey } from '../../src/domain/facilities/fields';
import { FacilityChangesSchema, FacilityFieldsSchema, fieldsOf, type Facility, type FacilityFields } from '../../src/domain/facilities/schema';
import { facilitiesToCsv, facilitiesToGeoJson } from '../../src/domain/import/export';
import { TARGET_FIELDS, TARGET_FIELD_GROUPS, buildImportRows, parseImportFile } from '../../src/domain/import/index';
import { fieldName } from '../../src/domain/import/issues';
import { changedFields, describeChange, diffChanges, inverseOperation } from '../../src/domain/resources/changes';
import { FORM_LAYOUT, inputIds, parseForm, valuesOf } from '../../src/domain/resources/formValues';
import { facilityDetailsRows } from '../../src/domain/resources/detailsRows';
import { FIELD_LABELS, formatFieldValue } from '../../src/domain/resources/labels';
import { deepFreeze } from './support/fixtures';

/** A stored facility whose every field holds the first of its registry examples. */
function facilityWith(fields: FacilityFields): Facility {
  return deepFreeze({
    id: '00000000-0000-4000-8000-000000000042',
    district: 'goettingen',
    version: 2,
    gemeindeAgs: '03159016',
    sozialraumId: null,
    geloescht: false,
    geaendertAm: '2025-03-01T10:00:00.000Z',
    geaendertVon: 'Test Koordination',
    ...fields,
  });
}

// The registry's own keys, not the derived FIELD_KEYS: a field that drops out of FIELD_KEYS must fail here.
const REGISTRY_KEYS = Object.keys(FACILITY_FIELDS) as FieldKey[];

const first = FacilityFieldsSchema.parse(Object.fromEntries(REGISTRY_KEYS.map((key) => [key, fieldDefinition(key).examples[0]])));
const base = facilityWith(first);
/** The facility that differs from `base` only in `key`: its second example. */
const variant = (key: FieldKey) => facilityWith({ ...first, [key]: fieldDefinition(key).examples[1] });

const bytesOf = (text: string) => new TextEncoder().encode(text);

/** What the import reads back from an exported file (CSV or GeoJSON) of one facility. */
function reimport(file: string, filename: string): FacilityFields {
  const preview = parseImportFile(bytesOf(file), filename, {});
  const [row] = buildImportRows(preview.table, preview.suggestedMapping, { crs: 'EPSG:4326' });
  expect(row!.errors).toEqual([]);
  expect(row!.existing?.id).toBe(base.id);
  return row!.facility!;
}

describe('the field registry', () => {
  it('has fields, each with two different valid examples', () => {
    expect(REGISTRY_KEYS.length).toBeGreaterThan(10);
    expect(FIELD_KEYS).toEqual(REGISTRY_KEYS);
    for (const key of REGISTRY_KEYS) {
      const [one, other] = fieldDefinition(key).examples;
      expect(FacilityChangesSchema.parse({ [key]: one })[key], key).toEqual(one);
      expect(FacilityChangesSchema.parse({ [key]: other })[key], key).toEqual(other);
      expect(other, key).not.toEqual(one);
    }
    expect(Object.keys(FacilityFieldsSchema.shape).sort()).toEqual([...REGISTRY_KEYS].sort());
    expect(Object.keys(FacilityChangesSchema.shape).sort()).toEqual([...REGISTRY_KEYS].sort());
  });

  it('places every field once in the form', () => {
    expect(FORM_LAYOUT.flatMap(({ rows }) => rows.flat()).sort()).toEqual([...REGISTRY_KEYS].sort());
  });

  it('gives every import target column to one field or to the columns of a stored facility', () => {
    const fieldTargets = REGISTRY_KEYS.flatMap((key) => FACILITY_FIELDS[key].import.columns.map((column) => column.target as string));
    expect(new Set(fieldTargets).size).toBe(fieldTargets.length);
    expect(TARGET_FIELDS).toEqual(expect.arrayContaining(fieldTargets));
    expect(TARGET_FIELDS.filter((target) => !fieldTargets.includes(target))).toEqual(['gemeindeAgs', 'sozialraum', 'version', 'id']);
    expect(TARGET_FIELD_GROUPS.flatMap((group) => group.fields).sort()).toEqual([...fieldTargets].sort());
  });
});

describe.each(REGISTRY_KEYS.map((key) => [key]))('field %s', (key) => {
  const other = variant(key);

  it('has a label, a report text and a name in import messages', () => {
    expect(FIELD_LABELS[key]).toMatch(/^\p{Lu}/u);
    expect(formatFieldValue(key, other[key], DEFAULT_CATEGORIES)).not.toBe('–');
    expect(formatFieldValue(key, other[key], DEFAULT_CATEGORIES)).not.toBe(formatFieldValue(key, base[key], DEFAULT_CATEGORIES));
    expect(fieldName([key])).not.toBe(key);
  });

  it('differs in the CSV export and comes back from the CSV and GeoJSON export through the import', () => {
    expect(facilitiesToCsv([other])).not.toBe(facilitiesToCsv([base]));
    expect(reimport(facilitiesToCsv([other]), 'export.csv')).toEqual(fieldsOf(other));
    expect(reimport(JSON.stringify(facilitiesToGeoJson([other])), 'export.geojson')).toEqual(fieldsOf(other));
  });

  it('comes back from the form', () => {
    const values = valuesOf(other, null);
    for (const input of inputIds(key)) expect(values, input).toHaveProperty([input]);
    expect(valuesOf(other, null)).not.toEqual(valuesOf(base, null));
    expect(parseForm(values)).toEqual({ fields: fieldsOf(other) });
  });

  it('shows in the details panel: in a row of its own or shared, or as its title, kind line or status badge', () => {
    const details = fieldDefinition(key).details;
    if ('shownAs' in details) {
      // The panel draws these three itself (FacilityPanel: title, the line above it, the badge).
      expect({ name: 'title', category: 'kind', status: 'badge' }[key as string], key).toBe(details.shownAs);
      return;
    }
    const row = (facility: Facility) => facilityDetailsRows(facility, DEFAULT_CATEGORIES).find((candidate) => candidate.key === key || (details.row && candidate.label === details.row.label));
    expect(row(other)?.text).toBeTruthy();
    expect(row(other)!.text).not.toBe(row(base)!.text);
  });

  it('is told apart by the change records, and the inverse restores it', () => {
    expect(fieldsOf(other)[key]).toEqual(other[key]);
    expect(changedFields(base, other)).toEqual([key]);
    expect(diffChanges(fieldsOf(base), fieldsOf(other))).toEqual({ [key]: other[key] });
    const inverse = inverseOperation({ facilityId: base.id, before: base, after: other });
    expect(inverse).toEqual({ kind: 'update', facilityId: base.id, changes: { [key]: base[key] } });
    expect(FacilityFieldsSchema.parse({ ...fieldsOf(other), ...(inverse as { changes: Partial<FacilityFields> }).changes })).toEqual(fieldsOf(base));
    expect(describeChange({ facilityId: base.id, before: base, after: other })).toBe(key === 'lage' ? 'verschoben' : 'geaendert');
  });
});
