// A throwaway PostgreSQL + PostGIS server for the API tests (Debian's packages), so that the
// code that runs on PGlite by default is proven on a real PostgreSQL too.
//
//   const pg = await startPostgres();   // { url, stop() }
//
// Installs postgresql + postgis with apt-get when missing and running as root; otherwise
// throws with the exact install command. PostgreSQL refuses to run as root, so the cluster is
// owned by the "postgres" system user that the Debian package creates.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const POSTGRES_INSTALL_HINT = 'sudo apt-get update && sudo apt-get install -y postgresql postgresql-15-postgis-3';

function binDir() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  for (const version of readdirSync(base).sort().reverse()) {
    const dir = join(base, version, 'bin');
    const postgisControl = `/usr/share/postgresql/${version}/extension/postgis.control`;
    if (existsSync(join(dir, 'initdb')) && existsSync(postgisControl)) return dir;
  }
  return null;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function ensureInstalled() {
  if (binDir()) return binDir();
  if (!isRoot() || !existsSync('/usr/bin/apt-get')) {
    throw new Error(`PostgreSQL with PostGIS is not installed. Install it with:  ${POSTGRES_INSTALL_HINT}`);
  }
  console.log('Installing PostgreSQL + PostGIS (Debian packages) …');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', 'postgresql', 'postgresql-15-postgis-3']]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed. Install it yourself: ${POSTGRES_INSTALL_HINT}`);
  }
  const dir = binDir();
  if (!dir) throw new Error('PostgreSQL was installed but initdb or PostGIS was not found.');
  return dir;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgres() {
  const bin = ensureInstalled();
  const dir = mkdtempSync(join(tmpdir(), 'sra-postgres-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const asOwner = (command, args) => {
    const full = isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
    const result = spawnSync(full[0], full[1], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
    return result.stdout;
  };
  const port = await freePort();
  asOwner(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  asOwner(join(bin, 'pg_ctl'), [
    '-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60',
    '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        asOwner(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
