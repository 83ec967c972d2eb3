// Serves the production build (dist/) in-process with scripts/serve.mjs on a free port.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../../scripts/serve.mjs';

export const DIST_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../dist');

export interface AppServer {
  /** e.g. http://127.0.0.1:41234/ (with trailing slash) */
  url: string;
  close(): Promise<void>;
}

export async function startAppServer(root: string = DIST_DIR): Promise<AppServer> {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`${join(root, 'index.html')} is missing: run npm run build first (npm test does it for you).`);
  }
  const { url, close } = await startServer({ port: 0, host: '127.0.0.1', root });
  return { url, close };
}
