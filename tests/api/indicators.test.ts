// The Kennzahlen API on the real app: the shipped catalogue and values seeded from geodata/,
// values at a level and profiles from the one aggregation, small numbers absent from every
// protected response, the internal view for Planung and Admin only, history and restore of
// values, and the import of a GENESIS export (check without writing, commit all or nothing).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeText } from '../../src/domain/import/decode';
import { loadDistricts } from '../../src/server/districts';
import { seedIndicators } from '../../src/server/indicators';
import { fixturePath } from '../unit/support/fixtures';
import { Client, POINTS, ROOT, addUser, facilityAt, startTestApi, type TestApi } from './support/testServer';

const territory = loadDistricts(ROOT).get('goettingen')!.territory;
const GENESIS = decodeText(readFileSync(fixturePath('indicators/genesis-13211-01-03-5-arbeitslose-2015.csv'))).text;
const BASE = '/api/districts/goettingen';

let api: TestApi;
let anonym: Client;
let koordination: Client;
let planung: Client;
let admin: Client;

beforeAll(async () => {
  api = await startTestApi();
  expect(await seedIndicators(api.db, loadDistricts(ROOT), ROOT)).toBeGreaterThan(2000);
  await addUser(api, 'koord@test.invalid', 'koordination', [{ district: 'goettingen', gebiet: 'sozialraum:adelebsen' }]);
  await addUser(api, 'planung@test.invalid', 'planung');
  await addUser(api, 'admin@test.invalid', 'admin');
  anonym = new Client(api);
  koordination = new Client(api);
  planung = new Client(api);
  admin = new Client(api);
  await koordination.login('koord@test.invalid');
  await planung.login('planung@test.invalid');
  await admin.login('admin@test.invalid');
}, 120_000);

afterAll(async () => api?.close());

