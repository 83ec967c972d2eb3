// Administration from the command line, e.g. the first admin:
//   npm run -s admin -- create-admin --email a@example.org --name "Anna Admin" --password '…'
//   npm run -s admin -- reset-password --email a@example.org --password '…'
// While the server runs on the embedded database, the command asks the server (the data
// directory has one writer), so the new admin can sign in at once.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { passwordPolicyMessage, passwordPolicyProblems } from './auth/passwordPolicy';
import { AccessRefused, openAtlasAccess } from './atlasAccess';
import { ConfigError, readConfig } from './config';
import { DataDirBusyError } from './db/dataDirLock';
import { loadDistricts } from './districts';

const ROOT = resolve(import.meta.dirname, '..', '..');

const USAGE = `Aufruf:
  npm run -s admin -- create-admin --email E-MAIL --name NAME --password PASSWORT
  npm run -s admin -- reset-password --email E-MAIL --password PASSWORT
Datenbank wie beim Server: DATA_DIR (eingebettet) oder DATABASE_URL. Läuft der Server auf der
eingebetteten Datenbank, geht der Befehl über ihn.`;

const say = (message: string) => process.stderr.write(`${message}\n`);

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
  });
  const command = positionals[0];
  if (command !== 'create-admin' && command !== 'reset-password') {
    say(USAGE);
    return 2;
  }
  if (!values.email || !values.password || (command === 'create-admin' && !values.name)) {
    say(`Es fehlen Angaben.\n${USAGE}`);
    return 2;
  }
  const problems = passwordPolicyProblems(values.password, { email: values.email, name: values.name ?? null });
  if (problems.length > 0) {
    say(passwordPolicyMessage(problems));
    return 2;
  }
  try {
    const config = readConfig(process.env, ROOT);
    const access = await openAtlasAccess(config, loadDistricts(ROOT), say, 'npm run admin');
    try {
      console.log(await access.admin({ befehl: command, email: values.email, name: values.name, passwort: values.password }));
      return 0;
    } finally {
      await access.close();
    }
  } catch (error) {
    if (error instanceof AccessRefused || error instanceof DataDirBusyError) {
      say(error.message);
      return 1;
    }
    if (error instanceof ConfigError) {
      say(`Konfigurationsfehler: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

process.exit(await main());
