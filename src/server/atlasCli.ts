// Coverage analysis and population grids from the command line (npm run -s atlas -- …):
//   npm run -s atlas -- coverage --district goettingen --category familienzentrum --radius-km 5 [--json] [--population DATEI] [--best 3]
//   npm run -s atlas -- grid import DATEI --district goettingen
//   npm run -s atlas -- indicators … / profile … (Kennzahlen: indicatorCli.ts)
//   npm run -s atlas -- report --district goettingen --out profile.pdf (Sozialraumprofile als PDF: reportCli.ts)
// Same database as the server (DATA_DIR or DATABASE_URL); while the server holds the embedded
// database the commands go through it (atlasAccess.ts). Tables go to stdout, everything meant
// for people (which surface, progress, suggestions) to stderr, so `> datei.csv` is clean with
// `npm run -s` (plain `npm run` prints its own banner to stdout first).
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RADIUS_KM_MAX, RADIUS_KM_MIN, analyseCoverage, coverageBasis, coverageTableCsv, populationSurface, roundedRow } from '../domain/coverage/analysis';
import { notCountedText } from '../domain/coverage/counting';
import { formatResidents, formatShare, roundResidents } from '../domain/coverage/precision';
import { formatStand } from '../domain/facilities/stand';
import { prepareCoverage } from '../domain/coverage/coverage';
import type { PopulationSurface } from '../domain/coverage/surface';
import { formatInteger } from '../domain/format';
import { planningAreaOf } from '../domain/territory/planningArea';
import { ConfigError, readConfig } from './config';
import { AccessRefused, openAtlasAccess, type AtlasAccess } from './atlasAccess';
import { DataDirBusyError } from './db/dataDirLock';
import { loadDistricts, type DistrictRuntime } from './districts';
import { INDICATOR_USAGE, IndicatorUsageError, runIndicatorCommand } from './indicatorCli';
import { ZensusGridError, readZensusGrid } from './populationGrid';
import { ReportRefused } from './report/produce';
import { REPORT_USAGE, ReportUsageError, runReportCommand } from './reportCli';

const ROOT = resolve(import.meta.dirname, '..', '..');

const USAGE = `Aufruf:
  npm run -s atlas -- coverage --district LANDKREIS --category KATEGORIE [--radius-km KM] [--json] [--population DATEI] [--best N]
      Versorgung je Sozialraum, Sozialregion und Kreis als CSV (Semikolon, Dezimalkomma) oder mit --json als JSON.
      Zählt die Einrichtungen der Kategorie mit Status „in Betrieb“ (nicht gelöscht) aus der Datenbank.
      Reichweite: Luftlinie in km (Standard: die der Kategorie). Bevölkerung: --population (Zensus-Gitter-Datei),
      sonst das in der Datenbank geladene Gitter, sonst die Ersatzfläche aus Gemeindesummen.
      --best N schlägt N weitere Standorte vor (die jeweils die meisten noch unversorgten Einwohner erreichen).
  npm run -s atlas -- grid import DATEI --district LANDKREIS
      Liest das Zensus-2022-Gitter (100 m oder 1 km, CSV mit Semikolon) ein, schneidet es auf den Landkreis zu
      und ersetzt das gespeicherte Gitter des Landkreises.
${INDICATOR_USAGE}
${REPORT_USAGE}
Datenbank wie beim Server: DATA_DIR (eingebettet) oder DATABASE_URL. Läuft der Server auf der
eingebetteten Datenbank, gehen die Befehle über ihn. In eine Datei umleiten mit npm run -s (ohne
-s schreibt npm eine eigene Zeile vor die Tabelle).`;

/** Wrong use of the command: message and usage, exit code 2. */
class UsageError extends Error {}

const say = (message: string) => process.stderr.write(`${message}\n`);

function district(districts: Map<string, DistrictRuntime>, id: string | undefined): DistrictRuntime {
  if (!id) throw new UsageError(`--district fehlt. Bekannt: ${[...districts.keys()].join(', ')}.`);
  const found = districts.get(id);
  if (!found) throw new UsageError(`Unbekannter Landkreis „${id}“. Bekannt: ${[...districts.keys()].join(', ')}.`);
  return found;
}

/** "5", "2.5" or "2,5" km within the limits of the analysis. */
function parseRadiusKm(text: string): number {
  const value = /^\d+([.,]\d+)?$/.test(text.trim()) ? Number(text.trim().replace(',', '.')) : Number.NaN;
  if (!(value >= RADIUS_KM_MIN && value <= RADIUS_KM_MAX)) {
    throw new UsageError(`--radius-km „${text}“ ist keine Reichweite zwischen ${RADIUS_KM_MIN.toLocaleString('de-DE')} und ${RADIUS_KM_MAX} km.`);
  }
  return value;
}

function parseBest(text: string | undefined): number {
  if (text === undefined) return 0;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= 1 && value <= 20)) throw new UsageError(`--best „${text}“ ist keine Anzahl zwischen 1 und 20.`);
  return value;
}