describe('the shipped Kennzahlen', () => {
  it('are seeded once: a second start writes nothing', async () => {
    expect(await seedIndicators(api.db, loadDistricts(ROOT), ROOT)).toBe(0);
  });

  it('list the catalogue with dates, sources and how old the newest figure is', async () => {
    const { status, body } = await anonym.request('GET', `${BASE}/indicators`);
    expect(status).toBe(200);
    const population = body.kennzahlen.find((entry: { id: string }) => entry.id === 'bevoelkerung');
    expect(population.stichtage).toEqual([2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015].map((year) => `${year}-12-31`).concat('2022-05-15'));
    expect(population).toMatchObject({ herkunft: 'geodata', ebene: 'gemeinde', stand: 'Stand 15.05.2022', geheimhaltung: 'ohne Geheimhaltung veröffentlicht' });
    expect(population.brueche[0].ab).toBe('2011-12-31');
    const unemployment = body.kennzahlen.find((entry: { id: string }) => entry.id === 'arbeitslose-je-1000');
    expect(unemployment).toMatchObject({ art: 'quote', stand: 'Jahresdurchschnitt 2016', stichtage: ['2016-12-31'] });
    expect(unemployment.quelle.tabelle).toMatch(/^13211-01-03-5 /);
    expect(body.gueltigkeit.einwohner).toBe(10000);
  });

  it('aggregate up the tree: a Sozialraum is the sum of its Gemeinden, a share is recomputed from the sums', async () => {
    const gemeinden = (await anonym.request('GET', `${BASE}/indicators/bevoelkerung/values?ebene=gemeinde&stichtag=2015-12-31`)).body.werte;
    const sozialraeume = (await anonym.request('GET', `${BASE}/indicators/bevoelkerung/values?ebene=sozialraum&stichtag=2015`)).body;
    expect(sozialraeume).toMatchObject({ stichtag: '2015-12-31', stand: 'Stand 31.12.2015', ansicht: 'geschuetzt', hinweisIntern: null });
    for (const feature of territory.sozialraeume.features) {
      const members = territory.gemeinden.features.filter((gemeinde) => gemeinde.properties.sozialraumId === feature.properties.id).map((gemeinde) => gemeinde.properties.ags);
      const sum = gemeinden.filter((entry: { id: string }) => members.includes(entry.id)).reduce((total: number, entry: { wert: { wert: number } }) => total + entry.wert.wert, 0);
      expect(sozialraeume.werte.find((entry: { id: string }) => entry.id === feature.properties.id).wert.wert, feature.properties.id).toBe(sum);
    }
    const share = (await anonym.request('GET', `${BASE}/indicators/anteil-unter-3/values?ebene=sozialregion`)).body;
    for (const entry of share.werte) expect(entry.wert.wert).toBeCloseTo((entry.wert.zaehler / entry.wert.nenner) * 100, 10);
    expect(share.kreis.wert.text).toMatch(/^\d+,\d %$/);
  });

  it('give the profile of Adelebsen: every Kennzahl with district values, validity note, source and date', async () => {
    const { status, body } = await anonym.request('GET', `${BASE}/areas/sozialraum:adelebsen/profile`);
    expect(status).toBe(200);
    expect(body.gebiet).toMatchObject({ schluessel: 'sozialraum:adelebsen', name: 'Adelebsen' });
    const byId = new Map(body.kennzahlen.map((entry: { id: string }) => [entry.id, entry]));
    const migration = byId.get('wanderungssaldo-je-1000') as Record<string, any>;
    expect(migration).toMatchObject({ stichtag: '2015-12-31', stand: 'Jahressumme 2015' });
    expect(migration.gueltigkeitsHinweis).toMatch(/^Gebiete unter 10\.000 Einwohnern/);
    expect(migration.sozialregion.wert.status).toBe('wert');
    expect(migration.planungsraum.status).toBe('wert');
    expect((byId.get('bevoelkerung') as Record<string, any>).gueltigkeitsHinweis).toBeNull();
    expect((byId.get('bevoelkerung') as Record<string, any>).quelle.tabelle).toMatch(/Zensus 2022/);
    const older = await anonym.request('GET', `${BASE}/areas/adelebsen/profile?stichtag=2012`);
    expect((older.body.kennzahlen.find((entry: { id: string }) => entry.id === 'bevoelkerung')).stand).toBe('Stand 31.12.2012');
    expect((await anonym.request('GET', `${BASE}/areas/atlantis/profile`)).status).toBe(404);
  });

  it('carry a spine chart and the trend per Kennzahl in the profile', async () => {
    const { body } = await anonym.request('GET', `${BASE}/areas/sozialraum:adelebsen/profile?stichtag=2015`);
    const population = body.kennzahlen.find((entry: { id: string }) => entry.id === 'bevoelkerung');
    expect(population.spine).toMatchObject({ vergleich: { ebene: 'sozialraum', anzahl: 18 }, gebiet: population.wert.wert, planungsraum: population.planungsraum.wert });
    expect(population.spine.regel).toMatch(/mittleren Hälfte/);
    expect(population.verlauf.punkte.map((point: { stichtag: string }) => point.stichtag).slice(0, 8)).toEqual([2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015].map((year) => `${year}-12-31`));
    expect(population.verlauf.brueche[0].ab).toBe('2011-12-31');
  });

  it('find the Sozialräume most similar to Adelebsen on the chosen Kennzahlen', async () => {
    const { status, body } = await anonym.request('GET', `${BASE}/areas/adelebsen/similar?kennzahlen=anteil-unter-18,anteil-65-und-mehr,wanderungssaldo-je-1000`);
    expect(status).toBe(200);
    expect(body.nachbarn).toHaveLength(3);
    expect(body.nachbarn[0].distanz).toBeLessThanOrEqual(body.nachbarn[1].distanz);
    expect(body.kennzahlen).toHaveLength(3);
    expect((await anonym.request('GET', `${BASE}/areas/adelebsen/similar`)).status).toBe(400);
    expect((await anonym.request('GET', `${BASE}/areas/atlantis/similar?kennzahlen=bevoelkerung`)).status).toBe(404);
  });
});

