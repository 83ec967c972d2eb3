import { useState, type ReactNode } from 'react';
import type { IndicatorDefinition } from '../../domain/indicators/catalog';
import {
  checkDefinition,
  definitionValues,
  DEFINITION_FIELD_LABELS,
  emptyDefinitionValues,
  fieldsFor,
  idFromName,
  KIND_LABELS,
  LEVEL_LABELS,
  POLARITY_LABELS,
  TIME_REFERENCE_LABELS,
  type DefinitionField,
  type DefinitionFormValues,
} from '../../domain/indicators/definitionForm';
import type { CatalogueItem } from '../../domain/indicators/schema';
import { deleteOwnDefinition, reloadCatalogue, saveOwnDefinition } from '../../state/indicatorDefinitionActions';
import { useIndicatorStore } from '../../state/indicatorStore';
import { useBusyAction } from '../common/useBusyAction';
import { Modal } from '../Modal';

type Errors = Partial<Record<DefinitionField, string>>;

/**
 * „Eigene Kennzahlen“: the planners' own definitions of the district, to add, change and delete;
 * the shipped ones are maintained in geodata/ and only listed. Checked in German with the API's
 * schema before anything is sent; a change someone else made meanwhile is said, with reloading.
 */
export function OwnIndicatorDialog({ onClose }: { onClose(): void }) {
  const catalogue = useIndicatorStore((state) => state.catalogue.data);
  const items = catalogue?.kennzahlen ?? [];
  const own = items.filter((item) => item.herkunft === 'eigene');
  const shipped = items.length - own.length;
  // null: a new Kennzahl; otherwise the id of the own one being edited.
  const [editing, setEditing] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const current = editing === null ? null : (own.find((item) => item.id === editing) ?? null);

  const open = (id: string | null) => {
    setEditing(id);
    setFormKey((key) => key + 1);
  };

  return (
    <Modal title="Eigene Kennzahlen" onClose={onClose} wide testId="own-indicator-dialog">
      <div className="own-indicators">
        <nav aria-label="Eigene Kennzahlen">
          <ul className="own-indicators__list" data-testid="own-indicator-list">
            {own.map((item) => (
              <li key={item.id}>
                <button type="button" className="link-button" aria-current={item.id === editing ? 'true' : undefined} onClick={() => open(item.id)} data-id={item.id} data-testid="own-indicator-edit">
                  {item.name}
                </button>
              </li>
            ))}
            {own.length === 0 && <li className="hint">Noch keine eigene Kennzahl.</li>}
          </ul>
          <p>
            <button type="button" className="button" onClick={() => open(null)} data-testid="own-indicator-new">
              Neue Kennzahl
            </button>
          </p>
          <p className="hint">
            Die {shipped} mitgelieferten Kennzahlen werden geprüft mit dem Atlas gepflegt (geodata/{catalogue?.district ?? '…'}/kennzahlen.json) und sind hier nicht änderbar.
          </p>
        </nav>
        {editing !== null && !current ? (
          <p className="hint" role="status">
            Diese Kennzahl gibt es nicht mehr.
          </p>
        ) : (
          <DefinitionForm
            key={formKey}
            item={current}
            others={items.filter((item) => item.id !== editing).map((item) => item.kennzahl)}
            onSaved={(id) => {
              setEditing(id);
              setFormKey((key) => key + 1);
            }}
            onDeleted={() => open(null)}
            onClose={onClose}
          />
        )}
      </div>
    </Modal>
  );
}

interface DefinitionFormProps {
  /** The own Kennzahl being changed; null: a new one. */
  item: CatalogueItem | null;
  others: readonly IndicatorDefinition[];
  onSaved(id: string): void;
  onDeleted(): void;
  onClose(): void;
}

