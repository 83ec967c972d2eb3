import { randomUUID } from 'node:crypto';
import type { ReportTemplate, ReportTemplateInput } from '../../domain/report/template';
import type { Queryable } from './database';
import type { Author } from './facilities';

// Report templates (migration 7): a named choice of Kennzahlen, areas and reference date per
// district. Like everything planners edit, every write is a new version with who and when in
// report_template_versions, a change names the version it was based on, and a delete is a flag.

interface Row {
  id: string;
  district: string;
  name: string;
  kennzahlen: string[] | null;
  gebiete: string[] | null;
  stichtag: string | null;
  version: number;
  geaendert_am: Date | string;
  geaendert_von: string | null;
}

const COLUMNS = 'id, district, name, kennzahlen, gebiete, stichtag, version, geaendert_am, geaendert_von';

const toTemplate = (row: Row): ReportTemplate => ({
  id: row.id,
  district: row.district,
  name: row.name,
  kennzahlen: row.kennzahlen,
  gebiete: row.gebiete,
  stichtag: row.stichtag,
  version: row.version,
  geaendertAm: new Date(row.geaendert_am).toISOString(),
  geaendertVon: row.geaendert_von,
});

/** The name is taken by another template of the district (409). */
export class TemplateNameTaken extends Error {}
/** The template changed since the version the change was based on (409 with the current one). */
export class TemplateConflict extends Error {
  constructor(readonly current: ReportTemplate) {
    super('version conflict');
  }
}

export async function listTemplates(db: Queryable, district: string): Promise<ReportTemplate[]> {
  return (await db.query<Row>(`SELECT ${COLUMNS} FROM report_templates WHERE district = $1 AND NOT geloescht ORDER BY lower(name), id`, [district])).map(toTemplate);
}

export async function getTemplate(db: Queryable, id: string): Promise<ReportTemplate | null> {
  const [row] = await db.query<Row>(`SELECT ${COLUMNS} FROM report_templates WHERE id = $1 AND NOT geloescht`, [id]);
  return row ? toTemplate(row) : null;
}

export async function templateByName(db: Queryable, district: string, name: string): Promise<ReportTemplate | null> {
  const [row] = await db.query<Row>(`SELECT ${COLUMNS} FROM report_templates WHERE district = $1 AND lower(name) = lower($2) AND NOT geloescht`, [district, name]);
  return row ? toTemplate(row) : null;
}

async function nameTaken(tx: Queryable, district: string, name: string, except: string | null): Promise<boolean> {
  const rows = await tx.query('SELECT 1 FROM report_templates WHERE district = $1 AND lower(name) = lower($2) AND NOT geloescht AND ($3::uuid IS NULL OR id <> $3::uuid)', [district, name, except]);
  return rows.length > 0;
}

async function recordVersion(tx: Queryable, template: ReportTemplate, action: string, author: Author): Promise<void> {
  await tx.query('INSERT INTO report_template_versions (template_id, version, action, am, von, user_id, nachher) VALUES ($1, $2, $3, now(), $4, $5, $6::jsonb)', [
    template.id,
    template.version,
    action,
    author.name,
    author.userId,
    JSON.stringify({ name: template.name, kennzahlen: template.kennzahlen, gebiete: template.gebiete, stichtag: template.stichtag }),
  ]);
}

export async function createTemplate(tx: Queryable, district: string, input: ReportTemplateInput, author: Author): Promise<ReportTemplate> {
  if (await nameTaken(tx, district, input.name, null)) throw new TemplateNameTaken();
  const [row] = await tx.query<Row>(
    `INSERT INTO report_templates (id, district, name, kennzahlen, gebiete, stichtag, version, geaendert_am, geaendert_von)
     VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, 1, now(), $7) RETURNING ${COLUMNS}`,
    [randomUUID(), district, input.name, JSON.stringify(input.kennzahlen), JSON.stringify(input.gebiete), input.stichtag, author.name],
  );
  const template = toTemplate(row!);
  await recordVersion(tx, template, 'angelegt', author);
  return template;
}

/** Writes a new version of a template, or deletes it (a flag); null when there is no such template. */
export async function changeTemplate(
  tx: Queryable,
  id: string,
  baseVersion: number,
  change: { input: ReportTemplateInput } | { delete: true },
  author: Author,
): Promise<ReportTemplate | null> {
  const current = await getTemplate(tx, id);
  if (!current) return null;
  if (current.version !== baseVersion) throw new TemplateConflict(current);
  const deleting = 'delete' in change;
  const next = deleting ? current : change.input;
  if (!deleting && (await nameTaken(tx, current.district, next.name, id))) throw new TemplateNameTaken();
  const [row] = await tx.query<Row>(
    `UPDATE report_templates SET name = $2, kennzahlen = $3::jsonb, gebiete = $4::jsonb, stichtag = $5, version = version + 1,
       geloescht = $6, geaendert_am = now(), geaendert_von = $7
     WHERE id = $1 AND version = $8 RETURNING ${COLUMNS}`,
    [id, next.name, JSON.stringify(next.kennzahlen), JSON.stringify(next.gebiete), next.stichtag, deleting, author.name, baseVersion],
  );
  if (!row) throw new TemplateConflict((await getTemplate(tx, id)) ?? current);
  const template = toTemplate(row);
  await recordVersion(tx, template, deleting ? 'geloescht' : 'geaendert', author);
  return template;
}
