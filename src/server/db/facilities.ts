import { randomUUID } from 'node:crypto';
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

const COLUMNS = `
  id, district, category, name, traeger, strasse, plz, ort, telefon, email, web, zielgruppen, angebote,
  kapazitaet, status, foerderung_programm, foerderung_seit, lagegenauigkeit, quelle, geprueft_am::text AS geprueft_am,
  ST_X(geom) AS lng, ST_Y(geom) AS lat, gemeinde_ags, sozialraum_id, version, geloescht, geaendert_am, geaendert_von`;

interface FacilityRow {
  id: string;
  district: string;
  category: string;
  name: string;
  traeger: string | null;
  strasse: string | null;
  plz: string | null;
  ort: string | null;
  telefon: string | null;
  email: string | null;
  web: string | null;
  zielgruppen: string[];
  angebote: string | null;
  kapazitaet: number | null;
  status: Facility['status'];
  foerderung_programm: string | null;
  foerderung_seit: string | null;
  lagegenauigkeit: Facility['lagegenauigkeit'];
  quelle: string | null;
  geprueft_am: string | null;
  lng: number;
  lat: number;
  gemeinde_ags: string | null;
  sozialraum_id: string | null;
  version: number;
  geloescht: boolean;
  geaendert_am: Date | string;
  geaendert_von: string | null;
}

function toFacility(row: FacilityRow): Facility {
  return {
    id: row.id,
    district: row.district,
    category: row.category,
    name: row.name,
    traeger: row.traeger,
    strasse: row.strasse,
    plz: row.plz,
    ort: row.ort,
    telefon: row.telefon,
    email: row.email,
    web: row.web,
    zielgruppen: row.zielgruppen as Facility['zielgruppen'],
    angebote: row.angebote,
    kapazitaet: row.kapazitaet,
    status: row.status,
    foerderung: row.foerderung_programm ? { programm: row.foerderung_programm, seit: row.foerderung_seit } : null,
    lage: [Number(row.lng), Number(row.lat)],
    lagegenauigkeit: row.lagegenauigkeit,
    quelle: row.quelle,
    geprueftAm: row.geprueft_am,
    gemeindeAgs: row.gemeinde_ags,
    sozialraumId: row.sozialraum_id,
    version: row.version,
    geloescht: row.geloescht,
    geaendertAm: new Date(row.geaendert_am).toISOString(),
    geaendertVon: row.geaendert_von,
  };
}

/** Column values of the user-settable fields, in the order of FIELD_COLUMNS. */
function fieldValues(fields: FacilityFields): unknown[] {
  return [
    fields.category,
    fields.name,
    fields.traeger,
    fields.strasse,
    fields.plz,
    fields.ort,
    fields.telefon,
    fields.email,
    fields.web,
    fields.zielgruppen,
    fields.angebote,
    fields.kapazitaet,
    fields.status,
    fields.foerderung?.programm ?? null,
    fields.foerderung?.seit ?? null,
    fields.lagegenauigkeit,
    fields.quelle,
    fields.geprueftAm,
    fields.lage[0],
    fields.lage[1],
  ];
}

const FIELD_COLUMNS = [
  'category', 'name', 'traeger', 'strasse', 'plz', 'ort', 'telefon', 'email', 'web', 'zielgruppen', 'angebote',
  'kapazitaet', 'status', 'foerderung_programm', 'foerderung_seit', 'lagegenauigkeit', 'quelle', 'geprueft_am',
];

/** The user-settable part of a stored facility. */
export function fieldsOf(facility: Facility): FacilityFields {
  return {
    category: facility.category,
    name: facility.name,
    traeger: facility.traeger,
    strasse: facility.strasse,
    plz: facility.plz,
    ort: facility.ort,
    telefon: facility.telefon,
    email: facility.email,
    web: facility.web,
    zielgruppen: facility.zielgruppen,
    angebote: facility.angebote,
    kapazitaet: facility.kapazitaet,
    status: facility.status,
    foerderung: facility.foerderung,
    lage: facility.lage,
    lagegenauigkeit: facility.lagegenauigkeit,
    quelle: facility.quelle,
    geprueftAm: facility.geprueftAm,
  };
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
  const values = fieldValues(fields);
  const placeholders = FIELD_COLUMNS.map((_, index) => `$${index + 3}`).join(', ');
  const n = FIELD_COLUMNS.length + 2;
  const rows = await tx.query<FacilityRow>(
    `INSERT INTO facilities (id, district, ${FIELD_COLUMNS.join(', ')}, geom, gemeinde_ags, sozialraum_id, version, geloescht, geaendert_am, geaendert_von)
     VALUES ($1, $2, ${placeholders}, ST_SetSRID(ST_MakePoint($${n + 1}, $${n + 2}), 4326), $${n + 3}, $${n + 4}, 1, false, now(), $${n + 5})
     RETURNING ${COLUMNS}`,
    [id, district, ...values, location.gemeindeAgs, location.sozialraumId, author.name],
  );
  const facility = toFacility(rows[0]!);
  await recordVersion(tx, facility, null, action, author);
  return facility;
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
  const values = fieldValues(fields);
  const assignments = FIELD_COLUMNS.map((column, index) => `${column} = $${index + 3}`).join(', ');
  const n = FIELD_COLUMNS.length + 2;
  const rows = await tx.query<FacilityRow>(
    `UPDATE facilities SET ${assignments},
       geom = ST_SetSRID(ST_MakePoint($${n + 1}, $${n + 2}), 4326), gemeinde_ags = $${n + 3}, sozialraum_id = $${n + 4},
       geloescht = $${n + 5}, geaendert_von = $${n + 6}, geaendert_am = now(), version = version + 1
     WHERE id = $1 AND version = $2
     RETURNING ${COLUMNS}`,
    [id, baseVersion, ...values, location.gemeindeAgs, location.sozialraumId, geloescht, author.name],
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