function DefinitionForm({ item, others, onSaved, onDeleted, onClose }: DefinitionFormProps) {
  const [values, setValues] = useState<DefinitionFormValues>(() => (item ? definitionValues(item.kennzahl) : emptyDefinitionValues()));
  const [idTouched, setIdTouched] = useState(item !== null);
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [conflict, setConflict] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { busy, act } = useBusyAction();
  const isNew = item === null;
  const counts = others.filter((definition) => definition.art === 'anzahl');

  const set = <K extends DefinitionField>(field: K, value: DefinitionFormValues[K]) =>
    setValues((previous) => {
      const next = { ...previous, [field]: value };
      if (field === 'name' && !idTouched) next.id = idFromName(String(value));
      return next;
    });

  const submit = () =>
    act(async () => {
      const checked = checkDefinition(values, others, { base: item?.kennzahl ?? null });
      if (!checked.ok) {
        setErrors(checked.errors);
        setGeneral(checked.general);
        return;
      }
      setErrors({});
      setGeneral([]);
      const outcome = await saveOwnDefinition(checked.definition, item?.version ?? null);
      if (outcome.kind === 'saved') onSaved(outcome.definition.id);
      else if (outcome.kind === 'conflict') setConflict(outcome.message);
      else if (outcome.kind === 'failed') {
        if (outcome.idTaken) setErrors({ id: outcome.message });
        else setGeneral([outcome.message]);
      }
    });

  const remove = () =>
    act(async () => {
      if (!item) return;
      const outcome = await deleteOwnDefinition(item.id, item.name, item.version);
      if (outcome.kind === 'deleted') onDeleted();
      else if (outcome.kind === 'conflict') setConflict(outcome.message);
      else if (outcome.kind === 'failed') setGeneral([outcome.message]);
      setConfirmDelete(false);
    });

  const reload = () =>
    act(async () => {
      await reloadCatalogue();
      // The form opens again on the current version (or as new, when it is gone).
      if (item) onSaved(item.id);
      else onDeleted();
    });

  const fieldId = (field: DefinitionField) => `definition-${field}`;
  const wrap = (field: DefinitionField, control: ReactNode) => (
    <div key={field} className={`field${errors[field] ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={fieldId(field)}>
        {DEFINITION_FIELD_LABELS[field]}
      </label>
      {control}
      {errors[field] && (
        <span className="field__error" id={`${fieldId(field)}-error`} data-testid={`definition-error-${field}`}>
          {errors[field]}
        </span>
      )}
    </div>
  );
  const common = (field: DefinitionField) => ({
    id: fieldId(field),
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': errors[field] ? `${fieldId(field)}-error` : undefined,
    'data-testid': `definition-field-${field}`,
    disabled: busy,
  });
  const text = (field: Exclude<DefinitionField, 'negativZulaessig' | 'art' | 'ebene' | 'polaritaet' | 'zeitbezug'>, extra: { readOnly?: boolean; multiline?: boolean } = {}) =>
    wrap(
      field,
      extra.multiline ? (
        <textarea rows={2} value={values[field]} onChange={(event) => set(field, event.target.value)} {...common(field)} />
      ) : (
        <input
          value={values[field]}
          readOnly={extra.readOnly}
          onChange={(event) => {
            if (field === 'id') setIdTouched(true);
            set(field, event.target.value);
          }}
          {...common(field)}
        />
      ),
    );
  const choice = <K extends 'art' | 'ebene' | 'polaritaet' | 'zeitbezug'>(field: K, labels: Record<DefinitionFormValues[K], string>) =>
    wrap(
      field,
      <select value={values[field]} onChange={(event) => set(field, event.target.value as DefinitionFormValues[K])} {...common(field)}>
        {(Object.keys(labels) as DefinitionFormValues[K][]).map((key) => (
          <option key={key} value={key}>
            {labels[key]}
          </option>
        ))}
      </select>,
    );
  const countOptions = counts.map((definition) => (
    <option key={definition.id} value={definition.id}>
      {definition.name} (je {LEVEL_LABELS[definition.ebene]})
    </option>
  ));
  const weight = () =>
    wrap(
      'gewicht',
      <select value={values.gewicht} onChange={(event) => set('gewicht', event.target.value)} {...common('gewicht')}>
        <option value="">– Anzahl wählen –</option>
        {countOptions}
      </select>,
    );
  // Several counts may be summed (Strg/Umschalt + Klick, or Leertaste with the arrow keys).
  const counted = (field: 'zaehler' | 'nenner') =>
    wrap(
      field,
      <select multiple size={6} value={values[field]} onChange={(event) => set(field, [...event.target.selectedOptions].map((option) => option.value))} {...common(field)}>
        {countOptions}
      </select>,
    );

  const shown = new Set(fieldsFor(values.art));
  return (
    <form
      className="definition-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      data-testid="definition-form"
      data-mode={isNew ? 'neu' : 'bearbeiten'}
    >
      <h3>{isNew ? 'Neue Kennzahl' : `„${item.name}“ bearbeiten`}</h3>
      {conflict && (
        <div className="form-error" role="alert" data-testid="definition-conflict">
          <p>{conflict}</p>
          <button type="button" className="button" onClick={() => void reload()} disabled={busy} data-testid="definition-reload">
            Neu laden
          </button>
        </div>
      )}
      <fieldset>
        <legend>Was gezählt wird</legend>
        {text('name')}
        {text('id', { readOnly: !isNew })}
        {text('definition', { multiline: true })}
        <div className="field-row">
          {text('einheit')}
          {text('thema')}
        </div>
        {choice('art', KIND_LABELS)}
        {shown.has('ebene') && choice('ebene', LEVEL_LABELS)}
        {shown.has('gewicht') && weight()}
        {shown.has('zaehler') && (
          <div className="field-row">
            {counted('zaehler')}
            {counted('nenner')}
          </div>
        )}
        {shown.has('zaehler') && <p className="hint">Mehrere Anzahlen werden summiert: mit Strg bzw. Umschalt mehrere wählen.</p>}
        {shown.has('faktor') && text('faktor')}
        {shown.has('negativZulaessig') && (
          <label className="checkbox-line">
            <input type="checkbox" checked={values.negativZulaessig} onChange={(event) => set('negativZulaessig', event.target.checked)} data-testid="definition-field-negativZulaessig" disabled={busy} />
            {DEFINITION_FIELD_LABELS.negativZulaessig}
          </label>
        )}
        <div className="field-row">
          {choice('polaritaet', POLARITY_LABELS)}
          {choice('zeitbezug', TIME_REFERENCE_LABELS)}
        </div>
        {text('hinweis', { multiline: true })}
      </fieldset>
      <fieldset>
        <legend>Quelle</legend>
        {text('quelleTabelle')}
        <div className="field-row">
          {text('quelleHerausgeber')}
          {text('quelleLizenz')}
        </div>
        {text('quelleNamensnennung')}
      </fieldset>
      {general.length > 0 && (
        <ul className="form-error problem-list" role="alert" data-testid="definition-problems">
          {general.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      {Object.keys(errors).length > 0 && general.length === 0 && (
        <p className="form-error" role="alert" data-testid="definition-invalid">
          Bitte die markierten Felder prüfen.
        </p>
      )}
      <div className="form-actions">
        {!isNew &&
          (confirmDelete ? (
            <>
              <span className="hint">„{item.name}“ wirklich löschen?</span>
              <button type="button" className="button button--danger" onClick={() => void remove()} disabled={busy} data-testid="definition-delete-confirm">
                Ja, löschen
              </button>
              <button type="button" className="button" onClick={() => setConfirmDelete(false)} disabled={busy}>
                Nein
              </button>
            </>
          ) : (
            <button type="button" className="button" onClick={() => setConfirmDelete(true)} disabled={busy} data-testid="definition-delete">
              Löschen …
            </button>
          ))}
        <button type="button" className="button" onClick={onClose} disabled={busy}>
          Schließen
        </button>
        <button type="submit" className="button button--primary" disabled={busy} data-testid="definition-save">
          {isNew ? 'Anlegen' : 'Speichern'}
        </button>
      </div>
    </form>
  );
}
