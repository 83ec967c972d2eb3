import { useReducer, useRef, useState } from 'react';
import { formatInteger } from '../domain/format';
import { TARGET_FIELD_LABELS, type TargetField } from '../domain/import/index';
import { blockingCount, reportSummary, wizardStepIndex } from '../domain/import/wizard';
import type { ImportBatch } from '../domain/facilities/responses';
import type { CheckedImportRow } from '../domain/resources/importSteps';
import {
  FACILITY_FIELD_GROUPS,
  facilityImportReducer,
  facilityMappingProblems,
  initialFacilityImportState,
  isFieldOffered,
  readyToCheck,
  sendableRows,
  unassignedCategories,
} from '../domain/resources/importWizard';
import { useFacilityStore } from '../state/facilityStore';
import { useDialogStore } from '../state/dialogStore';
import { batchTitle, checkFacilityImport, commitFacilityImport, readFacilityImportFile, restoreImport, undoImport } from '../state/importActions';
import { useTerritoryStore } from '../state/territoryStore';
import { Modal } from './Modal';
import { FacilityImportOptions } from './import/FacilityImportOptions';
import { FileStep } from './import/FileStep';
import { MappingStep } from './import/MappingStep';
import { DuplicateComparison } from './import/DuplicateComparison';
import { ProgressStep } from './import/ProgressStep';
import { ReportStep, type ReportColumn } from './import/ReportStep';
import { WizardSteps } from './import/WizardSteps';
import { useBusyAction } from './common/useBusyAction';

const STEP_LABELS = ['Datei wählen', 'Spalten zuordnen', 'Prüfen und importieren'];
const ACCEPT = '.csv,.txt,.tsv,.geojson,.json,text/csv,application/geo+json,application/json';

/**
 * The facility import: file → preview and mapping → check (in the browser, then on the server)
 * → import all or nothing. The generic steps of src/ui/import are filled with the facility
 * import of domain/resources/importWizard.ts; the async work is in state/importActions.ts.
 */
export function ImportWizard({ onClose }: { onClose(): void }) {
  const territory = useTerritoryStore((state) => state.territory);
  const summary = useTerritoryStore((state) => state.summary);
  const categories = useFacilityStore((state) => state.categories);
  const [state, dispatch] = useReducer(facilityImportReducer, undefined, initialFacilityImportState);
  const abort = useRef<AbortController | null>(null);
  const { step, preview } = state;

  const check = () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    void checkFacilityImport(state, dispatch, controller.signal);
  };

  const close = () => {
    abort.current?.abort();
    onClose();
  };

  if (!territory || !summary) return null;

  const categoryLabel = (id: string) => categories.find((category) => category.id === id)?.label ?? id;
  const sozialraumName = (id: string | null) => (id ? (summary.byKey.get(`sozialraum:${id}`)?.name ?? id) : '–');
  const columns: ReportColumn<CheckedImportRow>[] = [
    { header: 'Name', cell: (row) => row.fields.name ?? '–' },
    { header: 'Kategorie', cell: (row) => (row.fields.category ? categoryLabel(row.fields.category) : '–') },
    // Only rows the server checked have a Sozialraum.
    { header: 'Sozialraum', cell: (row) => (row.facility ? sozialraumName(row.sozialraumId) : '–') },
  ];
  const unassigned = unassignedCategories(state, categories);
  const noun = preview?.kind === 'geojson' ? 'Objekt' : 'Zeile';
  const report = step.kind === 'report' ? step.rows : [];
  const repeated = report.filter((row) => row.repeatsLine !== null).length;
  const duplicates = report.filter((row) => row.duplicateOf !== null).length;

  return (
    <Modal title="Einrichtungen importieren" onClose={close} wide testId="import-dialog">
      <WizardSteps labels={STEP_LABELS} current={wizardStepIndex(step)} />

      {(step.kind === 'file' || step.kind === 'mapping') && (
        <FileStep
          fileName={state.fileName}
          fileError={state.fileError}
          preview={preview}
          prompt={<>CSV-Datei (z. B. aus Excel „CSV (Trennzeichen-getrennt)“) oder GeoJSON hierher ziehen – oder</>}
          accept={ACCEPT}
          onFile={(file) => void readFacilityImportFile(file, dispatch)}
        />
      )}

      {step.kind === 'mapping' && preview && (
        <MappingStep<TargetField>
          preview={preview}
          mapping={state.mapping}
          groups={FACILITY_FIELD_GROUPS}
          labels={TARGET_FIELD_LABELS}
          isOffered={(field) => isFieldOffered(field, preview.kind)}
          onMap={(field, column) => dispatch({ type: 'columnMapped', field, column })}
          problems={facilityMappingProblems(state)}
          actionHint={unassigned.length > 0 && <span className="hint">{unassigned.length} Kategorie-Werte ohne Zuordnung</span>}
          canCheck={readyToCheck(state)}
          onCancel={close}
          onCheck={check}
        >
          <FacilityImportOptions state={state} dispatch={dispatch} categories={categories} />
        </MappingStep>
      )}

      {step.kind === 'checking' && (
        <ProgressStep
          done={step.done}
          total={step.total}
          phase={step.phase}
          serverLabel={step.label}
          serverText="Prüfe auf dem Server (Landkreis, Zuständigkeit, Duplikate) …"
        />
      )}

      {state.imported && <ImportDone batch={state.imported} onClose={close} />}

      {step.kind === 'report' && !state.imported && (
        <ReportStep
          rows={step.rows}
          kind={preview?.kind ?? 'csv'}
          summary={reportSummary(state)}
          columns={columns}
          skipErrors={state.skipErrors}
          onSkipErrors={(skipErrors) => dispatch({ type: 'skipErrorsSet', skipErrors })}
          excluded={state.excluded}
          onInclude={(line, included) => dispatch({ type: 'rowIncluded', line, included })}
          blocking={blockingCount(state)}
          sendableCount={sendableRows(state).length}
          commitLabel={(count) => `${formatInteger(count)} Einrichtungen importieren`}
          commitError={state.commitError}
          busy={state.busy}
          progressText={state.commitProgress && `${state.commitProgress.label} … ${formatInteger(state.commitProgress.done)} von ${formatInteger(state.commitProgress.total)}`}
          notice={
            repeated + duplicates > 0 && (
              <p className="form-warning" data-testid="import-deselected-note">
                Nicht angehakt und damit nicht übernommen:{' '}
                {[
                  repeated > 0 && `${formatInteger(repeated)} ${repeated === 1 ? `${noun}, die eine frühere genau wiederholt` : `${noun}n, die eine frühere genau wiederholen`}`,
                  duplicates > 0 && `${formatInteger(duplicates)} mögliche Duplikate von Einrichtungen in der Datenbank (unten jeweils nebeneinander)`,
                ]
                  .filter(Boolean)
                  .join('; ')}
                . Wer doch übernommen werden soll, bekommt einen Haken.
              </p>
            )
          }
          details={(row) =>
            row.duplicateOf && <DuplicateComparison line={row.line} noun={noun} row={row.fields} facility={row.duplicateOf} categoryLabel={categoryLabel} />
          }
          onBack={() => dispatch({ type: 'backToMapping' })}
          onCommit={() => void commitFacilityImport(state, dispatch)}
        />
      )}
    </Modal>
  );
}

