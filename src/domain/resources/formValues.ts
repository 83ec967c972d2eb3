import { FORM_SECTIONS, REQUIRED, type AnyFieldDefinition, type FormSection, type FormWidget, type PositionWidget } from '../facilities/fieldDefinition';
import { FIELD_KEYS, fieldDefinition, type FieldKey } from '../facilities/fields';
import { FacilityFieldsSchema, type FacilityFields } from '../facilities/schema';

/**
 * The facility form as pure functions over the registry's widget descriptions (facilities/
 * fields.ts): what its inputs hold, how a facility fills them and how they become fields again.
 * ui/FacilityForm.tsx draws the inputs; a field with a known widget kind needs nothing here.
 */

/** What the inputs hold, by input id: text as typed, or the chosen options of a checkbox group. */
export type FormValue = string | readonly string[];
export type FormValues = Readonly<Record<string, FormValue>>;
/** German messages by input id, and 'form' for what belongs to no input. */
export type FormErrors = Partial<Record<string, string>>;

/** The fields of each fieldset, in rows: fields sharing a row id stand side by side. */
export const FORM_LAYOUT: readonly { section: FormSection; rows: readonly (readonly FieldKey[])[] }[] = FORM_SECTIONS.map((section) => {
  const rows: FieldKey[][] = [];
  for (const key of FIELD_KEYS) {
    const { form } = fieldDefinition(key);
    if (form.section !== section) continue;
    const last = rows.at(-1);
    if (last && form.row !== undefined && fieldDefinition(last[0]!).form.row === form.row) last.push(key);
    else rows.push([key]);
  }
  return { section, rows };
});

/** The input ids of a field: its key, or the ids of a widget with several inputs. */
export function inputIds(key: FieldKey): string[] {
  const { form } = fieldDefinition(key);
  if (form.kind === 'funding') return [form.programm.id, form.seit.id];
  if (form.kind === 'position') return [form.lat.id, form.lng.id];
  return [key];
}

/** Whether the field's input carries the „*“ of what must be filled: required and able to be empty. */
export function mustFill(key: FieldKey): boolean {
  const { default: value, form } = fieldDefinition(key);
  return value === REQUIRED && ['text', 'textarea', 'integer', 'category'].includes(form.kind);
}

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));
const orNull = (value: FormValue | undefined) => (typeof value !== 'string' || value.trim() === '' ? null : value.trim());
const coordinate = (value: FormValue | undefined) => (typeof value === 'string' ? value : '');

/**
 * The inputs for a facility, or for a new one at `lage` (the draft on the map) with
 * `draftCategory` chosen; a new facility starts from the fields' defaults.
 */
export function valuesOf(facility: FacilityFields | null, lage: [number, number] | null, draftCategory: string | null = null): FormValues {
  const values: Record<string, FormValue> = {};
  for (const key of FIELD_KEYS) {
    const definition = fieldDefinition(key);
    const value = facility ? facility[key] : definition.default === REQUIRED ? undefined : definition.default;
    Object.assign(values, inputsOf(definition.form, key, value, { lage, draftCategory }));
  }
  return values;
}

function inputsOf(form: FormWidget, key: FieldKey, value: unknown, draft: { lage: [number, number] | null; draftCategory: string | null }): Record<string, FormValue> {
  switch (form.kind) {
    case 'category':
      return { [key]: text(value ?? draft.draftCategory) };
    case 'select':
      return { [key]: text(value ?? form.options[0]) };
    case 'checkboxes':
      return { [key]: [...((value as readonly string[] | undefined) ?? [])] };
    case 'funding': {
      const funding = value as FacilityFields['foerderung'] | undefined;
      return { [form.programm.id]: text(funding?.programm), [form.seit.id]: text(funding?.seit) };
    }
    case 'position': {
      const position = (value as [number, number] | undefined) ?? draft.lage ?? [0, 0];
      return positionInputs(form, position);
    }
    default:
      return { [key]: text(value) };
  }
}

