// An in-process API for tests: the real app on a fresh database, either embedded (PGlite in a
// temp dir) or, with TEST_DATABASE_URL, a new database on a PostgreSQL + PostGIS server.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { hashPassword } from '../../../src/server/auth/password';
import { createApp } from '../../../src/server/app';
import type { App, ServerOptions } from '../../../src/server/context';
import { openPglite, openPostgres, type Database } from '../../../src/server/db/database';
import { migrate } from '../../../src/server/db/migrations';
import { createUser } from '../../../src/server/db/users';
import { loadDistricts } from '../../../src/server/districts';
import type { Role, User } from '../../../src/domain/facilities/schema';
import { freshPgliteDir } from '../../support/pgliteTemplate';

export const ROOT = resolve(import.meta.dirname, '../../..');

export interface TestApi {
  app: App;
  db: Database;
  close(): Promise<void>;
}

let counter = 0;

/**
 * Where a fresh, empty database lives: a new database on the TEST_DATABASE_URL server, or a
 * temp dir for PGlite. `env` is what a child process (the CLI) needs to use it.
 */
export interface FreshDatabase {
  env: { DATABASE_URL: string } | { DATA_DIR: string };
  open(): Promise<Database>;
  remove(): Promise<void>;
}

export async function freshDatabase(): Promise<FreshDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `sra_test_${process.pid}_${Date.now()}_${counter++}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const target = new URL(url);
    target.pathname = `/${name}`;
    return {
      env: { DATABASE_URL: target.toString() },
      open: () => openPostgres(target.toString()),
      remove: async () => {
        const dropper = new pg.Client({ connectionString: url });
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await dropper.end();
      },
    };
  }
  const dir = freshPgliteDir('sra-api-');
  return { env: { DATA_DIR: dir }, open: () => openPglite(dir), remove: async () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startTestApi(options: Partial<ServerOptions> = {}, distDir?: string): Promise<TestApi> {
  const fresh = await freshDatabase();
  const db = await fresh.open();
  const cleanup = fresh.remove;
  await migrate(db);
  const app = createApp({
    db,
    districts: loadDistricts(ROOT),
    options: { anonymousRead: true, secureCookies: false, maxLoginFailures: 5, loginWindowMinutes: 15, ...options },
  }, distDir);
  return {
    app,
    db,
    close: async () => {
      await db.close();
      await cleanup();
    },
  };
}

export const PASSWORD = 'Richtig-Geheim-42';

export async function addUser(api: TestApi, email: string, rolle: Role, zustaendigkeiten: User['zustaendigkeiten'] = []): Promise<User> {
  return createUser(api.db, { email, name: email.split('@')[0]!, rolle, passwordHash: await hashPassword(PASSWORD), zustaendigkeiten });
}

/** A browser-like client: keeps the session cookie and sends the CSRF token. */
export class Client {
  private cookie: string | null = null;
  csrfToken: string | null = null;

  /** `address`: the peer address the server sees (as the Node adapter reports it); default "local". */
  constructor(
    private readonly api: TestApi,
    private readonly options: { address?: string } = {},
  ) {}

  /** The session cookie as a Cookie header, for requests made without this client. */
  cookieHeader(): string {
    return this.cookie ?? '';
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; text: string; headers: Headers }> {
    const init: RequestInit = { method, headers: { ...headers } };
    const h = init.headers as Record<string, string>;
    if (body !== undefined) {
      h['content-type'] ??= 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrfToken && method !== 'GET' && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrfToken;
    const env = this.options.address ? { incoming: { socket: { remoteAddress: this.options.address } } } : undefined;
    const response = await this.api.app.request(path, init, env);
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const [pair] = setCookie.split(';');
      this.cookie = pair!.endsWith('=') ? null : pair!;
    }
    // Keep a byte-order mark visible: the CSV export must start with one.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    return { status: response.status, body: parsed, text, headers: response.headers };
  }

  async login(email: string, password = PASSWORD) {
    const result = await this.request('POST', '/api/session', { email, passwort: password });
    if (result.status === 200) this.csrfToken = result.body.csrfToken;
    return result;
  }
}

/** A facility that is valid in Landkreis Göttingen, at a point in the given place. */
export function facilityAt(lage: [number, number], overrides: Record<string, unknown> = {}) {
  return { category: 'kita', name: 'Testkita Sonnenschein', lage, lagegenauigkeit: 'adresse', ...overrides };
}

/** Points inside Sozialräume of Landkreis Göttingen (checked by the tests that use them). */
export const POINTS = {
  adelebsen: [9.7546, 51.5827] as [number, number],
  duderstadt: [10.2595, 51.5131] as [number, number],
  stadtGoettingen: [9.9323, 51.5344] as [number, number],
  berlin: [13.405, 52.52] as [number, number],
};
