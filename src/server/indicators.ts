import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCsvRecords } from '../domain/csv';
import { catalogueFileProblems, DEFAULT_PRIVACY_HINT, type IndicatorCatalogue, type IndicatorDefinition, type IndicatorSource } from '../domain/indicators/catalog';
import { createDataset, type IndicatorDataset } from '../domain/indicators/dataset';
import { buildHierarchy } from '../domain/indicators/hierarchy';
import type { KeyCrosswalk } from '../domain/indicators/areaKeys';
import { checkImport, type CheckedImport } from '../domain/indicators/importCheck';
import type { ImportRequest } from '../domain/indicators/schema';
import type { SourceLookup } from '../domain/indicators/views';
import type { Database, Queryable } from './db/database';
import type { Author } from './db/facilities';
import { listDefinitions, listValues, writeDefinition, writeValues, type NewValue } from './db/indicators';
import type { DistrictRuntime } from './districts';

// What the server knows of a district's Kennzahlen beyond the database: the shipped catalogue,
// values and key crosswalk in geodata/<id>/ (kennzahlen.json, kennzahlen-werte.csv,
// schluessel.csv), and how the stored definitions and values become one protected dataset.

const ROOT = resolve(import.meta.dirname, '..', '..');
const SEED_AUTHOR = { userId: null, name: 'Erstbefüllung aus geodata (Regionalstatistik, Zensus 2022)' };

export interface ShippedIndicators {
  catalogue: IndicatorCatalogue;
  values: NewValue[];
  crosswalk: KeyCrosswalk;
  /** Changes whenever a shipped file changes, so the seed knows to look again. */
  fingerprint: string;
}

const shipped = new Map<string, ShippedIndicators | null>();

/** The district's files in geodata/, read once; null when it ships no kennzahlen.json. A broken file stops the start. */
export function shippedIndicators(district: string, root = ROOT): ShippedIndicators | null {
  const cacheKey = `${root}|${district}`;
  if (shipped.has(cacheKey)) return shipped.get(cacheKey)!;
  const dir = join(root, 'geodata', district);
  const cataloguePath = join(dir, 'kennzahlen.json');
  if (!existsSync(cataloguePath)) {
    shipped.set(cacheKey, null);
    return null;
  }
  const catalogueText = readFileSync(cataloguePath, 'utf8');
  const file = JSON.parse(catalogueText) as { quellen?: (IndicatorSource & { id: string })[] };
  const { catalogue, problems } = catalogueFileProblems(file);
  if (!catalogue) throw new Error(`geodata/${district}/kennzahlen.json ist fehlerhaft: ${problems.join('; ')}`);
  const sources = new Map((file.quellen ?? []).map((source) => [source.id, source]));
  const valuesPath = join(dir, 'kennzahlen-werte.csv');
  const valuesText = existsSync(valuesPath) ? readFileSync(valuesPath, 'utf8') : '';
  const values: NewValue[] = valuesText
    ? parseCsvRecords(valuesText).map((row) => ({
        kennzahl: row.kennzahl!,
        gebiet: row.gebiet!,
        stichtag: row.stichtag!,
        wert: Number(row.wert),
        quelle: row.quelle ? (sources.get(row.quelle) ?? null) : null,
      }))
    : [];
  const keysPath = join(dir, 'schluessel.csv');
  const keysText = existsSync(keysPath) ? readFileSync(keysPath, 'utf8') : '';
  const crosswalk: KeyCrosswalk = new Map(keysText ? parseCsvRecords(keysText).map((row) => [row.schluessel!, row.ags!]) : []);
  const fingerprint = createHash('sha256').update(catalogueText).update(valuesText).digest('hex').slice(0, 16);
  const result = { catalogue, values, crosswalk, fingerprint };
  shipped.set(cacheKey, result);
  return result;
}

/** JSON with sorted keys: jsonb does not keep the order of keys, so stored and shipped compare by content. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Brings the shipped Kennzahlen of every district into the database: definitions as in
 * geodata/ (a changed one becomes a new version), values once per version of the files (recorded
 * in `seeds`); a value a planner changed is not overwritten by an unchanged file.
 */