function positionInputs(form: PositionWidget, [lng, lat]: readonly [number, number]): Record<string, string> {
  return { [form.lng.id]: lng.toFixed(6), [form.lat.id]: lat.toFixed(6) };
}

// The one field placed on the map: its inputs follow the draft while a new facility is placed.
const POSITION = (() => {
  const key = FIELD_KEYS.find((candidate) => fieldDefinition(candidate).form.kind === 'position');
  const form = key === undefined ? undefined : fieldDefinition(key).form;
  if (form?.kind !== 'position') throw new Error('The field registry has no position field');
  return form;
})();

/** The inputs with the location of the draft on the map (while a new facility is placed). */
export function withPosition(values: FormValues, lngLat: readonly [number, number]): FormValues {
  return { ...values, ...positionInputs(POSITION, lngLat) };
}

/** The location as typed, when both numbers can be read ("9,93" or "9.93"); else null. */
export function typedPosition(values: FormValues): [number, number] | null {
  const lng = coordinate(values[POSITION.lng.id]);
  const lat = coordinate(values[POSITION.lat.id]);
  const numbers: [number, number] = [Number(lng.replace(',', '.')), Number(lat.replace(',', '.'))];
  return lng.trim() !== '' && lat.trim() !== '' && numbers.every(Number.isFinite) ? numbers : null;
}

/** The value of a field from its inputs; messages of the widget's own checks go to `errors`. */
function fieldValue(definition: AnyFieldDefinition, key: FieldKey, values: FormValues, errors: FormErrors): unknown {
  const form = definition.form;
  const own = values[key];
  switch (form.kind) {
    case 'text':
      // A required text goes as typed, so that the schema can say what is missing ("Name fehlt").
      return definition.default === REQUIRED ? own : orNull(own);
    case 'textarea':
      return orNull(own);
    case 'integer': {
      const typed = typeof own === 'string' ? own : '';
      if (typed.trim() === '') return null;
      const number = Number(typed.replace(/\./g, '').replace(',', '.'));
      if (Number.isNaN(number)) errors[key] = form.invalid;
      return number;
    }
    case 'category':
      if (own === '') errors[key] = form.missing;
      return own;
    case 'select':
    case 'checkboxes':
      return own;
    case 'funding': {
      const programm = orNull(values[form.programm.id]);
      const seit = orNull(values[form.seit.id]);
      if (!programm && seit) errors[form.programm.id] = form.missingProgramm;
      return programm ? { programm, seit } : null;
    }
    case 'position': {
      const [lng, lat] = [form.lng, form.lat].map((input) => {
        const typed = coordinate(values[input.id]);
        const number = Number(typed.replace(',', '.'));
        if (typed.trim() === '' || Number.isNaN(number)) errors[input.id] = input.invalid;
        return number;
      }) as [number, number];
      return [Number(lng.toFixed(6)), Number(lat.toFixed(6))];
    }
  }
}

/** The input a schema issue belongs to, by its path (['foerderung', 'seit'] → foerderungSeit). */
function inputOf(path: readonly PropertyKey[]): string {
  const [first, second] = path.map(String);
  if (first === undefined || !(FIELD_KEYS as readonly string[]).includes(first)) return 'form';
  const { form } = fieldDefinition(first as FieldKey);
  if (form.kind === 'funding') return second === 'seit' ? form.seit.id : form.programm.id;
  if (form.kind === 'position') return second === '1' ? form.lat.id : form.lng.id;
  return first;
}

/** Turns the inputs into facility fields, validated by the contract's schema (German messages). */
export function parseForm(values: FormValues): { fields: FacilityFields } | { errors: FormErrors } {
  const errors: FormErrors = {};
  const candidate = Object.fromEntries(FIELD_KEYS.map((key) => [key, fieldValue(fieldDefinition(key), key, values, errors)]));
  const parsed = FacilityFieldsSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[inputOf(issue.path)] ??= issue.message;
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { fields: parsed.data };
}