describe('the facilities of an area on its profile', () => {
  it('count by category and say how many of its residents are within reach, as the report does', async () => {
    const empty = await anonym.request('GET', `${BASE}/areas/sozialraum:adelebsen/facilities`);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ gebiet: { name: 'Adelebsen' }, kategorien: [], hinweis: null, stand: 'keine Einrichtungen erfasst' });
    for (const status of ['in Betrieb', 'geplant']) {
      expect((await planung.request('POST', `${BASE}/facilities`, facilityAt(POINTS.adelebsen, { name: `Synthetische Kita ${status}`, status }))).status).toBe(201);
    }
    const { status, body } = await anonym.request('GET', `${BASE}/areas/sozialraum:adelebsen/facilities`);
    expect(status).toBe(200);
    const kita = body.kategorien.find((row: { id: string }) => row.id === 'kita');
    expect(kita).toMatchObject({ name: expect.any(String), inBetrieb: 1, geplant: 1, geschlossen: 0 });
    // Residents from the Zensus 2011 distribution: approximate, whole per cent.
    expect(kita.versorgt).toMatch(/^ca\. [1-9]\d* %$/);
    expect(kita.reichweite).toMatch(/km/);
    expect(body.hinweis).toMatch(/^Versorgt: Anteil der Einwohner/);
    expect(body.stand).toMatch(/von 2 geprüft/);
    // Up the tree: the region and the planning area hold the same two Kitas.
    const region = `sozialregion:${territory.sozialraeume.features.find((feature) => feature.properties.id === 'adelebsen')!.properties.sozialregionId}`;
    for (const key of [region, 'planungsraum:planungsraum']) {
      const above = (await anonym.request('GET', `${BASE}/areas/${key}/facilities`)).body;
      expect(above.kategorien.find((row: { id: string }) => row.id === 'kita')).toMatchObject({ inBetrieb: 1, geplant: 1 });
    }
  });

  it('exist per Sozialraum, Sozialregion and planning area only, with a German 404 otherwise', async () => {
    const kreis = await anonym.request('GET', `${BASE}/areas/kreis:03159/facilities`);
    expect(kreis.status).toBe(404);
    expect(kreis.body.error).toMatch(/je Sozialraum, Sozialregion und Planungsraum/);
    expect((await anonym.request('GET', `${BASE}/areas/atlantis/facilities`)).body.error).toMatch(/Das Gebiet „atlantis“ gibt es im Landkreis Göttingen nicht/);
  });
});

describe('Potsdam-Mittelmark', () => {
  it('has its shipped Kennzahlen and profiles too', async () => {
    const sozialraum = loadDistricts(ROOT).get('potsdam-mittelmark')!.territory.sozialraeume.features[0]!.properties;
    const { status, body } = await anonym.request('GET', `/api/districts/potsdam-mittelmark/areas/sozialraum:${sozialraum.id}/profile?stichtag=2015`);
    expect(status).toBe(200);
    const population = body.kennzahlen.find((entry: { id: string }) => entry.id === 'bevoelkerung');
    expect(population).toMatchObject({ stichtag: '2015-12-31', wert: { status: 'wert' } });
    expect(population.kreis.wert).toBeGreaterThan(200000);
  });
});

