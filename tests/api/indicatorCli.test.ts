// Kennzahlen from the command line as a user runs them: child processes on a fresh database
// (PGlite in a temp dir, or a new PostgreSQL database with TEST_DATABASE_URL), first while the
// server runs (on the embedded database the commands go through it), then on the database alone.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogueResponseSchema, ProfileResponseSchema } from '../../src/domain/indicators/schema';
import { startServer, type RunningServer } from '../../src/server/start';
import { runAtlas } from './support/atlasProcess';
import { ROOT, freshDatabase, type FreshDatabase } from './support/testServer';

const GENESIS = join(ROOT, 'tests', 'fixtures', 'indicators', 'genesis-13211-01-03-5-arbeitslose-2015.csv');

let database: FreshDatabase;
let server: RunningServer | null = null;
const embedded = !process.env.TEST_DATABASE_URL;

const atlas = (...args: string[]) => runAtlas(database, ...args);

beforeAll(async () => {
  database = await freshDatabase();
  const databaseUrl = 'DATABASE_URL' in database.env ? database.env.DATABASE_URL : undefined;
  const dataDir = 'DATA_DIR' in database.env ? database.env.DATA_DIR : '/nonexistent';
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir, databaseUrl, anonymousRead: true, secureCookies: false, admin: null, root: ROOT, allowedOrigins: [] }, () => {});
}, 180_000);

afterAll(async () => {
  await server?.close();
  await database?.remove();
});

describe('npm run atlas -- indicators / profile, while the server runs', () => {
  let imported: Awaited<ReturnType<typeof atlas>>;

  beforeAll(async () => {
    imported = await atlas('indicators', 'import', GENESIS, '--district', 'goettingen');
  }, 180_000);

  it('goes through the server that holds the embedded database', () => {
    if (embedded) expect(imported.stderr).toContain('über den laufenden Server');
  });

  it('imports a GENESIS export like the wizard: old keys mapped, all values written', () => {
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain('Windows-1252');
    expect(imported.stdout).toContain('Format: GENESIS-Export (Tabelle 13211-01-03-5)');
    expect(imported.stdout).toContain('  Spalte „Arbeitslose · insgesamt“ → arbeitslose (Vorschlag)');
    expect(imported.stdout).toMatch(/^22 Werte für den Landkreis Göttingen geschrieben \(22 neu, 0 geändert;/m);
  });

  it('prints the profile of an area as JSON: value, district values, protection, validity note, source and date', async () => {
    const { code, stdout, stderr } = await atlas('profile', '--district', 'goettingen', '--area', 'adelebsen', '--stichtag', '2015', '--json');
    expect(code, stderr).toBe(0);
    const profile = ProfileResponseSchema.parse(JSON.parse(stdout));
    expect(profile).toMatchObject({ ansicht: 'geschuetzt', gebiet: { schluessel: 'sozialraum:adelebsen' } });
    const unemployed = profile.kennzahlen.find((entry) => entry.id === 'arbeitslose')!;
    expect(unemployed).toMatchObject({ stichtag: '2015-12-31', stand: 'Jahresdurchschnitt 2015', wert: { wert: 211, text: '211' } });
    expect(unemployed.quelle).toMatchObject({ tabelle: expect.stringMatching(/^13211-01-03-5 /), stand: '2017-10-10' });
    const rate = profile.kennzahlen.find((entry) => entry.id === 'anteil-langzeitarbeitslose')!;
    expect(rate.gueltigkeitsHinweis).toMatch(/^Gebiete unter 10\.000 Einwohnern/);
    expect(profile.kennzahlen.every((entry) => entry.wert.status !== 'geheim' || entry.wert.wert === null)).toBe(true);
  }, 120_000);

  it('lists the catalogue with dates and sources, and refuses an unknown area with the list of Sozialräume', async () => {
    await server!.close();
    server = null;
    // Now on the database alone: the import above was stored by the server.
    const json = await atlas('indicators', '--district', 'goettingen', '--json');
    expect(json.code, json.stderr).toBe(0);
    expect(json.stderr).not.toContain('über den laufenden Server');
    const catalogue = CatalogueResponseSchema.parse(JSON.parse(json.stdout));
    expect(catalogue.kennzahlen.find((entry) => entry.id === 'arbeitslose')!.stichtage).toEqual(['2015-12-31', '2016-12-31']);
    const wrong = await atlas('profile', '--district', 'goettingen', '--area', 'atlantis');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^Fehler: Unbekanntes Gebiet „atlantis“\. Sozialräume im Landkreis Göttingen: [a-z-]+(, [a-z-]+){17}\.$/m);
    expect(wrong.stderr).toContain(' adelebsen,');
  }, 120_000);
});
