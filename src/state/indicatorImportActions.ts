// The asynchronous steps of the Kennzahlen import wizard: reading the file (in the browser, for
// the preview and the column suggestion), the server's check (a report per row, nothing
// written) and the commit (all or nothing), after which the Kennzahlen tab loads again. The
// wizard's state is the pure reducer of domain/indicators/importWizard.ts; these functions
// report what happened through `dispatch`.
import {
  commitRequest,
  importedMessage,
  readIndicatorFile,
  refusalMessage,
  requestAssignment,
  suggestedAssignment,
  type IndicatorImportAction,
  type IndicatorImportState,
} from '../domain/indicators/importWizard';
import { ImportReportSchema } from '../domain/indicators/schema';
import { ApiError, errorMessage } from './api';
import { checkIndicatorImport, commitIndicatorImport } from './indicatorApi';
import { useIndicatorStore } from './indicatorStore';
import { toast } from './toastStore';

export type IndicatorImportDispatch = (action: IndicatorImportAction) => void;

/** Reads a chosen file; its value columns get the Kennzahlen of the open catalogue the server would suggest. */
export async function readIndicatorImportFile(file: File, dispatch: IndicatorImportDispatch): Promise<void> {
  dispatch({ type: 'fileChosen', fileName: file.name });
  try {
    const outcome = readIndicatorFile(new Uint8Array(await file.arrayBuffer()));
    if ('message' in outcome) {
      dispatch({ type: 'fileFailed', message: outcome.message });
      return;
    }
    const definitions = useIndicatorStore.getState().catalogue.data?.kennzahlen.map((entry) => entry.kennzahl) ?? [];
    dispatch({ type: 'fileRead', preview: outcome.preview, zuordnung: suggestedAssignment(outcome.preview, definitions) });
  } catch (error) {
    dispatch({ type: 'fileFailed', message: `Die Datei konnte nicht gelesen werden: ${errorMessage(error)}` });
  }
}

/** The server checks the whole file with the chosen assignment; nothing is written. */
export async function checkIndicatorImportFile(state: IndicatorImportState, dispatch: IndicatorImportDispatch, signal: AbortSignal): Promise<void> {
  const district = useIndicatorStore.getState().district;
  if (!state.preview || !district) return;
  dispatch({ type: 'serverCheckStarted', total: state.preview.table.rows.length });
  try {
    const zuordnung = requestAssignment(state);
    const report = await checkIndicatorImport(district, { text: state.preview.text, dateiname: state.fileName || 'Datei', ...(zuordnung ? { zuordnung } : {}) });
    if (signal.aborted) return;
    dispatch({ type: 'reportReceived', report });
  } catch (error) {
    if (signal.aborted) return;
    dispatch({ type: 'checkFailed' });
    toast.error(`Prüfen fehlgeschlagen: ${errorMessage(error)}`);
  }
}

/**
 * Imports the kept lines, all or nothing; then a toast says how many values were written and
 * the Kennzahlen tab loads again. True when imported; otherwise the commit error says why.
 */
export async function commitIndicatorImportFile(state: IndicatorImportState, dispatch: IndicatorImportDispatch): Promise<boolean> {
  const district = useIndicatorStore.getState().district;
  const request = commitRequest(state);
  if (!district || !request) return false;
  dispatch({ type: 'commitStarted' });
  try {
    const result = await commitIndicatorImport(district, request);
    dispatch({ type: 'committed', result });
    toast.success(importedMessage(result, request.dateiname));
    await useIndicatorStore
      .getState()
      .refresh()
      .catch((error: unknown) => toast.error(`Die Kennzahlen konnten nicht neu geladen werden: ${errorMessage(error)}`));
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 422) {
      const report = ImportReportSchema.safeParse((error.details as { report?: unknown } | undefined)?.report);
      dispatch({ type: 'commitFailed', message: refusalMessage(error.message, report.success ? report.data : undefined) });
    } else {
      dispatch({ type: 'commitFailed', message: errorMessage(error) });
    }
    return false;
  }
}
