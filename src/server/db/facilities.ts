import { randomUUID } from 'node:crypto';
import type { DatabaseMapping, DatabaseRow, SingleColumn } from '../../domain/facilities/fieldDefinition';
import { RECORD_ORDER, fieldDefinition } from '../../domain/facilities/fields';
import type { Facility, FacilityFields, FacilityFilter, FacilityVersion } from '../../domain/facilities/schema';
import type { Location } from '../../domain/facilities/locate';
import type { Queryable } from './database';

/** Who makes a change, as recorded in the history. */
export interface Author {
  userId: string | null;
  name: string;
}

export type VersionAction = FacilityVersion['action'];

export class VersionConflictError extends Error {
  constructor(readonly current: Facility) {
    super('version conflict');
  }
}

export class NotFoundError extends Error {}

// How each field is stored (field registry, domain/facilities/fields.ts): a column of its own
// name, or columns and SQL of its own (Förderung in two columns, Lage as a PostGIS point).
// In the order of a stored facility's keys, so toFacility writes them as the API always has.
const FIELD_STORAGE = RECORD_ORDER.map((key) => ({ key, storage: storageOf(fieldDefinition(key).database) }));

function storageOf(mapping: SingleColumn | DatabaseMapping<unknown>): DatabaseMapping<unknown> {
  if (!('column' in mapping)) return mapping;
  return {
    select: [{ name: mapping.column, sql: mapping.select ?? mapping.column }],
    fromRow: (row) => row[mapping.column],
    write: [{ column: mapping.column, parameters: 1 }],
    toParameters: (value) => [value],
  };
}

const COLUMNS = [
  'id',
  'district',
  ...FIELD_STORAGE.flatMap(({ storage }) => storage.select.map(({ name, sql }) => (sql === name ? name : `${sql} AS ${name}`))),
  'gemeinde_ags',
  'sozialraum_id',
  'version',
  'geloescht',
  'geaendert_am',
  'geaendert_von',
].join(', ');

/** A row as selected by COLUMNS: the fields' result columns and the bookkeeping of a stored facility. */
interface FacilityRow extends DatabaseRow {
  id: string;
  district: string;
  gemeinde_ags: string | null;
  sozialraum_id: string | null;
  version: number;
  geloescht: boolean;
  geaendert_am: Date | string;
  geaendert_von: string | null;
}

// The columns trust the migrations' types (text, integer, text[], checked enums), as the API
// serves them without parsing again.
function toFacility(row: FacilityRow): Facility {
  const fields = Object.fromEntries(FIELD_STORAGE.map(({ key, storage }) => [key, storage.fromRow(row)])) as FacilityFields;
  return {
    id: row.id,
    district: row.district,
    ...fields,
    gemeindeAgs: row.gemeinde_ags,
    sozialraumId: row.sozialraum_id,
    version: row.version,
    geloescht: row.geloescht,
    geaendertAm: new Date(row.geaendert_am).toISOString(),
    geaendertVon: row.geaendert_von,
  };
}

/**
 * The written columns of the fields with their SQL and parameters; placeholders start at
 * $`first` (the statements put id and version or district before them).
 */
function fieldWrites(fields: FacilityFields, first: number): { columns: string[]; expressions: string[]; parameters: unknown[] } {
  const columns: string[] = [];
  const expressions: string[] = [];
  const parameters: unknown[] = [];
  for (const { key, storage } of FIELD_STORAGE) {
    const values = storage.toParameters(fields[key]);
    let offset = 0;
    for (const write of storage.write) {
      const placeholders = Array.from({ length: write.parameters }, (_, index) => `$${first + parameters.length + offset + index}`);
      offset += write.parameters;
      columns.push(write.column);
      expressions.push('sql' in write ? write.sql(placeholders) : placeholders[0]!);
    }
    parameters.push(...values);
  }
  return { columns, expressions, parameters };
}

/** The parameters of fieldWrites alone, in the same order: the bulk insert needs no SQL text per row. */
function fieldParameters(fields: FacilityFields): unknown[] {
  const parameters: unknown[] = [];
  for (const { key, storage } of FIELD_STORAGE) parameters.push(...storage.toParameters(fields[key]));
  return parameters;
}

