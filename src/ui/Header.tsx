import { useEffect } from 'react';
import { describeChange } from '../domain/resources/changes';
import { ROLE_LABELS } from '../domain/resources/labels';
import { useAtlasStore } from '../state/atlasStore';
import { useDialogStore } from '../state/dialogStore';
import { switchDistrict } from '../app/address';
import { undoLastChange } from '../app/facilityActions';
import { useFacilityStore } from '../state/facilityStore';
import { useSessionStore } from '../state/sessionStore';
import { useTerritoryStore } from '../state/territoryStore';
import { errorMessage } from '../state/api';
import { toast } from '../state/toastStore';
import { usePermissions } from './permissions';

const CHANGE_NOUNS: Record<ReturnType<typeof describeChange>, string> = {
  angelegt: 'Anlegen',
  geloescht: 'Löschen',
  wiederhergestellt: 'Wiederherstellen',
  verschoben: 'Verschieben',
  geaendert: 'Ändern',
};

export function Header() {
  const districts = useTerritoryStore((state) => state.districts);
  const districtId = useTerritoryStore((state) => state.districtId);
  const status = useTerritoryStore((state) => state.status);
  const select = useAtlasStore((state) => state.select);
  return (
    <header className="app-header">
      <h1>
        <button type="button" className="title-button" onClick={() => select(null, { focus: true })} title="Ganzen Landkreis zeigen">
          Sozialraumatlas
        </button>
      </h1>
      <label className="district-switch">
        <span>Landkreis</span>
        <select
          value={districtId ?? ''}
          onChange={(event) => void switchDistrict(event.target.value)}
          data-testid="district-select"
          disabled={districts.length === 0}
        >
          {districts.map((district) => (
            <option key={district.id} value={district.id}>
              {district.name}
            </option>
          ))}
        </select>
      </label>
      {status === 'loading' && (
        <span className="status" role="status">
          Lade Gebiet …
        </span>
      )}
      <div className="header-tools">
        <PrintButton />
        <UndoButton />
        <SessionControls />
      </div>
    </header>
  );
}

/** „Drucken / als PDF“ of the view shown now, for everyone who sees the map. */
function PrintButton() {
  const show = useDialogStore((state) => state.show);
  const ready = useTerritoryStore((state) => state.territory !== null);
  return (
    <button type="button" className="header-button" onClick={() => show('print')} disabled={!ready} data-testid="print-open" title="Die Karte dieser Ansicht mit Legende, Maßstab und Quellen als PDF oder PNG (Strg+P druckt dasselbe Blatt)">
      Drucken / als PDF
    </button>
  );
}

/** "Rückgängig" for the user's own last change, also on Ctrl+Z (outside text fields). */
function UndoButton() {
  const user = useSessionStore((state) => state.user);
  const last = useFacilityStore((state) => state.undoStack.at(-1));
  const count = useFacilityStore((state) => state.undoStack.length);
  const busy = useFacilityStore((state) => state.busy);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey || event.key.toLowerCase() !== 'z') return;
      const target = event.target as HTMLElement | null;
      // In text fields Ctrl+Z undoes typing, as everywhere else.
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      if (document.querySelector('dialog[open]')) return;
      if (useFacilityStore.getState().undoStack.length === 0) return;
      event.preventDefault();
      void undoLastChange();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!user) return null;
  const title = last
    ? `Rückgängig: ${CHANGE_NOUNS[describeChange(last)]} von „${last.after.name}“ (Strg+Z)`
    : 'Nichts rückgängig zu machen';
  return (
    <button
      type="button"
      className="header-button"
      onClick={() => void undoLastChange()}
      disabled={!last || busy}
      title={title}
      aria-label={title}
      data-testid="undo-button"
      data-count={count}
    >
      <span aria-hidden="true">↶</span> Rückgängig
    </button>
  );
}

function SessionControls() {
  const sessionStatus = useSessionStore((state) => state.status);
  const logout = useSessionStore((state) => state.logout);
  const show = useDialogStore((state) => state.show);
  const { user, canManageUsers } = usePermissions();
  if (sessionStatus === 'unknown') return null;
  if (!user) {
    return (
      <button type="button" className="header-button header-button--primary" onClick={() => show('login')} data-testid="login-open">
        Anmelden
      </button>
    );
  }
  return (
    <>
      {canManageUsers && (
        <button type="button" className="header-button" onClick={() => show('users')} data-testid="users-open">
          Benutzer
        </button>
      )}
      <button type="button" className="header-button" onClick={() => show('report')} data-testid="report-open" title="Die Sozialraumprofile als ein PDF">
        Bericht erstellen
      </button>
      <button type="button" className="header-button" onClick={() => show('account')} data-testid="account-open" title="Passwort ändern, Sitzungen in anderen Browsern beenden">
        Konto
      </button>
      <span className="session-user" data-testid="session-user">
        <span className="session-user__name">{user.name}</span>
        <span className="session-user__role" data-testid="session-role">
          {ROLE_LABELS[user.rolle]}
        </span>
      </span>
      <button
        type="button"
        className="header-button"
        onClick={() => void logout().catch((error) => toast.error(errorMessage(error)))}
        data-testid="logout"
      >
        Abmelden
      </button>
    </>
  );
}
