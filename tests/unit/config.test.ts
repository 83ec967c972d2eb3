import { describe, expect, it } from 'vitest';
import {
  DistrictConfigError,
  checkAssignment,
  parseDistrictConfig,
  parseGemeindenCsv,
} from '../../src/domain/territory/config';
import type { DistrictConfig, GemeindeRecord } from '../../src/domain/territory/types';
import { deepFreeze, readJsonFixture, readTextFixture } from './support/fixtures';

type Json = Record<string, any>;

/** A modifiable copy of the valid synthetic district definition. */
const validConfig = (): Json => structuredClone(readJsonFixture<Json>('district-valid.json'));

/** The problems parseDistrictConfig reports for a value; fails the test when it does not throw. */
function problemsOf(value: unknown): string[] {
  try {
    parseDistrictConfig(value, 'test.json');
  } catch (error) {
    expect(error).toBeInstanceOf(DistrictConfigError);
    return (error as DistrictConfigError).problems;
  }
  throw new Error('parseDistrictConfig hat die fehlerhafte Definition angenommen');
}

describe('parseDistrictConfig', () => {
  it('accepts the valid synthetic district and returns it unchanged', () => {
    const value = readJsonFixture<Json>('district-valid.json');
    const config = parseDistrictConfig(value);
    // zod hands back a parsed copy; nothing in it may differ from what the planner wrote.
    expect(config).toEqual(value);
    expect(config.sozialraeume.map((unit) => unit.id)).toEqual(['nordtal', 'oelsen', 'puehberg']);
  });

  it('accepts a district without region level when no Sozialraum names a region', () => {
    const value = validConfig();
    value.regionLevel = null;
    value.sozialregionen = [];
    for (const unit of value.sozialraeume) delete unit.sozialregion;
    expect(parseDistrictConfig(value).regionLevel).toBeNull();
  });

  it.each<[string, (config: Json) => void, RegExp]>([
    ['an id with capitals and a space', (c) => (c.id = 'Test Kreis'), /^id „Test Kreis“ darf nur a-z, 0-9 und - enthalten$/],
    ['a missing name', (c) => delete c.name, /^name fehlt oder ist leer$/],
    ['a four-digit kreisAgs', (c) => (c.kreisAgs = '9999'), /kreisAgs „9999“ ist kein fünfstelliger Kreisschlüssel/],
    ['the geographic crs EPSG:4326', (c) => (c.crs = 'EPSG:4326'), /crs „EPSG:4326“ ist kein unterstütztes metrisches Bezugssystem/],
    ['an unknown crs', (c) => (c.crs = 'EPSG:3857'), /crs „EPSG:3857“ ist kein unterstütztes/],
    ['a German date', (c) => (c.zensusStichtag = '15.05.2022'), /zensusStichtag muss ein Datum JJJJ-MM-TT sein/],
    ['a zero threshold', (c) => (c.validityThreshold.einwohner = 0), /validityThreshold\.einwohner muss eine positive Zahl sein/],
    ['a 2016 key of three digits', (c) => (c.boundaries.kreisAgs2016 = ['999']), /boundaries\.kreisAgs2016 muss eine Liste/],
    ['a regionLevel without plural', (c) => (c.regionLevel = { singular: 'Region' }), /regionLevel muss null oder \{singular, plural\} sein/],
    [
      'sozialraeume that is no list',
      (c) => {
        c.sozialraeume = {};
        c.sozialregionen = [];
      },
      /^sozialraeume muss eine Liste sein$/,
    ],
    [
      'a reference to an unknown Sozialregion',
      (c) => (c.sozialraeume[1].sozialregion = 'region-nord'),
      /^sozialraeume\[1\] „Ölsen“: unbekannte sozialregion „region-nord“$/,
    ],
    ['a duplicate id', (c) => (c.sozialraeume[2].id = 'oelsen'), /^id „oelsen“ kommt mehrfach vor$/],
    [
      'a Sozialraum id equal to a Sozialregion id',
      (c) => (c.ausserhalb[0].id = 'region-west'),
      /^id „region-west“ kommt mehrfach vor$/,
    ],
    [
      'an empty gemeinden list',
      (c) => (c.sozialraeume[1].gemeinden = []),
      /sozialraeume\[1\] „Ölsen“: gemeinden muss eine nicht leere Liste achtstelliger Gemeindeschlüssel sein/,
    ],
    [
      'a seven-digit Gemeindeschlüssel',
      (c) => (c.sozialraeume[1].gemeinden = ['9999902']),
      /sozialraeume\[1\] „Ölsen“: gemeinden muss eine nicht leere Liste achtstelliger/,
    ],
    ['a Sozialraum id with an umlaut', (c) => (c.sozialraeume[1].id = 'ölsen'), /sozialraeume\[1\]\.id „ölsen“ darf nur a-z, 0-9 und - enthalten/],
    ['a Sozialraum that is no object', (c) => (c.sozialraeume[2] = 'puehberg'), /^sozialraeume\[2\] ist kein Objekt$/],
    ['no planning area', (c) => delete c.planungsraum, /^planungsraum muss ein Objekt \{umfang, name, genitiv\} sein$/],
    ['a planning area of unknown extent', (c) => (c.planungsraum.umfang = 'sozialregionen'), /^planungsraum\.umfang muss „sozialraeume“ oder „kreis“ sein$/],
    ['a planning area without its genitive', (c) => delete c.planungsraum.genitiv, /^planungsraum\.genitiv fehlt oder ist leer$/],
    [
      'a planning area naming another count of Sozialräume',
      (c) => (c.planungsraum.genitiv = 'der 4 Sozialräume'),
      /^planungsraum\.genitiv „der 4 Sozialräume“ nennt 4 Sozialräume, definiert sind 3$/,
    ],
    [
      'regionLevel null while a Sozialraum names a region',
      (c) => {
        c.regionLevel = null;
        c.sozialregionen = [];
        delete c.sozialraeume[1].sozialregion;
        delete c.sozialraeume[2].sozialregion;
      },
      /^sozialraeume\[0\]: sozialregion ohne regionLevel$/,
    ],
    [
      'a Sozialregion without Sozialraum',
      (c) => c.sozialregionen.push({ id: 'region-leer', name: 'Leere Testregion' }),
      /^Sozialregion „region-leer“ hat keinen Sozialraum$/,
    ],
    ['an outside area without reason', (c) => delete c.ausserhalb[0].grund, /^ausserhalb\[0\]\.grund fehlt oder ist leer$/],
    ['an unincorporated area without 2016 key', (c) => delete c.gemeindefrei[0].ags2016, /^gemeindefrei\[0\]\.ags2016 fehlt$/],
    // Required by the build and the app, unchecked before the schema: the build crashed on a missing stand.
    ['boundaries without stand', (c) => delete c.boundaries.stand, /^boundaries\.stand muss ein Datum JJJJ-MM-TT sein$/],
    ['a German boundary date', (c) => (c.boundaries.stand = '01.01.2016'), /^boundaries\.stand muss ein Datum JJJJ-MM-TT sein$/],
    ['a date that does not exist', (c) => (c.zensusStichtag = '2022-02-30'), /^zensusStichtag muss ein Datum JJJJ-MM-TT sein$/],
    ['a threshold without hinweis', (c) => delete c.validityThreshold.hinweis, /^validityThreshold\.hinweis fehlt oder ist leer$/],
    ['a Sozialraum without art', (c) => delete c.sozialraeume[0].art, /^sozialraeume\[0\] „Nordtal“: art fehlt oder ist leer$/],
    ['an unincorporated area without reason', (c) => (c.gemeindefrei[0].grund = ' '), /^gemeindefrei\[0\]\.grund fehlt oder ist leer$/],
    ['an unincorporated area with a five-digit key', (c) => (c.gemeindefrei[0].ags2016 = '99998'), /^gemeindefrei\[0\]\.ags2016 „99998“ ist kein achtstelliger/],
    ['Gemeindeschlüssel written as numbers', (c) => (c.ausserhalb[0].gemeinden = [99999004]), /^ausserhalb\[0\]\.gemeinden muss eine Liste achtstelliger/],
    ['a misspelt optional list', (c) => (c.ausserhalp = []), /^enthält das unbekannte Feld „ausserhalp“$/],
    ['an unknown field in a Sozialraum', (c) => (c.sozialraeume[1].gemeinde = ['99999002']), /^sozialraeume\[1\] enthält das unbekannte Feld „gemeinde“$/],
    ['a boundary package of no name', (c) => (c.boundaries.package = ''), /^boundaries\.package fehlt oder ist leer$/],
    [
      'an extra category with an unknown symbol shape',
      (c) => (c.kategorien = [{ id: 'hort', label: 'Hort', shape: 'blob', colour: '#123456', reachKm: 2 }]),
      /^kategorien\[0\]\.shape muss einer dieser Werte sein: „circle“, „square“/,
    ],
  ])('rejects %s with a message naming it', (_, breakIt, message) => {
    const value = validConfig();
    breakIt(value);
    const problems = problemsOf(value);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('also reports the region left empty when its only Sozialraum names another one', () => {
    const value = validConfig();
    value.sozialraeume[0].sozialregion = 'region-nord';
    expect(problemsOf(value)).toEqual([
      'sozialraeume[0] „Nordtal“: unbekannte sozialregion „region-nord“',
      'Sozialregion „region-west“ hat keinen Sozialraum',
    ]);
  });

  it('rejects an outside area without a list of Gemeinden', () => {
    const config = validConfig();
    delete config.ausserhalb[0].gemeinden;
    expect(problemsOf(config)).toContainEqual(expect.stringMatching(/^ausserhalb\[0\]\.gemeinden muss eine Liste/));
  });

  it('rejects Sozialregionen when the district has no region level', () => {
    const config = validConfig();
    config.regionLevel = null;
    for (const unit of config.sozialraeume) delete unit.sozialregion;
    expect(problemsOf(config)).toContain('sozialregionen muss leer sein, wenn regionLevel null ist');
  });

  it('reports several problems at once and names the file in the message', () => {
    const value = validConfig();
    value.id = 'Test Kreis';
    value.crs = 'EPSG:4326';
    value.sozialraeume[1].gemeinden = [];
    value.sozialraeume[2].id = 'nordtal';
    let caught: unknown;
    try {
      parseDistrictConfig(value, 'geodata/testkreis/district.json');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DistrictConfigError);
    const error = caught as DistrictConfigError;
    expect(error.name).toBe('DistrictConfigError');
    expect(error.problems).toEqual([
      'id „Test Kreis“ darf nur a-z, 0-9 und - enthalten',
      'crs „EPSG:4326“ ist kein unterstütztes metrisches Bezugssystem',
      'sozialraeume[1] „Ölsen“: gemeinden muss eine nicht leere Liste achtstelliger Gemeindeschlüssel sein',
      'id „nordtal“ kommt mehrfach vor',
    ]);
    expect(error.message).toMatch(/^geodata\/testkreis\/district\.json: id „Test Kreis“.*; crs „EPSG:4326“/);
  });

  it('names every missing field of an empty definition in one run', () => {
    expect(problemsOf({})).toEqual([
      'id fehlt oder ist leer',
      'name fehlt oder ist leer',
      'kreisAgs fehlt oder ist leer',
      'crs fehlt',
      'zensusStichtag muss ein Datum JJJJ-MM-TT sein',
      'validityThreshold muss ein Objekt {einwohner, hinweis} sein',
      'boundaries muss ein Objekt {stand, kreisAgs2016} sein',
      'regionLevel muss null oder {singular, plural} sein',
      'sozialraeume muss eine Liste sein',
      'planungsraum muss ein Objekt {umfang, name, genitiv} sein',
    ]);
  });

  it('reports field problems and rules across fields together', () => {
    const value = validConfig();
    delete value.boundaries.stand;
    value.sozialraeume[2].id = 'oelsen';
    expect(problemsOf(value)).toEqual(['boundaries.stand muss ein Datum JJJJ-MM-TT sein', 'id „oelsen“ kommt mehrfach vor']);
  });

  it('fills in what may be left out: empty lists, no package or layer, no extra categories', () => {
    const value = validConfig();
    value.regionLevel = null;
    for (const key of ['sozialregionen', 'ausserhalb', 'gemeindefrei']) delete value[key];
    for (const unit of value.sozialraeume) delete unit.sozialregion;
    delete value.boundaries.package;
    delete value.boundaries.layer;
    const config = parseDistrictConfig(value);
    expect(config).toMatchObject({ sozialregionen: [], ausserhalb: [], gemeindefrei: [] });
    expect(config.boundaries).toEqual({ stand: '2016-01-01', kreisAgs2016: ['99997', '99998'] });
    expect(config.kategorien).toBeUndefined();
  });

  it('accepts extra categories that pass the category schema', () => {
    const value = validConfig();
    value.kategorien = [{ id: 'hort', label: 'Hort', shape: 'triangle', colour: '#00897b', reachKm: 2 }];
    expect(parseDistrictConfig(value).kategorien).toEqual(value.kategorien);
  });

  it('rejects what is not a JSON object', () => {
    expect(problemsOf([])).toEqual(['ist kein JSON-Objekt']);
    expect(problemsOf(null)).toEqual(['ist kein JSON-Objekt']);
  });

  it('does not mutate its input', () => {
    const value = readJsonFixture<Json>('district-valid.json');
    const before = structuredClone(value);
    parseDistrictConfig(value);
    expect(value).toEqual(before);
  });
});

describe('parseGemeindenCsv', () => {
  const header = 'ags,name,typ,verband,einwohner_zensus2022,ags_vg250_2016';

  it('reads the valid synthetic CSV, splitting merged 2016 keys', () => {
    const gemeinden = parseGemeindenCsv(readTextFixture('gemeinden-valid.csv'));
    expect(gemeinden).toHaveLength(5);
    expect(gemeinden[1]).toEqual({
      ags: '99999002',
      name: 'Testgemeinde B',
      typ: 'Stadt',
      verband: 'Einheitsgemeinde',
      einwohner: 12_000,
      agsVg250_2016: ['99997002', '99997003'],
    });
    expect(gemeinden.reduce((sum, g) => sum + g.einwohner, 0)).toBe(80_372);
  });

  it.each([
    ['a seven-digit AGS', '9999901,Testgemeinde A,Gemeinde,EG,100,99997001', /^Zeile 2: ags „9999901“ ist kein Gemeindeschlüssel$/],
    ['a decimal population', '99999001,Testgemeinde A,Gemeinde,EG,12.5,99997001', /^Zeile 2: einwohner_zensus2022 „12\.5“ ist keine ganze Zahl$/],
    ['a text population', '99999001,Testgemeinde A,Gemeinde,EG,viele,99997001', /^Zeile 2: einwohner_zensus2022 „viele“ ist keine ganze Zahl$/],
    ['a negative population', '99999001,Testgemeinde A,Gemeinde,EG,-3,99997001', /^Zeile 2: einwohner_zensus2022 „-3“ ist keine ganze Zahl$/],
    ['an empty population', '99999001,Testgemeinde A,Gemeinde,EG,,99997001', /^Zeile 2: einwohner_zensus2022 „“ ist keine ganze Zahl$/],
    ['a missing 2016 key', '99999001,Testgemeinde A,Gemeinde,EG,100,', /^Zeile 2: ags_vg250_2016 „“ fehlt oder ist ungültig$/],
    ['a broken second 2016 key', '99999001,Testgemeinde A,Gemeinde,EG,100,99997001;9999', /^Zeile 2: ags_vg250_2016 „99997001;9999“ fehlt oder ist ungültig$/],
  ])('rejects %s naming the line', (_, row, message) => {
    let caught: unknown;
    try {
      parseGemeindenCsv(`${header}\n${row}\n`, 'gemeinden.csv');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DistrictConfigError);
    expect((caught as DistrictConfigError).problems).toHaveLength(1);
    expect((caught as DistrictConfigError).problems[0]).toMatch(message);
  });

  it('names the real line after blank lines and quoted line breaks', () => {
    const text = [header, '', '99999001,"Test-',  'gemeinde A",Gemeinde,EG,100,99997001', 'x,B,Gemeinde,EG,1,99997002'].join('\n');
    expect(() => parseGemeindenCsv(text, 'g.csv')).toThrow('g.csv: Zeile 5: ags „x“ ist kein Gemeindeschlüssel');
  });

  it('reports the problems of all lines together', () => {
    const text = [header, '99999001,A,Gemeinde,EG,100,99997001', 'x,B,Gemeinde,EG,1.5,', '99999003,C,Gemeinde,EG,7,99997003'].join('\n');
    expect(() => parseGemeindenCsv(text, 'tests/gemeinden.csv')).toThrow(
      'tests/gemeinden.csv: Zeile 3: ags „x“ ist kein Gemeindeschlüssel; Zeile 3: einwohner_zensus2022 „1.5“ ist keine ganze Zahl; Zeile 3: ags_vg250_2016 „“ fehlt oder ist ungültig',
    );
  });
});

describe('checkAssignment', () => {
  const fixtures = () => ({
    config: parseDistrictConfig(validConfig()) as DistrictConfig,
    gemeinden: parseGemeindenCsv(readTextFixture('gemeinden-valid.csv')) as GemeindeRecord[],
  });

  it('finds nothing wrong with the valid synthetic district', () => {
    const { config, gemeinden } = fixtures();
    expect(checkAssignment(config, gemeinden)).toEqual([]);
  });

  it('reports a Gemeinde in two Sozialräume', () => {
    const { config, gemeinden } = fixtures();
    config.sozialraeume[2]!.gemeinden.push('99999002');
    expect(checkAssignment(config, gemeinden)).toEqual([
      { ags: '99999002', message: '99999002 ist mehrfach zugeordnet: Sozialraum „Ölsen“, Sozialraum „Pühberg“' },
    ]);
  });

  it('reports a Gemeinde both in a Sozialraum and outside', () => {
    const { config, gemeinden } = fixtures();
    config.ausserhalb[0]!.gemeinden.push('99999001');
    expect(checkAssignment(config, gemeinden)).toEqual([
      { ags: '99999001', message: '99999001 ist mehrfach zugeordnet: Sozialraum „Nordtal“, außerhalb „Teststadt D“' },
    ]);
  });

  it('reports a Gemeinde in no Sozialraum', () => {
    const { config, gemeinden } = fixtures();
    config.sozialraeume[0]!.gemeinden = ['99999001'];
    expect(checkAssignment(config, gemeinden)).toEqual([
      {
        ags: '99999003',
        message: '99999003 Testgemeinde C ist weder einem Sozialraum zugeordnet noch als außerhalb markiert',
      },
    ]);
  });

  it('reports an AGS that is not in gemeinden.csv', () => {
    const { config, gemeinden } = fixtures();
    config.sozialraeume[2]!.gemeinden.push('99999099');
    expect(checkAssignment(config, gemeinden)).toEqual([
      { ags: '99999099', message: '99999099 (Sozialraum „Pühberg“) steht nicht in gemeinden.csv' },
    ]);
  });

  it('reports a Gemeinde of another Kreis', () => {
    const { config, gemeinden } = fixtures();
    gemeinden.push({ ags: '99988001', name: 'Fremdgemeinde', typ: 'Gemeinde', verband: '', einwohner: 1, agsVg250_2016: ['99988001'] });
    config.sozialraeume[2]!.gemeinden.push('99988001');
    expect(checkAssignment(config, gemeinden)).toEqual([
      { ags: '99988001', message: '99988001 Fremdgemeinde liegt nicht im Kreis 99999' },
    ]);
  });

  it('reports every issue in one list', () => {
    const { config, gemeinden } = fixtures();
    config.sozialraeume[0]!.gemeinden = ['99999001', '99999002', '99999077'];
    const issues = checkAssignment(config, gemeinden);
    expect(issues.map((issue) => issue.ags).sort()).toEqual(['99999002', '99999003', '99999077']);
  });

  it('does not mutate its input', () => {
    const { config, gemeinden } = fixtures();
    deepFreeze(config);
    deepFreeze(gemeinden);
    const before = structuredClone({ config, gemeinden });
    checkAssignment(config, gemeinden);
    expect({ config, gemeinden }).toEqual(before);
  });
});