/** After the import: which batch was created, and undoing it (or restoring it) with one action. */
function ImportDone({ batch, onClose }: { batch: ImportBatch; onClose(): void }) {
  const [current, setCurrent] = useState(batch);
  const { busy, act } = useBusyAction();
  const showDialog = useDialogStore((state) => state.show);
  const undo = () =>
    act(async () => {
      const outcome = await undoImport(current);
      // Right after the import nobody can have changed its facilities; otherwise the list asks.
      if (outcome.kind === 'ask') showDialog('imports');
      else setCurrent(outcome.batch);
    });
  const restore = () => act(async () => setCurrent(await restoreImport(current)));
  const undone = current.status === 'rueckgaengig';
  return (
    <div className="import-done" data-testid="import-done" data-batch={current.id} data-status={current.status}>
      <p className="form-success" role="status" data-testid="import-success">
        {undone
          ? `${batchTitle(current)} rückgängig gemacht: die ${formatInteger(current.zeilen)} Einrichtungen sind gelöscht und wiederherstellbar.`
          : `${formatInteger(current.zeilen)} Einrichtungen importiert: ${batchTitle(current)}, von ${current.von}.`}
      </p>
      <p className="hint">Alle Importe mit Datum, Datei und Person stehen unter „Importe“; dort lässt sich jeder als Ganzes rückgängig machen.</p>
      <div className="form-actions">
        <button type="button" className="button" onClick={() => showDialog('imports')} data-testid="import-show-batches">
          Importe anzeigen
        </button>
        {undone ? (
          <button type="button" className="button" onClick={() => void restore()} disabled={busy} data-testid="import-restore">
            Wiederherstellen
          </button>
        ) : (
          <button type="button" className="button" onClick={() => void undo()} disabled={busy} data-testid="import-undo">
            Import rückgängig machen
          </button>
        )}
        <button type="button" className="button button--primary" onClick={onClose} data-testid="import-done-close">
          Schließen
        </button>
      </div>
    </div>
  );
}
