import { lazyFormatter } from '../domain/format';
import { useUsersStore } from '../state/usersStore';
import { ListHead, useLoadWhenShown, withToast } from './common/ListTable';

const dateTime = lazyFormatter(() => new Intl.DateTimeFormat('de-DE', { dateStyle: 'short', timeStyle: 'medium' }));

/**
 * Accounts and client addresses with recent failed sign-ins, for administrators: who is being
 * guessed (or keeps mistyping), and until when further attempts from failing places wait.
 * „Freigeben“ forgets the failures, e.g. after a colleague called in.
 */
export function LoginThrottleList() {
  const entries = useUsersStore((state) => state.throttle);
  const load = useUsersStore((state) => state.loadThrottle);
  const release = useUsersStore((state) => state.releaseThrottle);
  const error = useLoadWhenShown(load);

  return (
    <section className="throttle-list" aria-labelledby="throttle-title" data-testid="throttle-section">
      <h3 id="throttle-title">Fehlgeschlagene Anmeldungen (letzte 24 Stunden)</h3>
      {error && <p className="form-error">{error}</p>}
      {entries.length === 0 ? (
        <p className="muted small" data-testid="throttle-empty">
          Keine fehlgeschlagenen Anmeldungen.
        </p>
      ) : (
        <div className="table-scroll table-scroll--dialog">
          <table className="data-table" data-testid="throttle-table">
            <ListHead columns={['Konto oder Adresse', 'Fehlversuche', 'Zuletzt', 'Gebremst bis']} />
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.key} data-testid="throttle-row" data-key={entry.key}>
                  <th scope="row">
                    {entry.label} <span className="muted small">({entry.kind === 'konto' ? 'Konto' : 'Adresse'})</span>
                  </th>
                  <td>{entry.failures}</td>
                  <td>{dateTime().format(new Date(entry.lastFailureAt))}</td>
                  <td data-testid="throttle-wait">{entry.waitUntil ? dateTime().format(new Date(entry.waitUntil)) : '–'}</td>
                  <td>
                    <button type="button" className="button button--small" onClick={() => void withToast(() => release(entry.key), `Fehlversuche für ${entry.label} vergessen.`)} data-testid="throttle-release">
                      Freigeben
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
