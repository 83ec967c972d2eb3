// The profile report's content model on the synthetic Testkreis (tests/fixtures/indicators and the
// synthetic territory): sections and their order, pagination, the standard choice, protection
// (nothing withheld reaches the document), validity notes, facilities, spine and trend.
import { describe, expect, it } from 'vitest';
import type { StoredValue } from '../../../src/domain/indicators/aggregate';
import { createDataset } from '../../../src/domain/indicators/dataset';
import { buildHierarchy } from '../../../src/domain/indicators/hierarchy';
import { definitionSource } from '../../../src/domain/indicators/views';
import { categoryCatalog, type FacilityStatus } from '../../../src/domain/facilities/catalog';
import { buildReport, choiceProblems, reportIndicators, sectionPages, standardIndicators, type ReportFacility, type ReportInput } from '../../../src/domain/report/content';
import { reportCoverage } from '../../../src/domain/report/coverage';
import { STANDARD_CHOICE, type ReportChoice } from '../../../src/domain/report/template';
import { populationSurface } from '../../../src/domain/coverage/analysis';
import { deepFreeze } from '../support/fixtures';
import { testkreisCatalogue, testkreisValues } from '../support/indicators';
import { syntheticTerritory } from '../support/syntheticDistrict';

/** Two more years of population, so the trend has three dates. */
const EXTRA_YEARS: StoredValue[] = ['99999001', '99999002', '99999003', '99999004', '99999005'].map((gebiet, index) => ({
  kennzahl: 'einwohner',
  gebiet,
  stichtag: '2019-12-31',
  wert: [6200, 11800, 3100, 49000, 9200][index]!,
}));

const FACILITIES: ReportFacility[] = [
  { name: 'Familienzentrum Nordtal', category: 'familienzentrum', status: 'in Betrieb', lage: [9.85, 51.49], sozialraumId: 'nordtal', geprueftAm: '2024-03-01', quelle: null },
  { name: 'Kita Nordtal (geplant)', category: 'kita', status: 'geplant', lage: [9.86, 51.5], sozialraumId: 'nordtal', geprueftAm: null, quelle: null },
  { name: 'Kita Nordtal alt', category: 'kita', status: 'geschlossen', lage: [9.84, 51.5], sozialraumId: 'nordtal', geprueftAm: null, quelle: null },
  { name: 'Kita Ölsen', category: 'kita', status: 'in Betrieb', lage: [9.95, 51.49], sozialraumId: 'oelsen', geprueftAm: null, quelle: 'Liste 2023' },
];

function input(choice: ReportChoice = STANDARD_CHOICE, values: readonly StoredValue[] = [...testkreisValues(), ...EXTRA_YEARS]): ReportInput {
  const territory = syntheticTerritory();
  const dataset = createDataset(testkreisCatalogue(), buildHierarchy(territory), values);
  return deepFreeze({
    dataset,
    sourceOf: definitionSource,
    territory,
    facilities: structuredClone(FACILITIES),
    categories: categoryCatalog([]),
    choice,
    producedOn: '2026-12-02',
    templateName: null,
  });
}

