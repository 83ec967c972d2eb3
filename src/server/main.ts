// Entry point of `npm start` (after the build): the web app and the API on one port.
import { resolve } from 'node:path';
import { ConfigError, readConfig } from './config';
import { startServer } from './start';

const root = resolve(import.meta.dirname, '..', '..');

try {
  const server = await startServer(readConfig(process.env, root));
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Konfigurationsfehler: ${error.message}`);
    process.exit(2);
  }
  console.error('Der Server konnte nicht starten:', error);
  process.exit(1);
}