describe('small numbers', () => {
  // A planner's count per Gemeinde: one Gemeinde 2, the others distinctive six-digit figures, so
  // a withheld figure anywhere in a response body would show.
  const gemeinden = territory.gemeinden.features.map((feature) => feature.properties);
  const small = gemeinden.find((gemeinde) => gemeinden.filter((other) => other.sozialraumId !== null && other.sozialraumId === gemeinde.sozialraumId).length >= 2)!;
  const figureOf = (index: number) => (gemeinden[index]!.ags === small.ags ? 2 : 777001 + index * 7);
  let withheld: { key: string; wert: number }[];

  beforeAll(async () => {
    const definition = {
      id: 'testfaelle',
      name: 'Testfälle',
      definition: 'Synthetische Fälle je Gemeinde für den Test.',
      einheit: 'Fälle',
      thema: 'Test',
      art: 'anzahl',
      ebene: 'gemeinde',
      polaritaet: 'niedriger-besser',
      quelle: { tabelle: 'Testtabelle', herausgeber: 'Testamt', lizenz: 'keine', namensnennung: 'Testamt' },
    };
    expect((await planung.request('POST', `${BASE}/indicators`, { kennzahl: definition })).status).toBe(201);
    const csv = ['AGS;Jahr;Testfälle', ...gemeinden.map((gemeinde, index) => `${gemeinde.ags};2021;${figureOf(index)}`)].join('\r\n');
    const imported = await planung.request('POST', `${BASE}/indicators/import`, { text: csv, dateiname: 'testfaelle.csv' });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const internal = await planung.request('GET', `${BASE}/indicators/testfaelle/values?ebene=gemeinde&ansicht=intern`);
    withheld = internal.body.werte.filter((entry: { wert: { geheim: boolean } }) => entry.wert.geheim).map((entry: { schluessel: string; wert: { wert: number } }) => ({ key: entry.schluessel, wert: entry.wert.wert }));
  });

  it('withhold the 2 and a second Gemeinde of its Sozialraum', () => {
    expect(withheld.map((entry) => entry.wert)).toContain(2);
    expect(withheld.length).toBeGreaterThanOrEqual(2);
  });

  it('never reach an anonymous viewer: no level, no profile carries a withheld figure', async () => {
    const bodies: string[] = [];
    for (const level of ['gemeinde', 'sozialraum', 'sozialregion', 'planungsraum', 'kreis']) {
      const response = await anonym.request('GET', `${BASE}/indicators/testfaelle/values?ebene=${level}`);
      expect(response.status).toBe(200);
      bodies.push(response.text);
      for (const entry of [...response.body.werte, response.body.planungsraum, response.body.kreis]) {
        if (entry.wert.status !== 'geheim') continue;
        expect(entry.wert).toMatchObject({ wert: null, zaehler: null, nenner: null, grund: null, text: '•' });
      }
    }
    for (const key of [`gemeinde:${small.ags}`, `sozialraum:${small.sozialraumId}`, 'kreis:03159']) bodies.push((await anonym.request('GET', `${BASE}/areas/${key}/profile`)).text);
    for (const key of [`gemeinde:${gemeinden.find((gemeinde) => gemeinde.ags !== small.ags)!.ags}`, `sozialraum:${small.sozialraumId}`]) {
      const similar = await anonym.request('GET', `${BASE}/areas/${key}/similar?kennzahlen=testfaelle&anzahl=20`);
      expect(similar.status).toBe(200);
      bodies.push(similar.text);
    }
    const smallEntry = JSON.parse(bodies[0]!).werte.find((entry: { id: string }) => entry.id === small.ags);
    expect(smallEntry.wert.status).toBe('geheim');
    for (const { wert } of withheld.filter((entry) => entry.wert !== 2)) {
      for (const text of bodies) expect(text).not.toContain(String(wert));
    }
  });

  it('are shown to Planung and Admin on request, marked as internal; never to others', async () => {
    const internal = await admin.request('GET', `${BASE}/indicators/testfaelle/values?ebene=gemeinde&ansicht=intern`);
    expect(internal.body).toMatchObject({ ansicht: 'intern', hinweisIntern: expect.stringMatching(/^Interne Ansicht/) });
    expect(internal.body.werte.find((entry: { id: string }) => entry.id === small.ags).wert).toMatchObject({ wert: 2, geheim: true, grund: 'primaer', text: '2 (geschützt)' });
    expect((await anonym.request('GET', `${BASE}/indicators/testfaelle/values?ansicht=intern`)).status).toBe(401);
    expect((await koordination.request('GET', `${BASE}/indicators/testfaelle/values?ansicht=intern`)).status).toBe(403);
    expect((await koordination.request('GET', `${BASE}/areas/adelebsen/profile?ansicht=intern`)).status).toBe(403);
    expect((await koordination.request('GET', `${BASE}/indicators/testfaelle/stored`)).status).toBe(403);
  });
});

