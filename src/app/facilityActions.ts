// User actions on facilities that end in a message: the store does the work, these say what
// happened (German toasts, with "Rückgängig" where it applies). Shared by map, table and panel.
import type { Facility } from '../domain/facilities/schema';
import { describeChange } from '../domain/resources/changes';
import { formatFieldValue } from '../domain/resources/labels';
import { errorMessage } from '../state/api';
import { useFacilityStore } from '../state/facilityStore';
import { useTerritoryStore } from '../state/territoryStore';
import { toast } from '../state/toastStore';

const UNDO_DONE: Record<ReturnType<typeof describeChange>, string> = {
  angelegt: 'Anlegen rückgängig gemacht',
  geloescht: 'Löschen rückgängig gemacht',
  wiederhergestellt: 'Wiederherstellen rückgängig gemacht',
  verschoben: 'Verschieben rückgängig gemacht',
  geaendert: 'Änderung rückgängig gemacht',
};

export async function undoLastChange(): Promise<void> {
  const store = useFacilityStore.getState();
  const record = store.undoStack.at(-1);
  if (!record) return;
  try {
    const result = await store.undo();
    if (result) toast.info(`${UNDO_DONE[describeChange(record)]}: „${result.name}“`);
  } catch (error) {
    toast.error(errorMessage(error));
  }
}

export async function deleteFacility(facility: Facility): Promise<void> {
  try {
    const result = await useFacilityStore.getState().perform({ kind: 'delete', facilityId: facility.id }, facility);
    if (!result) return;
    useFacilityStore.getState().select(null);
    toast.success(`„${result.name}“ gelöscht. Unter „Gelöschte anzeigen“ lässt sie sich wiederherstellen.`, {
      label: 'Rückgängig',
      run: () => void undoLastChange(),
    });
  } catch (error) {
    toast.error(errorMessage(error));
  }
}

export async function restoreFacility(facility: Facility): Promise<void> {
  try {
    const result = await useFacilityStore.getState().perform({ kind: 'restore', facilityId: facility.id }, facility);
    if (result) toast.success(`„${result.name}“ wiederhergestellt.`, { label: 'Rückgängig', run: () => void undoLastChange() });
  } catch (error) {
    toast.error(errorMessage(error));
  }
}

export async function revertFacility(facility: Facility, toVersion: number): Promise<boolean> {
  try {
    const result = await useFacilityStore.getState().perform({ kind: 'revert', facilityId: facility.id, toVersion }, facility);
    if (result) toast.success(`„${result.name}“ auf Version ${toVersion} zurückgesetzt (jetzt Version ${result.version}).`, {
      label: 'Rückgängig',
      run: () => void undoLastChange(),
    });
    return result !== null;
  } catch (error) {
    toast.error(errorMessage(error));
    return false;
  }
}

/** Moves a facility after a drag on the map; the new Gemeinde/Sozialraum come back from the server. */
export async function moveFacility(id: string, lngLat: [number, number]): Promise<void> {
  const store = useFacilityStore.getState();
  const facility = store.facilities.find((item) => item.id === id);
  if (!facility) return;
  const lage: [number, number] = [Number(lngLat[0].toFixed(6)), Number(lngLat[1].toFixed(6))];
  try {
    const moved = await store.perform({ kind: 'update', facilityId: id, changes: { lage } }, facility);
    if (!moved) return;
    const { summary, territory } = useTerritoryStore.getState();
    const sozialraum = moved.sozialraumId ? summary?.byKey.get(`sozialraum:${moved.sozialraumId}`)?.name : null;
    const gemeinde = territory?.gemeinden.features.find((f) => f.properties.ags === moved.gemeindeAgs)?.properties.name;
    toast.success(
      `„${moved.name}“ verschoben nach ${formatFieldValue('lage', moved.lage, [])}` +
        (gemeinde ? ` – Gemeinde ${gemeinde}${sozialraum ? `, Sozialraum ${sozialraum}` : ', außerhalb der Sozialräume'}` : ''),
      { label: 'Rückgängig', run: () => void useFacilityStore.getState().undo().catch((error) => toast.error(errorMessage(error))) },
    );
  } catch (error) {
    toast.error(errorMessage(error));
  }
}
