import { matchKey } from '../import/matchKey';
import { parseNumber } from '../import/numbers';
import type { StoredValue } from './aggregate';
import { createAreaResolver, type KeyCrosswalk } from './areaKeys';
import { isStored, type IndicatorCatalogue, type IndicatorDefinition, type IndicatorSource } from './catalog';
import type { AreaHierarchy } from './hierarchy';
import { genesisSymbol, readDate, readImportFile, type ImportFile } from './importFile';
import type { ImportReport, ImportRowReport } from './schema';

/**
 * Checks an imported file of Kennzahlen values against the district, the catalogue and what is
 * stored, row by row, and says what would be written. Nothing here writes: the server runs the
 * same check for the preview and again, all or nothing, before it commits.
 */

export interface ImportContext {
  catalogue: IndicatorCatalogue;
  hierarchy: AreaHierarchy;
  crosswalk: KeyCrosswalk;
  /** The values stored now (for „replaces“ and numerator ≤ denominator against stored parts). */
  stored: readonly StoredValue[];
  /** Value column label → Kennzahl id (or null: leave out), overriding the suggestion. */
  mapping?: Readonly<Record<string, string | null>>;
}

export interface CheckedImport {
  report: ImportReport;
  /** The source the values carry: the GENESIS table named in the file, else null (the definition's). */
  source: IndicatorSource | null;
}

const GENESIS_PUBLISHER = 'Statistische Ämter des Bundes und der Länder, Regionaldatenbank Deutschland';
const GENESIS_LICENCE = 'Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)';
const GENESIS_ATTRIBUTION = '© Statistische Ämter des Bundes und der Länder';

/**
 * The Kennzahl a column most likely holds: by its whole label (id or name); in a GENESIS table
 * by the label's last part among the Kennzahlen of that table („Langzeitarbeitslose“), and for
 * „Insgesamt“ by the first part or the table's only stored Kennzahl.
 */
export function suggestIndicator(label: string, tabelle: string | null, stored: readonly IndicatorDefinition[]): IndicatorDefinition | null {
  const matches = (key: string) => (definition: IndicatorDefinition) => matchKey(definition.id) === key || matchKey(definition.name) === key;
  const direct = stored.find(matches(matchKey(label)));
  if (direct) return direct;
  const ofTable = tabelle ? stored.filter((definition) => definition.quelle.id === tabelle || definition.quelle.tabelle.startsWith(`${tabelle} `)) : [];
  const pool = ofTable.length > 0 ? ofTable : stored;
  const parts = label.split(' · ').map(matchKey);
  const last = parts.at(-1)!;
  if (last === 'insgesamt') return pool.find(matches(parts[0]!)) ?? (ofTable.length === 1 ? ofTable[0]! : null);
  return pool.find(matches(last)) ?? null;
}

/** A line of the file's header as stored text: control characters and lone surrogates dropped. */
const printable = (text: string): string =>
  text.replace(/[\p{Cc}]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/gu, '').trim().slice(0, 300);

export function sourceOfFile(file: ImportFile): IndicatorSource | null {
  if (file.format !== 'genesis' || !file.tabelle) return null;
  return {
    tabelle: printable(`${file.tabelle}${file.titel ? ` ${file.titel}` : ''}`),
    herausgeber: GENESIS_PUBLISHER,
    lizenz: GENESIS_LICENCE,
    namensnennung: file.copyright ? printable(file.copyright) || GENESIS_ATTRIBUTION : GENESIS_ATTRIBUTION,
    ...(file.stand ? { stand: file.stand } : {}),
  };
}

interface Pending {
  report: ImportRowReport;
  definition: IndicatorDefinition;
  gebiet: string;
  stichtag: string;
  wert: number;
  via: string | null;
}

