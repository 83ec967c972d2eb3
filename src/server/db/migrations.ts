import type { Database } from './database';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Schema changes in order; each runs once, in a transaction, recorded in schema_migrations.
 * Plain PostGIS types so planners can open `facilities` in QGIS directly.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'users, sessions, facilities with history',
    sql: `
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        email text NOT NULL UNIQUE,
        name text NOT NULL,
        rolle text NOT NULL CHECK (rolle IN ('koordination', 'planung', 'admin')),
        password_hash text NOT NULL,
        zustaendigkeiten jsonb NOT NULL DEFAULT '[]'::jsonb,
        aktiv boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE sessions (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );
      CREATE TABLE login_attempts (
        key text NOT NULL,
        attempted_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX login_attempts_key_idx ON login_attempts (key, attempted_at);
      CREATE TABLE facilities (
        id uuid PRIMARY KEY,
        district text NOT NULL,
        category text NOT NULL,
        name text NOT NULL,
        traeger text,
        strasse text,
        plz text,
        ort text,
        telefon text,
        email text,
        web text,
        zielgruppen text[] NOT NULL DEFAULT '{}',
        angebote text,
        kapazitaet integer,
        status text NOT NULL CHECK (status IN ('geplant', 'in Betrieb', 'geschlossen')),
        foerderung_programm text,
        foerderung_seit text,
        lagegenauigkeit text NOT NULL CHECK (lagegenauigkeit IN ('adresse', 'ortslage', 'gemeinde')),
        quelle text,
        geprueft_am date,
        geom geometry(Point, 4326) NOT NULL,
        gemeinde_ags text,
        sozialraum_id text,
        version integer NOT NULL,
        geloescht boolean NOT NULL DEFAULT false,
        geaendert_am timestamptz NOT NULL,
        geaendert_von text
      );
      CREATE INDEX facilities_geom_idx ON facilities USING gist (geom);
      CREATE INDEX facilities_district_idx ON facilities (district, category);
      CREATE TABLE facility_versions (
        facility_id uuid NOT NULL REFERENCES facilities(id),
        version integer NOT NULL,
        action text NOT NULL,
        am timestamptz NOT NULL,
        von text,
        user_id uuid,
        vorher jsonb,
        nachher jsonb NOT NULL,
        PRIMARY KEY (facility_id, version)
      );
      CREATE TABLE seeds (
        name text PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 2,
    name: 'population grid (Zensus 2022) per district',
    sql: `
      CREATE TABLE population_grids (
        district text PRIMARY KEY,
        cell_size integer NOT NULL,
        titel text NOT NULL,
        quelle text NOT NULL,
        stand text NOT NULL,
        imported_at timestamptz NOT NULL,
        cells integer NOT NULL,
        einwohner double precision NOT NULL
      );
      CREATE TABLE population_cells (
        district text NOT NULL,
        x double precision NOT NULL,
        y double precision NOT NULL,
        einwohner double precision NOT NULL,
        geom geometry(Point, 3035) NOT NULL
      );
      CREATE INDEX population_cells_district_idx ON population_cells (district);
      CREATE INDEX population_cells_geom_idx ON population_cells USING gist (geom);
    `,
  },
  {
    version: 3,
    name: 'import batches: who imported which file when, undo as a whole',
    // A batch is written in many short transactions (so nobody waits for it) while its status
    // is 'laeuft'; its facilities are invisible until one UPDATE sets 'abgeschlossen'.
    sql: `
      CREATE TABLE import_batches (
        id uuid PRIMARY KEY,
        district text NOT NULL,
        dateiname text NOT NULL,
        user_id uuid,
        von text NOT NULL,
        am timestamptz NOT NULL DEFAULT now(),
        zeilen integer NOT NULL,
        status text NOT NULL CHECK (status IN ('laeuft', 'abgeschlossen', 'abgebrochen', 'rueckgaengig')),
        rueckgaengig_am timestamptz,
        rueckgaengig_von text
      );
      CREATE INDEX import_batches_district_idx ON import_batches (district, am DESC);
      ALTER TABLE facilities ADD COLUMN import_batch_id uuid REFERENCES import_batches(id);
      CREATE INDEX facilities_import_batch_idx ON facilities (import_batch_id) WHERE import_batch_id IS NOT NULL
    `,
  },
  {
    version: 4,
    name: 'login throttle with back-off, sessions users can see, password policy, stored values the API refuses now',
    // The cleanup makes rows from before the stricter field rules readable under them: a stored
    // javascript: link, a control character or a date outside the calendar would otherwise make
    // the browser refuse the whole facility list.
    sql: `
      DROP TABLE IF EXISTS login_attempts;
      CREATE TABLE login_throttle (
        key text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('konto', 'adresse')),
        label text NOT NULL,
        failures integer NOT NULL DEFAULT 0,
        in_flight integer NOT NULL DEFAULT 0,
        in_flight_since timestamptz,
        last_failure_at timestamptz
      );
      CREATE INDEX login_throttle_last_failure_idx ON login_throttle (last_failure_at);
      ALTER TABLE users ADD COLUMN password_change_required boolean NOT NULL DEFAULT false;
      ALTER TABLE sessions ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid();
      ALTER TABLE sessions ADD COLUMN user_agent text;
      ALTER TABLE sessions ADD COLUMN address text;
      ALTER TABLE sessions ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now();
      CREATE UNIQUE INDEX sessions_id_idx ON sessions (id);
      CREATE INDEX sessions_user_idx ON sessions (user_id);
      UPDATE facilities SET web = NULL WHERE web IS NOT NULL AND (web !~* '^(https?|mailto):' OR length(web) > 2000 OR web ~ '[[:cntrl:]]');
      UPDATE facility_versions SET nachher = jsonb_set(nachher, '{web}', 'null'::jsonb)
        WHERE nachher->>'web' IS NOT NULL AND (nachher->>'web' !~* '^(https?|mailto):' OR nachher->>'web' ~ '[[:cntrl:]]');
      UPDATE facility_versions SET vorher = jsonb_set(vorher, '{web}', 'null'::jsonb)
        WHERE vorher->>'web' IS NOT NULL AND (vorher->>'web' !~* '^(https?|mailto):' OR vorher->>'web' ~ '[[:cntrl:]]');
      UPDATE facilities SET email = NULL WHERE length(email) > 254;
      UPDATE facilities SET
        name = btrim(regexp_replace(name, '[[:cntrl:]]+', ' ', 'g')),
        traeger = btrim(regexp_replace(traeger, '[[:cntrl:]]+', ' ', 'g')),
        strasse = btrim(regexp_replace(strasse, '[[:cntrl:]]+', ' ', 'g')),
        ort = btrim(regexp_replace(ort, '[[:cntrl:]]+', ' ', 'g')),
        telefon = btrim(regexp_replace(telefon, '[[:cntrl:]]+', ' ', 'g')),
        quelle = btrim(regexp_replace(quelle, '[[:cntrl:]]+', ' ', 'g')),
        foerderung_programm = btrim(regexp_replace(foerderung_programm, '[[:cntrl:]]+', ' ', 'g')),
        angebote = regexp_replace(angebote, E'[\\x01-\\x08\\x0b-\\x1f\\x7f]', '', 'g')
      WHERE concat(name, traeger, strasse, ort, telefon, quelle, foerderung_programm, angebote) ~ '[[:cntrl:]]';
      UPDATE facilities SET geprueft_am = NULL WHERE geprueft_am < DATE '1900-01-01' OR geprueft_am > DATE '2100-12-31';
      UPDATE facilities SET foerderung_seit = NULL
        WHERE foerderung_seit IS NOT NULL AND (
          foerderung_seit !~ '^(19[0-9][0-9]|20[0-9][0-9]|2100)(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'
          OR (length(foerderung_seit) = 10 AND substr(foerderung_seit, 9, 2)::integer >
            extract(day FROM (substr(foerderung_seit, 1, 7) || '-01')::date + interval '1 month' - interval '1 day')))
    `,
  },
  {
    version: 5,
    name: 'facilities: Bestätigung (confirmed or not), so unconfirmed ones are shown and not counted',
    sql: `
      ALTER TABLE facilities ADD COLUMN bestaetigung text NOT NULL DEFAULT 'bestätigt' CHECK (bestaetigung IN ('bestätigt', 'unbestätigt'))
    `,
  },
  {
    version: 6,
    name: 'Kennzahlen: catalogue and dated values per area, with history',
    // Definitions are JSON checked by src/domain/indicators/catalog.ts (shipped from geodata/
    // or a planner's own); values are the stored counts and means only, rates are computed.
    sql: `
      CREATE TABLE indicator_definitions (
        district text NOT NULL,
        id text NOT NULL,
        herkunft text NOT NULL CHECK (herkunft IN ('geodata', 'eigene')),
        reihenfolge integer NOT NULL,
        definition jsonb NOT NULL,
        version integer NOT NULL,
        geloescht boolean NOT NULL DEFAULT false,
        geaendert_am timestamptz NOT NULL,
        geaendert_von text,
        PRIMARY KEY (district, id)
      );
      CREATE TABLE indicator_definition_versions (
        district text NOT NULL,
        indicator_id text NOT NULL,
        version integer NOT NULL,
        action text NOT NULL,
        am timestamptz NOT NULL,
        von text,
        user_id uuid,
        vorher jsonb,
        nachher jsonb NOT NULL,
        PRIMARY KEY (district, indicator_id, version),
        FOREIGN KEY (district, indicator_id) REFERENCES indicator_definitions (district, id)
      );
      CREATE TABLE indicator_values (
        id uuid PRIMARY KEY,
        district text NOT NULL,
        kennzahl text NOT NULL,
        gebiet text NOT NULL,
        stichtag date NOT NULL,
        wert double precision NOT NULL,
        quelle jsonb,
        version integer NOT NULL,
        geloescht boolean NOT NULL DEFAULT false,
        geaendert_am timestamptz NOT NULL,
        geaendert_von text,
        UNIQUE (district, kennzahl, gebiet, stichtag),
        FOREIGN KEY (district, kennzahl) REFERENCES indicator_definitions (district, id)
      );
      CREATE TABLE indicator_value_versions (
        value_id uuid NOT NULL REFERENCES indicator_values (id),
        version integer NOT NULL,
        action text NOT NULL,
        am timestamptz NOT NULL,
        von text,
        user_id uuid,
        vorher jsonb,
        nachher jsonb NOT NULL,
        PRIMARY KEY (value_id, version)
      )
    `,
  },
  {
    version: 7,
    name: 'report templates: named choice of Kennzahlen, areas and reference date per district, with history',
    sql: `
      CREATE TABLE report_templates (
        id uuid PRIMARY KEY,
        district text NOT NULL,
        name text NOT NULL,
        kennzahlen jsonb,
        gebiete jsonb,
        stichtag text,
        version integer NOT NULL,
        geloescht boolean NOT NULL DEFAULT false,
        geaendert_am timestamptz NOT NULL,
        geaendert_von text
      );
      CREATE UNIQUE INDEX report_templates_name_idx ON report_templates (district, lower(name)) WHERE NOT geloescht;
      CREATE TABLE report_template_versions (
        template_id uuid NOT NULL REFERENCES report_templates (id),
        version integer NOT NULL,
        action text NOT NULL,
        am timestamptz NOT NULL,
        von text,
        user_id uuid,
        nachher jsonb NOT NULL,
        PRIMARY KEY (template_id, version)
      )
    `,
  },
  {
    version: 8,
    name: 'facilities: a change counter, so clients fetch only what changed since they last asked',
    // Every insert takes the next number, every update (also one from QGIS on PostgreSQL) through
    // the trigger; an import batch takes one when it becomes visible, since its rows were
    // numbered while nobody could see them.
    sql: `
      CREATE SEQUENCE facility_changes;
      ALTER TABLE facilities ADD COLUMN aenderung bigint;
      UPDATE facilities SET aenderung = nextval('facility_changes');
      ALTER TABLE facilities ALTER COLUMN aenderung SET DEFAULT nextval('facility_changes');
      ALTER TABLE facilities ALTER COLUMN aenderung SET NOT NULL;
      CREATE INDEX facilities_aenderung_idx ON facilities (district, aenderung);
      CREATE FUNCTION facilities_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          NEW.aenderung := nextval('facility_changes');
          RETURN NEW;
        END
      $$;
      CREATE TRIGGER facilities_change BEFORE UPDATE ON facilities FOR EACH ROW EXECUTE FUNCTION facilities_count_change();
      ALTER TABLE import_batches ADD COLUMN sichtbar_ab bigint;
      UPDATE import_batches SET sichtbar_ab = nextval('facility_changes') WHERE status <> 'laeuft'
    `,
  },
];

/** Creates PostGIS and applies the migrations not yet applied. Returns the versions applied now. */
export async function migrate(db: Database): Promise<number[]> {
  await db.query('CREATE EXTENSION IF NOT EXISTS postgis');
  await db.query(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const done = new Set((await db.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
  const applied: number[] = [];
  // By number, whatever order the list was written in: versions are added on several branches at once.
  for (const migration of [...MIGRATIONS].sort((a, b) => a.version - b.version)) {
    if (done.has(migration.version)) continue;
    await db.transaction(async (tx) => {
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    });
    applied.push(migration.version);
  }
  return applied;
}

/**
 * Extended-protocol queries take one statement each. Splits at ';' outside dollar-quoted bodies
 * ($$ … $$ of a function); our migrations contain no ';' in other literals.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  sql.split('$$').forEach((part, index) => {
    if (index % 2 === 1) {
      current += `$$${part}$$`;
      return;
    }
    const pieces = part.split(';');
    current += pieces[0];
    for (const piece of pieces.slice(1)) {
      statements.push(current);
      current = piece;
    }
  });
  statements.push(current);
  return statements.map((statement) => statement.trim()).filter((statement) => statement.length > 0);
}
