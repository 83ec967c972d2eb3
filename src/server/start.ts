import { serve } from '@hono/node-server';
import { hashPassword } from './auth/password';
import { createApp } from './app';
import type { ServerConfig } from './config';
import type { ServerOptions } from './context';
import { openDatabase, type Database } from './db/database';
import { discardBatch, unfinishedBatches } from './db/imports';
import { migrate } from './db/migrations';
import { countUsers, createUser } from './db/users';
import { loadDistricts, type DistrictRuntime } from './districts';
import { seedIndicators } from './indicators';
import { seedKnownFamilyCentres } from './seed';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

export interface RunningServer {
  url: string;
  db: Database;
  close(): Promise<void>;
}

/**
 * Opens the database (DATA_DIR or DATABASE_URL), brings the schema up to date and seeds the
 * family centres known from public sources: what the server and the command line share.
 */
export async function openAtlasDatabase(
  config: Pick<ServerConfig, 'dataDir' | 'databaseUrl' | 'root'>,
  districts: Map<string, DistrictRuntime>,
  log: (message: string) => void,
  command = 'Server',
): Promise<Database> {
  const db = await openDatabase(config, command);
  try {
    log(`Datenbank: ${db.kind === 'pglite' ? `eingebettet (PGlite + PostGIS) in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`);
    const applied = await migrate(db);
    if (applied.length > 0) log(`Datenbankschema aktualisiert (Migration ${applied.join(', ')}).`);
    for (const batch of await unfinishedBatches(db)) {
      await discardBatch(db, batch);
      log(`Ein unterbrochener Import (${batch}) wurde verworfen; er war nie sichtbar.`);
    }
    const seeded = await seedKnownFamilyCentres(db, districts, config.root);
    if (seeded > 0) log(`${seeded} Familienzentren aus öffentlichen Quellen eingetragen (Lage genähert).`);
    const indicatorValues = await seedIndicators(db, districts, config.root);
    if (indicatorValues > 0) log(`${indicatorValues} Kennzahlenwerte aus geodata/ eingetragen (Regionalstatistik, Zensus 2022).`);
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** Opens and migrates the database, seeds, creates the first admin if asked, and listens. */
export async function startServer(config: ServerConfig, log: (message: string) => void = console.log): Promise<RunningServer> {
  const started = performance.now();
  const districts = loadDistricts(config.root);
  const db = await openAtlasDatabase(config, districts, log);
  if (config.admin && (await countUsers(db)) === 0) {
    await createUser(db, {
      email: config.admin.email,
      name: config.admin.name,
      rolle: 'admin',
      passwordHash: await hashPassword(config.admin.password),
      zustaendigkeiten: [],
    });
    log(`Erster Administrator ${config.admin.email} angelegt.`);
  }
  if ((await countUsers(db)) === 0) {
    log(
      'Noch kein Benutzerkonto: Ansehen geht, Bearbeiten erst nach Anlegen eines Administrators, z. B.\n' +
        '  ADMIN_EMAIL=name@landkreis.de ADMIN_PASSWORD=… npm start   oder\n' +
        '  npm run admin -- create-admin --email name@landkreis.de --name "Vorname Name" --password …',
    );
  }
  const options: ServerOptions = {
    anonymousRead: config.anonymousRead,
    secureCookies: config.secureCookies,
    allowedOrigins: config.allowedOrigins,
    maxLoginFailures: 5,
    loginWindowMinutes: 15,
  };
  const cliToken = randomBytes(32).toString('base64url');
  const app = createApp({ db, districts, options, cliToken }, join(config.root, 'dist'));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const instance = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(instance));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host}:${port}/`;
  // The command line talks to this server instead of opening the data directory itself.
  const loopbackHost = ['0.0.0.0', '::', ''].includes(config.host) ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host;
  db.announceServer?.({ url: `http://${loopbackHost}:${port}`, token: cliToken });
  log(`Sozialraumatlas läuft auf ${url} (Start in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return {
    url,
    db,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
