// What the command line (npm run admin, npm run atlas) works on: the database itself, or the
// running server when that holds the embedded database (one writer: a second opener would damage
// it). With DATABASE_URL the database is opened directly, beside a running server, as PostgreSQL
// allows any number of connections.
import { z } from 'zod';
import type { PopulationGridData } from '../domain/coverage/zensusGrid';
import type { PopulationSurface } from '../domain/coverage/surface';
import type { Facility } from '../domain/facilities/schema';
import { AdminCommandRefused, AdminCommandSchema, runAdminCommand } from './adminCommand';
import type { ServerConfig } from './config';
import { DataDirBusyError, lockOwner } from './db/dataDirLock';
import type { Database } from './db/database';
import { listFacilities } from './db/facilities';
import type { DistrictRuntime } from './districts';
import { loadPopulationGrid, storePopulationGrid, storedGridInfo, type StoredGridInfo } from './populationGrid';
import { CliCoverageInputSchema, CliGridStoredSchema } from './routes/cli';
import { openAtlasDatabase } from './start';

/** What one CLI command may do, the same whether through the server or on the database. */
export interface AtlasAccess {
  /** How the data are reached, for the first line of the command's messages. */
  readonly description: string;
  coverageInput(district: string, category: string): Promise<{ facilities: Facility[]; grid: PopulationGridData | null; gridInfo: StoredGridInfo | null }>;
  storeGrid(district: string, surface: PopulationSurface): Promise<StoredGridInfo>;
  /** German message of the outcome; throws AccessRefused for a taken e-mail or an unknown user. */
  admin(request: z.input<typeof AdminCommandSchema>): Promise<string>;
  /** On the database: the open database, for command modules with their own work (indicatorCli.ts); null through the server. */
  readonly database: Database | null;
  /** Through the server: a request to its /api/cli routes; null on the database. */
  readonly server: ServerCall | null;
  close(): Promise<void>;
}

/** A request of the command line to the running server, its answer checked against `schema`. */
export type ServerCall = <T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown) => Promise<T>;

/** The command was refused for a reason the user can act on (German message, exit code 1). */
export class AccessRefused extends Error {}

function databaseAccess(db: Database, description: string): AtlasAccess {
  return {
    description,
    database: db,
    server: null,
    async coverageInput(district, category) {
      // Every status: the analysis counts those in operation and confirmed, and names the others.
      const facilities = await listFacilities(db, district, { category, geloescht: 'nein' });
      return { facilities, grid: await loadPopulationGrid(db, district), gridInfo: await storedGridInfo(db, district) };
    },
    storeGrid: (district, surface) => storePopulationGrid(db, district, surface),
    async admin(request) {
      try {
        return await runAdminCommand(db, AdminCommandSchema.parse(request));
      } catch (error) {
        if (error instanceof AdminCommandRefused) throw new AccessRefused(error.message);
        throw error;
      }
    },
    close: () => db.close(),
  };
}

function serverAccess(server: { url: string; token: string }, dataDir: string): AtlasAccess {
  const call: ServerCall = async <T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(`${server.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${server.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new AccessRefused(
        `Der Server, der die Datenbank in ${dataDir} geöffnet hat, antwortet nicht unter ${server.url}. ` +
          'Bitte prüfen, ob er läuft (oder ihn beenden und den Befehl dann erneut ausführen).',
      );
    }
    const answer = (await response.json().catch(() => null)) as { error?: string } | null;
    if (!response.ok) throw new AccessRefused(answer?.error ?? `Der Server hat den Befehl abgelehnt (HTTP ${response.status}).`);
    return schema.parse(answer);
  };
  return {
    description: `Datenbank: eingebettet in ${dataDir}, über den laufenden Server (${server.url})`,
    database: null,
    server: call,
    coverageInput: (district, category) =>
      call('GET', `/api/cli/districts/${encodeURIComponent(district)}/coverage-input?category=${encodeURIComponent(category)}`, CliCoverageInputSchema),
    storeGrid: (district, surface) =>
      call('PUT', `/api/cli/districts/${encodeURIComponent(district)}/population`, CliGridStoredSchema, {
        method: surface.method,
        cellSize: surface.cellSize,
        x: Array.from(surface.x),
        y: Array.from(surface.y),
        einwohner: Array.from(surface.einwohner),
      }),
    admin: async (request) => (await call('POST', '/api/cli/admin', z.object({ meldung: z.string() }), request)).meldung,
    close: async () => {},
  };
}

/**
 * Opens what a CLI command works on: PostgreSQL directly (DATABASE_URL); the running server when
 * it holds the embedded database; the embedded database itself, locked, when nobody holds it.
 * Refuses with DataDirBusyError (German, says what to do) when another command holds it.
 */
export async function openAtlasAccess(
  config: Pick<ServerConfig, 'dataDir' | 'databaseUrl' | 'root'>,
  districts: Map<string, DistrictRuntime>,
  log: (message: string) => void,
  command: string,
): Promise<AtlasAccess> {
  if (!config.databaseUrl) {
    const owner = lockOwner(config.dataDir);
    if (owner?.server) {
      const access = serverAccess(owner.server, config.dataDir);
      log(access.description);
      return access;
    }
    if (owner) throw new DataDirBusyError(config.dataDir, owner);
  }
  const db = await openAtlasDatabase(config, districts, log, command);
  return databaseAccess(db, db.kind === 'pglite' ? `Datenbank: eingebettet in ${config.dataDir}` : 'Datenbank: PostgreSQL (DATABASE_URL)');
}
