import type { ChangedSinceImport, DuplicateFacility, ImportBatch, ImportBatchStatus } from '../../domain/facilities/responses';
import type { Database, Queryable } from './database';
import { VISIBLE, type Author } from './facilities';

// Import batches (migration 3): who imported which file when, and which facilities came from it.
// A batch is written in short transactions while its status is 'laeuft' (its facilities are
// hidden by facilities.ts' VISIBLE); one UPDATE to 'abgeschlossen' shows them all at once.

interface BatchRow {
  id: string;
  district: string;
  dateiname: string;
  von: string;
  am: Date | string;
  zeilen: number;
  status: ImportBatchStatus;
  rueckgaengig_am: Date | string | null;
  rueckgaengig_von: string | null;
  aktiv: number | string;
  geaendert: number | string;
}

// A facility counts as changed since its import when it has a version that neither the import
// nor undoing or restoring the batch wrote: someone edited, moved, deleted or restored it.
const CHANGED = `EXISTS (SELECT 1 FROM facility_versions v WHERE v.facility_id = f.id AND v.version > 1
  AND v.action NOT IN ('import_rueckgaengig', 'import_wiederhergestellt'))`;

const BATCH_SELECT = `SELECT b.id, b.district, b.dateiname, b.von, b.am, b.zeilen, b.status, b.rueckgaengig_am, b.rueckgaengig_von,
    count(f.id) FILTER (WHERE NOT f.geloescht) AS aktiv,
    count(f.id) FILTER (WHERE NOT f.geloescht AND ${CHANGED}) AS geaendert
  FROM import_batches b LEFT JOIN facilities f ON f.import_batch_id = b.id`;

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function toBatch(row: BatchRow): ImportBatch {
  return {
    id: row.id,
    district: row.district,
    dateiname: row.dateiname,
    von: row.von,
    am: iso(row.am)!,
    zeilen: Number(row.zeilen),
    status: row.status,
    rueckgaengigAm: iso(row.rueckgaengig_am),
    rueckgaengigVon: row.rueckgaengig_von,
    aktiv: Number(row.aktiv),
    geaendert: Number(row.geaendert),
  };
}

export async function createBatch(db: Queryable, batch: { id: string; district: string; dateiname: string; zeilen: number }, author: Author): Promise<void> {
  await db.query(
    `INSERT INTO import_batches (id, district, dateiname, user_id, von, zeilen, status) VALUES ($1, $2, $3, $4, $5, $6, 'laeuft')`,
    [batch.id, batch.district, batch.dateiname, author.userId, author.name, batch.zeilen],
  );
}

export async function setBatchStatus(db: Queryable, id: string, status: ImportBatchStatus, author?: Author): Promise<void> {
  if (status === 'rueckgaengig') {
    await db.query(`UPDATE import_batches SET status = $2, rueckgaengig_am = now(), rueckgaengig_von = $3 WHERE id = $1`, [id, status, author?.name ?? null]);
  } else {
    // Made visible: its facilities count as changed now for whoever fetches changes (migration 8).
    await db.query(
      `UPDATE import_batches SET status = $2, rueckgaengig_am = NULL, rueckgaengig_von = NULL,
         sichtbar_ab = CASE WHEN $2 = 'abgeschlossen' THEN nextval('facility_changes') ELSE sichtbar_ab END
       WHERE id = $1`,
      [id, status],
    );
  }
}

export async function getBatch(db: Queryable, id: string): Promise<ImportBatch | null> {
  const rows = await db.query<BatchRow>(`${BATCH_SELECT} WHERE b.id = $1 GROUP BY b.id`, [id]);
  return rows[0] ? toBatch(rows[0]) : null;
}

/** The district's batches, newest first. */
export async function listBatches(db: Queryable, district: string): Promise<ImportBatch[]> {
  return (await db.query<BatchRow>(`${BATCH_SELECT} WHERE b.district = $1 GROUP BY b.id ORDER BY b.am DESC, b.id`, [district])).map(toBatch);
}

