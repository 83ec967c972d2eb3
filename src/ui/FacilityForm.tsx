import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { FACILITY_STATUSES, LOCATION_PRECISIONS, TARGET_GROUPS, type FacilityStatus, type LocationPrecision, type TargetGroup } from '../domain/facilities/catalog';
import { createLocator } from '../domain/facilities/locate';
import { FacilityFieldsSchema, type Facility, type FacilityFields } from '../domain/facilities/schema';
import { diffChanges, fieldsOf } from '../domain/resources/changes';
import { FIELD_LABELS, formatLngLat, precisionLabel } from '../domain/resources/labels';
import type { TerritoryFile } from '../domain/territory/types';
import { errorMessage } from '../state/api';
import { undoLastChange } from '../app/facilityActions';
import { useFacilityStore } from '../state/facilityStore';
import { useTerritoryStore } from '../state/territoryStore';
import { toast } from '../state/toastStore';
import { CategorySelect } from './common/CategorySelect';
import { PanelHeader } from './common/PanelHeader';
import { usePermissions } from './permissions';

/** What the inputs hold: text as typed, turned into FacilityFields on save. */
interface FormValues {
  name: string;
  category: string;
  traeger: string;
  status: FacilityStatus;
  strasse: string;
  plz: string;
  ort: string;
  telefon: string;
  email: string;
  web: string;
  zielgruppen: TargetGroup[];
  angebote: string;
  kapazitaet: string;
  foerderungProgramm: string;
  foerderungSeit: string;
  lng: string;
  lat: string;
  lagegenauigkeit: LocationPrecision;
  quelle: string;
  geprueftAm: string;
}

type Errors = Partial<Record<keyof FormValues | 'form', string>>;

const text = (value: string | null | undefined) => value ?? '';
const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

function valuesOf(facility: Facility | null, lage: [number, number] | null, draftCategory: string | null = null): FormValues {
  const position = facility?.lage ?? lage ?? [0, 0];
  return {
    name: text(facility?.name),
    category: text(facility?.category ?? draftCategory),
    traeger: text(facility?.traeger),
    status: facility?.status ?? 'in Betrieb',
    strasse: text(facility?.strasse),
    plz: text(facility?.plz),
    ort: text(facility?.ort),
    telefon: text(facility?.telefon),
    email: text(facility?.email),
    web: text(facility?.web),
    zielgruppen: [...(facility?.zielgruppen ?? [])],
    angebote: text(facility?.angebote),
    kapazitaet: facility?.kapazitaet === null || facility?.kapazitaet === undefined ? '' : String(facility.kapazitaet),
    foerderungProgramm: text(facility?.foerderung?.programm),
    foerderungSeit: text(facility?.foerderung?.seit),
    lng: position[0].toFixed(6),
    lat: position[1].toFixed(6),
    lagegenauigkeit: facility?.lagegenauigkeit ?? 'adresse',
    quelle: text(facility?.quelle),
    geprueftAm: text(facility?.geprueftAm),
  };
}

/** Maps a zod issue path to the input it belongs to. */
function inputOf(path: readonly PropertyKey[]): keyof FormValues | 'form' {
  const [first, second] = path.map(String);
  if (first === 'foerderung') return second === 'seit' ? 'foerderungSeit' : 'foerderungProgramm';
  if (first === 'lage') return second === '1' ? 'lat' : 'lng';
  if (first && first in FIELD_LABELS) return first as keyof FormValues;
  return 'form';
}

