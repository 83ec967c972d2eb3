import { randomUUID } from 'node:crypto';
import type { IndicatorDefinition, IndicatorSource, Origin } from '../../domain/indicators/catalog';
import type { StoredIndicatorValue } from '../../domain/indicators/schema';
import type { Queryable } from './database';
import type { Author } from './facilities';

// Kennzahlen in the database: definitions (shipped from geodata/ or a planner's own) and the
// stored counts and means per area and date. Like facilities, every write is a new version with
// who and when in a history table, a delete is a flag, and restore writes a new version.

export type ValueAction = 'angelegt' | 'geaendert' | 'importiert' | 'geloescht' | 'wiederhergestellt' | 'zurueckgesetzt';

export class IndicatorConflictError extends Error {
  constructor(readonly current: StoredIndicatorValue) {
    super('version conflict');
  }
}

export interface StoredDefinition {
  definition: IndicatorDefinition;
  herkunft: Origin;
  version: number;
  geloescht: boolean;
}

export async function listDefinitions(db: Queryable, district: string, { withDeleted = false } = {}): Promise<StoredDefinition[]> {
  const rows = await db.query<{ definition: IndicatorDefinition; herkunft: Origin; version: number; geloescht: boolean }>(
    `SELECT definition, herkunft, version, geloescht FROM indicator_definitions
     WHERE district = $1 ${withDeleted ? '' : 'AND NOT geloescht'} ORDER BY reihenfolge, id`,
    [district],
  );
  return rows;
}

/**
 * Writes a definition as a new version (or the first): `baseVersion` must match the stored
 * version where one exists, so two planners never overwrite each other silently.
 */
export async function writeDefinition(
  tx: Queryable,
  district: string,
  definition: IndicatorDefinition,
  herkunft: Origin,
  author: Author,
  options: { action: string; baseVersion?: number; geloescht?: boolean; reihenfolge?: number },
): Promise<StoredDefinition | { conflict: StoredDefinition }> {
  const [current] = await tx.query<StoredDefinition & { reihenfolge: number }>(
    'SELECT definition, herkunft, version, geloescht, reihenfolge FROM indicator_definitions WHERE district = $1 AND id = $2',
    [district, definition.id],
  );
  const geloescht = options.geloescht ?? false;
  if (current && options.baseVersion !== undefined && current.version !== options.baseVersion) return { conflict: current };
  let version: number;
  if (!current) {
    const [{ next }] = (await tx.query<{ next: number }>('SELECT coalesce(max(reihenfolge), 0) + 1 AS next FROM indicator_definitions WHERE district = $1', [district])) as [{ next: number }];
    version = 1;
    await tx.query(
      `INSERT INTO indicator_definitions (district, id, herkunft, reihenfolge, definition, version, geloescht, geaendert_am, geaendert_von)
       VALUES ($1, $2, $3, $4, $5::jsonb, 1, $6, now(), $7)`,
      [district, definition.id, herkunft, options.reihenfolge ?? next, JSON.stringify(definition), geloescht, author.name],
    );
  } else {
    version = current.version + 1;
    await tx.query(
      `UPDATE indicator_definitions SET definition = $3::jsonb, herkunft = $4, version = $5, geloescht = $6, geaendert_am = now(), geaendert_von = $7,
         reihenfolge = coalesce($8, reihenfolge)
       WHERE district = $1 AND id = $2`,
      [district, definition.id, JSON.stringify(definition), herkunft, version, geloescht, author.name, options.reihenfolge ?? null],
    );
  }
  await tx.query(
    `INSERT INTO indicator_definition_versions (district, indicator_id, version, action, am, von, user_id, vorher, nachher)
     VALUES ($1, $2, $3, $4, now(), $5, $6, $7::jsonb, $8::jsonb)`,
    [district, definition.id, version, options.action, author.name, author.userId, current ? JSON.stringify(current.definition) : null, JSON.stringify(definition)],
  );
  return { definition, herkunft, version, geloescht };
}

