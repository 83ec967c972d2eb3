// Kennzahlen from the command line (npm run -s atlas -- …), one module so the atlas CLI only
// dispatches to it:
//   npm run -s atlas -- indicators --district goettingen [--json]
//   npm run -s atlas -- profile --district goettingen --area adelebsen [--stichtag 2015] [--json]
//   npm run -s atlas -- indicators import DATEI --district goettingen [--spalte "Spalte=kennzahl"] [--pruefen]
// Every figure is the protected one the API gives anonymous viewers: an export never carries
// a suppressed value. Results to stdout, messages for people to stderr.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeText } from '../domain/import/decode';
import { ImportFileError } from '../domain/import/errors';
import { buildHierarchy } from '../domain/indicators/hierarchy';
import { CatalogueResponseSchema, ProfileResponseSchema, type CatalogueResponse, type ImportReport, type ProfileResponse } from '../domain/indicators/schema';
import { findArea } from '../domain/indicators/views';
import { openAtlasAccess, type AtlasAccess } from './atlasAccess';
import { readConfig } from './config';
import { loadDistricts, type DistrictRuntime } from './districts';
import { importRefusal } from './indicators';
import { indicatorCatalogue, indicatorImport, indicatorProfile } from './indicatorCommands';
import { CliIndicatorImportResultSchema } from './routes/indicatorCli';

const ROOT = resolve(import.meta.dirname, '..', '..');

export const INDICATOR_USAGE = `  npm run -s atlas -- indicators --district LANDKREIS [--json]
      Der Kennzahlenkatalog: je Kennzahl Art, Ebene, Stichtage, Stand und Quelle (mit --json als JSON).
  npm run -s atlas -- profile --district LANDKREIS --area GEBIET [--stichtag JJJJ|JJJJ-MM-TT] [--json]
      Profil eines Gebiets (Sozialraum-id, „sozialregion:ID“, „planungsraum“, „gemeinde:AGS“, „kreis“): je Kennzahl Wert,
      Wert des Planungsraums und des Kreises, Geheimhaltung („•“), Gültigkeitshinweis, Quelle und Stand.
  npm run -s atlas -- indicators import DATEI --district LANDKREIS [--spalte "SPALTE=KENNZAHL"]… [--pruefen]
      Liest Kennzahlenwerte aus einer CSV-Datei (Excel) oder einem Export der Regionalstatistik (GENESIS) und
      schreibt alle oder keinen. --spalte ordnet eine Wertespalte einer Kennzahl zu („SPALTE=“ lässt sie aus),
      --pruefen zeigt nur den Bericht.`;

/** Wrong use: message and usage, exit code 2 (the atlas CLI prints the usage). */
export class IndicatorUsageError extends Error {}

const say = (message: string) => process.stderr.write(`${message}\n`);
const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);

function districtFrom(districts: Map<string, DistrictRuntime>, id: string | undefined): DistrictRuntime {
  const known = [...districts.keys()].join(', ');
  if (!id) throw new IndicatorUsageError(`--district fehlt. Bekannt: ${known}.`);
  const found = districts.get(id);
  if (!found) throw new IndicatorUsageError(`Unbekannter Landkreis „${id}“. Bekannt: ${known}.`);
  return found;
}

/**
 * Runs a command on what the atlas CLI reaches: the database it opened, or the server that holds
 * the embedded database (its /api/cli routes, routes/indicatorCli.ts), with the same work.
 */
async function withAccess<T>(districts: Map<string, DistrictRuntime>, work: (access: AtlasAccess) => Promise<T>): Promise<T> {
  const access = await openAtlasAccess(readConfig(process.env, ROOT), districts, say, 'npm run atlas');
  try {
    return await work(access);
  } finally {
    await access.close();
  }
}

const path = (district: DistrictRuntime, rest: string) => `/api/cli/districts/${encodeURIComponent(district.id)}/${rest}`;