export async function seedIndicators(db: Database, districts: Map<string, DistrictRuntime>, root = ROOT): Promise<number> {
  let written = 0;
  for (const district of districts.values()) {
    const files = shippedIndicators(district.id, root);
    if (!files) continue;
    const seedName = `kennzahlen:${district.id}:${files.fingerprint}`;
    if ((await db.query('SELECT 1 FROM seeds WHERE name = $1', [seedName])).length > 0) continue;
    await db.transaction(async (tx) => {
      const stored = new Map((await listDefinitions(tx, district.id, { withDeleted: true })).map((entry) => [entry.definition.id, entry]));
      for (const [index, { definition }] of files.catalogue.entries.entries()) {
        const current = stored.get(definition.id);
        if (current && current.herkunft === 'geodata' && canonical(current.definition) === canonical(definition) && !current.geloescht) continue;
        await writeDefinition(tx, district.id, definition, 'geodata', SEED_AUTHOR, {
          action: current ? 'aus geodata aktualisiert' : 'aus geodata angelegt',
          reihenfolge: index + 1,
        });
      }
      const known = new Set((await listValues(tx, district.id, { withDeleted: true })).map((value) => `${value.kennzahl}|${value.gebiet}|${value.stichtag}`));
      const missing = files.values.filter((value) => !known.has(`${value.kennzahl}|${value.gebiet}|${value.stichtag}`));
      written += (await writeValues(tx, district.id, missing, SEED_AUTHOR, 'importiert')).neu;
      await tx.query('INSERT INTO seeds (name) VALUES ($1)', [seedName]);
    });
  }
  return written;
}

/** The catalogue as stored: shipped definitions first (geodata order), then planners' own. */
export async function storedCatalogue(db: Queryable, district: string): Promise<{ catalogue: IndicatorCatalogue; versions: Map<string, number> }> {
  const definitions = await listDefinitions(db, district);
  const files = shippedIndicators(district);
  return {
    catalogue: {
      geheimhaltung: files?.catalogue.geheimhaltung ?? { mindestwert: 3, hinweis: DEFAULT_PRIVACY_HINT },
      entries: definitions.map(({ definition, herkunft }) => ({ definition, herkunft })),
    },
    versions: new Map(definitions.map(({ definition, version }) => [definition.id, version])),
  };
}

export interface LoadedDataset {
  dataset: IndicatorDataset;
  versions: Map<string, number>;
  sourceOf: SourceLookup;
}

/**
 * Every stored figure of a district as one protected dataset, built per request: a few
 * thousand values take milliseconds, and a dataset never outlives a change.
 */
export async function loadDataset(db: Queryable, district: DistrictRuntime): Promise<LoadedDataset> {
  const { catalogue, versions } = await storedCatalogue(db, district.id);
  const values = await listValues(db, district.id);
  const dataset = createDataset(catalogue, buildHierarchy(district.territory), values);
  // The source a value names (Zensus 2022 beside the Fortschreibung), else its definition's.
  const sources = new Map<string, IndicatorSource>();
  for (const value of values) if (value.quelle) sources.set(`${value.kennzahl}|${value.stichtag}`, value.quelle);
  const sourceOf: SourceLookup = (definition: IndicatorDefinition, date: string) => {
    const direct = sources.get(`${definition.id}|${date}`);
    if (direct) return direct;
    if (definition.art === 'anteil' || definition.art === 'quote') {
      const numerator = definition.zaehler.map((id) => sources.get(`${id}|${date}`)).find(Boolean);
      if (numerator) return numerator;
    }
    return definition.quelle;
  };
  return { dataset, versions, sourceOf };
}

/** The key crosswalk of a district (old municipality keys → today's AGS). */
export const crosswalkOf = (district: string): KeyCrosswalk => shippedIndicators(district)?.crosswalk ?? new Map();

/** An import file checked against the district, its catalogue and what is stored now. */
export async function checkIndicatorFile(db: Queryable, district: DistrictRuntime, request: Pick<ImportRequest, 'text' | 'zuordnung'>): Promise<CheckedImport> {
  const { catalogue } = await storedCatalogue(db, district.id);
  const stored = await listValues(db, district.id);
  return checkImport(request.text, { catalogue, hierarchy: buildHierarchy(district.territory), crosswalk: crosswalkOf(district.id), stored, mapping: request.zuordnung });
}

/**
 * Imports a file of Kennzahlen values, all or nothing: checked again inside the transaction
 * that writes, so what was checked is what is written. `written` is null when nothing was
 * (errors, or no values); the report says why. Shared by the API and the command line.
 */
export async function importIndicatorFile(
  db: Database,
  district: DistrictRuntime,
  request: Pick<ImportRequest, 'text' | 'zuordnung'>,
  author: Author,
): Promise<{ report: CheckedImport['report']; written: { neu: number; geaendert: number } | null }> {
  return db.transaction(async (tx) => {
    const { report, source } = await checkIndicatorFile(tx, district, request);
    if (report.fehler > 0 || report.werte.length === 0) return { report, written: null };
    const values = report.werte.map(({ kennzahl, gebiet, stichtag, wert }) => ({ kennzahl, gebiet, stichtag, wert, quelle: source }));
    return { report, written: await writeValues(tx, district.id, values, author, 'importiert') };
  });
}

/** Why an import wrote nothing, in German, naming the file. */
export function importRefusal(report: CheckedImport['report'], fileName: string): string {
  return report.fehler > 0
    ? `${report.fehler} Fehler in „${fileName}“; nichts wurde importiert.`
    : `„${fileName}“ enthält keine Werte zum Importieren${report.hinweise.length ? ` (${report.hinweise.join(' ')})` : ''}.`;
}
