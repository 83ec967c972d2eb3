// The command line (npm run atlas -- …) as a user runs it: a child process on a fresh database
// (PGlite in a temp dir, or a new PostgreSQL database with TEST_DATABASE_URL).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundedRowCells } from '../../src/domain/coverage/analysis';
import { precisionOf } from '../../src/domain/coverage/precision';
import type { SurfaceMethod } from '../../src/domain/coverage/surface';
import type { CoverageRow } from '../../src/domain/coverage/coverage';
import { loadDistricts } from '../../src/server/districts';
import { listDistrictIds } from '../../scripts/lib/geodata';
import { runAtlas } from './support/atlasProcess';
import { ROOT, freshDatabase, type FreshDatabase } from './support/testServer';

const FIXTURES = join(ROOT, 'tests', 'fixtures', 'zensus');
const territory = loadDistricts(ROOT).get('goettingen')!.territory;
const HEADER =
  'Sozialraum;Einwohner;versorgt;unversorgt;Anteil versorgt;Fläche versorgt;Einrichtungen;je 1.000 Einwohner;Median Entfernung (m);max. Entfernung (m)';

let database: FreshDatabase;

const atlas = (...args: string[]) => runAtlas(database, ...args);

const COVERAGE = ['coverage', '--district', 'goettingen', '--category', 'familienzentrum', '--radius-km', '5'];

beforeAll(async () => {
  database = await freshDatabase();
});

afterAll(async () => database?.remove());

describe('npm run atlas -- coverage', () => {
  let csv: Awaited<ReturnType<typeof atlas>>;

  beforeAll(async () => {
    csv = await atlas(...COVERAGE);
  }, 120_000);

  it('prints the table as CSV: header, 18 Sozialräume, 6 Sozialregionen, the planning area as total, then source and date', () => {
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.startsWith('\uFEFF')).toBe(true);
    const [table, notes] = csv.stdout.slice(1).split('\r\n\r\n');
    const lines = table!.split('\r\n');
    expect(lines[0]).toBe(HEADER);
    const rows = lines.slice(1).map((line) => line.split(';'));
    expect(rows).toHaveLength(18 + 6 + 1);
    expect(rows.slice(0, 18).map((row) => row[0])).toEqual(territory.sozialraeume.features.map((f) => f.properties.name));
    // The base is the 18 Sozialräume, without Stadt Göttingen (its own youth office).
    expect(rows[24]!.slice(0, 2)).toEqual(['18 Sozialräume (ohne Stadt Göttingen)', '201151']);
    // The Zensus 2011 distribution is an approximation: residents reached in hundreds, shares in whole percents.
    for (const row of rows) {
      expect(row[4]).toMatch(/^\d{1,3} %$/);
      expect(Number(row[2]) % 100).toBe(0);
    }
    expect(notes!.split('\r\n')[0]).toBe('Quelle und Stand');
    expect(notes).toMatch(/Einwohner;"Verteilung nach Zensus-2011-Gitter, Summen Zensus 2022 \(Gitter 09\.05\.2011, Summen 15\.05\.2022\)/);
    expect(notes).toMatch(/Einrichtungen;\d+ gezählt \(in Betrieb, bestätigt\).*Stand .* geprüft/);
  });

  it('says first which population surface it used, both its dates, and the base of the figures', () => {
    const lines = csv.stderr.split('\n');
    expect(lines[0]).toMatch(
      /^Bevölkerung: Verteilung nach Zensus-2011-Gitter, Summen Zensus 2022, Stand Gitter 09\.05\.2011, Summen 15\.05\.2022 \(kein Zensus-2022-Gitter geladen\)\. Bezug: 18 Sozialräume \(ohne Stadt Göttingen\), 201\.151 Einwohner/,
    );
    expect(csv.stderr).toMatch(/Familienzentren aus öffentlichen Quellen eingetragen/);
    expect(csv.stderr).toContain(process.env.TEST_DATABASE_URL ? 'Datenbank: PostgreSQL (DATABASE_URL)' : 'Datenbank: eingebettet (PGlite + PostGIS)');
    expect(csv.stderr).toMatch(/Familienzentrum: \d+ Einrichtungen in Betrieb, Reichweite 5 km Luftlinie/);
    // About the planning area, rounded, with the facilities' own Stand.
    expect(csv.stderr).toMatch(/; ca\. \d+ % der Einwohner der 18 Sozialräume versorgt\. Einrichtungen: Stand /);
  });

  it('prints the same rows as JSON with --json, and suggestions with --best', async () => {
    const json = await atlas(...COVERAGE, '--json', '--best', '2');
    expect(json.code, json.stderr).toBe(0);
    const parsed = JSON.parse(json.stdout) as {
      sozialraeume: CoverageRow[];
      sozialregionen: CoverageRow[];
      basis: CoverageRow & { umfang: string; bestand: Record<string, number>; stand: { text: string } };
      vorschlaege: { zusaetzlichVersorgt: number; sozialraumId: string | null }[];
      bevoelkerung: SurfaceMethod;
    };
    expect(parsed.sozialraeume).toHaveLength(18);
    expect(parsed.sozialregionen).toHaveLength(6);
    expect(parsed.bevoelkerung.kind).toBe('zensus2011-verteilung');
    expect(parsed.basis).toMatchObject({ name: '18 Sozialräume (ohne Stadt Göttingen)', umfang: 'sozialraeume', einwohner: 201151 });
    expect(parsed.basis.stand.text).toMatch(/geprüft/);
    expect(parsed.vorschlaege).toHaveLength(2);
    // Never a site in Stadt Göttingen.
    for (const site of parsed.vorschlaege) expect(site.sozialraumId).not.toBeNull();
    expect(json.stderr).toMatch(/Vorschlag 1: .* Einwohner zusätzlich versorgt/);
    // The same numbers as the CSV, cell by cell.
    const csvRows = csv.stdout.slice(1).split('\r\n\r\n')[0]!.split('\r\n').slice(1);
    const precision = precisionOf(parsed.bevoelkerung);
    // The JSON rows are rounded like the table already: formatting them gives the CSV's cells.
    expect([...parsed.sozialraeume, ...parsed.sozialregionen, parsed.basis].map((row) => roundedRowCells(row, precision).join(';'))).toEqual(csvRows);
  }, 120_000);
});

