import { useState } from 'react';
import type { FacilityFields } from '../domain/facilities/schema';
import { changedFields, type FieldKey } from '../domain/resources/changes';
import { FIELD_LABELS, formatFieldValue, formatTimestamp } from '../domain/resources/labels';
import { errorMessage } from '../state/api';
import { useFacilityStore, type ConflictState } from '../state/facilityStore';
import { toast } from '../state/toastStore';
import { Modal } from './Modal';

const ACTION_TEXT: Record<ConflictState['operation']['kind'], string> = {
  update: 'Ändern',
  delete: 'Löschen',
  restore: 'Wiederherstellen',
  revert: 'Auf frühere Version zurücksetzen',
};

/**
 * A save based on an old version was refused (HTTP 409): the newer values beside the user's,
 * and the choice between taking the newer version and applying the own change again.
 * Nothing is overwritten without this decision.
 */
export function ConflictDialog() {
  const conflict = useFacilityStore((state) => state.conflict);
  const categories = useFacilityStore((state) => state.categories);
  const resolve = useFacilityStore((state) => state.resolveConflict);
  const [busy, setBusy] = useState(false);
  if (!conflict) return null;
  const { current, base, operation } = conflict;

  const mine: Partial<FacilityFields> = operation.kind === 'update' ? operation.changes : {};
  const myKeys = Object.keys(mine) as FieldKey[];
  // What the other person changed that the user did not touch: shown for context.
  const theirKeys = base ? changedFields(base, current).filter((key) => !myKeys.includes(key)) : [];

  const choose = async (choice: 'theirs' | 'mine') => {
    setBusy(true);
    try {
      const result = await resolve(choice);
      if (choice === 'mine' && result) toast.success(`Ihre Änderung an „${result.name}“ wurde gespeichert (Version ${result.version}).`);
      if (choice === 'theirs') toast.info(`Die neuere Version von „${current.name}“ wird angezeigt; Ihre Änderung wurde verworfen.`);
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title="Änderung nicht gespeichert" onClose={() => void choose('theirs')} testId="conflict-dialog" wide dismissable={false}>
      <p data-testid="conflict-message">
        Diese Einrichtung wurde inzwischen von <strong>{current.geaendertVon ?? 'jemand anderem'}</strong> geändert (
        {formatTimestamp(current.geaendertAm)}).
        {conflict.origin === 'undo' ? ' Ihr Rückgängig-Schritt würde diese Änderung überschreiben.' : ''}
      </p>
      <table className="conflict-table">
        <thead>
          <tr>
            <th scope="col">Feld</th>
            <th scope="col">Neuere Version (V{current.version})</th>
            <th scope="col">{conflict.origin === 'undo' ? 'Rückgängig setzt' : 'Ihre Änderung'}</th>
          </tr>
        </thead>
        <tbody>
          {operation.kind !== 'update' && (
            <tr>
              <th scope="row">Aktion</th>
              <td>{current.geloescht ? 'gelöscht' : 'vorhanden'}</td>
              <td className="conflict-mine">{ACTION_TEXT[operation.kind]}</td>
            </tr>
          )}
          {myKeys.map((key) => {
            const same = JSON.stringify(current[key]) === JSON.stringify(mine[key]);
            return (
              <tr key={key} data-testid="conflict-row" data-field={key}>
                <th scope="row">{FIELD_LABELS[key]}</th>
                <td className={same ? undefined : 'conflict-theirs'}>{formatFieldValue(key, current[key], categories)}</td>
                <td className={same ? undefined : 'conflict-mine'}>{formatFieldValue(key, mine[key], categories)}</td>
              </tr>
            );
          })}
          {theirKeys.map((key) => (
            <tr key={key} className="conflict-other">
              <th scope="row">{FIELD_LABELS[key]}</th>
              <td className="conflict-theirs">{formatFieldValue(key, current[key], categories)}</td>
              <td className="muted">(von Ihnen nicht geändert)</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="button" className="button" disabled={busy} onClick={() => void choose('theirs')} data-testid="conflict-take-theirs">
          Neuere Version übernehmen
        </button>
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void choose('mine')} data-testid="conflict-reapply-mine">
          Meine Änderung erneut anwenden
        </button>
      </div>
    </Modal>
  );
}
