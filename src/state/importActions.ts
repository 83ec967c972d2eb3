// The asynchronous steps of the facility import wizard: reading the file, checking the rows (in
// the browser with progress, then on the server), committing and adding the created facilities
// to the facility store. The wizard's state is the pure reducer of
// domain/resources/importWizard.ts; these functions report what happened through `dispatch`.
import { createLocator } from '../domain/facilities/locate';
import { formatInteger } from '../domain/format';
import { ImportFileError, buildImportRowsAsync, parseImportFile } from '../domain/import/index';
import { rejectedRowsMessage, type RejectedRow } from '../domain/import/wizard';
import type { ChangedSinceImport, ImportBatch, ImportProgress } from '../domain/facilities/responses';
import { mergeServerChecks } from '../domain/resources/importSteps';
import {
  SERVER_STEP_LABELS,
  commitPayload,
  facilityRowNoun,
  rowBuildingInput,
  type FacilityImportAction,
  type FacilityImportState,
} from '../domain/resources/importWizard';
import { formatTimestamp } from '../domain/resources/labels';
import { ApiError, errorMessage } from './api';
import { checkImport, commitImport, fetchImportBatch, fetchImportBatches, fetchImportProgress, restoreImportBatch, undoImportBatch } from './facilityApi';
import { useDialogStore } from './dialogStore';
import { useFacilityStore } from './facilityStore';
import { useTerritoryStore } from './territoryStore';
import { toast } from './toastStore';

export type ImportDispatch = (action: FacilityImportAction) => void;

/** How often the wizard asks the server how far it has come. */
const PROGRESS_POLL_MS = 400;

/**
 * Runs `work` with a fresh progress id and asks the server for that run's progress meanwhile;
 * `report` hears each answer. Polling stops when `work` settles.
 */
async function withServerProgress<T>(work: (vorgang: string) => Promise<T>, report: (progress: ImportProgress) => void): Promise<T> {
  const vorgang = crypto.randomUUID();
  let running = true;
  const poll = async () => {
    while (running) {
      await new Promise((resolve) => setTimeout(resolve, PROGRESS_POLL_MS));
      if (!running) return;
      const progress = await fetchImportProgress(vorgang).catch(() => null);
      if (running && progress && progress.schritt !== 'fertig') report(progress);
    }
  };
  void poll();
  try {
    return await work(vorgang);
  } finally {
    running = false;
  }
}

/** „Import „kitas.csv“ vom 02.12.2026, 10:15“: how messages name a batch. */
export function batchTitle(batch: ImportBatch): string {
  return `Import „${batch.dateiname}“ vom ${formatTimestamp(batch.am)}`;
}

/** Reads a chosen file against the current district (its CRS and bbox decide the CRS guess). */
export async function readFacilityImportFile(file: File, dispatch: ImportDispatch): Promise<void> {
  dispatch({ type: 'fileChosen', fileName: file.name });
  const territory = useTerritoryStore.getState().territory;
  const crsOptions = territory ? { districtCrs: territory.district.crs, districtBbox: territory.bbox } : {};
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    dispatch({ type: 'fileRead', preview: parseImportFile(bytes, file.name, crsOptions), crsOptions });
  } catch (error) {
    dispatch({
      type: 'fileFailed',
      message: error instanceof ImportFileError ? error.message : `Die Datei konnte nicht gelesen werden: ${errorMessage(error)}`,
    });
  }
}

/**
 * Checks every row in the browser (district, schema, duplicates within the file), then the
 * readable ones on the server (Kreis, the user's area, duplicates in the database). After
 * `signal` aborts (the dialog closed, a newer check started) nothing more is dispatched.
 */
export async function checkFacilityImport(state: FacilityImportState, dispatch: ImportDispatch, signal: AbortSignal): Promise<void> {
  const { districtId, categories } = useFacilityStore.getState();
  const input = rowBuildingInput(state, categories);
  if (!input || !districtId) return;
  const territory = useTerritoryStore.getState().territory;
  const locator = territory ? createLocator(territory) : null;
  dispatch({ type: 'checkStarted', total: input.table.rows.length });
  try {
    const rows = await buildImportRowsAsync(input.table, input.mapping, {
      ...input.options,
      isInsideDistrict: (lngLat) => (locator ? locator(lngLat).gemeindeAgs !== null : true),
      chunkSize: 400,
      signal,
      onProgress: (done, total) => dispatch({ type: 'checkProgress', done, total }),
    });
    const sendable = rows.flatMap((row) => (row.facility ? [row.facility] : []));
    dispatch({ type: 'serverCheckStarted', total: rows.length });
    const checks =
      sendable.length > 0
        ? await withServerProgress(
            (vorgang) => checkImport(districtId, sendable, vorgang),
            (progress) => !signal.aborted && dispatch({ type: 'serverProgress', done: progress.erledigt, total: progress.gesamt, label: SERVER_STEP_LABELS[progress.schritt] }),
          )
        : [];
    if (signal.aborted) return;
    dispatch({ type: 'checked', rows: mergeServerChecks(rows, checks, facilityRowNoun(state)) });
  } catch (error) {
    if (signal.aborted) return;
    dispatch({ type: 'checkFailed' });
    toast.error(`Prüfen fehlgeschlagen: ${errorMessage(error)}`);
  }
}