describe('importing a GENESIS export', () => {
  it('checks without writing, then writes all values with the table as their source', async () => {
    const before = (await planung.request('GET', `${BASE}/indicators/arbeitslose/stored`)).body.werte.length;
    const check = await planung.request('POST', `${BASE}/indicators/import/check`, { text: GENESIS, dateiname: 'genesis.csv' });
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ format: 'genesis', tabelle: '13211-01-03-5', fehler: 0 });
    expect((await planung.request('GET', `${BASE}/indicators/arbeitslose/stored`)).body.werte.length).toBe(before);
    const commit = await planung.request('POST', `${BASE}/indicators/import`, { text: GENESIS, dateiname: 'genesis.csv' });
    expect(commit.status, JSON.stringify(commit.body)).toBe(201);
    expect(commit.body).toMatchObject({ neu: check.body.werte.length, geaendert: 0 });
    const values = await anonym.request('GET', `${BASE}/indicators/arbeitslose/values?ebene=gemeinde&stichtag=2015`);
    expect(values.body.werte.find((entry: { id: string }) => entry.id === '03159036').wert.wert).toBe(75); // Walkenried + Wieda + Zorge
    expect(values.body.quelle).toMatchObject({ tabelle: expect.stringMatching(/^13211-01-03-5 /), stand: '2017-10-10' });
    // Landolfshausen (03152013 → 03159021) is not in the file: no value, and so none for its Sozialraum either.
    expect(values.body.werte.find((entry: { id: string }) => entry.id === '03159021').wert.status).toBe('fehlt');
  });

  it('takes files larger than a facility form: a century of yearly values is checked', async () => {
    const rows = territory.gemeinden.features.flatMap((feature) => Array.from({ length: 100 }, (_, index) => `${feature.properties.ags};${1950 + index};testfaelle;${index}`));
    const text = ['AGS;Jahr;Kennzahl;Wert', ...rows].join('\r\n');
    expect(text.length).toBeGreaterThan(100_000);
    const check = await planung.request('POST', `${BASE}/indicators/import/check`, { text, dateiname: 'jahrhundert.csv' });
    expect(check.status, JSON.stringify(check.body).slice(0, 300)).toBe(200);
    expect(check.body).toMatchObject({ fehler: 0 });
    expect(check.body.werte).toHaveLength(rows.length);
  });

  it('writes nothing when one row is wrong, and says which', async () => {
    const before = (await planung.request('GET', `${BASE}/indicators/arbeitslose/stored`)).body.werte.length;
    const text = 'AGS;Jahr;Arbeitslose\r\n03159001;2018;100\r\n03159002;2018;-5\r\n';
    const refused = await planung.request('POST', `${BASE}/indicators/import`, { text, dateiname: 'fehler.csv' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe('1 Fehler in „fehler.csv“; nichts wurde importiert.');
    expect(refused.body.details.report.zeilen[1].fehler).toEqual(['Negative Anzahl -5: „Arbeitslose“ kann nicht negativ sein']);
    expect((await planung.request('GET', `${BASE}/indicators/arbeitslose/stored`)).body.werte.length).toBe(before);
  });
});

describe('a stored value', () => {
  it('is changed as a new version, with who and when, and restored from its history', async () => {
    const [adelebsen] = (await planung.request('GET', `${BASE}/indicators/arbeitslose/stored?stichtag=2016-12-31`)).body.werte.filter((value: { gebiet: string }) => value.gebiet === '03159001');
    const original = adelebsen.wert;
    const stale = await planung.request('PUT', `${BASE}/indicators/arbeitslose/stored`, { gebiet: '03159001', stichtag: '2016-12-31', wert: 1 });
    expect(stale.status).toBe(409);
    const changed = await planung.request('PUT', `${BASE}/indicators/arbeitslose/stored`, { gebiet: '03159001', stichtag: '2016-12-31', wert: original + 10, baseVersion: adelebsen.version });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ version: 2, wert: original + 10, geaendertVon: 'planung' });
    const deleted = await admin.request('DELETE', `/api/indicator-values/${adelebsen.id}`, { baseVersion: 2 });
    expect(deleted.body).toMatchObject({ version: 3, geloescht: true });
    const after = await anonym.request('GET', `${BASE}/indicators/arbeitslose/values?ebene=sozialraum`);
    expect(after.body.werte.find((entry: { id: string }) => entry.id === 'adelebsen').wert).toMatchObject({ status: 'unvollstaendig', fehlend: ['gemeinde:03159001'] });
    const reverted = await admin.request('POST', `/api/indicator-values/${adelebsen.id}/revert`, { baseVersion: 3, toVersion: 1 });
    expect(reverted.body).toMatchObject({ version: 4, wert: original, geloescht: false });
    const history = await planung.request('GET', `/api/indicator-values/${adelebsen.id}/history`);
    expect(history.body.versions.map((version: { action: string }) => version.action)).toEqual(['zurueckgesetzt', 'geloescht', 'geaendert', 'importiert']);
    expect(history.body.versions[2]).toMatchObject({ von: 'planung', vorher: { wert: original }, nachher: { wert: original + 10 } });
  });

  it('is refused for a Gemeinde outside the Kreis, at the wrong level, and for a computed Kennzahl', async () => {
    expect((await planung.request('PUT', `${BASE}/indicators/arbeitslose/stored`, { gebiet: '03254001', stichtag: '2016-12-31', wert: 1 })).status).toBe(400);
    expect((await planung.request('PUT', `${BASE}/indicators/arbeitslose/stored`, { gebiet: 'adelebsen', stichtag: '2016-12-31', wert: 1 })).body.code).toBe('wrong_level');
    expect((await planung.request('PUT', `${BASE}/indicators/arbeitslose-je-1000/stored`, { gebiet: '03159001', stichtag: '2016-12-31', wert: 1 })).body.code).toBe('computed_indicator');
  });
});

