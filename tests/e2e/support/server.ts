// Starts the real application server (API + built app) in-process on a free port, with a
// fresh embedded database in a temporary directory, so every test file starts from zero.
import { existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig } from '../../../src/server/config';
import type { Database } from '../../../src/server/db/database';
import { startServer } from '../../../src/server/start';
import { freshPgliteDir } from '../../support/pgliteTemplate';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const DIST_DIR = join(ROOT, 'dist');

export const TEST_ADMIN = { email: 'admin@test.invalid', password: 'Test-Passwort-123', name: 'Test Admin' };

export interface AppServer {
  /** e.g. http://127.0.0.1:41234/ (with trailing slash) */
  url: string;
  /** The server's database, for a test that must set up what no API offers (an old weak password). */
  db: Database;
  close(): Promise<void>;
}

export async function startAppServer(env: Record<string, string> = {}): Promise<AppServer> {
  if (!existsSync(join(DIST_DIR, 'index.html'))) {
    throw new Error(`${join(DIST_DIR, 'index.html')} is missing: run npm run build first (npm test does it for you).`);
  }
  const dataDir = freshPgliteDir('sozialraumatlas-e2e-');
  const config = readConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      ADMIN_NAME: TEST_ADMIN.name,
      ...(process.env.TEST_DATABASE_URL ? { DATABASE_URL: process.env.TEST_DATABASE_URL } : {}),
      ...env,
    },
    ROOT,
  );
  const server = await startServer(config, () => {});
  return {
    url: server.url,
    db: server.db,
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
