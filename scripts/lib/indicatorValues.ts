// Derives a district's shipped Kennzahlen values and key crosswalk from the Regionalstatistik
// extracts carried in geodata/regionalstatistik/ (see its QUELLEN.md) and the Zensus 2022
// population in geodata/<id>/gemeinden.csv. Shared by scripts/build-indicators.ts and the
// test that regenerates the committed files, so both see exactly the same derivation.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvRecords } from '../../src/domain/csv.ts';
import { catalogueFileProblems, isStored, type IndicatorCatalogue } from '../../src/domain/indicators/catalog.ts';
import { GEODATA_DIR, readDistrict } from './geodata.ts';

export const STATISTICS_DIR = join(GEODATA_DIR, 'regionalstatistik');
export const VALUES_FILE = 'kennzahlen-werte.csv';
export const KEYS_FILE = 'schluessel.csv';

interface ValueRow {
  kennzahl: string;
  gebiet: string;
  stichtag: string;
  wert: number;
  /** A source id of the catalogue when it differs from the definition's own. */
  quelle: string;
}

const readTable = (name: string) => parseCsvRecords(readFileSync(join(STATISTICS_DIR, name), 'utf8'), ';');

/** The 17 age groups of 12411-02-03-5 by their column, as Kennzahl ids "alter-<column>". */
const AGE_COLUMNS = [
  'unter_3', '3_bis_6', '6_bis_10', '10_bis_15', '15_bis_18', '18_bis_20', '20_bis_25', '25_bis_30', '30_bis_35',
  '35_bis_40', '40_bis_45', '45_bis_50', '50_bis_55', '55_bis_60', '60_bis_65', '65_bis_75', '75_und_mehr',
];
const UNEMPLOYMENT_COLUMNS: Record<string, string> = {
  arbeitslose: 'arbeitslose',
  '15_bis_25': 'arbeitslose-15-bis-25',
  '15_bis_20': 'arbeitslose-15-bis-20',
  '55_bis_65': 'arbeitslose-55-bis-65',
  langzeitarbeitslose: 'langzeitarbeitslose',
  auslaender: 'arbeitslose-auslaender',
  schwerbehinderte: 'arbeitslose-schwerbehinderte',
};

/** The value of a cell; empty cells are the source's „.“ or „x“ and give no value. */
function cell(record: Record<string, string>, column: string, where: string): number | null {
  const text = record[column];
  if (text === undefined) throw new Error(`${where}: Spalte „${column}“ fehlt`);
  if (text === '') return null;
  if (!/^-?\d+$/.test(text)) throw new Error(`${where}: „${text}“ in Spalte „${column}“ ist keine ganze Zahl`);
  return Number(text);
}

export function readCatalogue(id: string): IndicatorCatalogue | null {
  const path = join(GEODATA_DIR, id, 'kennzahlen.json');
  if (!existsSync(path)) return null;
  const { catalogue, problems } = catalogueFileProblems(JSON.parse(readFileSync(path, 'utf8')));
  if (!catalogue) throw new Error(`geodata/${id}/kennzahlen.json: ${problems.join('; ')}`);
  return catalogue;
}

function municipalRows(id: string, kreisAgs: string, known: Set<string>): ValueRow[] {
  const rows: ValueRow[] = [];
  const add = (kennzahl: string, gebiet: string, stichtag: string, wert: number | null, quelle = '') => {
    if (wert === null) return;
    if (!known.has(gebiet)) throw new Error(`${kennzahl} ${stichtag}: Gemeinde ${gebiet} steht nicht in geodata/${id}/gemeinden.csv`);
    rows.push({ kennzahl, gebiet, stichtag, wert, quelle });
  };
  const inDistrict = (record: Record<string, string>) => (record.ags ?? '').startsWith(kreisAgs);
  for (const record of readTable('regionalstatistik_bevoelkerung_2008_2015.csv').filter(inDistrict)) {
    add('bevoelkerung', record.ags!, record.stichtag!, cell(record, 'einwohner', `Bevölkerung ${record.ags}`));
  }
  for (const record of readTable('regionalstatistik_alter_2015.csv').filter(inDistrict)) {
    for (const column of AGE_COLUMNS) add(`alter-${column.replaceAll('_', '-')}`, record.ags!, record.stichtag!, cell(record, column, `Alter ${record.ags}`));
  }
  // Flows and annual averages are dated on the year's last day; the catalogue's zeitbezug says how to read it.
  for (const record of readTable('regionalstatistik_wanderungen_2015.csv').filter(inDistrict)) {
    const date = `${record.jahr}-12-31`;
    add('zuzuege', record.ags!, date, cell(record, 'zuzuege_insgesamt', `Wanderung ${record.ags}`));
    add('fortzuege', record.ags!, date, cell(record, 'fortzuege_insgesamt', `Wanderung ${record.ags}`));
    add('wanderungssaldo', record.ags!, date, cell(record, 'saldo', `Wanderung ${record.ags}`));
  }
  for (const record of readTable('regionalstatistik_arbeitslose_2016.csv').filter(inDistrict)) {
    for (const [column, kennzahl] of Object.entries(UNEMPLOYMENT_COLUMNS)) {
      add(kennzahl, record.ags!, `${record.jahr}-12-31`, cell(record, column, `Arbeitslose ${record.ags}`));
    }
  }
  return rows;
}

