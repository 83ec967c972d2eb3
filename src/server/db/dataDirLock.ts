import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';

// PGlite is PostgreSQL in one process without PostgreSQL's own guard: a second process that
// opens the same data directory writes over the first one's pages (the issue saw a database
// that would not start again after `npm run atlas -- grid import` beside the server). So every
// opener takes this lock first: a file beside the data directory, created exclusively, naming
// the process that holds it. The server adds its address and a secret for the command line, so
// CLI commands can ask the running server instead of opening the directory.
//
// Hand-written rather than proper-lockfile: that library decides staleness by an mtime that a
// timer refreshes, so a server whose event loop is busy for longer than the stale period loses
// its lock to the next opener. Here a lock is stale only when its process no longer exists.

/** Who holds a data directory. */
export interface LockOwner {
  pid: number;
  /** What holds it, in German for messages: "Server", "npm run admin" … */
  command: string;
  startedAt: string;
  /** Set by the server once it listens: where the command line can reach it, and with which secret. */
  server?: { url: string; token: string };
}

/** The data directory is open in another process (or already in this one). */
export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner | null,
  ) {
    super(busyMessage(dataDir, owner));
  }
}

function busyMessage(dataDir: string, owner: LockOwner | null): string {
  const who = owner ? `${owner.command} (Prozess ${owner.pid}, seit ${new Date(owner.startedAt).toLocaleString('de-DE', { timeZone: 'Europe/Berlin' })})` : 'ein anderes Programm';
  return (
    `Die eingebettete Datenbank in ${dataDir} ist schon geöffnet: von ${who}. ` +
    'Sie darf nur von einem Programm zugleich geöffnet werden, sonst wird sie beschädigt. ' +
    (owner?.command === 'Server' && !owner.server
      ? 'Der Server startet gerade; bitte in einigen Sekunden erneut versuchen.'
      : `Bitte warten, bis es fertig ist, oder es beenden. Läuft keines mehr, die Datei ${lockPath(dataDir)} löschen.`)
  );
}

export const lockPath = (dataDir: string) => `${resolve(dataDir)}.lock`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | null | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return JSON.parse(text) as LockOwner;
  } catch {
    // Being written this very moment (or damaged): treat as held.
    return 'unreadable';
  }
}

/** The live holder of the data directory's lock, or null when nobody holds it. */
export function lockOwner(dataDir: string): LockOwner | null {
  const owner = readOwner(lockPath(dataDir));
  if (owner === 'unreadable') return { pid: -1, command: 'ein unbekanntes Programm', startedAt: new Date().toISOString() };
  return owner && alive(owner.pid) ? owner : null;
}

export interface DataDirLock {
  readonly owner: LockOwner;
  /** Records where the server listens and the secret the command line must send. */
  announceServer(server: { url: string; token: string }): void;
  release(): void;
}

function writeAtomically(path: string, owner: LockOwner): void {
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(owner));
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}

/**
 * Takes the data directory's lock for this process or throws DataDirBusyError naming who
 * holds it. A lock left by a process that no longer runs (a crash) is taken over.
 */
export function lockDataDir(dataDir: string, command: string): DataDirLock {
  const path = lockPath(dataDir);
  let owner: LockOwner = { pid: process.pid, command, startedAt: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      // 'wx': created only if it does not exist, atomically; 0600 because of the secret.
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, JSON.stringify(owner));
      } finally {
        closeSync(fd);
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readOwner(path);
      const stale = holder !== 'unreadable' && holder !== null && holder.pid !== process.pid && !alive(holder.pid);
      if (attempt > 0 || !(stale || holder === null)) throw new DataDirBusyError(resolve(dataDir), holder === 'unreadable' ? null : holder);
      if (stale) {
        try {
          unlinkSync(path);
        } catch (unlinkError) {
          if ((unlinkError as NodeJS.ErrnoException).code !== 'ENOENT') throw unlinkError;
        }
      }
    }
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    const current = readOwner(path);
    if (current !== 'unreadable' && current?.pid === process.pid && current.startedAt === owner.startedAt) unlinkSync(path);
  };
  // A command that ends with process.exit() still gives the directory back.
  process.on('exit', release);
  return {
    get owner() {
      return owner;
    },
    announceServer(server) {
      owner = { ...owner, server };
      writeAtomically(path, owner);
    },
    release,
  };
}
