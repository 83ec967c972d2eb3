import { randomUUID } from 'node:crypto';
import type { ImportBatch } from '../../domain/facilities/responses';
import type { Facility, FacilityFields } from '../../domain/facilities/schema';
import type { Location } from '../../domain/facilities/locate';
import type { Database, Queryable } from '../db/database';
import { insertFacilities, setDeletedMany, type Author, type VersionAction } from '../db/facilities';
import { batchMembers, createBatch, discardBatch, getBatch, setBatchStatus, type BatchMember } from '../db/imports';
import type { ProgressReporter } from './progress';
import { yieldToOthers } from './slices';

/**
 * How long one write transaction should hold the database. PGlite has one connection: while a
 * transaction runs every other request waits, so an import writes in transactions of about this
 * length and lets the others in between. Each transaction costs about 10-15 ms however small
 * (BEGIN, planning the insert, COMMIT): at 25 ms half of an import's time went to that, at 50 ms
 * a quarter, and a colleague's request still waits well under the 100 ms it may.
 */
export const TRANSACTION_TARGET_MS = 50;

const MIN_CHUNK = 10;
// Larger chunks gain little (one statement per chunk) and a misjudged one would hold others up.
const MAX_CHUNK = 250;

/**
 * Runs `write` over the items in transactions sized so that each takes about
 * TRANSACTION_TARGET_MS on this machine (measured as it goes), yielding between them.
 */
async function inTransactions<T, R>(
  db: Database,
  items: readonly T[],
  write: (tx: Queryable, chunk: readonly T[]) => Promise<R[]>,
  onProgress: (done: number) => void,
  signal?: AbortSignal,
): Promise<R[]> {
  const results: R[] = [];
  let size = 50;
  for (let start = 0; start < items.length; ) {
    signal?.throwIfAborted();
    const chunk = items.slice(start, start + size);
    const began = performance.now();
    results.push(...(await db.transaction((tx) => write(tx, chunk))));
    const perItem = (performance.now() - began) / chunk.length;
    start += chunk.length;
    onProgress(start);
    // Grow at most twofold per step, so one fast chunk on a noisy machine cannot size a slow one.
    size = Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, size * 2, Math.floor(TRANSACTION_TARGET_MS / Math.max(perItem, 0.001))));
    await yieldToOthers();
  }
  return results;
}

export interface ImportWrite {
  district: string;
  dateiname: string;
  rows: readonly { fields: FacilityFields; location: Location }[];
  author: Author;
}

/**
 * Writes an import as a batch: the batch row first (status 'laeuft'), the facilities in short
 * transactions, then one UPDATE makes them all visible. On any failure, or when `signal`
 * aborts (the client went away) before that UPDATE, what was written is removed again: all
 * rows or none, as before, without holding the database for the whole import.
 */
export async function writeImport(db: Database, write: ImportWrite, progress: ProgressReporter, signal?: AbortSignal): Promise<{ batch: ImportBatch; facilities: Facility[] }> {
  const id = randomUUID();
  await createBatch(db, { id, district: write.district, dateiname: write.dateiname, zeilen: write.rows.length }, write.author);
  try {
    const facilities = await inTransactions(
      db,
      write.rows,
      (tx, chunk) => insertFacilities(tx, write.district, chunk, write.author, 'importiert', id),
      (done) => progress.step('schreiben', done, write.rows.length),
      signal,
    );
    signal?.throwIfAborted();
    await setBatchStatus(db, id, 'abgeschlossen');
    return { batch: (await getBatch(db, id))!, facilities };
  } catch (error) {
    await discardBatch(db, id);
    throw error;
  }
}

/** Sets the deleted flag of batch members in short transactions, each only if still at the version seen. */
export function changeMembers(
  db: Database,
  members: readonly BatchMember[],
  geloescht: boolean,
  action: VersionAction,
  author: Author,
  progress: ProgressReporter,
): Promise<Facility[]> {
  return inTransactions(
    db,
    members,
    (tx, chunk) => setDeletedMany(tx, chunk, geloescht, action, author),
    (done) => progress.step('rueckgaengig', done, members.length),
  );
}

/**
 * Undoes a batch: deletes its facilities (recoverably, each with a history entry
 * 'import_rueckgaengig'), those changed since the import only when `deleteChanged`.
 */
export async function undoBatch(db: Database, batchId: string, members: readonly BatchMember[], deleteChanged: boolean, author: Author, progress: ProgressReporter) {
  const targets = deleteChanged ? members : members.filter((member) => !member.changed);
  const facilities = await changeMembers(db, targets, true, 'import_rueckgaengig', author, progress);
  await setBatchStatus(db, batchId, 'rueckgaengig', author);
  return facilities;
}

/** Brings back what undoing the batch deleted (and nobody touched since). */
export async function restoreBatch(db: Database, batchId: string, author: Author, progress: ProgressReporter) {
  const members = await batchMembers(db, batchId, 'deletedByUndo');
  const facilities = await changeMembers(db, members, false, 'import_wiederhergestellt', author, progress);
  await setBatchStatus(db, batchId, 'abgeschlossen');
  return facilities;
}
