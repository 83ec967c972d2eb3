// One writer to the embedded database: while the server runs, the command line goes through it
// (an admin created there signs in at once, a grid import lands in the server's database), a
// second opener of the data directory is refused with a German message, and the data survive a
// restart intact. With DATABASE_URL (PostgreSQL) a second opener is fine and works alongside.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirBusyError, lockDataDir, lockPath } from '../../src/server/db/dataDirLock';
import { openDatabase } from '../../src/server/db/database';
import { startServer, type RunningServer } from '../../src/server/start';
import { ROOT, facilityAt, freshDatabase, POINTS, type FreshDatabase } from './support/testServer';

const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const embedded = !process.env.TEST_DATABASE_URL;
const ADMIN = { email: 'erste@landkreis.example', password: 'Gleich-Anmelden-42' };

let database: FreshDatabase;
let server: RunningServer;
let dataDir = '';

function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...database.env, ...extra };
  if (!('DATABASE_URL' in database.env)) delete env.DATABASE_URL;
  return env;
}

function run(file: string, args: string[], env = childEnv()): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: ROOT, env, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const config = () => ({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  databaseUrl: 'DATABASE_URL' in database.env ? database.env.DATABASE_URL : undefined,
  anonymousRead: true,
  secureCookies: false,
    allowedOrigins: [],
  admin: null,
  root: ROOT,
});