async function recordVersion(
  tx: Queryable,
  facility: Facility,
  before: Facility | null,
  action: VersionAction,
  author: Author,
): Promise<void> {
  await tx.query(
    `INSERT INTO facility_versions (facility_id, version, action, am, von, user_id, vorher, nachher)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb)`,
    [facility.id, facility.version, action, facility.geaendertAm, author.name, author.userId, before ? JSON.stringify(before) : null, JSON.stringify(facility)],
  );
}

/**
 * Where the change counter stands (migration 8): read before a list, so that whatever changes
 * after it has a higher number and a later `listFacilityChanges(since this)` brings it. On
 * PostgreSQL with several connections a change that took its number before, but commits after,
 * the read can be missed; the clients' periodic full list catches it.
 */
export async function changeCursor(db: Queryable): Promise<number> {
  const [row] = await db.query<{ stand: string }>(`SELECT (CASE WHEN is_called THEN last_value ELSE 0 END)::text AS stand FROM facility_changes`);
  return Number(row?.stand ?? 0);
}

/**
 * The district's facilities (deleted ones too, so a client sees deletions) changed after
 * `since`: their counter is higher, or their import batch became visible after it.
 */
export async function listFacilityChanges(db: Queryable, district: string, since: number): Promise<Facility[]> {
  // Two parts, each through its index ((district, aenderung) and the import batch): one OR
  // made PostgreSQL read every facility of the district for every poll.
  const rows = await db.query<FacilityRow>(
    `SELECT * FROM (
       SELECT ${COLUMNS} FROM facilities WHERE district = $1 AND aenderung > $2 AND ${VISIBLE}
       UNION ALL
       SELECT ${COLUMNS} FROM facilities
       WHERE import_batch_id IN (SELECT id FROM import_batches WHERE district = $1 AND sichtbar_ab > $2) AND aenderung <= $2 AND ${VISIBLE}
     ) AS changed
     ORDER BY name, id`,
    [district, since],
  );
  return rows.map(toFacility);
}

/**
 * The condition that hides the facilities of an import batch still being written: they appear
 * all at once when the batch is marked complete (one UPDATE), or never if it fails.
 */
// NOT IN over the few running batches is one hashed lookup per row; a correlated NOT EXISTS
// probed the batch table once per facility, which a list polled during a large import felt.
export const VISIBLE = "(import_batch_id IS NULL OR import_batch_id NOT IN (SELECT id FROM import_batches WHERE status = 'laeuft'))";

export async function getFacility(db: Queryable, id: string): Promise<Facility | null> {
  const rows = await db.query<FacilityRow>(`SELECT ${COLUMNS} FROM facilities WHERE id = $1`, [id]);
  return rows[0] ? toFacility(rows[0]) : null;
}

export async function listFacilities(db: Queryable, district: string, filter: FacilityFilter): Promise<Facility[]> {
  const where = ['district = $1'];
  const params: unknown[] = [district];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  if (filter.category) add('category = ?', filter.category);
  if (filter.sozialraum) add('sozialraum_id = ?', filter.sozialraum);
  if (filter.status) add('status = ?', filter.status);
  if (filter.lagegenauigkeit) add('lagegenauigkeit = ?', filter.lagegenauigkeit);
  // Facilities of an import still being written are nobody's yet (db/imports.ts).
  where.push(VISIBLE);
  if (filter.geloescht === 'nein') where.push('NOT geloescht');
  if (filter.geloescht === 'ja') where.push('geloescht');
  if (filter.q) {
    // Escape LIKE wildcards so a search for "50%" means the text "50%".
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.push(pattern);
    const p = `$${params.length}`;
    where.push(`(name ILIKE ${p} OR coalesce(traeger, '') ILIKE ${p} OR coalesce(ort, '') ILIKE ${p})`);
  }
  const rows = await db.query<FacilityRow>(`SELECT ${COLUMNS} FROM facilities WHERE ${where.join(' AND ')} ORDER BY name, id`, params);
  return rows.map(toFacility);
}