describe('npm run atlas -- grid import', () => {
  it('imports a grid with progress and a summary; coverage then uses it', async () => {
    const imported = await atlas('grid', 'import', join(FIXTURES, 'goettingen-100m.csv'), '--district', 'goettingen');
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/Einlesen: 100 %/);
    expect(imported.stdout).toMatch(/Zensus 2022, Gitter 100 m für den Landkreis Göttingen gespeichert \(UTF-8\)/);
    expect(imported.stdout).toMatch(/davon im Kreis: +205 \(10 mit „–“/);
    expect(imported.stdout).toMatch(/Einwohner im Kreis: +2\.067/);

    const coverage = await atlas(...COVERAGE);
    expect(coverage.code, coverage.stderr).toBe(0);
    expect(coverage.stderr.split('\n')[0]).toMatch(/^Bevölkerung: Zensus 2022, Gitter 100 m aus der Datenbank \(eingelesen am .*; 195 Zellen, 2\.067 Einwohner im Kreis\)/);
    // 2,067 in the Kreis, of which 240 in Stadt Göttingen: outside the planning area. A 100 m grid is exact.
    expect(coverage.stdout).toMatch(/\r\n18 Sozialräume \(ohne Stadt Göttingen\);1827;1827;0;100,0 %;/);
  }, 120_000);

  it('uses a grid file given with --population, streamed and clipped', async () => {
    const result = await atlas(...COVERAGE, '--population', join(FIXTURES, 'goettingen-1km.csv'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr.split('\n')[0]).toMatch(/^Bevölkerung: Zensus-Gitter aus der Datei .*goettingen-1km\.csv, gestreamt und auf den Landkreis Göttingen zugeschnitten/);
    expect(result.stderr).toMatch(/Zensus 2022, Gitter 1 km: 9 Zellen im Kreis, 999 Einwohner/);
    // A 1 km grid is an approximation: its 999 residents are shown as hundreds.
    expect(result.stdout).toMatch(/\r\n18 Sozialräume \(ohne Stadt Göttingen\);1000;/);
  }, 120_000);

  it('refuses a bad grid file with exit code 1 (that nothing is written is tested in populationGrid.test.ts)', async () => {
    const result = await atlas('grid', 'import', join(FIXTURES, 'kaputte-zahl.csv'), '--district', 'goettingen');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Fehler in der Gitter-Datei: Zeile 12: Einwohner „3,5“ ist keine ganze Zahl .* Es wurde nichts gespeichert\./);
  }, 120_000);
});

// Refused before the database is opened, so these may run side by side.
describe('wrong use', () => {
  it.concurrent.each([
    [['coverage', '--district', 'atlantis', '--category', 'familienzentrum'], new RegExp(`Unbekannter Landkreis „atlantis“\\. Bekannt: ${listDistrictIds().join(', ')}\\.`)],
    [['coverage', '--district', 'goettingen', '--category', 'hort'], /Unbekannte Kategorie „hort“\. Kategorien im Landkreis Göttingen: familienzentrum, kita/],
    [[...COVERAGE.slice(0, 5), '--radius-km', 'fünf'], /--radius-km „fünf“ ist keine Reichweite zwischen 0,1 und 100 km\./],
    [[...COVERAGE.slice(0, 5), '--radius-km=-3'], /--radius-km „-3“ ist keine Reichweite/],
    [[...COVERAGE, '--best', 'viele'], /--best „viele“ ist keine Anzahl zwischen 1 und 20\./],
    [[...COVERAGE, '--population', 'gibt-es-nicht.csv'], /Die Datei „gibt-es-nicht\.csv“ gibt es nicht\./],
    [[...COVERAGE, '--radius'], /Unbekannte Option „--radius“/],
    [['versorgung'], /Unbekannter Befehl „versorgung“/],
    [[], /Es fehlt ein Befehl/],
  ])('%j → exit code 2 with a German message and the usage', async (args, message) => {
    const result = await atlas(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/^Fehler: /);
    expect(result.stderr).toContain('Aufruf:');
    expect(result.stdout).toBe('');
  }, 60_000);
});
