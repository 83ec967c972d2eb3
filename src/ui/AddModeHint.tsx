import { useFacilityStore } from '../state/facilityStore';

/** The banner of the add mode: what to do next and how to leave. */
export function AddModeHint() {
  const mode = useFacilityStore((state) => state.mode);
  const draft = useFacilityStore((state) => state.draft);
  const cancel = useFacilityStore((state) => state.cancelAdd);
  if (mode !== 'add') return null;
  return (
    <div className="mode-hint" role="status" data-testid="add-mode-hint">
      <span>
        {draft
          ? 'Formular ausfüllen und anlegen. Ein weiterer Klick auf die Karte versetzt den Standort.'
          : 'Klicken Sie auf die Karte, wo die neue Einrichtung liegt.'}{' '}
        <kbd>Esc</kbd> bricht ab.
      </span>
      <button type="button" className="button button--small" onClick={cancel} data-testid="add-mode-cancel">
        Abbrechen
      </button>
    </div>
  );
}
