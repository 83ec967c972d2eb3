import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import pg from 'pg';
import { lockDataDir } from './dataDirLock';

/** The little the application needs of a database connection. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgresql';
  /** Runs fn in one transaction: all of its statements or none. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Embedded only: tells command-line tools where the server holding the data directory listens. */
  announceServer?(server: { url: string; token: string }): void;
}

/**
 * The embedded default: PostgreSQL + PostGIS in-process (PGlite), persisted in dataDir.
 * PGlite has one connection, so transactions are serialised by PGlite itself. Only one process
 * may open a data directory: the lock (dataDirLock.ts) is taken first, and a second opener gets
 * a DataDirBusyError naming the holder (`command` is how this one is named to others).
 */
export async function openPglite(dataDir: string, command = 'Sozialraumatlas'): Promise<Database> {
  mkdirSync(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir, command);
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir, { extensions: { postgis } });
  } catch (error) {
    lock.release();
    throw error;
  }
  return {
    announceServer: (server) => lock.announceServer(server),
    kind: 'pglite',
    async query<T>(sql: string, params: unknown[] = []) {
      return (await db.query<T>(sql, params)).rows;
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      return db.transaction(async (tx) =>
        fn({
          async query<R>(sql: string, params: unknown[] = []) {
            return (await tx.query<R>(sql, params)).rows;
          },
        }),
      );
    },
    async close() {
      try {
        await db.close();
      } finally {
        lock.release();
      }
    },
  };
}

/** A PostgreSQL + PostGIS server (DATABASE_URL), e.g. for planners who open the table in QGIS. */
export async function openPostgres(connectionString: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: 5 });
  // An idle connection closed by the server (restart, admin action) must not crash the process;
  // the pool replaces it on the next query.
  pool.on('error', (error) => console.error(`PostgreSQL-Verbindung getrennt: ${error.message}`));
  // Fail at start, with the server's message, rather than on the first request.
  await pool.query('SELECT 1');
  return {
    kind: 'postgresql',
    async query<T>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params)).rows as T[];
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          async query<R>(sql: string, params: unknown[] = []) {
            return (await client.query(sql, params)).rows as R[];
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

export async function openDatabase(options: { databaseUrl?: string; dataDir: string }, command?: string): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir, command);
}