/** Turns the inputs into facility fields, validated by the contract's schema (German messages). */
export function parseForm(values: FormValues): { fields: FacilityFields } | { errors: Errors } {
  const errors: Errors = {};
  if (values.category === '') errors.category = 'Bitte eine Kategorie wählen';
  const kapazitaet = values.kapazitaet.trim() === '' ? null : Number(values.kapazitaet.replace(/\./g, '').replace(',', '.'));
  if (kapazitaet !== null && Number.isNaN(kapazitaet)) errors.kapazitaet = 'Bitte eine ganze Zahl eingeben';
  const lng = Number(values.lng.replace(',', '.'));
  const lat = Number(values.lat.replace(',', '.'));
  if (values.lng.trim() === '' || Number.isNaN(lng)) errors.lng = 'Länge als Dezimalzahl, z. B. 9,93';
  if (values.lat.trim() === '' || Number.isNaN(lat)) errors.lat = 'Breite als Dezimalzahl, z. B. 51,53';
  const programm = orNull(values.foerderungProgramm);
  const seit = orNull(values.foerderungSeit);
  if (!programm && seit) errors.foerderungProgramm = 'Programm fehlt (oder „seit“ leeren)';
  const candidate = {
    category: values.category,
    name: values.name,
    traeger: orNull(values.traeger),
    strasse: orNull(values.strasse),
    plz: orNull(values.plz),
    ort: orNull(values.ort),
    telefon: orNull(values.telefon),
    email: orNull(values.email),
    web: orNull(values.web),
    zielgruppen: values.zielgruppen,
    angebote: orNull(values.angebote),
    kapazitaet,
    status: values.status,
    foerderung: programm ? { programm, seit } : null,
    lage: [Number(lng.toFixed(6)), Number(lat.toFixed(6))],
    lagegenauigkeit: values.lagegenauigkeit,
    quelle: orNull(values.quelle),
    geprueftAm: orNull(values.geprueftAm),
  };
  const parsed = FacilityFieldsSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const input = inputOf(issue.path);
      errors[input] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { fields: parsed.data };
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

/** Create (facility null: the draft on the map) or edit a facility; all fields with German labels. */
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
  const [errors, setErrors] = useState<Errors>({});
  const creating = base === null;

  // The draft follows clicks on the map while adding.
  const lng = creating && draft ? draft[0].toFixed(6) : values.lng;
  const lat = creating && draft ? draft[1].toFixed(6) : values.lat;
  const shown: FormValues = { ...values, lng, lat };

  const lngNumber = Number(lng.replace(',', '.'));
  const latNumber = Number(lat.replace(',', '.'));
  const validPosition = lng.trim() !== '' && lat.trim() !== '' && Number.isFinite(lngNumber) && Number.isFinite(latNumber);
  const position: [number, number] | null = validPosition ? [lngNumber, latNumber] : null;
  const location = useMemo(
    () => (territory && validPosition ? locate(territory, [lngNumber, latNumber]) : null),
    [territory, validPosition, lngNumber, latNumber],
  );
  const gemeindeName = location?.gemeindeAgs ? territory?.gemeinden.features.find((f) => f.properties.ags === location.gemeindeAgs)?.properties.name : null;
  const sozialraumName = location?.sozialraumId ? summary?.byKey.get(`sozialraum:${location.sozialraumId}`)?.name : null;
  const allowedHere = location ? location.gemeindeAgs !== null && canEditAt(location.sozialraumId) : false;

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => {
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

  const input = (key: keyof FormValues, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <FormField id={key} label={label} error={errors[key]}>
      <input
        id={`facility-${key}`}
        value={shown[key] as string}
        onChange={(event) => set(key, event.target.value as never)}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={errors[key] ? `facility-${key}-error` : undefined}
        data-testid={`facility-field-${key}`}
        {...props}
      />
    </FormField>
  );

  return (
    <aside className="area-panel facility-panel facility-form-panel" data-testid="facility-form" aria-labelledby="facility-form-title">
      <PanelHeader
        kind={creating ? 'Neue Einrichtung' : 'Einrichtung bearbeiten'}
        title={creating ? values.name || 'Neue Einrichtung' : base.name}
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
        <fieldset>
          <legend>Grunddaten</legend>
          {input('name', 'Name *', { autoFocus: true, maxLength: 200 })}
          <FormField id="category" label="Kategorie *" error={errors.category}>
            <CategorySelect
              categories={categories}
              value={values.category}
              onChange={(id) => set('category', id)}
              emptyLabel="– bitte wählen –"
              withSymbol
              id="facility-category"
              testId="facility-field-category"
              invalid={errors.category !== undefined}
            />
          </FormField>
          {input('traeger', 'Träger', { maxLength: 200 })}
          <FormField id="status" label="Status" error={errors.status}>
            <select id="facility-status" value={values.status} onChange={(e) => set('status', e.target.value as FacilityStatus)} data-testid="facility-field-status">
              {FACILITY_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {status}
                </option>
              ))}
            </select>
          </FormField>
        </fieldset>

        <fieldset>
          <legend>Adresse und Kontakt</legend>
          {input('strasse', FIELD_LABELS.strasse, { autoComplete: 'off' })}
          <div className="field-row">
            {input('plz', FIELD_LABELS.plz, { inputMode: 'numeric', maxLength: 5, className: 'input-plz' })}
            {input('ort', FIELD_LABELS.ort)}
          </div>
          {input('telefon', FIELD_LABELS.telefon, { type: 'tel' })}
          {input('email', FIELD_LABELS.email, { type: 'email' })}
          {input('web', FIELD_LABELS.web, { type: 'url', placeholder: 'https://…' })}
        </fieldset>

        <fieldset>
          <legend>Angebot</legend>
          <div className="field" role="group" aria-labelledby="facility-zielgruppen-label">
            <span className="field__label" id="facility-zielgruppen-label">
              {FIELD_LABELS.zielgruppen}
            </span>
            <span className="checkbox-row">
              {TARGET_GROUPS.map((group) => (
                <label key={group} className="checkbox">
                  <input
                    type="checkbox"
                    checked={values.zielgruppen.includes(group)}
                    onChange={(e) =>
                      set('zielgruppen', e.target.checked ? TARGET_GROUPS.filter((g) => g === group || values.zielgruppen.includes(g)) : values.zielgruppen.filter((g) => g !== group))
                    }
                    data-testid={`facility-field-zielgruppe-${group}`}
                  />
                  {group}
                </label>
              ))}
            </span>
          </div>
          <FormField id="angebote" label={FIELD_LABELS.angebote} error={errors.angebote}>
            <textarea id="facility-angebote" rows={3} value={values.angebote} onChange={(e) => set('angebote', e.target.value)} maxLength={2000} data-testid="facility-field-angebote" />
          </FormField>
          {input('kapazitaet', FIELD_LABELS.kapazitaet, { inputMode: 'numeric', className: 'input-short' })}
          <div className="field-row">
            {input('foerderungProgramm', 'Förderprogramm', { placeholder: 'z. B. Familienzentrum Plus' })}
            {input('foerderungSeit', 'gefördert seit', { placeholder: 'JJJJ oder JJJJ-MM', className: 'input-short' })}
          </div>
        </fieldset>

        <fieldset>
          <legend>Lage</legend>
          {creating ? (
            <p className="hint" data-testid="facility-form-place-hint">
              Klicken Sie auf die Karte, um den Standort zu ändern.
            </p>
          ) : (
            <p className="hint">Koordinaten eingeben oder nach dem Speichern das Symbol auf der Karte ziehen.</p>
          )}
          <div className="field-row">
            {input('lat', 'Breite (°N)', { inputMode: 'decimal', readOnly: creating, className: 'input-coord' })}
            {input('lng', 'Länge (°O)', { inputMode: 'decimal', readOnly: creating, className: 'input-coord' })}
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
          <FormField id="lagegenauigkeit" label={FIELD_LABELS.lagegenauigkeit} error={errors.lagegenauigkeit}>
            <select
              id="facility-lagegenauigkeit"
              value={values.lagegenauigkeit}
              onChange={(e) => set('lagegenauigkeit', e.target.value as LocationPrecision)}
              data-testid="facility-field-lagegenauigkeit"
            >
              {LOCATION_PRECISIONS.map((precision) => (
                <option key={precision} value={precision}>
                  {precisionLabel(precision)}
                </option>
              ))}
            </select>
          </FormField>
        </fieldset>

        <fieldset>
          <legend>Herkunft</legend>
          {input('quelle', FIELD_LABELS.quelle, { placeholder: 'z. B. Trägerliste 2024, Telefonat' })}
          {input('geprueftAm', FIELD_LABELS.geprueftAm, { type: 'date', className: 'input-short' })}
        </fieldset>

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
