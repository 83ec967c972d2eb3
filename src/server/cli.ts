// Administration from the command line, e.g. the first admin:
//   npm run admin -- create-admin --email a@example.org --name "Anna Admin" --password '…'
//   npm run admin -- reset-password --email a@example.org --password '…'
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { hashPassword } from './auth/password';
import { passwordPolicyMessage, passwordPolicyProblems } from './auth/passwordPolicy';
import { readConfig } from './config';
import { openDatabase } from './db/database';
import { migrate } from './db/migrations';
import { DuplicateEmailError, createUser, findUserByEmail, updateUser } from './db/users';

const USAGE = `Aufruf:
  npm run admin -- create-admin --email E-MAIL --name NAME --password PASSWORT
  npm run admin -- reset-password --email E-MAIL --password PASSWORT
Datenbank wie beim Server: DATA_DIR (eingebettet) oder DATABASE_URL.`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
  });
  const command = positionals[0];
  if (command !== 'create-admin' && command !== 'reset-password') {
    console.error(USAGE);
    return 2;
  }
  if (!values.email || !values.password || (command === 'create-admin' && !values.name)) {
    console.error(`Es fehlen Angaben.\n${USAGE}`);
    return 2;
  }
  const problems = passwordPolicyProblems(values.password, { email: values.email, name: values.name ?? null });
  if (problems.length > 0) {
    console.error(passwordPolicyMessage(problems));
    return 2;
  }
  const config = readConfig(process.env, resolve(import.meta.dirname, '..', '..'));
  const db = await openDatabase(config);
  try {
    await migrate(db);
    const passwordHash = await hashPassword(values.password);
    if (command === 'create-admin') {
      try {
        await createUser(db, { email: values.email, name: values.name!, rolle: 'admin', passwordHash, zustaendigkeiten: [] });
      } catch (error) {
        if (error instanceof DuplicateEmailError) {
          console.error(`Die E-Mail-Adresse ${values.email} ist schon vergeben.`);
          return 1;
        }
        throw error;
      }
      console.log(`Administrator ${values.email} angelegt.`);
    } else {
      const user = await findUserByEmail(db, values.email);
      if (!user) {
        console.error(`Keinen Benutzer mit ${values.email} gefunden.`);
        return 1;
      }
      await updateUser(db, user.id, { passwordHash });
      console.log(`Passwort von ${values.email} neu gesetzt; alle Sitzungen beendet.`);
    }
    return 0;
  } finally {
    await db.close();
  }
}

process.exit(await main());
