import { useReducer, useRef } from 'react';
import { formatDecimal, formatInteger, formatIsoDate } from '../../domain/format';
import { blockingCount, reportSummary, wizardStepIndex } from '../../domain/import/wizard';
import type { IndicatorDefinition } from '../../domain/indicators/catalog';
import { dateLabel } from '../../domain/indicators/views';
import {
  assignmentProblems,
  importableDefinitions,
  importedMessage,
  indicatorImportReducer,
  initialIndicatorImportState,
  readyToCheck,
  sendableValueCount,
  type IndicatorImportState,
  type IndicatorReportRow,
} from '../../domain/indicators/importWizard';
import { checkIndicatorImportFile, commitIndicatorImportFile, readIndicatorImportFile, type IndicatorImportDispatch } from '../../state/indicatorImportActions';
import { useIndicatorStore } from '../../state/indicatorStore';
import { useTerritoryStore } from '../../state/territoryStore';
import { Modal } from '../Modal';
import { FileStep } from '../import/FileStep';
import { MappingStep } from '../import/MappingStep';
import { ProgressStep } from '../import/ProgressStep';
import { ReportStep, type ReportColumn } from '../import/ReportStep';
import { WizardSteps } from '../import/WizardSteps';

const STEP_LABELS = ['Datei wählen', 'Spalten zuordnen', 'Prüfen und importieren'];
const ACCEPT = '.csv,.txt,text/csv';
const NO_LABELS: Readonly<Record<string, string>> = {};

/**
 * „Kennzahlen importieren“: file → the value columns assigned to Kennzahlen → the server's
 * report per line → import all or nothing. The generic steps of src/ui/import are filled with
 * domain/indicators/importWizard.ts; the async work is in state/indicatorImportActions.ts.
 */