/** Kreis rows: only today's Kreis (for Göttingen the computed sum of the two former Kreise). */
function kreisRows(kreisAgs: string): ValueRow[] {
  const rows: ValueRow[] = [];
  const add = (kennzahl: string, stichtag: string, wert: number | null) => {
    if (wert !== null) rows.push({ kennzahl, gebiet: kreisAgs, stichtag, wert, quelle: '' });
  };
  const today = (record: Record<string, string>) => record.kreis_ags === kreisAgs;
  for (const record of readTable('regionalstatistik_kita_einrichtungen_kreis_2007_2016.csv').filter(today)) {
    add('kita-einrichtungen', record.stichtag!, cell(record, 'einrichtungen', `Kita ${record.stichtag}`));
    add('kita-plaetze', record.stichtag!, cell(record, 'genehmigte_plaetze', `Kita ${record.stichtag}`));
  }
  for (const record of readTable('regionalstatistik_kita_betreute_kinder_kreis_2007_2010.csv').filter(today)) {
    const where = `Betreute Kinder ${record.stichtag}`;
    if (record.betreuungsart === 'insgesamt') {
      add('kinder-betreut', record.stichtag!, cell(record, 'betreute_kinder', where));
      add('kinder-betreut-unter-3', record.stichtag!, cell(record, 'unter_3', where));
      add('kinder-betreut-3-bis-6', record.stichtag!, cell(record, '3_bis_6', where));
    } else if (record.betreuungsart === 'tagespflege') {
      add('kinder-tagespflege', record.stichtag!, cell(record, 'betreute_kinder', where));
    }
  }
  return rows;
}

/**
 * geodata/<id>/kennzahlen-werte.csv: one row per Kennzahl, area and date, in catalogue order,
 * then by date and area. Fails on a value whose Kennzahl the catalogue does not store.
 */
export function deriveValuesCsv(id: string): string | null {
  const catalogue = readCatalogue(id);
  if (!catalogue) return null;
  const { config, gemeinden } = readDistrict(id);
  const known = new Set(gemeinden.map((gemeinde) => gemeinde.ags));
  const rows = [
    ...municipalRows(id, config.kreisAgs, known),
    ...gemeinden.map((gemeinde) => ({ kennzahl: 'bevoelkerung', gebiet: gemeinde.ags, stichtag: config.zensusStichtag, wert: gemeinde.einwohner, quelle: 'zensus2022' })),
    ...kreisRows(config.kreisAgs),
  ];
  const order = new Map(catalogue.entries.map((entry, index) => [entry.definition.id, index]));
  for (const row of rows) {
    const entry = catalogue.entries[order.get(row.kennzahl) ?? -1];
    if (!entry || !isStored(entry.definition)) throw new Error(`geodata/${id}/kennzahlen.json: gespeicherte Kennzahl „${row.kennzahl}“ fehlt`);
  }
  rows.sort((a, b) => order.get(a.kennzahl)! - order.get(b.kennzahl)! || a.stichtag.localeCompare(b.stichtag) || a.gebiet.localeCompare(b.gebiet));
  return ['kennzahl,gebiet,stichtag,wert,quelle', ...rows.map((row) => `${row.kennzahl},${row.gebiet},${row.stichtag},${row.wert},${row.quelle}`)].join('\n') + '\n';
}

/**
 * geodata/<id>/schluessel.csv: every older key under which the district's municipalities
 * appear in the 2016 boundaries and the Regionalstatistik exports, with today's AGS. Several
 * old keys of one AGS are municipalities merged since: an import sums them.
 */
export function deriveKeysCsv(id: string): string {
  const { config, gemeinden } = readDistrict(id);
  const keys = new Map<string, { ags: string; quelle: string }>();
  const add = (key: string, ags: string, quelle: string) => {
    const known = keys.get(key);
    if (known && known.ags !== ags) throw new Error(`Schlüssel ${key} führt zu ${known.ags} und ${ags}`);
    if (!known && key !== ags) keys.set(key, { ags, quelle });
  };
  for (const gemeinde of gemeinden) for (const key of gemeinde.agsVg250_2016) add(key, gemeinde.ags, 'vg250-2016');
  for (const record of readTable('schluessel_genesis_zu_ags_2022.csv')) {
    if (!record.ags!.startsWith(config.kreisAgs)) continue;
    for (const key of record.genesis_schluessel!.split('+')) add(key, record.ags!, 'regionalstatistik-2017');
  }
  const lines = [...keys].sort(([a], [b]) => a.localeCompare(b)).map(([key, { ags, quelle }]) => `${key},${ags},${quelle}`);
  return ['schluessel,ags,quelle', ...lines].join('\n') + '\n';
}
