import type { ReactNode } from 'react';
import type { FieldMapping, TargetFieldGroup, WizardPreview } from '../../domain/import/wizard';
import { PreviewTable } from './PreviewTable';

interface MappingStepProps<Field extends string> {
  preview: WizardPreview<Field>;
  mapping: FieldMapping<Field>;
  /** The target fields, grouped, in the order offered. */
  groups: readonly TargetFieldGroup<Field>[];
  labels: Readonly<Record<Field, string>>;
  /** Fields of a group not offered for this file (e.g. coordinate columns of a GeoJSON file). */
  isOffered?(field: Field): boolean;
  /** `column` null: not mapped any more. */
  onMap(field: Field, column: number | null): void;
  /** What the concrete import asks besides the columns (coordinate system, categories …). */
  children?: ReactNode;
  /** Why the mapping cannot be used yet, as German sentences. */
  problems: readonly string[];
  /** A note beside the buttons. */
  actionHint?: ReactNode;
  canCheck: boolean;
  onCancel(): void;
  onCheck(): void;
}

/** The file's first rows and one column choice per target field, then the check. */
export function MappingStep<Field extends string>({
  preview,
  mapping,
  groups,
  labels,
  isOffered = () => true,
  onMap,
  children,
  problems,
  actionHint,
  canCheck,
  onCancel,
  onCheck,
}: MappingStepProps<Field>) {
  return (
    <>
      <h3>Vorschau der ersten Zeilen</h3>
      <PreviewTable headers={preview.headers} table={preview.table} />

      <h3>Spalten zuordnen</h3>
      {/* An import whose columns are assigned otherwise (Kennzahlen: column → Kennzahl) brings no groups, only its children. */}
      {groups.length > 0 && (
      <div className="mapping-grid" data-testid="import-mapping">
        {groups.map((group) => (
          <fieldset key={group.title}>
            <legend>{group.title}</legend>
            {group.fields.filter(isOffered).map((field) => (
              <label key={field} className="mapping-row">
                <span>{labels[field]}</span>
                <select
                  value={mapping[field] ?? ''}
                  onChange={(event) => onMap(field, event.target.value === '' ? null : Number(event.target.value))}
                  data-testid={`import-map-${field}`}
                >
                  <option value="">– nicht zugeordnet –</option>
                  {preview.headers.map((header, index) => (
                    <option key={index} value={index}>
                      {header}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </fieldset>
        ))}
      </div>
      )}
      {children}

      {problems.length > 0 && (
        <ul className="form-error problem-list" data-testid="import-mapping-problems">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <div className="form-actions">
        {actionHint}
        <button type="button" className="button" onClick={onCancel}>
          Abbrechen
        </button>
        <button type="button" className="button button--primary" disabled={!canCheck} onClick={onCheck} data-testid="import-check">
          Prüfen
        </button>
      </div>
    </>
  );
}