describe('buildReport', () => {
  it('makes the overview, then each Sozialregion followed by its Sozialräume, with their pages', () => {
    const report = buildReport(input());
    expect(report.sections.map((section) => section.key)).toEqual([
      'planungsraum:planungsraum',
      'sozialregion:region-west',
      'sozialraum:nordtal',
      'sozialregion:region-ost',
      'sozialraum:oelsen',
      'sozialraum:puehberg',
    ]);
    expect(report.sections.map((section) => section.title)).toEqual([
      'Übersicht: 3 Sozialräume (ohne Teststadt D)',
      'Testregion West',
      'Sozialraum Nordtal',
      'Testregion Ost',
      'Sozialraum Ölsen',
      'Sozialraum Pühberg',
    ]);
    // Title page and contents, the overview with its list of areas, then one page each.
    expect(report.startPages).toEqual([3, 5, 6, 7, 8, 9]);
    expect(report.pageCount).toBe(9);
    expect(report.producedOnText).toBe('02.12.2026');
  });

  it('takes only the chosen areas, the overview always first', () => {
    const report = buildReport(input({ ...STANDARD_CHOICE, gebiete: ['sozialraum:puehberg', 'sozialregion:region-west'] }));
    expect(report.sections.map((section) => section.key)).toEqual(['planungsraum:planungsraum', 'sozialregion:region-west', 'sozialraum:puehberg']);
    expect(report.pageCount).toBe(2 + 2 + 1 + 1);
  });

  it('chooses by default the population and every rate, share and mean below the Kreis level', () => {
    const { dataset } = input();
    expect(standardIndicators(dataset)).toEqual(['einwohner', 'anteil-kinder', 'faelle-je-1000', 'hilfen-je-1000-kinder', 'miete']);
  });

  it('offers every Kennzahl with values to choose from, the standard ones marked', () => {
    const { dataset } = input();
    const offered = reportIndicators(dataset);
    expect(offered.filter((entry) => entry.standard).map((entry) => entry.id)).toEqual(standardIndicators(dataset));
    expect(offered.every((entry) => dataset.dates(entry.id).length > 0 && entry.name.length > 0 && entry.thema.length > 0)).toBe(true);
    const withValues = dataset.catalogue.entries.filter((entry) => dataset.dates(entry.definition.id).length > 0).length;
    expect(offered).toHaveLength(withValues);
    expect(offered.length).toBeGreaterThan(standardIndicators(dataset).length);
  });

  it('names unknown Kennzahlen and areas of a choice in German', () => {
    const { dataset } = input();
    expect(choiceProblems(dataset, { kennzahlen: ['einwohner', 'gibtsnicht'], gebiete: ['sozialraum:atlantis'], stichtag: null })).toBe(
      'unbekannte Kennzahl „gibtsnicht“; unbekanntes Gebiet „sozialraum:atlantis“.',
    );
    expect(choiceProblems(dataset, STANDARD_CHOICE)).toBeNull();
  });

  it('compares every area with the planning area and the overview with the Kreis, with date and source per figure', () => {
    const report = buildReport(input({ ...STANDARD_CHOICE, kennzahlen: ['einwohner', 'faelle-je-1000'] }));
    const [overview, , nordtal] = report.sections;
    expect(overview!.referenceName).toBe('Landkreis Testkreis');
    expect(nordtal!.referenceName).toBe('3 Sozialräume (ohne Teststadt D)');
    expect(nordtal!.figures.map((row) => [row.name, row.value, row.reference, row.stand, row.source])).toEqual([
      ['Einwohner', '9.000', '30.000', 'Stand 31.12.2021', 'Synthetische Testdaten'],
      ['Hilfefälle je 1.000 Einwohner', expect.stringMatching(/^\d+,\d$|^•$/), expect.stringMatching(/^\d+,\d$/), 'Stand 31.12.2021', 'Synthetische Testdaten'],
    ]);
  });

  it('shows a withheld figure as „•“ and nothing of it: no value on the spine, no trend point', () => {
    const choice: ReportChoice = { kennzahlen: ['massnahmen', 'faelle', 'faelle-je-1000', 'hilfen-je-1000-kinder', 'hilfen-ambulant'], gebiete: null, stichtag: null };
    const source = input(choice);
    const report = buildReport(source);
    let withheld = 0;
    for (const section of report.sections) {
      for (const row of section.figures) {
        const date = source.dataset.dates(row.id).at(-1)!;
        const internal = source.dataset.value(row.id, section.key, date, 'intern');
        if (!internal.geheim) continue;
        withheld++;
        expect(row.value, `${section.key} ${row.id}`).toBe('•');
        expect(row.withheld).toBe(true);
        expect(row.spine?.value ?? null).toBeNull();
      }
      if (section.figures.some((row) => row.withheld)) expect(section.notes.some((note) => note.startsWith('„•“: '))).toBe(true);
    }
    // The Testkreis has small counts (Pühberg's 2 Maßnahmen, Nordtal's Fälle) and what would give them away.
    expect(withheld).toBeGreaterThanOrEqual(2);
  });

  it('marks areas below the validity threshold with the note and shows their Sozialregion beside a rate', () => {
    const report = buildReport(input({ ...STANDARD_CHOICE, kennzahlen: ['anteil-kinder'] }));
    const nordtal = report.sections.find((section) => section.key === 'sozialraum:nordtal')!;
    const oelsen = report.sections.find((section) => section.key === 'sozialraum:oelsen')!;
    expect(nordtal.notes[0]).toMatch(/^Unter 10\.000 Einwohnern: Gebiete unter 10\.000 Einwohnern/);
    expect(nordtal.figures[0]).toMatchObject({ uncertain: true, regionValue: expect.stringMatching(/^Testregion West: /) });
    expect(oelsen.notes.some((note) => note.startsWith('Unter 10.000'))).toBe(false);
    expect(oelsen.figures[0]).toMatchObject({ uncertain: false, regionValue: null });
  });

  it('counts the facilities of its Sozialräume by category and status; the map leaves out closed ones', () => {
    const report = buildReport(input());
    const nordtal = report.sections.find((section) => section.key === 'sozialraum:nordtal')!;
    expect(nordtal.categories.map(({ category, inOperation, planned, closed }) => ({ category, inOperation, planned, closed }))).toEqual([
      { category: 'familienzentrum', inOperation: 1, planned: 0, closed: 0 },
      { category: 'kita', inOperation: 0, planned: 1, closed: 1 },
    ]);
    expect(nordtal.facilities.map((facility) => facility.hollow)).toEqual([false, true]);
    expect(nordtal.facilityStand).toMatch(/geprüft/);
    const east = report.sections.find((section) => section.key === 'sozialregion:region-ost')!;
    expect(east.focus).toEqual(['oelsen', 'puehberg']);
    expect(east.categories.map((row) => row.category)).toEqual(['kita']);
  });

  it('adds the coverage per category from the Versorgung analysis, for categories reaching the area', () => {
    const source = input();
    const facilities = FACILITIES.map((facility, index) => ({ ...facility, lage: [...facility.lage], status: facility.status as FacilityStatus, id: `f${index}`, geloescht: false }));
    const coverage = reportCoverage(source.territory, populationSurface(source.territory, null, null), facilities, categoryCatalog([]));
    expect(Object.keys(coverage.byCategory).sort()).toEqual(['familienzentrum', 'kita']);
    const report = buildReport({ ...source, coverage });
    const nordtal = report.sections.find((section) => section.key === 'sozialraum:nordtal')!;
    const family = nordtal.categories.find((row) => row.category === 'familienzentrum')!;
    expect(family.covered).toBe(coverage.byCategory.familienzentrum!.shares['sozialraum:nordtal']);
    expect(family.covered).toMatch(/^ca\. \d+ %$/);
    expect(nordtal.notes.some((note) => note.startsWith('Versorgt: ') && note.includes('Familienzentrum 5 km Luftlinie'))).toBe(true);
    const overview = report.sections[0]!;
    expect(overview.categories.find((row) => row.category === 'kita')!.covered).toBe(coverage.byCategory.kita!.shares['planungsraum:planungsraum']);
  });

  it('draws the trend of the first chosen Kennzahl with three dates as an index against the planning area', () => {
    const report = buildReport(input());
    const nordtal = report.sections.find((section) => section.key === 'sozialraum:nordtal')!;
    expect(nordtal.trend).toMatchObject({ kennzahl: 'einwohner', firstLabel: 'Stand 31.12.2019', lastLabel: 'Stand 31.12.2021', firstValue: '9.300', lastValue: '9.000' });
    expect(nordtal.trend!.points.map((point) => point.date)).toEqual(['2019-12-31', '2020-12-31', '2021-12-31']);
    expect(nordtal.trend!.points[0]).toMatchObject({ area: 100, reference: 100 });
    expect(nordtal.trend!.points[2]!.area).toBeCloseTo((9000 / 9300) * 100, 6);
    // Two dates only: no trend.
    expect(buildReport(input(STANDARD_CHOICE, testkreisValues())).sections[2]!.trend).toBeNull();
  });

  it('takes each Kennzahl at its newest date on or before the reference date', () => {
    const report = buildReport(input({ ...STANDARD_CHOICE, kennzahlen: ['einwohner'], stichtag: '2020' }));
    expect(report.sections[2]!.figures[0]).toMatchObject({ value: '9.150', stand: 'Stand 31.12.2020' });
    expect(report.stichtag).toBe('Stichtag 2020 (je Kennzahl der letzte Stand bis dahin)');
    // Only two dates up to 2020: too few for a trend.
    expect(report.sections[2]!.trend).toBeNull();
  });

  it('lists sources: the Kennzahlen tables, the boundaries, the population and the facilities', () => {
    const report = buildReport(input());
    expect(report.sources[0]).toBe('Synthetische Testdaten – synthetisch (keine (synthetisch)), Stand der Veröffentlichung 01.01.2022');
    expect(report.sources.some((line) => line.startsWith('Gemeindegrenzen'))).toBe(true);
    expect(report.sources.some((line) => line.startsWith('Einrichtungen: Ressourcenkarte'))).toBe(true);
    for (const section of report.sections) expect(section.sources.at(-1)).toMatch(/^Einrichtungen: /);
  });

  it('continues a long table on further pages', () => {
    expect([1, 16, 17, 60, 61].map(sectionPages)).toEqual([1, 1, 2, 2, 3]);
  });
});
