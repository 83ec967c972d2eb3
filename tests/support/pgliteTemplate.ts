// Creating an embedded database is the slow part of every API and end-to-end test file: initdb,
// CREATE EXTENSION postgis and the migrations take several seconds each time, while opening an
// existing data directory takes about one. So the test run creates one migrated database before
// the files start (globalSetup below) and every file gets a copy of its data directory.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { openPglite } from '../../src/server/db/database';
import { migrate } from '../../src/server/db/migrations';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Data directory of the migrated template database ('' on PostgreSQL). */
    pgliteTemplate: string;
  }
}

/** vitest globalSetup: builds the template once per run (not needed when the tests use PostgreSQL). */
export default async function setup({ provide }: { provide(key: 'pgliteTemplate', value: string): void }): Promise<() => void> {
  if (process.env.TEST_DATABASE_URL) {
    provide('pgliteTemplate', '');
    return () => {};
  }
  const dir = mkdtempSync(join(tmpdir(), 'sra-template-'));
  const db = await openPglite(dir);
  await migrate(db);
  await db.close();
  provide('pgliteTemplate', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

/**
 * A new data directory holding a migrated, empty embedded database: a copy of the run's template
 * when there is one, else an empty directory the server initialises itself.
 */
export function freshPgliteDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const template = inject('pgliteTemplate');
  if (template) cpSync(template, dir, { recursive: true });
  return dir;
}