export async function insertFacility(
  tx: Queryable,
  district: string,
  fields: FacilityFields,
  location: Location,
  author: Author,
  action: VersionAction = 'angelegt',
): Promise<Facility> {
  const id = randomUUID();
  const writes = fieldWrites(fields, 3);
  const n = writes.parameters.length + 2;
  const rows = await tx.query<FacilityRow>(
    `INSERT INTO facilities (id, district, ${writes.columns.join(', ')}, gemeinde_ags, sozialraum_id, version, geloescht, geaendert_am, geaendert_von)
     VALUES ($1, $2, ${writes.expressions.join(', ')}, $${n + 1}, $${n + 2}, 1, false, now(), $${n + 3})
     RETURNING ${COLUMNS}`,
    [id, district, ...writes.parameters, location.gemeindeAgs, location.sozialraumId, author.name],
  );
  const facility = toFacility(rows[0]!);
  await recordVersion(tx, facility, null, action, author);
  return facility;
}

/** A facility to insert in bulk: its fields and the location derived from them. */
export interface NewFacility {
  fields: FacilityFields;
  location: Location;
}

/**
 * How a bulk insert reads the fields from one JSON object per facility (`e->'row'`): a plain column
 * through jsonb_populate_record over the table's row type (`r`, so PostgreSQL parses text[],
 * dates and enums as the column declares), a column written through SQL from its own keys with
 * the declared types. One statement with one parameter, however many rows.
 */
const BULK_WRITES = FIELD_STORAGE.flatMap(({ storage }) =>
  storage.write.map((write) =>
    'sql' in write
      ? { column: write.column, keys: write.types.map((_, index) => `${write.column}_${index}`), sql: write.sql(write.types.map((type, index) => `(e->'row'->>'${write.column}_${index}')::${type}`)) }
      : { column: write.column, keys: [write.column], sql: `r.${write.column}` },
  ),
);
const BULK_KEYS = BULK_WRITES.flatMap((write) => write.keys);

/**
 * Inserts new facilities (version 1, each with its history entry) in one statement whose rows
 * travel as one JSON parameter: a VALUES list with a placeholder per value made PostgreSQL
 * parse and plan a statement of thousands of parameters per chunk, and reading every row back
 * (RETURNING) cost as much again; an import of 10,000 rows took several seconds for that alone.
 * The facilities are built here from the validated fields, as toFacility would read them back.
 * `importBatchId` ties them to their import batch.
 */
export async function insertFacilities(
  tx: Queryable,
  district: string,
  items: readonly NewFacility[],
  author: Author,
  action: VersionAction,
  importBatchId: string | null = null,
): Promise<Facility[]> {
  if (items.length === 0) return [];
  const geaendertAm = new Date().toISOString();
  const facilities: Facility[] = [];
  const records = items.map(({ fields, location }) => {
    const id = randomUUID();
    const values = fieldParameters(fields);
    const row: Record<string, unknown> = { id, gemeinde_ags: location.gemeindeAgs, sozialraum_id: location.sozialraumId };
    BULK_KEYS.forEach((key, index) => (row[key] = values[index]));
    const facility = {
      id,
      district,
      ...(Object.fromEntries(FIELD_STORAGE.map(({ key }) => [key, fields[key]])) as FacilityFields),
      gemeindeAgs: location.gemeindeAgs,
      sozialraumId: location.sozialraumId,
      version: 1,
      geloescht: false,
      geaendertAm,
      geaendertVon: author.name,
    };
    facilities.push(facility);
    return { row, nachher: facility };
  });
  // The history rows reference the facilities: their foreign keys are checked at the end of the statement.
  await tx.query(
    `WITH input AS (SELECT e FROM jsonb_array_elements($1::jsonb) AS e),
     inserted AS (
       INSERT INTO facilities (id, district, ${BULK_WRITES.map((write) => write.column).join(', ')}, gemeinde_ags, sozialraum_id, version, geloescht, geaendert_am, geaendert_von, import_batch_id)
       SELECT r.id, $2, ${BULK_WRITES.map((write) => write.sql).join(', ')}, r.gemeinde_ags, r.sozialraum_id, 1, false, $3::timestamptz, $4, $5::uuid
       FROM input, jsonb_populate_record(NULL::facilities, e->'row') AS r
     )
     INSERT INTO facility_versions (facility_id, version, action, am, von, user_id, vorher, nachher)
     SELECT (e->'row'->>'id')::uuid, 1, $6, $3::timestamptz, $4, $7::uuid, NULL, e->'nachher' FROM input`,
    [JSON.stringify(records), district, geaendertAm, author.name, importBatchId, action, author.userId],
  );
  return facilities;
}

