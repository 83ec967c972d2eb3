import { z } from 'zod';
import { hashPassword } from './auth/password';
import { passwordPolicyMessage, passwordPolicyProblems } from './auth/passwordPolicy';
import type { Queryable } from './db/database';
import { DuplicateEmailError, createUser, findUserByEmail, updateUser } from './db/users';

/** What `npm run admin` asks: the same whether the command line or the running server carries it out. */
export const AdminCommandSchema = z.object({
  befehl: z.enum(['create-admin', 'reset-password']),
  email: z.string().trim().toLowerCase().email('keine gültige E-Mail-Adresse'),
  name: z.string().min(1).max(120).optional(),
  passwort: z.string().min(1, 'Das Passwort fehlt').max(200),
});
export type AdminCommand = z.output<typeof AdminCommandSchema>;

/** Refused for a reason the user can act on (German message); `code` for the API. */
export class AdminCommandRefused extends Error {
  constructor(
    readonly code: 'duplicate_email' | 'not_found' | 'invalid_input',
    message: string,
  ) {
    super(message);
  }
}

/** Creates an administrator or sets a password; returns the German message of the outcome. */
export async function runAdminCommand(db: Queryable, { befehl, email, name, passwort }: AdminCommand): Promise<string> {
  // The policy is checked here too, since the running server carries out what the CLI asks.
  const problems = passwordPolicyProblems(passwort, { email, name: name ?? null });
  if (problems.length > 0) throw new AdminCommandRefused('invalid_input', passwordPolicyMessage(problems));
  const passwordHash = await hashPassword(passwort);
  if (befehl === 'create-admin') {
    if (!name) throw new AdminCommandRefused('invalid_input', 'Der Name fehlt.');
    try {
      await createUser(db, { email, name, rolle: 'admin', passwordHash, zustaendigkeiten: [] });
    } catch (error) {
      if (error instanceof DuplicateEmailError) throw new AdminCommandRefused('duplicate_email', `Die E-Mail-Adresse ${email} ist schon vergeben.`);
      throw error;
    }
    return `Administrator ${email} angelegt.`;
  }
  const user = await findUserByEmail(db, email);
  if (!user) throw new AdminCommandRefused('not_found', `Keinen Benutzer mit ${email} gefunden.`);
  await updateUser(db, user.id, { passwordHash });
  return `Passwort von ${email} neu gesetzt; alle Sitzungen beendet.`;
}
