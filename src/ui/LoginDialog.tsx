import { useState, type FormEvent } from 'react';
import { errorMessage } from '../state/api';
import { useSessionStore } from '../state/sessionStore';
import { Modal } from './Modal';

/** E-mail and password; the server's German message is shown when it refuses. */
export function LoginDialog({ onClose }: { onClose(): void }) {
  const login = useSessionStore((state) => state.login);
  const [email, setEmail] = useState('');
  const [passwort, setPasswort] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim() || !passwort) {
      setError('Bitte E-Mail-Adresse und Passwort eingeben.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await login(email.trim(), passwort);
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <Modal title="Anmelden" onClose={onClose} testId="login-dialog">
      <form className="form" onSubmit={submit} noValidate>
        <p className="muted small">Lesen ist ohne Anmeldung möglich. Zum Bearbeiten melden Sie sich mit Ihrem Dienstkonto an.</p>
        <label className="field">
          <span className="field__label">E-Mail-Adresse</span>
          <input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} data-testid="login-email" autoFocus required />
        </label>
        <label className="field">
          <span className="field__label">Passwort</span>
          <input type="password" autoComplete="current-password" value={passwort} onChange={(e) => setPasswort(e.target.value)} data-testid="login-password" required />
        </label>
        {error && (
          <p className="form-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            Abbrechen
          </button>
          <button type="submit" className="button button--primary" disabled={busy} data-testid="login-submit">
            {busy ? 'Anmelden …' : 'Anmelden'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