export function IndicatorImportWizard({ onClose }: { onClose(): void }) {
  const catalogue = useIndicatorStore((state) => state.catalogue.data);
  const territory = useTerritoryStore((state) => state.territory);
  const summary = useTerritoryStore((state) => state.summary);
  const [state, dispatch] = useReducer(indicatorImportReducer, undefined, initialIndicatorImportState);
  const abort = useRef<AbortController | null>(null);
  const { step, preview } = state;

  const definitions = catalogue?.kennzahlen.map((entry) => entry.kennzahl) ?? [];
  const names = new Map(definitions.map((definition) => [definition.id, definition.name]));
  const byId = new Map(definitions.map((definition) => [definition.id, definition]));
  const decimals = new Map(definitions.map((definition) => [definition.id, definition.nachkommastellen ?? (definition.art === 'anzahl' ? 0 : 1)]));
  const gemeinden = new Map(territory?.gemeinden.features.map((feature) => [feature.properties.ags, feature.properties.name]) ?? []);
  // The name breaks between words only; the key on its own line if need be.
  const areaName = (id: string | null) => {
    if (id === null) return '–';
    const name = summary?.byKey.get(`sozialraum:${id}`)?.name ?? summary?.byKey.get(`ausserhalb:${id}`)?.name ?? gemeinden.get(id) ?? (territory?.district.kreisAgs === id ? territory.district.name : null);
    if (!name) return id;
    return (
      <span className="area-name">
        {name} <span className="nowrap">({id})</span>
      </span>
    );
  };
  const valueText = (value: IndicatorReportRow['values'][number]) => {
    const figure = value.wert === null ? '–' : (decimals.get(value.kennzahl ?? '') ?? 0) === 0 && Number.isInteger(value.wert) ? formatInteger(value.wert) : formatDecimal(value.wert);
    return `${value.kennzahl ? (names.get(value.kennzahl) ?? value.kennzahl) : (value.spalte ?? '?')}: ${figure}`;
  };

  const check = () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    void checkIndicatorImportFile(state, dispatch, controller.signal);
  };
  const close = () => {
    abort.current?.abort();
    onClose();
  };

  // An area or date the server could not read is shown as the file writes it.
  const fileCells = new Map(preview?.table.rows.map((row) => [row.line, row.cells]) ?? []);
  const asWritten = (line: number, index: number) => {
    const text = fileCells.get(line)?.[index]?.trim();
    return text ? `„${text}“` : '–';
  };
  // A yearly average or sum is the year, as the Kennzahl's figures say it, not a day.
  const rowDate = (row: IndicatorReportRow, date: string) => {
    const definition = row.values.map((value) => (value.kennzahl ? byId.get(value.kennzahl) : undefined)).find((found) => found !== undefined);
    return definition && definition.zeitbezug !== 'stichtag' ? dateLabel(definition, date) : formatIsoDate(date);
  };
  const columns: ReportColumn<IndicatorReportRow>[] = [
    { header: 'Gebiet', cell: (row) => (row.gebiet ? areaName(row.gebiet) : asWritten(row.line, 0)) },
    { header: 'Stichtag / Jahr', cell: (row) => <span className="nowrap">{row.stichtag ? rowDate(row, row.stichtag) : asWritten(row.line, 1)}</span> },
    {
      header: 'Werte',
      cell: (row) => (
        <ul className="plain-list">
          {row.values.map((value, index) => (
            <li key={index} className="nowrap">
              {valueText(value)}
            </li>
          ))}
        </ul>
      ),
    },
  ];

  return (
    <Modal title="Kennzahlen importieren" onClose={close} wide testId="indicator-import-dialog">
      <WizardSteps labels={STEP_LABELS} current={state.imported ? 3 : wizardStepIndex(step)} />

      {(step.kind === 'file' || step.kind === 'mapping') && (
        <FileStep
          fileName={state.fileName}
          fileError={state.fileError}
          preview={preview}
          prompt={
            <>
              CSV-Datei mit Gebiet (Gemeindeschlüssel oder Sozialraum), Stichtag oder Jahr und einer Spalte je Kennzahl – oder einer Spalte „Kennzahl“ und „Wert“ – oder einen
              GENESIS-Export der Regionalstatistik hierher ziehen – oder
            </>
          }
          accept={ACCEPT}
          onFile={(file) => void readIndicatorImportFile(file, dispatch)}
        />
      )}
      {step.kind === 'file' && (
        <p className="hint">Nichts wird gespeichert, bevor Sie den Prüfbericht gesehen und „importieren“ gewählt haben.</p>
      )}

      {step.kind === 'mapping' && preview && (
        <MappingStep<string>
          preview={preview}
          mapping={state.mapping}
          groups={[]}
          labels={NO_LABELS}
          onMap={() => undefined}
          problems={assignmentProblems(state, names)}
          canCheck={readyToCheck(state)}
          onCancel={close}
          onCheck={check}
        >
          <ColumnAssignment state={state} dispatch={dispatch} definitions={importableDefinitions(definitions)} />
        </MappingStep>
      )}

      {step.kind === 'checking' && (
        <ProgressStep done={step.done} total={step.total} phase={step.phase} serverLabel={step.label} serverText="Der Server prüft die Datei (Gebiete, Kennzahlen, Zahlen, doppelte Werte) …" />
      )}

      {state.imported && (
        <div className="import-done" data-testid="indicator-import-done">
          <p className="form-success" role="status" data-testid="indicator-import-success">
            {importedMessage(state.imported, state.fileName)}
          </p>
          <p className="hint">Karte und Tabelle der Kennzahlen zeigen die neuen Werte; jeder Wert hat seine Versionen (wer, wann, vorher, nachher).</p>
          <div className="form-actions">
            <button type="button" className="button button--primary" onClick={close} data-testid="indicator-import-close" autoFocus>
              Schließen
            </button>
          </div>
        </div>
      )}

      {step.kind === 'report' && !state.imported && (
        <ReportStep
          rows={step.rows}
          kind="csv"
          summary={reportSummary(state)}
          columns={columns}
          skipErrors={state.skipErrors}
          onSkipErrors={(skipErrors) => dispatch({ type: 'skipErrorsSet', skipErrors })}
          excluded={state.excluded}
          onInclude={(line, included) => dispatch({ type: 'rowIncluded', line, included })}
          blocking={blockingCount(state)}
          sendableCount={sendableValueCount(state)}
          commitLabel={(count) => (count === 1 ? 'Einen Wert importieren' : `${formatInteger(count)} Werte importieren`)}
          commitError={state.commitError}
          busy={state.busy}
          notice={
            <>
              {state.notes.length > 0 && (
                <ul className="hint problem-list" data-testid="indicator-import-notes">
                  {state.notes.map((note) => (
                    <li key={note}>{note}</li>
                  ))}
                </ul>
              )}
              <p className="hint">Importiert wird alles oder nichts: Zeilen mit Fehlern bitte auslassen oder die Datei berichtigen. Bis dahin ist nichts gespeichert.</p>
            </>
          }
          onBack={() => dispatch({ type: 'backToMapping' })}
          onCommit={() => void commitIndicatorImportFile(state, dispatch)}
        />
      )}
    </Modal>
  );
}

/** One Kennzahl per value column (counts and means only: rates are computed from them). */
function ColumnAssignment({ state, dispatch, definitions }: { state: IndicatorImportState; dispatch: IndicatorImportDispatch; definitions: readonly IndicatorDefinition[] }) {
  const preview = state.preview!;
  if (preview.columns.length === 0) {
    return (
      <p className="hint" data-testid="indicator-import-long">
        Die Datei nennt die Kennzahl in jeder Zeile (Spalten „Kennzahl“ und „Wert“): keine Zuordnung nötig.
      </p>
    );
  }
  const themes = [...new Set(definitions.map((definition) => definition.thema))];
  return (
    <fieldset className="category-choices" data-testid="indicator-import-assignment">
      <legend>Welche Kennzahl steht in welcher Spalte?</legend>
      {preview.format === 'genesis' && preview.tabelle && (
        <p className="hint">
          GENESIS-Tabelle {preview.tabelle}
          {preview.titel ? ` – ${preview.titel}` : ''}
        </p>
      )}
      {preview.columns.map((column) => (
        <label key={column} className="mapping-row">
          <span>{column}</span>
          <select
            value={state.zuordnung[column] ?? ''}
            onChange={(event) => dispatch({ type: 'columnAssigned', column, kennzahl: event.target.value === '' ? null : event.target.value })}
            data-column={column}
            data-testid="indicator-import-column"
          >
            <option value="">– nicht importieren –</option>
            {themes.map((theme) => (
              <optgroup key={theme} label={theme}>
                {definitions
                  .filter((definition) => definition.thema === theme)
                  .map((definition) => (
                    <option key={definition.id} value={definition.id}>
                      {definition.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </label>
      ))}
    </fieldset>
  );
}