/** The catalogue as lines a person reads: one Kennzahl each, with its dates and source. */
export function catalogueLines(catalogue: CatalogueResponse): string[] {
  const lines = [`Kennzahlen (${catalogue.kennzahlen.length}); Geheimhaltung: ${catalogue.geheimhaltung.hinweis}`];
  for (const entry of catalogue.kennzahlen) {
    const dates = entry.stichtage.length === 0 ? 'keine Werte' : entry.stichtage.length === 1 ? entry.stichtage[0] : `${entry.stichtage.length} Stichtage ${entry.stichtage[0]} … ${entry.stichtage.at(-1)}`;
    lines.push(`${entry.id}\t${entry.name} [${entry.einheit}; ${entry.art}, je ${entry.ebene}]\t${dates}\t${entry.stand ?? '–'}\t${entry.quelle.tabelle} (${entry.quelle.namensnennung}, ${entry.quelle.lizenz})`);
  }
  return lines;
}

/** The profile as lines: value beside the planning area's and the Kreis', with the notes. */
export function profileLines(profile: ProfileResponse): string[] {
  const lines = [`Profil ${profile.gebiet.name} (${profile.gebiet.schluessel}); verglichen mit ${profile.planungsraum.name} und ${profile.kreis.name}`];
  for (const entry of profile.kennzahlen) {
    const notes = [entry.gueltigkeitsHinweis ? 'unsicher (kleines Gebiet)' : null, entry.bruch ? 'Reihenbruch' : null].filter(Boolean).join(', ');
    lines.push(`${entry.name}\t${entry.wert.text}\t${entry.planungsraum.text}\t${entry.kreis.text}\t${entry.stand}\t${entry.quelle.tabelle}${notes ? `\t${notes}` : ''}`);
  }
  lines.push(`„•“: ${profile.geheimhaltung}`);
  return lines;
}

async function catalogueCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { district: { type: 'string' }, json: { type: 'boolean', default: false } } });
  if (positionals.length > 0) throw new IndicatorUsageError(`Unerwartete Angabe „${positionals[0]}“.`);
  const districts = loadDistricts(ROOT);
  const district = districtFrom(districts, values.district);
  const catalogue: CatalogueResponse = await withAccess(districts, (access) =>
    access.database ? indicatorCatalogue(access.database, district) : access.server!('GET', path(district, 'indicators'), CatalogueResponseSchema),
  );
  out(values.json ? JSON.stringify(catalogue, null, 2) : catalogueLines(catalogue).join('\n'));
  return 0;
}

async function profileCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { district: { type: 'string' }, area: { type: 'string' }, stichtag: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (positionals.length > 0) throw new IndicatorUsageError(`Unerwartete Angabe „${positionals[0]}“.`);
  if (values.stichtag !== undefined && !/^\d{4}(-\d{2}-\d{2})?$/.test(values.stichtag)) throw new IndicatorUsageError(`--stichtag „${values.stichtag}“ ist kein Jahr (JJJJ) und kein Datum (JJJJ-MM-TT).`);
  const districts = loadDistricts(ROOT);
  const district = districtFrom(districts, values.district);
  const sozialraeume = district.territory.sozialraeume.features.map((feature) => feature.properties.id).join(', ');
  if (!values.area) throw new IndicatorUsageError(`--area fehlt. Sozialräume im ${district.name}: ${sozialraeume}.`);
  const node = findArea(buildHierarchy(district.territory), values.area);
  if (!node) throw new IndicatorUsageError(`Unbekanntes Gebiet „${values.area}“. Sozialräume im ${district.name}: ${sozialraeume}.`);
  const stichtag = values.stichtag;
  const profile: ProfileResponse = await withAccess(districts, (access) =>
    access.database
      ? indicatorProfile(access.database, district, node.key, stichtag)
      : access.server!('GET', `${path(district, `areas/${encodeURIComponent(node.key)}/profile`)}${stichtag ? `?stichtag=${stichtag}` : ''}`, ProfileResponseSchema),
  );
  out(values.json ? JSON.stringify(profile, null, 2) : profileLines(profile).join('\n'));
  return 0;
}

const NOTES_SHOWN = 20;

