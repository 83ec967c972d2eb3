import { useState, type FormEvent } from 'react';
import { lazyFormatter } from '../domain/format';
import { PASSWORD_RULES, passwordProblems } from '../domain/facilities/passwordPolicy';
import { errorMessage } from '../state/api';
import { useSessionStore } from '../state/sessionStore';
import { toast } from '../state/toastStore';
import { ListHead, useLoadWhenShown, withToast } from './common/ListTable';
import { Modal } from './Modal';

const dateTime = lazyFormatter(() => new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short' }));

/** A browser's user agent in a few words a person recognises („Firefox unter Windows“). */
function browserName(userAgent: string | null): string {
  if (!userAgent) return 'Unbekanntes Programm';
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox' : /Chrom(e|ium)\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : 'Browser';
  const system = /Windows/.test(userAgent) ? 'Windows' : /Android/.test(userAgent) ? 'Android' : /iPhone|iPad/.test(userAgent) ? 'iOS' : /Mac OS/.test(userAgent) ? 'macOS' : /Linux/.test(userAgent) ? 'Linux' : null;
  return system ? `${browser} unter ${system}` : browser;
}

/**
 * The signed-in user's own account: a new password (the policy explained) and the sessions in
 * other browsers, each with „Abmelden“. `required`: the password fails today's policy, so the
 * dialog cannot be dismissed until it is changed (or the user signs out).
 */
export function AccountDialog({ onClose, required = false }: { onClose(): void; required?: boolean }) {
  const logout = useSessionStore((state) => state.logout);
  return (
    <Modal title={required ? 'Bitte Passwort ändern' : 'Mein Konto'} onClose={onClose} dismissable={!required} wide={!required} testId="account-dialog">
      {required && (
        <p className="form-error" role="alert" data-testid="password-required">
          Ihr Passwort erfüllt die Passwortregeln nicht mehr. Bitte legen Sie ein neues fest, bevor Sie weiterarbeiten.
        </p>
      )}
      <PasswordForm onDone={required ? onClose : undefined} />
      {required ? (
        <div className="form-actions">
          <button type="button" className="button" onClick={() => void logout().catch((error) => toast.error(errorMessage(error)))} data-testid="password-required-logout">
            Abmelden
          </button>
        </div>
      ) : (
        <SessionList />
      )}
    </Modal>
  );
}

function PasswordForm({ onDone }: { onDone?: () => void }) {
  const user = useSessionStore((state) => state.user);
  const changePassword = useSessionStore((state) => state.changePassword);
  const loadSessions = useSessionStore((state) => state.loadSessions);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!user) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = passwordProblems(next, user);
    if (!current) problems.unshift('Bitte das bisherige Passwort eingeben');
    if (next !== repeat) problems.push('Die Wiederholung stimmt nicht mit dem neuen Passwort überein');
    if (problems.length > 0) {
      setError(problems.join('. '));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const ended = await changePassword(current, next);
      toast.success(ended > 0 ? `Passwort geändert; ${ended} andere Sitzung${ended === 1 ? '' : 'en'} beendet.` : 'Passwort geändert.');
      setCurrent('');
      setNext('');
      setRepeat('');
      if (onDone) onDone();
      else await loadSessions();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="password-form">
      <h3>Passwort ändern</h3>
      <p className="muted small" data-testid="password-rules">
        {PASSWORD_RULES} Alle anderen Sitzungen werden dabei beendet.
      </p>
      {/* A hidden user name lets password managers file the new password under the right account. */}
      <input type="email" autoComplete="username" value={user.email} readOnly hidden />
      <label className="field">
        <span className="field__label">Bisheriges Passwort</span>
        <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} data-testid="password-current" />
      </label>
      <div className="field-row">
        <label className="field">
          <span className="field__label">Neues Passwort</span>
          <input type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} data-testid="password-new" />
        </label>
        <label className="field">
          <span className="field__label">Neues Passwort wiederholen</span>
          <input type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} data-testid="password-repeat" />
        </label>
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="password-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy} data-testid="password-submit">
          {busy ? 'Ändere …' : 'Passwort ändern'}
        </button>
      </div>
    </form>
  );
}

function SessionList() {
  const sessions = useSessionStore((state) => state.sessions);
  const loadSessions = useSessionStore((state) => state.loadSessions);
  const endSession = useSessionStore((state) => state.endSession);
  const error = useLoadWhenShown(loadSessions);

  return (
    <section aria-labelledby="sessions-title">
      <h3 id="sessions-title">Angemeldet in diesen Browsern</h3>
      {error && <p className="form-error">{error}</p>}
      <div className="table-scroll table-scroll--dialog">
        <table className="data-table" data-testid="sessions-table">
          <ListHead columns={['Browser', 'Adresse', 'Angemeldet seit', 'Zuletzt aktiv']} />
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id} data-testid="session-row" data-current={session.aktuell ? 'true' : 'false'}>
                <th scope="row">
                  {browserName(session.userAgent)}
                  {session.aktuell && <span className="muted small"> (dieser Browser)</span>}
                </th>
                <td>{session.address ?? '–'}</td>
                <td>{dateTime().format(new Date(session.erstelltAm))}</td>
                <td>{dateTime().format(new Date(session.zuletztAktivAm))}</td>
                <td>
                  <button type="button" className="button button--small" onClick={() => void withToast(() => endSession(session.id), 'Sitzung beendet.')} data-testid="session-end">
                    Abmelden
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
