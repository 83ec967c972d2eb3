import { useEffect, useState } from 'react';
import type { ChangedSinceImport, ImportBatch } from '../domain/facilities/responses';
import { formatInteger } from '../domain/format';
import { formatTimestamp } from '../domain/resources/labels';
import { errorMessage } from '../state/api';
import { useFacilityStore } from '../state/facilityStore';
import { batchTitle, loadImportBatches, restoreImport, undoImport } from '../state/importActions';
import { Modal } from './Modal';
import { useBusyAction } from './common/useBusyAction';

const STATUS_LABELS: Record<ImportBatch['status'], string> = {
  laeuft: 'läuft noch',
  abgeschlossen: 'importiert',
  abgebrochen: 'abgebrochen, nichts importiert',
  rueckgaengig: 'rückgängig gemacht',
};

/** What the dialog asks before undoing: confirm, or decide about facilities changed since. */
type Question = { kind: 'confirm'; batch: ImportBatch } | { kind: 'changed'; batch: ImportBatch; changed: ChangedSinceImport[] };

/**
 * „Importe“: every import of the district with who, when, which file and how many rows; each
 * can be undone as a whole (its facilities deleted, recoverably) and restored again. If some
 * facilities were changed since the import, the dialog names them and lets the user decide.
 */
export function ImportBatches({ onClose }: { onClose(): void }) {
  const districtId = useFacilityStore((state) => state.districtId);
  const [batches, setBatches] = useState<ImportBatch[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [question, setQuestion] = useState<Question | null>(null);

  // Bumped after every undo or restore, so the list is read again.
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!districtId) return;
    let live = true;
    loadImportBatches(districtId).then(
      (list) => {
        if (!live) return;
        setBatches(list);
        setError(null);
      },
      (caught: unknown) => live && setError(errorMessage(caught)),
    );
    return () => {
      live = false;
    };
  }, [districtId, generation]);

  const { busy, act } = useBusyAction(() => setGeneration((value) => value + 1));

  const undo = (batch: ImportBatch, changed?: 'behalten' | 'loeschen') =>
    act(async () => {
      const outcome = await undoImport(batch, changed);
      setQuestion(outcome.kind === 'ask' ? { kind: 'changed', batch: outcome.batch, changed: outcome.changed } : null);
    });

  return (
    <Modal title="Importe" onClose={onClose} wide testId="imports-dialog">
      {error && <p className="form-error">{error}</p>}
      {batches === null && !error && <p className="muted">Lade Importe …</p>}
      {batches?.length === 0 && <p className="muted">Noch keine Importe in diesem Landkreis.</p>}
      {batches && batches.length > 0 && (
        <div className="table-scroll table-scroll--dialog">
          <table className="data-table imports-table" data-testid="imports-table">
            <thead>
              <tr>
                <th scope="col">Am</th>
                <th scope="col">Datei</th>
                <th scope="col">Von</th>
                <th scope="col">Zeilen</th>
                <th scope="col">Noch da</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Aktion</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {batches.map((batch) => (
                <tr key={batch.id} data-testid="import-batch" data-batch={batch.id} data-status={batch.status} className={batch.status === 'abgeschlossen' ? undefined : 'deleted'}>
                  <td className="nowrap">{formatTimestamp(batch.am)}</td>
                  <th scope="row">{batch.dateiname || '–'}</th>
                  <td>{batch.von}</td>
                  <td className="number">{formatInteger(batch.zeilen)}</td>
                  <td className="number">
                    {formatInteger(batch.aktiv)}
                    {batch.geaendert > 0 && <span className="muted"> ({formatInteger(batch.geaendert)} seitdem geändert)</span>}
                  </td>
                  <td>
                    {STATUS_LABELS[batch.status]}
                    {batch.status === 'rueckgaengig' && batch.rueckgaengigAm && (
                      <span className="muted">
                        {' '}
                        am {formatTimestamp(batch.rueckgaengigAm)}
                        {batch.rueckgaengigVon ? ` von ${batch.rueckgaengigVon}` : ''}
                      </span>
                    )}
                  </td>
                  <td className="nowrap">
                    {batch.status === 'abgeschlossen' && batch.aktiv > 0 && (
                      <button type="button" className="button button--small" disabled={busy} onClick={() => setQuestion({ kind: 'confirm', batch })} data-testid="import-batch-undo">
                        Rückgängig machen …
                      </button>
                    )}
                    {batch.status === 'rueckgaengig' && (
                      <button type="button" className="button button--small" disabled={busy} onClick={() => void act(async () => void (await restoreImport(batch)))} data-testid="import-batch-restore">
                        Wiederherstellen
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {busy && (
        <p className="hint" role="status" data-testid="imports-busy">
          Der Server arbeitet … (bei großen Importen einige Sekunden; andere können währenddessen weiterarbeiten)
        </p>
      )}

      {question?.kind === 'confirm' && (
        <div className="form-warning" role="alertdialog" aria-label="Import rückgängig machen" data-testid="import-undo-question">
          <p>
            {batchTitle(question.batch)} rückgängig machen? Seine {formatInteger(question.batch.aktiv)} Einrichtungen werden gelöscht; jede bleibt in ihrem
            Verlauf und lässt sich wiederherstellen.
          </p>
          <div className="form-actions">
            <button type="button" className="button" onClick={() => setQuestion(null)} disabled={busy}>
              Abbrechen
            </button>
            <button type="button" className="button button--danger" onClick={() => void undo(question.batch)} disabled={busy} data-testid="import-undo-confirm">
              Rückgängig machen
            </button>
          </div>
        </div>
      )}

      {question?.kind === 'changed' && (
        <div className="form-warning" role="alertdialog" aria-label="Seitdem geänderte Einrichtungen" data-testid="import-undo-changed">
          <p>
            {question.changed.length === 1 ? 'Diese Einrichtung wurde' : `Diese ${formatInteger(question.changed.length)} Einrichtungen wurden`} nach dem Import
            geändert:
          </p>
          <ul className="compact-list">
            {question.changed.slice(0, 20).map((facility) => (
              <li key={facility.id} data-testid="import-changed-facility">
                „{facility.name}“ – {facility.geaendertVon ?? 'unbekannt'}, {formatTimestamp(facility.geaendertAm)}
              </li>
            ))}
            {question.changed.length > 20 && <li>… und {formatInteger(question.changed.length - 20)} weitere</li>}
          </ul>
          <div className="form-actions">
            <button type="button" className="button" onClick={() => setQuestion(null)} disabled={busy}>
              Abbrechen
            </button>
            <button type="button" className="button" onClick={() => void undo(question.batch, 'behalten')} disabled={busy} data-testid="import-undo-keep-changed">
              Geänderte behalten, übrige löschen
            </button>
            <button type="button" className="button button--danger" onClick={() => void undo(question.batch, 'loeschen')} disabled={busy} data-testid="import-undo-delete-changed">
              Alle löschen
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}