describe('Kennzahlen of the district’s own', () => {
  it('cannot replace a shipped one; are changed, deleted and restored with versions', async () => {
    const catalogue = (await planung.request('GET', `${BASE}/indicators`)).body;
    const population = catalogue.kennzahlen.find((entry: { id: string }) => entry.id === 'bevoelkerung');
    const shipped = await planung.request('PATCH', `${BASE}/indicators/bevoelkerung`, { baseVersion: 1, kennzahl: { ...population.kennzahl, name: 'Anders' } });
    expect(shipped.status).toBe(403);
    expect(shipped.body.error).toMatch(/geodata\/goettingen\/kennzahlen\.json/);
    const own = catalogue.kennzahlen.find((entry: { id: string }) => entry.id === 'testfaelle');
    expect(own.herkunft).toBe('eigene');
    const geodata = await planung.request('DELETE', `${BASE}/indicators/bevoelkerung`, { baseVersion: 1 });
    expect(geodata.status).toBe(403);
    const renamed = await planung.request('PATCH', `${BASE}/indicators/testfaelle`, { baseVersion: own.version, kennzahl: { ...own.kennzahl, name: 'Testfälle (neu)' } });
    expect(renamed.body.version).toBe(own.version + 1);
    const deleted = await admin.request('DELETE', `${BASE}/indicators/testfaelle`, { baseVersion: own.version + 1 });
    expect(deleted.status).toBe(200);
    expect((await anonym.request('GET', `${BASE}/indicators/testfaelle/values`)).status).toBe(404);
    expect((await admin.request('POST', `${BASE}/indicators/testfaelle/restore`, { baseVersion: own.version + 2 })).status).toBe(200);
    const reverted = await planung.request('POST', `${BASE}/indicators/testfaelle/revert`, { baseVersion: own.version + 3, toVersion: own.version });
    expect(reverted.body).toMatchObject({ version: own.version + 4, kennzahl: { name: 'Testfälle' } });
    const history = await anonym.request('GET', `${BASE}/indicators/testfaelle/history`);
    expect(history.body.versions.map((version: { action: string }) => version.action)).toEqual(['zurueckgesetzt', 'wiederhergestellt', 'geloescht', 'geaendert', 'angelegt']);
  });

  it('are checked against the catalogue: components must exist and be counts', async () => {
    const rate = {
      id: 'falsche-quote',
      name: 'Falsche Quote',
      definition: 'Zähler gibt es nicht.',
      einheit: 'je 1.000',
      thema: 'Test',
      art: 'quote',
      zaehler: ['gibt-es-nicht'],
      nenner: ['anteil-unter-3'],
      faktor: 1000,
      polaritaet: 'neutral',
      quelle: { tabelle: 'Test', herausgeber: 'Test', lizenz: 'keine', namensnennung: 'Test' },
    };
    const refused = await planung.request('POST', `${BASE}/indicators`, { kennzahl: rate });
    expect(refused.status).toBe(400);
    expect(refused.body.details.problems).toEqual([
      'kennzahl[0] „falsche-quote“: zaehler nennt die unbekannte Kennzahl „gibt-es-nicht“',
      'kennzahl[0] „falsche-quote“: nenner „anteil-unter-3“ ist keine Anzahl',
    ]);
  });
});