async function signIn(email: string, password: string): Promise<number> {
  const response = await fetch(`${server.url}api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, passwort: password }),
  });
  await response.body?.cancel();
  return response.status;
}

beforeAll(async () => {
  database = await freshDatabase();
  dataDir = 'DATA_DIR' in database.env ? database.env.DATA_DIR : join(mkdtempSync(join(tmpdir(), 'sra-unused-')), 'pglite');
  server = await startServer(config(), () => {});
}, 120_000);

afterAll(async () => {
  await server?.close();
  await database?.remove();
});

describe('while the server runs', () => {
  it('creates an administrator from the command line who can sign in at once', async () => {
    const created = await run(TSX, ['src/server/cli.ts', 'create-admin', '--email', ADMIN.email, '--name', 'Erste Admin', '--password', ADMIN.password]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toBe(`Administrator ${ADMIN.email} angelegt.\n`);
    if (embedded) expect(created.stderr).toContain('über den laufenden Server');
    expect(await signIn(ADMIN.email, ADMIN.password)).toBe(200);

    const again = await run(TSX, ['src/server/cli.ts', 'create-admin', '--email', ADMIN.email, '--name', 'Noch mal', '--password', ADMIN.password]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`Die E-Mail-Adresse ${ADMIN.email} ist schon vergeben.`);
  }, 120_000);

  it('writes clean CSV and JSON (whole people, from the fallback surface before any grid) when the documented commands are redirected to a file', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sra-redirect-'));
    try {
      const coverage = 'npm run -s atlas -- coverage --district goettingen --category familienzentrum --radius-km 5';
      const csv = await run('sh', ['-c', `${coverage} > "${out}/versorgung.csv"`]);
      expect(csv.code, csv.stderr).toBe(0);
      const csvText = readFileSync(join(out, 'versorgung.csv'), 'utf8');
      expect(csvText.startsWith('\uFEFFSozialraum;Einwohner;versorgt;')).toBe(true);
      expect(csvText.split('\r\n').filter(Boolean)).toHaveLength(1 + 18 + 6 + 1);

      const json = await run('sh', ['-c', `${coverage} --json --best 2 > "${out}/versorgung.json"`]);
      expect(json.code, json.stderr).toBe(0);
      const parsed = JSON.parse(readFileSync(join(out, 'versorgung.json'), 'utf8')) as {
        sozialraeume: { einwohner: number; versorgt: number; unversorgt: number }[];
        kreis: { einwohner: number };
        vorschlaege: { zusaetzlichVersorgt: number }[];
      };
      expect(parsed.sozialraeume).toHaveLength(18);
      const people = [...parsed.sozialraeume.flatMap((row) => [row.einwohner, row.versorgt, row.unversorgt]), parsed.kreis.einwohner, ...parsed.vorschlaege.map((site) => site.zusaetzlichVersorgt)];
      expect(people.filter((value) => !Number.isInteger(value))).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  it('imports a Zensus grid from the command line into the database the server serves', async () => {
    const imported = await run(TSX, ['src/server/atlasCli.ts', 'grid', 'import', join(ROOT, 'tests/fixtures/zensus/goettingen-100m.csv'), '--district', 'goettingen']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/gespeichert \(UTF-8\)/);
    const grid = await fetch(`${server.url}api/districts/goettingen/population`);
    expect(grid.status).toBe(200);
    expect(((await grid.json()) as { x: number[] }).x).toHaveLength(195);
  }, 120_000);

  it(embedded ? 'refuses a second opener of the data directory, in another process and in this one' : 'lets a second client open PostgreSQL beside the server', async () => {
    if (embedded) {
      const second = await run(TSX, ['tests/api/support/openDataDir.ts', dataDir]);
      expect(second.code).toBe(3);
      expect(second.stdout).toBe('');
      expect(second.stderr).toMatch(/^Die eingebettete Datenbank in .* ist schon geöffnet: von Server \(Prozess \d+, seit .*\)\. Sie darf nur von einem Programm zugleich geöffnet werden/);
      await expect(openDatabase({ dataDir })).rejects.toBeInstanceOf(DataDirBusyError);
    } else {
      const second = await openDatabase({ dataDir, databaseUrl: config().databaseUrl });
      try {
        expect((await second.query<{ n: string }>('SELECT count(*) AS n FROM users'))[0]!.n).toBe('1');
      } finally {
        await second.close();
      }
    }
  }, 120_000);
});

describe('a command while another command holds the embedded database', () => {
  it('is refused with a message that says who holds it and what to do', async () => {
    const other = freshDatabase();
    const fresh = await other;
    const dir = 'DATA_DIR' in fresh.env ? fresh.env.DATA_DIR : mkdtempSync(join(tmpdir(), 'sra-held-'));
    const lock = lockDataDir(dir, 'npm run atlas');
    try {
      const refused = await run(TSX, ['src/server/cli.ts', 'create-admin', '--email', 'x@example.org', '--name', 'X', '--password', 'Lang-genug-123'], childEnv({ DATA_DIR: dir }));
      if (embedded) {
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain('ist schon geöffnet: von npm run atlas');
        expect(refused.stderr).toContain('Bitte warten, bis es fertig ist, oder es beenden.');
      } else {
        // PostgreSQL: the data directory plays no part.
        expect(refused.code, refused.stderr).toBe(0);
      }
    } finally {
      lock.release();
      await fresh.remove();
    }
  }, 120_000);
});

describe('after the server stops', () => {
  it('starts again on the same data with everything intact, and gives the directory back', async () => {
    const session = await fetch(`${server.url}api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN.email, passwort: ADMIN.password }),
    });
    const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const created = await fetch(`${server.url}api/districts/goettingen/facilities`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify(facilityAt(POINTS.adelebsen, { name: 'Kita vor dem Neustart' })),
    });
    expect(created.status).toBe(201);
    await server.close();
    if (embedded) expect(existsSync(lockPath(dataDir))).toBe(false);

    server = await startServer(config(), () => {});
    expect(await signIn(ADMIN.email, ADMIN.password)).toBe(200);
    const names = ((await (await fetch(`${server.url}api/districts/goettingen/facilities`)).json()) as { facilities: { name: string }[] }).facilities.map((f) => f.name);
    expect(names).toContain('Kita vor dem Neustart');
    expect((await fetch(`${server.url}api/districts/goettingen/population`)).status).toBe(200);
  }, 120_000);
});