/** Many versions in one statement (one JSON parameter, so no limit on parameters applies). */
async function recordVersions(tx: Queryable, changes: readonly { facility: Facility; before: Facility | null }[], action: VersionAction, author: Author): Promise<void> {
  if (changes.length === 0) return;
  const payload = changes.map(({ facility, before }) => ({ id: facility.id, version: facility.version, am: facility.geaendertAm, vorher: before, nachher: facility }));
  await tx.query(
    `INSERT INTO facility_versions (facility_id, version, action, am, von, user_id, vorher, nachher)
     SELECT (v->>'id')::uuid, (v->>'version')::integer, $1, (v->>'am')::timestamptz, $2, $3::uuid, NULLIF(v->'vorher', 'null'::jsonb), v->'nachher'
     FROM jsonb_array_elements($4::jsonb) AS v`,
    [action, author.name, author.userId, JSON.stringify(payload)],
  );
}

/**
 * Sets the deleted flag of many facilities as one versioned change each (history with before
 * and after). Each facility changes only if it is still at the version given (optimistic
 * concurrency, as for a single change) and not already in that state; the others are left as
 * they are and not returned.
 */
export async function setDeletedMany(
  tx: Queryable,
  targets: readonly { id: string; version: number }[],
  geloescht: boolean,
  action: VersionAction,
  author: Author,
): Promise<Facility[]> {
  if (targets.length === 0) return [];
  const before = (
    await tx.query<FacilityRow>(
      `SELECT ${COLUMNS} FROM facilities
       WHERE (id, version) IN (SELECT * FROM unnest($1::uuid[], $2::integer[])) AND geloescht <> $3 FOR UPDATE`,
      [targets.map((target) => target.id), targets.map((target) => target.version), geloescht],
    )
  ).map(toFacility);
  if (before.length === 0) return [];
  const rows = await tx.query<FacilityRow>(
    `UPDATE facilities SET geloescht = $2, geaendert_von = $3, geaendert_am = now(), version = version + 1
     WHERE id = ANY($1::uuid[]) RETURNING ${COLUMNS}`,
    [before.map((facility) => facility.id), geloescht, author.name],
  );
  const byId = new Map(before.map((facility) => [facility.id, facility]));
  const after = rows.map(toFacility);
  await recordVersions(tx, after.map((facility) => ({ facility, before: byId.get(facility.id)! })), action, author);
  return after;
}

/**
 * Writes new field values on top of baseVersion. Refuses (VersionConflictError with the
 * current facility) when someone else saved in between: never a silent overwrite.
 */
export async function updateFacility(
  tx: Queryable,
  id: string,
  baseVersion: number,
  fields: FacilityFields,
  location: Location,
  geloescht: boolean,
  action: VersionAction,
  author: Author,
): Promise<Facility> {
  const before = await getFacility(tx, id);
  if (!before) throw new NotFoundError(id);
  if (before.version !== baseVersion) throw new VersionConflictError(before);
  const writes = fieldWrites(fields, 3);
  const assignments = writes.columns.map((column, index) => `${column} = ${writes.expressions[index]}`).join(', ');
  const n = writes.parameters.length + 2;
  const rows = await tx.query<FacilityRow>(
    `UPDATE facilities SET ${assignments},
       gemeinde_ags = $${n + 1}, sozialraum_id = $${n + 2},
       geloescht = $${n + 3}, geaendert_von = $${n + 4}, geaendert_am = now(), version = version + 1
     WHERE id = $1 AND version = $2
     RETURNING ${COLUMNS}`,
    [id, baseVersion, ...writes.parameters, location.gemeindeAgs, location.sozialraumId, geloescht, author.name],
  );
  if (!rows[0]) {
    // Lost a race between the read above and the update (PostgreSQL with parallel requests).
    const current = await getFacility(tx, id);
    throw current ? new VersionConflictError(current) : new NotFoundError(id);
  }
  const facility = toFacility(rows[0]);
  await recordVersion(tx, facility, before, action, author);
  return facility;
}

export async function facilityHistory(db: Queryable, id: string): Promise<FacilityVersion[]> {
  const rows = await db.query<{ version: number; action: VersionAction; am: Date | string; von: string | null; vorher: Facility | null; nachher: Facility }>(
    'SELECT version, action, am, von, vorher, nachher FROM facility_versions WHERE facility_id = $1 ORDER BY version DESC',
    [id],
  );
  return rows.map((row) => ({ ...row, am: new Date(row.am).toISOString() }));
}
