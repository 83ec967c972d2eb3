// A planner's own Kennzahlen: create, change and delete a definition, each ending in a toast and
// a fresh catalogue. A change is based on the version the planner saw; when someone changed the
// definition since (409 version_conflict) nothing is saved and the outcome says so, so the form
// can offer to load the current one.
import type { IndicatorDefinition } from '../domain/indicators/catalog';
import { definitionConflictMessage } from '../domain/indicators/definitionForm';
import { ApiError, errorMessage } from './api';
import { createDefinition, deleteDefinition, updateDefinition } from './indicatorApi';
import { useIndicatorStore } from './indicatorStore';
import { toast } from './toastStore';

export type DefinitionOutcome =
  | { kind: 'saved'; definition: IndicatorDefinition; version: number }
  | { kind: 'deleted' }
  /** Someone else changed the definition since the planner opened it: nothing was saved. */
  | { kind: 'conflict'; message: string }
  | { kind: 'failed'; message: string; /** The id is taken. */ idTaken: boolean };


async function refreshed(): Promise<void> {
  await useIndicatorStore
    .getState()
    .refresh()
    .catch((error: unknown) => toast.error(`Die Kennzahlen konnten nicht neu geladen werden: ${errorMessage(error)}`));
}

function failure(error: unknown): DefinitionOutcome {
  if (error instanceof ApiError && error.status === 409 && error.code === 'version_conflict') {
    return { kind: 'conflict', message: definitionConflictMessage((error.details as { current?: { version?: unknown; geloescht?: unknown } } | undefined)?.current) };
  }
  if (error instanceof ApiError && error.status === 404) return { kind: 'conflict', message: definitionConflictMessage({ geloescht: true }) };
  return { kind: 'failed', message: errorMessage(error), idTaken: error instanceof ApiError && error.code === 'duplicate_indicator' };
}

/** Saves a new definition (baseVersion null) or a change on top of baseVersion. */
export async function saveOwnDefinition(definition: IndicatorDefinition, baseVersion: number | null): Promise<DefinitionOutcome> {
  const district = useIndicatorStore.getState().district;
  if (!district) return { kind: 'failed', message: 'Kein Landkreis geöffnet.', idTaken: false };
  try {
    const saved = baseVersion === null ? await createDefinition(district, definition) : await updateDefinition(district, definition, baseVersion);
    toast.success(baseVersion === null ? `Kennzahl „${saved.kennzahl.name}“ angelegt.` : `Kennzahl „${saved.kennzahl.name}“ gespeichert (Version ${saved.version}).`);
    await refreshed();
    return { kind: 'saved', definition: saved.kennzahl, version: saved.version };
  } catch (error) {
    return failure(error);
  }
}

/** Deletes a definition (recoverably) on top of baseVersion; refused while another Kennzahl uses it. */
export async function deleteOwnDefinition(id: string, name: string, baseVersion: number): Promise<DefinitionOutcome> {
  const district = useIndicatorStore.getState().district;
  if (!district) return { kind: 'failed', message: 'Kein Landkreis geöffnet.', idTaken: false };
  try {
    await deleteDefinition(district, id, baseVersion);
    toast.success(`Kennzahl „${name}“ gelöscht.`);
    await refreshed();
    return { kind: 'deleted' };
  } catch (error) {
    return failure(error);
  }
}

/** Loads the catalogue again (after a conflict: the current versions). */
export function reloadCatalogue(): Promise<void> {
  return refreshed();
}