/**
 * Imports the kept rows, all or nothing, and adds the created facilities to the facility store.
 * True when they were imported; otherwise the commit error says why (for refused rows with
 * their file lines).
 */
export async function commitFacilityImport(state: FacilityImportState, dispatch: ImportDispatch): Promise<boolean> {
  const districtId = useFacilityStore.getState().districtId;
  if (!districtId) return false;
  const { facilities, lines } = commitPayload(state);
  dispatch({ type: 'commitStarted' });
  try {
    const result = await withServerProgress(
      (vorgang) => commitImport(districtId, facilities, state.fileName, vorgang),
      (progress) => dispatch({ type: 'commitProgress', done: progress.erledigt, total: progress.gesamt, label: SERVER_STEP_LABELS[progress.schritt] }),
    );
    useFacilityStore.getState().addFacilities(result.facilities);
    dispatch({ type: 'committed', batch: result.batch });
    toast.success(`${formatInteger(result.created)} Einrichtungen importiert: ${batchTitle(result.batch)}.`, {
      label: 'Rückgängig',
      run: () =>
        void undoImport(result.batch).then(
          // Changed meanwhile: the list „Importe“ names those facilities and asks.
          (outcome) => outcome.kind === 'ask' && useDialogStore.getState().show('imports'),
          (error: unknown) => toast.error(`Rückgängig fehlgeschlagen: ${errorMessage(error)}`),
        ),
    });
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 422) {
      const rejected = (error.details as { rows?: RejectedRow[] } | undefined)?.rows ?? [];
      dispatch({ type: 'commitFailed', message: rejectedRowsMessage(error.message, rejected, lines, facilityRowNoun(state)) });
    } else {
      dispatch({ type: 'commitFailed', message: errorMessage(error) });
    }
    return false;
  }
}

/** The district's import batches for the list „Importe“, newest first. */
export function loadImportBatches(districtId: string): Promise<ImportBatch[]> {
  return fetchImportBatches(districtId);
}

/** What undoing a batch came to: done, or the facilities changed since that the user must decide about. */
export type UndoOutcome = { kind: 'done'; batch: ImportBatch; deleted: number } | { kind: 'ask'; batch: ImportBatch; changed: ChangedSinceImport[] };

/**
 * Undoes a batch: its facilities are deleted (recoverably) and leave the map and the table at
 * once. If some were changed since the import and `changed` is not given, nothing happens and
 * the outcome lists them, so the user decides whether to delete or keep them.
 */
export async function undoImport(batch: ImportBatch, changed?: 'behalten' | 'loeschen'): Promise<UndoOutcome> {
  try {
    const result = await undoImportBatch(batch.id, changed);
    useFacilityStore.getState().addFacilities(result.facilities);
    const kept = changed === 'behalten' ? ` ${formatInteger(batch.geaendert)} geänderte behalten.` : '';
    toast.success(`${batchTitle(batch)} rückgängig gemacht: ${formatInteger(result.facilities.length)} Einrichtungen gelöscht (wiederherstellbar).${kept}`);
    return { kind: 'done', batch: result.batch, deleted: result.facilities.length };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'import_changed') {
      const { batch: current, geaenderte } = await fetchImportBatch(batch.id);
      return { kind: 'ask', batch: current, changed: geaenderte };
    }
    throw error;
  }
}

/** Brings back what undoing the batch deleted. */
export async function restoreImport(batch: ImportBatch): Promise<ImportBatch> {
  const result = await restoreImportBatch(batch.id);
  useFacilityStore.getState().addFacilities(result.facilities);
  toast.success(`${batchTitle(batch)} wiederhergestellt: ${formatInteger(result.facilities.length)} Einrichtungen.`);
  return result.batch;
}