function existingFile(path: string | undefined, option: string): string {
  if (!path) throw new UsageError(`${option} fehlt.`);
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`Die Datei „${path}“ gibt es nicht.`);
  return path;
}

/** Percent progress on stderr: in place on a terminal, every 10 % as a line otherwise. */
function progressPrinter(label: string): (read: number, total: number) => void {
  let last = -1;
  const tty = process.stderr.isTTY;
  return (read, total) => {
    const percent = Math.floor((read / total) * 100);
    if (tty ? percent === last : Math.floor(percent / 10) === Math.floor(last / 10)) return;
    last = percent;
    if (tty) process.stderr.write(`\r${label}: ${percent} %${percent === 100 ? '\n' : ''}`);
    else say(`${label}: ${percent} %`);
  };
}

async function withAccess<T>(districts: Map<string, DistrictRuntime>, work: (access: AtlasAccess) => Promise<T>, log: (message: string) => void): Promise<T> {
  const access = await openAtlasAccess(readConfig(process.env, ROOT), districts, log, 'npm run atlas');
  try {
    return await work(access);
  } finally {
    await access.close();
  }
}

async function coverage(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      district: { type: 'string' },
      category: { type: 'string' },
      'radius-km': { type: 'string' },
      json: { type: 'boolean', default: false },
      population: { type: 'string' },
      best: { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new UsageError(`Unerwartete Angabe „${positionals[0]}“.`);
  const districts = loadDistricts(ROOT);
  const target = district(districts, values.district);
  if (!values.category) throw new UsageError(`--category fehlt. Kategorien im ${target.name}: ${target.categories.map((c) => c.id).join(', ')}.`);
  const category = target.categories.find((c) => c.id === values.category);
  if (!category) {
    throw new UsageError(`Unbekannte Kategorie „${values.category}“. Kategorien im ${target.name}: ${target.categories.map((c) => c.id).join(', ')}.`);
  }
  const radiusKm = values['radius-km'] === undefined ? category.reachKm : parseRadiusKm(values['radius-km']);
  const best = parseBest(values.best);
  const populationFile = values.population === undefined ? null : existingFile(values.population, '--population');

  const area = planningAreaOf(target.territory);
  const basis = `Bezug: ${area.name}, ${formatInteger(area.einwohner)} Einwohner (Zensus 2022).`;
  let surface: PopulationSurface | null = null;
  if (populationFile) {
    say(`Bevölkerung: Zensus-Gitter aus der Datei ${populationFile}, gestreamt und auf den ${target.name} zugeschnitten (Zellmittelpunkt im Kreis). ${basis}`);
    const grid = await readZensusGrid(populationFile, target.territory, { onProgress: progressPrinter('Einlesen') });
    surface = grid.surface;
    say(`  ${surface.method.titel}: ${formatInteger(grid.cellsInKreis)} Zellen im Kreis, ${formatInteger(grid.einwohner)} Einwohner. ${surface.method.quelle}`);
  }
  // Database messages come after the line that names the surface.
  const notes: string[] = [];
  const { facilities, usedSurface } = await withAccess(
    districts,
    async (access) => {
      const input = await access.coverageInput(target.id, category.id);
      let used = surface;
      if (!used) {
        used = populationSurface(target.territory, input.grid, target.zensus2011);
        if (input.grid && input.gridInfo) {
          const info = input.gridInfo;
          say(
            `Bevölkerung: ${used.method.titel} aus der Datenbank (eingelesen am ${new Date(info.importedAt).toLocaleDateString('de-DE')}; ` +
              `${formatInteger(info.cells)} Zellen, ${formatInteger(info.einwohner)} Einwohner im Kreis). ${used.method.quelle} ${basis}`,
          );
        } else {
          say(`Bevölkerung: ${used.method.titel}, Stand ${used.method.stand} (kein Zensus-2022-Gitter geladen). ${basis} ${used.method.beschreibung} ${used.method.quelle}`);
          notes.push(`Genauer mit dem Zensus-Gitter: npm run -s atlas -- grid import DATEI --district ${target.id}`);
        }
      }
      return { facilities: input.facilities, usedSurface: used };
    },
    (message) => notes.push(message),
  );
  for (const note of notes) say(note);

  const setup = prepareCoverage(target.territory, usedSurface);
  const analysis = analyseCoverage(setup, { facilities, category: category.id, radiusKm, best });
  const { result } = analysis;
  const notCounted = notCountedText(analysis.bestand.planungsraum);
  say(
    `${category.label}: ${analysis.facilities.length} Einrichtungen in Betrieb, Reichweite ${analysis.reach.label}` +
      `${notCounted ? ` (${notCounted})` : ''}; ${formatShare(result.planungsraum.anteilVersorgt, analysis.precision.erreicht)} ` +
      `der Einwohner ${result.planungsraum.genitiv} versorgt. Einrichtungen: ${formatStand(analysis.bestand.stand)}.`,
  );
  analysis.suggestions.forEach((site, index) => {
    const [lng, lat] = site.lngLat;
    say(
      `Vorschlag ${index + 1}: ${lat.toFixed(5)} N, ${lng.toFixed(5)} O (${site.sozialraumName ? `Sozialraum ${site.sozialraumName}` : 'außerhalb der Sozialräume'}): ` +
        `${formatResidents(site.zusaetzlichVersorgt, analysis.precision.erreicht)} Einwohner zusätzlich versorgt`,
    );
  });

  if (values.json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          landkreis: { id: target.id, name: target.name },
          kategorie: { id: category.id, label: category.label },
          reichweite: analysis.reach.label,
          reichweiteKm: radiusKm,
          basis: coverageBasis(analysis, setup),
          bevoelkerung: usedSurface.method,
          einrichtungen: analysis.facilities.length,
          // Rounded like the table: whole people, hundreds on an approximate surface (precision.ts).
          sozialraeume: result.sozialraeume.map((row) => roundedRow(row, analysis.precision)),
          sozialregionen: result.sozialregionen.map((row) => roundedRow(row, analysis.precision)),
          kreis: roundedRow(result.kreis, analysis.precision),
          ...(best > 0
            ? { vorschlaege: analysis.suggestions.map((site) => ({ ...site, zusaetzlichVersorgt: roundResidents(site.zusaetzlichVersorgt, analysis.precision.erreicht) })) }
            : {}),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    process.stdout.write(coverageTableCsv(analysis));
  }
  return 0;
}

async function grid(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { district: { type: 'string' } } });
  const [subcommand, file, ...rest] = positionals;
  if (subcommand !== 'import') throw new UsageError(subcommand ? `Unbekannter Befehl „grid ${subcommand}“.` : 'Nach „grid“ fehlt „import“.');
  if (rest.length > 0) throw new UsageError(`Unerwartete Angabe „${rest[0]}“.`);
  const districts = loadDistricts(ROOT);
  const target = district(districts, values.district);
  const path = existingFile(file, 'Die Gitter-Datei');
  // Read and clip here, so the server (if it holds the database) only stores the result.
  const clipped = await readZensusGrid(path, target.territory, { onProgress: progressPrinter('Einlesen') });
  const stored = await withAccess(districts, (access) => access.storeGrid(target.id, clipped.surface), say);
  const summary = { ...stored, encoding: clipped.encoding, cellsRead: clipped.cellsRead, cellsInKreis: clipped.cellsInKreis, cellsGesperrt: clipped.cellsGesperrt };
  const official = target.territory.kreis.properties.einwohner;
  const line = (label: string, value: string) => `  ${`${label}:`.padEnd(31)}${value}`;
  process.stdout.write(
    [
      `${summary.titel} für den ${target.name} gespeichert (${summary.encoding === 'utf-8' ? 'UTF-8' : 'Windows-1252'}).`,
      line('Zellen in der Datei', formatInteger(summary.cellsRead)),
      line('davon im Kreis', `${formatInteger(summary.cellsInKreis)} (${formatInteger(summary.cellsGesperrt)} mit „–“, zählen als 0)`),
      line('gespeichert (mit Einwohnern)', formatInteger(summary.cells)),
      line('Einwohner im Kreis', `${formatInteger(summary.einwohner)} (Gemeindesummen laut Zensus 2022: ${formatInteger(official)}; das Gitter weicht durch die Werte „–“ ab)`),
      `  ${summary.quelle}, Stand ${summary.stand}`,
      '',
    ].join('\n'),
  );
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (command === 'coverage') return await coverage(args);
    if (command === 'grid') return await grid(args);
    if (command === 'indicators' || command === 'profile') return await runIndicatorCommand(command, args);
    if (command === 'report') return await runReportCommand(args);
    if (command === 'help' || command === '--help' || command === '-h') {
      say(USAGE);
      return 0;
    }
    throw new UsageError(command ? `Unbekannter Befehl „${command}“.` : 'Es fehlt ein Befehl.');
  } catch (error) {
    const usage = error instanceof UsageError || error instanceof IndicatorUsageError || error instanceof ReportUsageError;
    if (usage || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      say(`Fehler: ${usage ? (error as Error).message : germanParseError(error as Error)}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      say(`Konfigurationsfehler: ${error.message}`);
      return 2;
    }
    if (error instanceof ReportRefused) {
      say(`Fehler: ${error.message} Es wurde kein Bericht geschrieben.`);
      return 1;
    }
    if (error instanceof AccessRefused || error instanceof DataDirBusyError) {
      say(`Fehler: ${error.message}${command === 'grid' ? ' Es wurde nichts gespeichert.' : ''}`);
      return 1;
    }
    if (error instanceof ZensusGridError) {
      say(`Fehler in der Gitter-Datei: ${error.message}${command === 'grid' ? ' Es wurde nichts gespeichert.' : ''}`);
      return 1;
    }
    say(`Fehler: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}

function germanParseError(error: Error): string {
  const option = /'([^']+)'/.exec(error.message)?.[1];
  const code = (error as { code?: string }).code;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Unbekannte Option „${option ?? error.message}“.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `Bei der Option „${option ?? '?'}“ fehlt der Wert oder er passt nicht.`;
  return error.message;
}

process.exit(await main(process.argv.slice(2)));