/** Facilities of the batch, not deleted, that were changed after the import. */
export async function changedSinceImport(db: Queryable, id: string): Promise<ChangedSinceImport[]> {
  const rows = await db.query<{ id: string; name: string; version: number; geaendert_von: string | null; geaendert_am: Date | string }>(
    `SELECT f.id, f.name, f.version, f.geaendert_von, f.geaendert_am FROM facilities f
     WHERE f.import_batch_id = $1 AND NOT f.geloescht AND ${CHANGED} ORDER BY f.name, f.id`,
    [id],
  );
  return rows.map((row) => ({ id: row.id, name: row.name, version: Number(row.version), geaendertVon: row.geaendert_von, geaendertAm: iso(row.geaendert_am)! }));
}

/** A facility of a batch as undoing and restoring need it: which version, where, and whether changed since. */
export interface BatchMember {
  id: string;
  version: number;
  sozialraumId: string | null;
  changed: boolean;
}

/**
 * The batch's facilities that undoing would delete (not deleted now) or, with `deletedByUndo`,
 * those that restoring would bring back (deleted by undoing the batch and not touched since).
 */
export async function batchMembers(db: Queryable, id: string, which: 'active' | 'deletedByUndo'): Promise<BatchMember[]> {
  const condition =
    which === 'active'
      ? 'NOT f.geloescht'
      : `f.geloescht AND EXISTS (SELECT 1 FROM facility_versions v WHERE v.facility_id = f.id AND v.version = f.version AND v.action = 'import_rueckgaengig')`;
  const rows = await db.query<{ id: string; version: number; sozialraum_id: string | null; changed: boolean }>(
    `SELECT f.id, f.version, f.sozialraum_id, ${CHANGED} AS changed FROM facilities f WHERE f.import_batch_id = $1 AND ${condition} ORDER BY f.id`,
    [id],
  );
  return rows.map((row) => ({ id: row.id, version: Number(row.version), sozialraumId: row.sozialraum_id, changed: row.changed }));
}

/** Rows per query when reading many facilities, so no single query holds the database long. */
const PAGE = 2_000;

/**
 * The district's visible, not deleted facilities with what the duplicate check compares and the
 * side-by-side view shows, read in pages by id so each query stays short.
 */
export async function duplicateCandidates(db: Queryable, district: string): Promise<(Omit<DuplicateFacility, 'metres'> & { lage: [number, number] })[]> {
  const result: (Omit<DuplicateFacility, 'metres'> & { lage: [number, number] })[] = [];
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await db.query<{ id: string; name: string; category: string; strasse: string | null; plz: string | null; ort: string | null; lng: number; lat: number }>(
      `SELECT id, name, category, strasse, plz, ort, ST_X(geom) AS lng, ST_Y(geom) AS lat FROM facilities
       WHERE district = $1 AND NOT geloescht AND ${VISIBLE} AND id > $2 ORDER BY id LIMIT ${PAGE}`,
      [district, after],
    );
    for (const row of rows) {
      result.push({ id: row.id, name: row.name, category: row.category, strasse: row.strasse, plz: row.plz, ort: row.ort, lage: [Number(row.lng), Number(row.lat)] });
    }
    if (rows.length < PAGE) return result;
    after = rows.at(-1)!.id;
  }
}

/**
 * Removes what a batch that did not finish wrote (the server stopped or failed while writing),
 * in short transactions, and marks it 'abgebrochen'. Its facilities were never visible.
 */
export async function discardBatch(db: Database, id: string): Promise<void> {
  for (;;) {
    const removed = await db.transaction(async (tx) => {
      const ids = (await tx.query<{ id: string }>(`SELECT id FROM facilities WHERE import_batch_id = $1 LIMIT 500`, [id])).map((row) => row.id);
      if (ids.length === 0) return 0;
      await tx.query('DELETE FROM facility_versions WHERE facility_id = ANY($1::uuid[])', [ids]);
      await tx.query('DELETE FROM facilities WHERE id = ANY($1::uuid[])', [ids]);
      return ids.length;
    });
    if (removed === 0) break;
  }
  await setBatchStatus(db, id, 'abgebrochen');
}

/** Batches left 'laeuft' by a server that stopped while writing; discarded at start. */
export async function unfinishedBatches(db: Queryable): Promise<string[]> {
  return (await db.query<{ id: string }>(`SELECT id FROM import_batches WHERE status = 'laeuft'`)).map((row) => row.id);
}
