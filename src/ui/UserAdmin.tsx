import { useEffect, useState, type FormEvent } from 'react';
import { PASSWORD_RULES, passwordProblems } from '../domain/facilities/passwordPolicy';
import { CreateUserSchema, ROLES, type Role, type User } from '../domain/facilities/schema';
import { ROLE_LABELS } from '../domain/resources/labels';
import { errorMessage, isApiError } from '../state/api';
import { useSessionStore } from '../state/sessionStore';
import { useTerritoryStore } from '../state/territoryStore';
import { toast } from '../state/toastStore';
import { useUsersStore } from '../state/usersStore';
import { ListHead } from './common/ListTable';
import { LoginThrottleList } from './LoginThrottleList';
import { Modal } from './Modal';

/** Users and their roles (admins only): list, create, deactivate/activate; failed sign-ins. */
export function UserAdmin({ onClose }: { onClose(): void }) {
  const { users, status, error, load, update } = useUsersStore();
  const me = useSessionStore((state) => state.user);
  const summary = useTerritoryStore((state) => state.summary);
  const territory = useTerritoryStore((state) => state.territory);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    void load();
  }, [load]);

  const areaName = (district: string, gebiet: string) => {
    if (!territory || district !== territory.district.id || !summary) return `${district}: ${gebiet}`;
    const [kind, id] = gebiet.split(':');
    return summary.byKey.get(`${kind}:${id}`)?.name ?? gebiet;
  };

  const toggleActive = async (user: User) => {
    try {
      const updated = await update(user.id, { aktiv: !user.aktiv });
      toast.success(`${updated.name} ist jetzt ${updated.aktiv ? 'aktiv' : 'deaktiviert'}.`);
    } catch (caught) {
      toast.error(errorMessage(caught));
    }
  };

  return (
    <Modal title="Benutzer verwalten" onClose={onClose} wide testId="users-dialog">
      {status === 'loading' && <p className="muted">Lade Benutzer …</p>}
      {error && <p className="form-error">{error}</p>}
      {users.length > 0 && (
        <div className="table-scroll table-scroll--dialog">
          <table className="data-table" data-testid="users-table">
            <ListHead columns={['Name', 'E-Mail', 'Rolle', 'Zuständigkeiten', 'Status']} />
            <tbody>
              {users.map((user) => (
                <tr key={user.id} data-testid="user-row" data-email={user.email} className={user.aktiv ? undefined : 'deleted'}>
                  <th scope="row">{user.name}</th>
                  <td>{user.email}</td>
                  <td>{ROLE_LABELS[user.rolle]}</td>
                  <td>
                    {user.rolle !== 'koordination'
                      ? 'alle Gebiete'
                      : user.zustaendigkeiten.length === 0
                        ? '–'
                        : user.zustaendigkeiten.map((entry) => areaName(entry.district, entry.gebiet)).join(', ')}
                  </td>
                  <td>{user.aktiv ? 'aktiv' : 'deaktiviert'}</td>
                  <td>
                    {user.id !== me?.id && (
                      <button type="button" className="button button--small" onClick={() => void toggleActive(user)} data-testid="user-toggle-active">
                        {user.aktiv ? 'Deaktivieren' : 'Aktivieren'}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {creating ? (
        <NewUserForm onDone={() => setCreating(false)} />
      ) : (
        <div className="form-actions">
          <button type="button" className="button button--primary" onClick={() => setCreating(true)} data-testid="user-new">
            + Neuer Benutzer
          </button>
        </div>
      )}
      <LoginThrottleList />
    </Modal>
  );
}

function NewUserForm({ onDone }: { onDone(): void }) {
  const create = useUsersStore((state) => state.create);
  const territory = useTerritoryStore((state) => state.territory);
  const summary = useTerritoryStore((state) => state.summary);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [rolle, setRolle] = useState<Role>('koordination');
  const [passwort, setPasswort] = useState('');
  const [gebiete, setGebiete] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  if (!territory || !summary) return null;
  const district = territory.district.id;

  const toggleArea = (gebiet: string, on: boolean) => setGebiete((previous) => (on ? [...previous, gebiet] : previous.filter((item) => item !== gebiet)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const candidate = {
      email,
      name,
      rolle,
      passwort,
      zustaendigkeiten: rolle === 'koordination' ? gebiete.map((gebiet) => ({ district, gebiet })) : [],
    };
    const parsed = CreateUserSchema.safeParse(candidate);
    const found: Record<string, string> = {};
    if (!parsed.success) for (const issue of parsed.error.issues) found[String(issue.path[0] ?? 'form')] ??= issue.message;
    // What the browser can tell without the server's dictionary of common passwords.
    const [passwordProblem] = passwordProblems(passwort, { email, name });
    if (passwordProblem) found.passwort ??= passwordProblem;
    if (rolle === 'koordination' && gebiete.length === 0) found.zustaendigkeiten = 'Koordination braucht mindestens ein Gebiet';
    if (Object.keys(found).length > 0 || !parsed.success) {
      setErrors(found);
      return;
    }
    setBusy(true);
    try {
      const user = await create(parsed.data);
      toast.success(`Benutzer ${user.name} angelegt.`);
      onDone();
    } catch (caught) {
      setErrors(isApiError(caught) && caught.code === 'weak_password' ? { passwort: caught.message } : { form: errorMessage(caught) });
      setBusy(false);
    }
  };

  const fieldError = (key: string) =>
    errors[key] ? (
      <span className="field__error" data-testid={`user-error-${key}`}>
        {errors[key]}
      </span>
    ) : null;

  return (
    <form className="form user-form" onSubmit={submit} noValidate data-testid="user-form">
      <h3>Neuer Benutzer</h3>
      {errors.form && <p className="form-error">{errors.form}</p>}
      <div className="field-row">
        <label className="field">
          <span className="field__label">Name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} data-testid="user-name" />
          {fieldError('name')}
        </label>
        <label className="field">
          <span className="field__label">E-Mail-Adresse</span>
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} data-testid="user-email" autoComplete="off" />
          {fieldError('email')}
        </label>
      </div>
      <div className="field-row">
        <label className="field">
          <span className="field__label">Rolle</span>
          <select value={rolle} onChange={(e) => setRolle(e.target.value as Role)} data-testid="user-role">
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Anfangspasswort</span>
          <input type="password" value={passwort} onChange={(e) => setPasswort(e.target.value)} data-testid="user-password" autoComplete="new-password" aria-describedby="user-password-rules" />
          <span className="field__hint muted small" id="user-password-rules" data-testid="user-password-rules">
            {PASSWORD_RULES}
          </span>
          {fieldError('passwort')}
        </label>
      </div>
      {rolle === 'koordination' ? (
        <fieldset className="area-choice">
          <legend>Zuständigkeiten im {territory.district.name}</legend>
          {fieldError('zustaendigkeiten')}
          {summary.sozialregionen.length > 0 && (
            <div className="area-choice__group">
              <span className="muted small">{territory.district.regionLevel?.plural ?? 'Sozialregionen'} (alle ihre Sozialräume)</span>
              {summary.sozialregionen.map((region) => (
                <label key={region.id} className="checkbox">
                  <input
                    type="checkbox"
                    checked={gebiete.includes(`sozialregion:${region.id}`)}
                    onChange={(e) => toggleArea(`sozialregion:${region.id}`, e.target.checked)}
                    data-testid={`user-area-sozialregion-${region.id}`}
                  />
                  {region.name}
                </label>
              ))}
            </div>
          )}
          <div className="area-choice__group">
            <span className="muted small">Sozialräume</span>
            {[...summary.sozialraeume]
              .sort((a, b) => a.name.localeCompare(b.name, 'de'))
              .map((area) => (
                <label key={area.id} className="checkbox">
                  <input
                    type="checkbox"
                    checked={gebiete.includes(`sozialraum:${area.id}`)}
                    onChange={(e) => toggleArea(`sozialraum:${area.id}`, e.target.checked)}
                    data-testid={`user-area-sozialraum-${area.id}`}
                  />
                  {area.name}
                </label>
              ))}
          </div>
        </fieldset>
      ) : (
        <p className="muted small">{ROLE_LABELS[rolle]} darf Einrichtungen in allen Gebieten bearbeiten.</p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onDone}>
          Abbrechen
        </button>
        <button type="submit" className="button button--primary" disabled={busy} data-testid="user-create">
          Benutzer anlegen
        </button>
      </div>
    </form>
  );
}
