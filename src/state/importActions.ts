// The asynchronous steps of the facility import wizard: reading the file, checking the rows (in
// the browser with progress, then on the server), committing and adding the created facilities
// to the facility store. The wizard's state is the pure reducer of
// domain/resources/importWizard.ts; these functions report what happened through `dispatch`.
import { createLocator } from '../domain/facilities/locate';
import { formatInteger } from '../domain/format';
import { ImportFileError, buildImportRowsAsync, parseImportFile } from '../domain/import/index';
import { rejectedRowsMessage, type RejectedRow } from '../domain/import/wizard';
import { mergeServerChecks } from '../domain/resources/importSteps';
import { commitPayload, facilityRowNoun, rowBuildingInput, type FacilityImportAction, type FacilityImportState } from '../domain/resources/importWizard';
import { ApiError, errorMessage } from './api';
import { checkImport, commitImport } from './facilityApi';
import { useFacilityStore } from './facilityStore';
import { useTerritoryStore } from './territoryStore';
import { toast } from './toastStore';

export type ImportDispatch = (action: FacilityImportAction) => void;

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
    const checks = sendable.length > 0 ? await checkImport(districtId, sendable) : [];
    if (signal.aborted) return;
    dispatch({ type: 'checked', rows: mergeServerChecks(rows, checks) });
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
    const result = await commitImport(districtId, facilities, state.fileName);
    useFacilityStore.getState().addFacilities(result.facilities);
    toast.success(`${formatInteger(result.created)} Einrichtungen aus „${state.fileName}“ importiert.`);
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