export function checkImport(text: string, context: ImportContext): CheckedImport {
  const file = readImportFile(text);
  const { catalogue } = context;
  const storedDefinitions = catalogue.entries.map((entry) => entry.definition).filter(isStored);
  const byId = new Map(catalogue.entries.map((entry) => [entry.definition.id, entry.definition]));
  const columns = file.columns.map((column) => {
    // Own keys only: a column labelled „constructor“ must not find Object's.
    const explicit = context.mapping !== undefined && Object.hasOwn(context.mapping, column.label);
    const given = explicit ? context.mapping![column.label] : undefined;
    const chosen = explicit ? (typeof given === 'string' ? given : null) : (suggestIndicator(column.label, file.tabelle, storedDefinitions)?.id ?? null);
    return { spalte: column.label, kennzahl: chosen, vorschlag: !explicit };
  });
  const hinweise = [...file.problems];
  const long = file.observations.some((observation) => observation.indicator !== null);
  if (!long) {
    for (const column of columns) if (column.kennzahl === null) hinweise.push(`Spalte „${column.spalte}“ ist keiner Kennzahl zugeordnet und wird nicht importiert.`);
  }
  const resolver = createAreaResolver(context.hierarchy, context.crosswalk);
  const rows: ImportRowReport[] = [];
  const pending: Pending[] = [];
  let skipped = 0;

  for (const observation of file.observations) {
    const column = columns[observation.column]!;
    const indicatorText = long ? observation.indicator! : column.kennzahl;
    if (indicatorText === null) continue;
    const report: ImportRowReport = { zeile: observation.line, spalte: long ? null : column.spalte, kennzahl: null, gebiet: null, stichtag: null, wert: null, fehler: [], hinweise: [] };
    const definition = byId.get(indicatorText) ?? storedDefinitions.find((each) => matchKey(each.name) === matchKey(indicatorText));
    if (!definition) report.fehler.push(`Unbekannte Kennzahl „${indicatorText}“`);
    else if (!isStored(definition)) report.fehler.push(`„${definition.name}“ wird berechnet, nicht eingelesen: bitte Zähler und Nenner importieren`);
    else report.kennzahl = definition.id;

    const area = resolver.resolve(observation.area);
    if (area.kind === 'uebersprungen') {
      skipped++;
      continue;
    }
    if (area.kind === 'unbekannt') report.fehler.push(area.message);
    else {
      report.gebiet = area.id;
      if (area.via) report.hinweise.push(`Früherer Schlüssel ${area.via} → ${area.id} (${area.name})`);
      if (definition && isStored(definition) && definition.ebene !== area.level) {
        report.fehler.push(`„${definition.name}“ wird je ${levelName(definition.ebene)} erhoben, die Zeile nennt ${levelName(area.level, true)} (${area.name})`);
      }
    }

    const date = observation.date === null ? null : readDate(observation.date);
    if (observation.date === null) report.fehler.push('Stichtag oder Jahr fehlt');
    else if (date === null) report.fehler.push(`„${observation.date}“ ist kein Datum (TT.MM.JJJJ) und kein Jahr`);
    else report.stichtag = date;

    const symbol = file.format === 'genesis' ? genesisSymbol(observation.value) : null;
    if (symbol && 'reason' in symbol) {
      report.hinweise.push(`Kein Wert: ${symbol.reason}`);
      rows.push(report);
      continue;
    }
    const value = symbol ? symbol.value : parseNumber(observation.value);
    if (observation.value.trim() === '' && !symbol) {
      report.hinweise.push('Leeres Feld: kein Wert');
      rows.push(report);
      continue;
    }
    if (value === null) report.fehler.push(`„${observation.value.trim()}“ ist keine Zahl`);
    else {
      report.wert = value;
      if (definition?.art === 'anzahl' && value < 0 && !definition.negativZulaessig) report.fehler.push(`Negative Anzahl ${observation.value.trim()}: „${definition.name}“ kann nicht negativ sein`);
    }
    rows.push(report);
    if (report.fehler.length === 0 && definition && report.gebiet && report.stichtag && report.wert !== null) {
      pending.push({ report, definition, gebiet: report.gebiet, stichtag: report.stichtag, wert: report.wert, via: area.kind === 'gebiet' ? area.via : null });
    }
  }
  if (skipped > 0) hinweise.push(`${skipped} Werte anderer Gebiete (andere Kreise, Land, Gemeindeverbände, frühere Kreise) übersprungen.`);

  const merged = mergeDuplicates(pending);
  checkShares(catalogue, merged, context.stored);
  const storedByKey = new Map(context.stored.map((value) => [`${value.kennzahl}|${value.gebiet}|${value.stichtag}`, value.wert]));
  const werte = merged
    .filter((entry) => entry.reports.every((report) => report.fehler.length === 0))
    .map((entry) => {
      const before = storedByKey.get(`${entry.kennzahl}|${entry.gebiet}|${entry.stichtag}`);
      const ersetzt = before !== undefined && before !== entry.wert ? before : null;
      if (ersetzt !== null) entry.reports.at(-1)!.hinweise.push(`Ersetzt den gespeicherten Wert ${ersetzt}`);
      return { kennzahl: entry.kennzahl, gebiet: entry.gebiet, stichtag: entry.stichtag, wert: entry.wert, ersetzt };
    });
  const fehler = rows.filter((row) => row.fehler.length > 0).length + file.problems.length;
  if (file.problems.length === 0 && rows.length === 0) hinweise.push('Die Datei enthält keine Werte für zugeordnete Kennzahlen dieses Landkreises.');
  return {
    report: { format: file.format, tabelle: file.tabelle, spalten: columns, zeilen: rows, werte: fehler > 0 ? [] : werte, fehler, hinweise },
    source: sourceOfFile(file),
  };
}