describe('hostile input', () => {
  it('is refused with a German message, never stored: control characters, dates outside the calendar', async () => {
    const withNul = { id: 'mit-nul', name: 'Fälle\u0000', definition: 'Test.', einheit: 'Fälle', thema: 'Test', art: 'anzahl', ebene: 'gemeinde', polaritaet: 'neutral', quelle: { tabelle: 'T', herausgeber: 'T', lizenz: 'keine', namensnennung: 'T' } };
    const refused = await planung.request('POST', `${BASE}/indicators`, { kennzahl: withNul });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toContain('Steuerzeichen');
    expect((await planung.request('GET', `${BASE}/indicators/arbeitslose/stored?stichtag=2021-02-30`)).status).toBe(400);
    expect((await planung.request('PUT', `${BASE}/indicators/arbeitslose/stored`, { gebiet: '03159001', stichtag: '2021-02-30', wert: 1 })).status).toBe(400);
  });

  it('keeps control characters of a GENESIS header out of the stored source', async () => {
    const text = GENESIS.replace('2015;', '2014;').replaceAll('\r\n2015;', '\r\n2014;').replace('Arbeitslose nach', 'Arbeitslose\u0000 nach');
    const imported = await planung.request('POST', `${BASE}/indicators/import`, { text, dateiname: 'mit-nul.csv' });
    expect(imported.status, JSON.stringify(imported.body).slice(0, 300)).toBe(201);
    const values = await anonym.request('GET', `${BASE}/indicators/arbeitslose/values?ebene=kreis&stichtag=2014`);
    expect(values.body.quelle.tabelle).toBe('13211-01-03-5 Arbeitslose nach ausgewählten Personengruppen - Jahresdurchschnitt -');
  });
});

describe('who may change Kennzahlen: Planung and Admin', () => {
  const clients = () => ({ anonym, koordination, planung, admin });
  const expected = { anonym: 401, koordination: 403 };
  let counter = 0;
  const cases: { name: string; ok: number; run(client: Client): Promise<{ status: number }> }[] = [
    {
      name: 'add a Kennzahl',
      ok: 201,
      run: (client) =>
        client.request('POST', `${BASE}/indicators`, {
          kennzahl: { id: `eigene-${counter++}`, name: 'Eigene', definition: 'Test.', einheit: 'Fälle', thema: 'Test', art: 'anzahl', ebene: 'sozialraum', polaritaet: 'neutral', quelle: { tabelle: 'T', herausgeber: 'T', lizenz: 'keine', namensnennung: 'T' } },
        }),
    },
    { name: 'set a value', ok: 200, run: (client) => client.request('PUT', `${BASE}/indicators/arbeitslose/stored`, { gebiet: '03159001', stichtag: `${2040 + counter++}-12-31`, wert: 5 }) },
    { name: 'list the stored values', ok: 200, run: (client) => client.request('GET', `${BASE}/indicators/arbeitslose/stored`) },
    { name: 'check an import', ok: 200, run: (client) => client.request('POST', `${BASE}/indicators/import/check`, { text: GENESIS }) },
    { name: 'import', ok: 201, run: (client) => client.request('POST', `${BASE}/indicators/import`, { text: `AGS;Jahr;Arbeitslose\r\n03159001;${2030 + counter++};12\r\n` }) },
  ];
  describe.each(cases)('$name', ({ ok, run }) => {
    it.each(['anonym', 'koordination', 'planung', 'admin'] as const)('as %s', async (role) => {
      const response = await run(clients()[role]);
      expect(response.status, JSON.stringify((response as { body?: unknown }).body)).toBe(role === 'planung' || role === 'admin' ? ok : expected[role]);
    });
  });
});

describe('the OpenAPI document', () => {
  it('describes the Kennzahlen routes', async () => {
    const doc = (await anonym.request('GET', '/api/openapi.json')).body;
    for (const path of ['/api/districts/{district}/indicators', '/api/districts/{district}/indicators/{id}/values', '/api/districts/{district}/areas/{area}/profile', '/api/districts/{district}/areas/{area}/similar', '/api/districts/{district}/areas/{area}/facilities', '/api/districts/{district}/indicators/import', '/api/indicator-values/{id}/history']) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });
});
