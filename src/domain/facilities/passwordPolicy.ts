import { z } from 'zod';

/**
 * The password policy, the part that browser and server share: length and "not your e-mail".
 * Whether a password is among the common ones needs a dictionary of several megabytes, so only
 * the server checks that (src/server/auth/passwordPolicy.ts) and its German message is shown.
 */

export const PASSWORD_MIN_LENGTH = 12;
/** scrypt hashes any length; the bound only keeps request bodies small. */
export const PASSWORD_MAX_LENGTH = 200;

/** The rules in one German sentence, shown wherever a password is set. */
export const PASSWORD_RULES =
  `Mindestens ${PASSWORD_MIN_LENGTH} Zeichen, nicht die eigene E-Mail-Adresse oder der eigene Name und kein häufig ` +
  'verwendetes oder leicht zu erratendes Passwort (z. B. „123456789012“ oder „Passwort2024“). Ein Satz aus mehreren ' +
  'Wörtern ist gut zu merken und schwer zu erraten.';

export const NewPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Passwort braucht mindestens ${PASSWORD_MIN_LENGTH} Zeichen`)
  .max(PASSWORD_MAX_LENGTH, `höchstens ${PASSWORD_MAX_LENGTH} Zeichen`);

/** Who the password belongs to: what it must not be. */
export interface PasswordOwner {
  email: string;
  name?: string | null;
}

const normalise = (value: string) => value.normalize('NFC').toLowerCase().replace(/[\s._-]+/g, '');

/**
 * The problems of a new password that need no dictionary, as German sentences (empty: none).
 *
 * @example passwordProblems('anna@kreis.de', { email: 'anna@kreis.de' }) // ['Passwort braucht …', 'Das Passwort darf nicht die E-Mail-Adresse sein']
 */
export function passwordProblems(password: string, owner: PasswordOwner): string[] {
  const problems: string[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push(`Passwort braucht mindestens ${PASSWORD_MIN_LENGTH} Zeichen`);
  if (password.length > PASSWORD_MAX_LENGTH) problems.push(`Passwort darf höchstens ${PASSWORD_MAX_LENGTH} Zeichen haben`);
  const candidate = normalise(password);
  const email = normalise(owner.email);
  const localPart = normalise(owner.email.split('@')[0] ?? '');
  const name = normalise(owner.name ?? '');
  if (candidate === email || (localPart.length >= 4 && candidate.includes(localPart) && candidate.length - localPart.length < 6)) {
    problems.push('Das Passwort darf nicht die E-Mail-Adresse sein oder nur aus ihr bestehen');
  } else if (name.length >= 4 && candidate.includes(name) && candidate.length - name.length < 6) {
    problems.push('Das Passwort darf nicht der eigene Name sein oder nur aus ihm bestehen');
  }
  if (new Set(candidate).size <= 2) problems.push('Das Passwort besteht nur aus einem oder zwei verschiedenen Zeichen');
  return problems;
}