function levelName(level: string, withArticle = false): string {
  const names: Record<string, [string, string]> = { gemeinde: ['Gemeinde', 'eine Gemeinde'], sozialraum: ['Sozialraum', 'einen Sozialraum'], kreis: ['Kreis', 'den Kreis'] };
  const [plain, article] = names[level] ?? [level, level];
  return withArticle ? article : plain;
}

interface Merged {
  kennzahl: string;
  gebiet: string;
  stichtag: string;
  wert: number;
  reports: ImportRowReport[];
}

/**
 * One value per Kennzahl, area and date. Several rows for it are a duplicate, unless each came
 * through the crosswalk from a different former municipality: merged since, so they add up.
 */
function mergeDuplicates(pending: readonly Pending[]): Merged[] {
  const groups = new Map<string, Pending[]>();
  for (const entry of pending) {
    const key = `${entry.definition.id}|${entry.gebiet}|${entry.stichtag}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const merged: Merged[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const vias = group.map((entry) => entry.via);
    const formerParts = group.length > 1 && vias.every((via) => via !== null) && new Set(vias).size === vias.length;
    if (group.length > 1 && !formerParts) {
      for (const later of group.slice(1)) later.report.fehler.push(`Doppelt: ${first.definition.name}, Gebiet ${first.gebiet}, Stichtag ${first.stichtag} steht schon in Zeile ${first.report.zeile}`);
    }
    if (formerParts) group.at(-1)!.report.hinweise.push(`Summe der früheren Gemeinden ${vias.join(', ')}`);
    merged.push({
      kennzahl: first.definition.id,
      gebiet: first.gebiet,
      stichtag: first.stichtag,
      wert: formerParts ? group.reduce((total, entry) => total + entry.wert, 0) : first.wert,
      reports: group.map((entry) => entry.report),
    });
  }
  return merged;
}

/** A share's numerator may not exceed its denominator (imported, or stored where the file has no value). */
function checkShares(catalogue: IndicatorCatalogue, merged: readonly Merged[], stored: readonly StoredValue[]): void {
  const imported = new Map(merged.map((entry) => [`${entry.kennzahl}|${entry.gebiet}|${entry.stichtag}`, entry]));
  const storedValues = new Map(stored.map((value) => [`${value.kennzahl}|${value.gebiet}|${value.stichtag}`, value.wert]));
  const valueOf = (id: string, area: string, date: string) => imported.get(`${id}|${area}|${date}`)?.wert ?? storedValues.get(`${id}|${area}|${date}`);
  for (const { definition } of catalogue.entries) {
    if (definition.art !== 'anteil') continue;
    const parts = [...definition.zaehler, ...definition.nenner];
    const places = new Set(merged.filter((entry) => parts.includes(entry.kennzahl)).map((entry) => `${entry.gebiet}|${entry.stichtag}`));
    for (const place of places) {
      const [area, date] = place.split('|') as [string, string];
      const numerator = definition.zaehler.map((id) => valueOf(id, area, date));
      const denominator = definition.nenner.map((id) => valueOf(id, area, date));
      if (numerator.includes(undefined) || denominator.includes(undefined)) continue;
      const top = numerator.reduce((total, value) => total! + value!, 0)!;
      const bottom = denominator.reduce((total, value) => total! + value!, 0)!;
      if (top <= bottom) continue;
      // The numerator's rows carry the error; the denominator's only where the numerator is stored already.
      const importedOf = (ids: readonly string[]) => ids.flatMap((id) => imported.get(`${id}|${area}|${date}`)?.reports.at(-1) ?? []);
      const blamed = importedOf(definition.zaehler).length > 0 ? importedOf(definition.zaehler) : importedOf(definition.nenner);
      for (const report of blamed) report.fehler.push(`Zähler größer als Nenner bei „${definition.name}“: ${top} > ${bottom}`);
    }
  }
}