export async function definitionHistory(db: Queryable, district: string, id: string) {
  const rows = await db.query<{ version: number; action: string; am: Date | string; von: string | null; nachher: IndicatorDefinition }>(
    'SELECT version, action, am, von, nachher FROM indicator_definition_versions WHERE district = $1 AND indicator_id = $2 ORDER BY version DESC',
    [district, id],
  );
  return rows.map((row) => ({ ...row, am: new Date(row.am).toISOString() }));
}

const VALUE_COLUMNS = `id, kennzahl, gebiet, to_char(stichtag, 'YYYY-MM-DD') AS stichtag, wert, quelle, version, geloescht, geaendert_am, geaendert_von`;

interface ValueRow {
  id: string;
  kennzahl: string;
  gebiet: string;
  stichtag: string;
  wert: number;
  quelle: IndicatorSource | null;
  version: number;
  geloescht: boolean;
  geaendert_am: Date | string;
  geaendert_von: string | null;
}

const toValue = (row: ValueRow): StoredIndicatorValue => ({
  id: row.id,
  kennzahl: row.kennzahl,
  gebiet: row.gebiet,
  stichtag: row.stichtag,
  wert: Number(row.wert),
  quelle: row.quelle,
  version: row.version,
  geloescht: row.geloescht,
  geaendertAm: new Date(row.geaendert_am).toISOString(),
  geaendertVon: row.geaendert_von,
});

export interface ValueFilter {
  kennzahl?: string;
  stichtag?: string;
  withDeleted?: boolean;
}

export async function listValues(db: Queryable, district: string, filter: ValueFilter = {}): Promise<StoredIndicatorValue[]> {
  const where = ['district = $1'];
  const params: unknown[] = [district];
  if (filter.kennzahl) where.push(`kennzahl = $${params.push(filter.kennzahl)}`);
  if (filter.stichtag) where.push(`stichtag = $${params.push(filter.stichtag)}`);
  if (!filter.withDeleted) where.push('NOT geloescht');
  const rows = await db.query<ValueRow>(`SELECT ${VALUE_COLUMNS} FROM indicator_values WHERE ${where.join(' AND ')} ORDER BY kennzahl, stichtag, gebiet`, params);
  return rows.map(toValue);
}

export async function getValue(db: Queryable, id: string): Promise<StoredIndicatorValue | null> {
  const rows = await db.query<ValueRow>(`SELECT ${VALUE_COLUMNS} FROM indicator_values WHERE id = $1`, [id]);
  return rows[0] ? toValue(rows[0]) : null;
}

async function recordValueVersions(tx: Queryable, values: readonly { after: StoredIndicatorValue; before: StoredIndicatorValue | null }[], action: ValueAction, author: Author) {
  if (values.length === 0) return;
  await tx.query(
    `INSERT INTO indicator_value_versions (value_id, version, action, am, von, user_id, vorher, nachher)
     SELECT id, version, $3, am, $4, $5, vorher, nachher
     FROM unnest($1::uuid[], $2::int[], $6::timestamptz[], $7::jsonb[], $8::jsonb[]) AS t(id, version, am, vorher, nachher)`,
    [
      values.map(({ after }) => after.id),
      values.map(({ after }) => after.version),
      action,
      author.name,
      author.userId,
      values.map(({ after }) => after.geaendertAm),
      values.map(({ before }) => (before ? JSON.stringify(before) : null)),
      values.map(({ after }) => JSON.stringify(after)),
    ],
  );
}

export interface NewValue {
  kennzahl: string;
  gebiet: string;
  stichtag: string;
  wert: number;
  quelle: IndicatorSource | null;
}

/**
 * Writes many values in few statements (seed and import): new ones are inserted, existing ones
 * (also deleted ones) get a new version when the value or source differs. Returns how many of each.
 */