/** The report of an import for people: the mapping, every row with an error or note, the outcome. */
function reportLines(report: ImportReport): string[] {
  const lines = [`Format: ${report.format === 'genesis' ? `GENESIS-Export${report.tabelle ? ` (Tabelle ${report.tabelle})` : ''}` : 'CSV'}`];
  for (const column of report.spalten) lines.push(`  Spalte „${column.spalte}“ → ${column.kennzahl ?? '(nicht importiert)'}${column.vorschlag && column.kennzahl ? ' (Vorschlag)' : ''}`);
  const notes: string[] = [];
  for (const row of report.zeilen) {
    const where = `  Zeile ${row.zeile}${row.spalte ? `, ${row.spalte}` : ''}`;
    for (const message of row.fehler) lines.push(`${where}: Fehler: ${message}`);
    for (const message of row.hinweise) notes.push(`${where}: ${message}`);
  }
  // Every error, but notes only as many as a person reads; the rest counted.
  lines.push(...notes.slice(0, NOTES_SHOWN));
  if (notes.length > NOTES_SHOWN) lines.push(`  … und ${notes.length - NOTES_SHOWN} weitere Hinweise`);
  for (const message of report.hinweise) lines.push(`  ${message}`);
  return lines;
}

function mappingFrom(entries: readonly string[]): Record<string, string | null> {
  const mapping: Record<string, string | null> = {};
  for (const entry of entries) {
    const split = entry.lastIndexOf('=');
    if (split <= 0) throw new IndicatorUsageError(`--spalte „${entry}“: erwartet „SPALTE=KENNZAHL“ (oder „SPALTE=“ zum Auslassen).`);
    mapping[entry.slice(0, split).trim()] = entry.slice(split + 1).trim() || null;
  }
  return mapping;
}

async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { district: { type: 'string' }, spalte: { type: 'string', multiple: true, default: [] }, pruefen: { type: 'boolean', default: false } },
  });
  const [file, ...rest] = positionals;
  if (!file) throw new IndicatorUsageError('Nach „indicators import“ fehlt die Datei.');
  if (rest.length > 0) throw new IndicatorUsageError(`Unerwartete Angabe „${rest[0]}“.`);
  if (!existsSync(file) || !statSync(file).isFile()) throw new IndicatorUsageError(`Die Datei „${file}“ gibt es nicht.`);
  const districts = loadDistricts(ROOT);
  const district = districtFrom(districts, values.district);
  const mapping = mappingFrom(values.spalte);
  const { text, encoding } = decodeText(readFileSync(file));
  say(`${file}: ${encoding === 'utf-8' ? 'UTF-8' : 'Windows-1252'}`);
  const request = { text, zuordnung: Object.keys(mapping).length > 0 ? mapping : undefined };
  const author = { userId: null, name: `Kommandozeile (${userInfo().username})` };
  const { report, written } = await withAccess(districts, (access) =>
    access.database
      ? indicatorImport(access.database, district, request, values.pruefen, author)
      : access.server!('POST', path(district, 'indicators/import'), CliIndicatorImportResultSchema, { ...request, pruefen: values.pruefen, von: author.name }),
  );
  out(reportLines(report).join('\n'));
  if (values.pruefen) {
    out(report.fehler > 0 ? `${report.fehler} Fehler; so würde nichts importiert.` : `${report.werte.length} Werte würden geschrieben (nichts geschrieben: --pruefen).`);
    return report.fehler > 0 ? 1 : 0;
  }
  if (!written) {
    say(`Fehler: ${importRefusal(report, file)}`);
    return 1;
  }
  out(`${written.neu + written.geaendert} Werte für den ${district.name} geschrieben (${written.neu} neu, ${written.geaendert} geändert; unveränderte Werte bleiben, wie sie sind).`);
  return 0;
}

/** Runs `indicators …` or `profile …`; returns the exit code. Usage errors are thrown for the atlas CLI to print. */
export async function runIndicatorCommand(command: 'indicators' | 'profile', args: string[]): Promise<number> {
  try {
    if (command === 'profile') return await profileCommand(args);
    if (args[0] === 'import') return await importCommand(args.slice(1));
    return await catalogueCommand(args);
  } catch (error) {
    if (error instanceof ImportFileError) {
      say(`Fehler in der Datei: ${error.message} Es wurde nichts gespeichert.`);
      return 1;
    }
    throw error;
  }
}
