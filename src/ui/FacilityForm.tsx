import { Fragment, useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import type { FormWidget, InputAttributes, NamedInput, PositionWidget } from '../domain/facilities/fieldDefinition';
import { fieldDefinition, type FieldKey } from '../domain/facilities/fields';
import { createLocator } from '../domain/facilities/locate';
import type { Facility } from '../domain/facilities/schema';
import { diffChanges, fieldsOf } from '../domain/resources/changes';
import { FORM_LAYOUT, mustFill, parseForm, typedPosition, valuesOf, withPosition, type FormErrors, type FormValue, type FormValues } from '../domain/resources/formValues';
import { FIELD_LABELS, formatLngLat } from '../domain/resources/labels';
import type { TerritoryFile } from '../domain/territory/types';
import { errorMessage } from '../state/api';
import { undoLastChange } from '../app/facilityActions';
import { useFacilityStore } from '../state/facilityStore';
import { useTerritoryStore } from '../state/territoryStore';
import { toast } from '../state/toastStore';
import { CategorySelect } from './common/CategorySelect';
import { PanelHeader } from './common/PanelHeader';
import { usePermissions } from './permissions';

const WIDTH_CLASSES: Record<NonNullable<InputAttributes['width']>, string> = { short: 'input-short', postcode: 'input-plz', coordinate: 'input-coord' };

function attributesOf(input: InputAttributes | undefined): InputHTMLAttributes<HTMLInputElement> {
  if (!input) return {};
  const { width, focus, ...rest } = input;
  return { ...rest, className: width && WIDTH_CLASSES[width], autoFocus: focus };
}

const locators = new WeakMap<TerritoryFile, ReturnType<typeof createLocator>>();
function locate(territory: TerritoryFile, lngLat: [number, number]) {
  let locator = locators.get(territory);
  if (!locator) {
    locator = createLocator(territory);
    locators.set(territory, locator);
  }
  return locator(lngLat);
}

/**
 * Create (facility null: the draft on the map) or edit a facility; all fields with German
 * labels, drawn from the field registry's widget descriptions (domain/facilities/fields.ts).
 */
export function FacilityForm({ facility }: { facility: Facility | null }) {
  const categories = useFacilityStore((state) => state.categories);
  const draft = useFacilityStore((state) => state.draft);
  const draftCategory = useFacilityStore((state) => state.draftCategory);
  const busy = useFacilityStore((state) => state.busy);
  const territory = useTerritoryStore((state) => state.territory);
  const summary = useTerritoryStore((state) => state.summary);
  const { canEditAt } = usePermissions();
  // The facility as the user saw it when opening the form: its version is the base of the save.
  const [base] = useState(facility);
  const [values, setValues] = useState<FormValues>(() => valuesOf(facility, draft, draftCategory));
  const [errors, setErrors] = useState<FormErrors>({});
  const creating = base === null;

  // The draft follows clicks on the map while adding.
  const shown = creating && draft ? withPosition(values, draft) : values;

  // Locating a point is a lookup in a prepared index (cached per territory), cheap per render.
  const position = typedPosition(shown);
  const location = territory && position ? locate(territory, position) : null;
  const gemeindeName = location?.gemeindeAgs ? territory?.gemeinden.features.find((f) => f.properties.ags === location.gemeindeAgs)?.properties.name : null;
  const sozialraumName = location?.sozialraumId ? summary?.byKey.get(`sozialraum:${location.sozialraumId}`)?.name : null;
  const allowedHere = location ? location.gemeindeAgs !== null && canEditAt(location.sozialraumId) : false;

  const set = (key: string, value: FormValue) => {
    setValues((previous) => ({ ...previous, [key]: value }));
    setErrors((previous) => (previous[key] ? { ...previous, [key]: undefined } : previous));
  };

  const close = () => {
    const store = useFacilityStore.getState();
    if (creating) store.cancelAdd();
    else store.stopEdit();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseForm(shown);
    if ('errors' in parsed) {
      setErrors({ ...parsed.errors, form: 'Bitte die markierten Felder prüfen.' });
      return;
    }
    const store = useFacilityStore.getState();
    try {
      if (creating) {
        const created = await store.perform({ kind: 'create', fields: parsed.fields });
        if (created) {
          store.select(created.id);
          toast.success(`„${created.name}“ angelegt.`, { label: 'Rückgängig', run: () => void undoLastChange() });
        }
        return;
      }
      const changes = diffChanges(fieldsOf(base), parsed.fields);
      if (Object.keys(changes).length === 0) {
        store.stopEdit();
        return;
      }
      const saved = await store.perform({ kind: 'update', facilityId: base.id, changes }, base);
      // null: a conflict; the dialog now holds the user's changes.
      store.stopEdit();
      if (saved) toast.success(`„${saved.name}“ gespeichert (Version ${saved.version}).`, { label: 'Rückgängig', run: () => void undoLastChange() });
    } catch (error) {
      setErrors({ form: errorMessage(error) });
    }
  };

  const input = (id: string, label: string, props: InputHTMLAttributes<HTMLInputElement> = {}) => (
    <FormField key={id} id={id} label={label} error={errors[id]}>
      <input
        id={`facility-${id}`}
        value={shown[id] as string}
        onChange={(event) => set(id, event.target.value)}
        aria-invalid={errors[id] ? true : undefined}
        aria-describedby={errors[id] ? `facility-${id}-error` : undefined}
        data-testid={`facility-field-${id}`}
        {...props}
      />
    </FormField>
  );
  const named = ({ id, label, input: attributes }: NamedInput, extra: InputHTMLAttributes<HTMLInputElement> = {}) => input(id, label, { ...attributesOf(attributes), ...extra });

  const positionInputs = (form: PositionWidget) => (
    <>
      {creating ? (
        <p className="hint" data-testid="facility-form-place-hint">
          Klicken Sie auf die Karte, um den Standort zu ändern.
        </p>
      ) : (
        <p className="hint">Koordinaten eingeben oder nach dem Speichern das Symbol auf der Karte ziehen.</p>
      )}
      <div className="field-row">
        {named(form.lat, { readOnly: creating })}
        {named(form.lng, { readOnly: creating })}
      </div>
      {position && (
        <p className="location-line" data-testid="facility-form-location">
          {formatLngLat(position)} ·{' '}
          {location?.gemeindeAgs ? (
            <>
              Gemeinde {gemeindeName}
              {sozialraumName ? `, Sozialraum ${sozialraumName}` : ', außerhalb der Sozialräume'}
            </>
          ) : (
            <strong className="text-error">außerhalb des Landkreises</strong>
          )}
        </p>
      )}
      {location?.gemeindeAgs && !allowedHere && (
        <p className="form-warning">Dieser Standort liegt außerhalb Ihrer Zuständigkeit; der Server wird das Speichern ablehnen.</p>
      )}
    </>
  );

  const widget = (key: FieldKey, form: FormWidget): ReactNode => {
    const label = `${FIELD_LABELS[key]}${mustFill(key) ? ' *' : ''}`;
    const value = shown[key];
    switch (form.kind) {
      case 'text':
      case 'integer':
        return input(key, label, attributesOf(form.input));
      case 'textarea':
        return (
          <FormField key={key} id={key} label={label} error={errors[key]}>
            <textarea id={`facility-${key}`} rows={form.rows} value={value as string} onChange={(e) => set(key, e.target.value)} maxLength={form.maxLength} data-testid={`facility-field-${key}`} />
          </FormField>
        );
      case 'select':
        return (
          <FormField key={key} id={key} label={label} error={errors[key]}>
            <select id={`facility-${key}`} value={value as string} onChange={(e) => set(key, e.target.value)} data-testid={`facility-field-${key}`}>
              {form.options.map((option) => (
                <option key={option} value={option}>
                  {form.optionLabels?.[option] ?? option}
                </option>
              ))}
            </select>
          </FormField>
        );
      case 'category':
        return (
          <FormField key={key} id={key} label={label} error={errors[key]}>
            <CategorySelect
              categories={categories}
              value={value as string}
              onChange={(id) => set(key, id)}
              emptyLabel="– bitte wählen –"
              withSymbol
              id={`facility-${key}`}
              testId={`facility-field-${key}`}
              invalid={errors[key] !== undefined}
            />
          </FormField>
        );
      case 'checkboxes': {
        const chosen = value as readonly string[];
        return (
          <div key={key} className="field" role="group" aria-labelledby={`facility-${key}-label`}>
            <span className="field__label" id={`facility-${key}-label`}>
              {label}
            </span>
            <span className="checkbox-row">
              {form.options.map((option) => (
                <label key={option} className="checkbox">
                  <input
                    type="checkbox"
                    checked={chosen.includes(option)}
                    onChange={(e) =>
                      set(key, e.target.checked ? form.options.filter((other) => other === option || chosen.includes(other)) : chosen.filter((other) => other !== option))
                    }
                    data-testid={`facility-field-${form.optionTestId}-${option}`}
                  />
                  {option}
                </label>
              ))}
            </span>
          </div>
        );
      }
      case 'funding':
        return (
          <div key={key} className="field-row">
            {named(form.programm)}
            {named(form.seit)}
          </div>
        );
      case 'position':
        return <Fragment key={key}>{positionInputs(form)}</Fragment>;
      default:
        return unknownWidget(form);
    }
  };

  return (
    <aside className="area-panel facility-panel facility-form-panel" data-testid="facility-form" aria-labelledby="facility-form-title">
      <PanelHeader
        kind={creating ? 'Neue Einrichtung' : 'Einrichtung bearbeiten'}
        title={creating ? (values.name as string) || 'Neue Einrichtung' : base.name}
        titleId="facility-form-title"
        onClose={close}
        closeLabel="Abbrechen"
        closeTitle="Abbrechen"
      />
      <form className="form" onSubmit={submit} noValidate>
        {errors.form && (
          <p className="form-error" role="alert" data-testid="facility-form-error">
            {errors.form}
          </p>
        )}
        {FORM_LAYOUT.map(({ section, rows }) => (
          <fieldset key={section}>
            <legend>{section}</legend>
            {rows.map((row) =>
              row.length === 1 ? (
                widget(row[0]!, fieldDefinition(row[0]!).form)
              ) : (
                <div key={row.join(' ')} className="field-row">
                  {row.map((key) => widget(key, fieldDefinition(key).form))}
                </div>
              ),
            )}
          </fieldset>
        ))}

        <div className="form-actions form-actions--sticky">
          <button type="button" className="button" onClick={close} data-testid="facility-form-cancel">
            Abbrechen
          </button>
          <button type="submit" className="button button--primary" disabled={busy} data-testid="facility-form-save">
            {busy ? 'Speichern …' : creating ? 'Anlegen' : 'Speichern'}
          </button>
        </div>
      </form>
    </aside>
  );
}

// A widget kind added to the registry's description but not drawn here fails the type check.
function unknownWidget(form: never): never {
  throw new Error(`Unknown form widget ${JSON.stringify(form)}`);
}

function FormField({ id, label, error, children }: { id: string; label: string; error: string | undefined; children: ReactNode }) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={`facility-${id}`}>
        {label}
      </label>
      {children}
      {error && (
        <span className="field__error" id={`facility-${id}-error`} data-testid={`facility-error-${id}`}>
          {error}
        </span>
      )}
    </div>
  );
}