export async function writeValues(tx: Queryable, district: string, values: readonly NewValue[], author: Author, action: ValueAction): Promise<{ neu: number; geaendert: number }> {
  const existing = new Map((await listValues(tx, district, { withDeleted: true })).map((value) => [`${value.kennzahl}|${value.gebiet}|${value.stichtag}`, value]));
  const fresh: NewValue[] = [];
  const changed: { before: StoredIndicatorValue; value: NewValue }[] = [];
  for (const value of values) {
    const before = existing.get(`${value.kennzahl}|${value.gebiet}|${value.stichtag}`);
    if (!before) fresh.push(value);
    else if (before.geloescht || before.wert !== value.wert || JSON.stringify(before.quelle) !== JSON.stringify(value.quelle)) changed.push({ before, value });
  }
  if (fresh.length > 0) {
    const rows = await tx.query<ValueRow>(
      `INSERT INTO indicator_values (id, district, kennzahl, gebiet, stichtag, wert, quelle, version, geloescht, geaendert_am, geaendert_von)
       SELECT id, $2, kennzahl, gebiet, stichtag, wert, quelle, 1, false, now(), $3
       FROM unnest($1::uuid[], $4::text[], $5::text[], $6::date[], $7::float8[], $8::jsonb[]) AS t(id, kennzahl, gebiet, stichtag, wert, quelle)
       RETURNING ${VALUE_COLUMNS}`,
      [
        fresh.map(() => randomUUID()),
        district,
        author.name,
        fresh.map((value) => value.kennzahl),
        fresh.map((value) => value.gebiet),
        fresh.map((value) => value.stichtag),
        fresh.map((value) => value.wert),
        fresh.map((value) => (value.quelle ? JSON.stringify(value.quelle) : null)),
      ],
    );
    await recordValueVersions(tx, rows.map((row) => ({ after: toValue(row), before: null })), action, author);
  }
  for (const { before, value } of changed) {
    await updateValue(tx, before.id, before.version, { wert: value.wert, quelle: value.quelle, geloescht: false }, action, author);
  }
  return { neu: fresh.length, geaendert: changed.length };
}

/** One value on top of `baseVersion`; IndicatorConflictError when someone saved in between. */
export async function updateValue(
  tx: Queryable,
  id: string,
  baseVersion: number,
  change: { wert: number; quelle: IndicatorSource | null; geloescht: boolean },
  action: ValueAction,
  author: Author,
): Promise<StoredIndicatorValue | null> {
  const before = await getValue(tx, id);
  if (!before) return null;
  if (before.version !== baseVersion) throw new IndicatorConflictError(before);
  const rows = await tx.query<ValueRow>(
    `UPDATE indicator_values SET wert = $3, quelle = $4::jsonb, geloescht = $5, version = version + 1, geaendert_am = now(), geaendert_von = $6
     WHERE id = $1 AND version = $2 RETURNING ${VALUE_COLUMNS}`,
    [id, baseVersion, change.wert, change.quelle ? JSON.stringify(change.quelle) : null, change.geloescht, author.name],
  );
  if (!rows[0]) throw new IndicatorConflictError((await getValue(tx, id))!);
  const after = toValue(rows[0]);
  await recordValueVersions(tx, [{ before, after }], action, author);
  return after;
}

export async function valueHistory(db: Queryable, id: string) {
  const rows = await db.query<{ version: number; action: ValueAction; am: Date | string; von: string | null; vorher: StoredIndicatorValue | null; nachher: StoredIndicatorValue }>(
    'SELECT version, action, am, von, vorher, nachher FROM indicator_value_versions WHERE value_id = $1 ORDER BY version DESC',
    [id],
  );
  return rows.map((row) => ({ ...row, am: new Date(row.am).toISOString() }));
}

/** Which district a stored value belongs to, or null. */
export async function districtOfValue(db: Queryable, id: string): Promise<string | null> {
  const rows = await db.query<{ district: string }>('SELECT district FROM indicator_values WHERE id = $1', [id]);
  return rows[0]?.district ?? null;
}
