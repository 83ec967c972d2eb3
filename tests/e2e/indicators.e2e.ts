// The Kennzahlen end to end: real server (API + embedded database with the shipped Kennzahlen of
// geodata/ seeded), real Chromium. A planner opens Adelebsen's profile, changes the year,
// compares it with another Sozialraum, finds the most similar ones, switches the map's
// Kennzahl, and a protected value is „•“ on screen and absent from every answer the page got.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driversFor, type AppDrivers } from './support/app';
import { consoleErrors, launchBrowser, newPage, pageErrors } from './support/browser';
import { TEST_ADMIN, startAppServer, type AppServer } from './support/server';

let browser: Browser;
let server: AppServer;
const pages: Page[] = [];
/** Young unemployed (15 to 20) per Sozialraum, 2016: small counts, Adelebsen's among those withheld. */
const SMALL = 'arbeitslose-15-bis-20';
const ADELEBSEN = 'sozialraum:adelebsen';

async function openAtlas(query = ''): Promise<AppDrivers> {
  const page = await newPage(browser, server.url, { viewport: { width: 1440, height: 900 } });
  pages.push(page);
  const app = driversFor(page);
  app.indicators.recordResponses();
  await app.atlas.open(server.url, query);
  return app;
}

/** Every object anywhere in a JSON value. */
function* objectsIn(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) for (const each of value) yield* objectsIn(each);
  else if (value && typeof value === 'object') {
    yield value as Record<string, unknown>;
    for (const each of Object.values(value)) yield* objectsIn(each);
  }
}

beforeAll(async () => {
  server = await startAppServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('Kennzahlen', () => {
  let anonymous: AppDrivers;

  it('shows the map Kennzahl with legend, source and date, and a protected value as „•“', async () => {
    anonymous = await openAtlas();
    const { indicators, atlas, page } = anonymous;
    await indicators.open();
    await indicators.chooseIndicator('anteil-65-und-mehr');
    expect(await indicators.stand()).toBe('Stand 31.12.2015');
    expect(await indicators.source()).toMatch(/^Quelle: 12411-02-03-5 .*Stand 31\.12\.2015\.$/);
    const legend = await indicators.legend();
    expect(legend.slice(0, 5).map((line) => Number(/\((\d+)\)$/.exec(line)![1])).reduce((a, b) => a + b, 0)).toBe(18);
    expect(await indicators.tableValue(ADELEBSEN)).toMatch(/^\d+,\d %$/);
    expect((await atlas.screenshotMap('kennzahlen-anteil-karte.png')).distinctColours).toBeGreaterThan(20);

    await indicators.chooseIndicator(SMALL);
    expect(await indicators.tableValue(ADELEBSEN)).toBe('•');
    expect(await indicators.tableStatus(ADELEBSEN)).toBe('geheim');
    expect(await indicators.withheldOnMap()).toBeGreaterThan(0);
    expect((await indicators.legend()).some((line) => line.startsWith('• geschützt'))).toBe(true);
    const map = await atlas.screenshotMap('kennzahlen-geschuetzt-karte.png');
    expect(map.distinctColours).toBeGreaterThan(20);
    await indicators.screenshotPanel('kennzahlen-geschuetzt-tabelle.png');

    await indicators.chooseLevel('gemeinde');
    expect(await indicators.tableValue('gemeinde:03159001')).toBe('•');
    expect(atlas.urlParameter('ebene')).toBe('gemeinde');
    await atlas.screenshotMap('kennzahlen-gemeinden-karte.png');
    await indicators.chooseLevel('sozialraum');

    await indicators.chooseMethod('natuerlich');
    expect(atlas.urlParameter('klassen')).toBe('natuerlich');
    expect(atlas.urlParameter('kennzahl')).toBe(SMALL);
    expect(pageErrors(page)).toEqual([]);
  });

  it('opens the Adelebsen profile from the area panel, changes the year and compares two areas', async () => {
    const { indicators, atlas, page } = anonymous;
    await atlas.openTab('sozialraeume');
    await atlas.selectTableRow('adelebsen');
    await atlas.waitForAreaPanel();
    await indicators.openProfileFromAreaPanel();
    expect(await indicators.profileTitle()).toBe('Adelebsen');
    expect(atlas.urlParameter('profil')).toBe(ADELEBSEN);
    const population = await indicators.profileEntry('bevoelkerung');
    expect(population.heading).toMatch(/Stand 15\.05\.2022/);
    expect((await indicators.profileEntry('anteil-65-und-mehr')).spine).toMatch(/Sozialräume/);
    expect((await indicators.profileEntry(SMALL)).value).toBe('•');
    // The family centre of Adelebsen (geodata, seeded at start) and how many residents it reaches.
    const facilities = await indicators.profileFacilities();
    expect(facilities.rows.familienzentrum?.slice(0, 3)).toEqual(['Familienzentrum', '1', '0']);
    expect(facilities.rows.familienzentrum?.[3]).toMatch(/^ca\. \d+ %/);
    expect(facilities.note).toMatch(/Stand .* geprüft.*Versorgt: Anteil der Einwohner/);
    await indicators.screenshotProfile('profil-adelebsen.png');

    await indicators.chooseYear('2012');
    expect((await indicators.profileEntry('bevoelkerung')).heading).toMatch(/Stand 31\.12\.2012/);
    expect(atlas.urlParameter('stichtag') ?? '').toBe('');

    await indicators.compareWith('sozialraum:bovenden');
    expect(await indicators.comparedHeads()).toEqual(['Bovenden']);
    expect((await indicators.comparedValues('bevoelkerung'))[0]).toMatch(/^\d{1,3}(\.\d{3})*$/);
    await indicators.compareWith('planungsraum:planungsraum');
    expect((await indicators.comparedHeads()).length).toBe(2);
    expect(atlas.urlParameter('vergleich')).toBe('sozialraum:bovenden,planungsraum:planungsraum');
    await indicators.screenshotProfile('profil-vergleich.png');
    expect(pageErrors(page)).toEqual([]);
    expect(consoleErrors(page)).toEqual([]);
  });

  it('finds the three Sozialräume most similar to Adelebsen, with distances and what makes them similar', async () => {
    // The newest figures: age structure and migration are of 2015, unemployment of 2016.
    await anonymous.indicators.chooseYear('');
    const rows = await anonymous.indicators.findSimilar();
    expect(rows).toHaveLength(3);
    for (const [name, distance] of rows) {
      expect(name).not.toBe('Adelebsen');
      expect(distance).toMatch(/^\d+,\d\d$/);
    }
    await anonymous.indicators.screenshotProfile('profil-aehnliche.png');
  });

  it('never sent the protected value to the anonymous page, and planners see it marked internal', async () => {
    const planner = await openAtlas();
    await planner.session.signIn(TEST_ADMIN);
    await planner.indicators.open();
    await planner.indicators.chooseIndicator(SMALL);
    await planner.indicators.setInternal(true);
    expect(await planner.indicators.internalBannerShown()).toBe(true);
    expect(await planner.indicators.mapMarkedInternal()).toBe(true);
    expect(await planner.indicators.tableValue(ADELEBSEN)).toMatch(/^\d+ \(geschützt\)$/);
    await planner.indicators.screenshotPanel('kennzahlen-intern.png');

    const responses = anonymous.indicators.apiResponses.filter((response) => /\/(indicators|areas)\//.test(response.url));
    expect(responses.length).toBeGreaterThan(4);
    let checked = 0;
    for (const { url, text } of responses) {
      const body = JSON.parse(text);
      expect(body.ansicht ?? 'geschuetzt', url).toBe('geschuetzt');
      for (const object of objectsIn(body)) {
        // A value of SMALL for Adelebsen: in the level values (schluessel) or the profile (id).
        const isLevelEntry = url.includes(`/indicators/${SMALL}/values`) && object.schluessel === ADELEBSEN;
        const isProfileEntry = url.includes(`/areas/${encodeURIComponent(ADELEBSEN)}/profile`) && object.id === SMALL;
        if (!isLevelEntry && !isProfileEntry) continue;
        checked += 1;
        expect(object.wert, url).toMatchObject({ status: 'geheim', wert: null, zaehler: null, nenner: null, grund: null, text: '•' });
        if (isProfileEntry) {
          expect((object.spine as { gebiet: unknown }).gebiet).toBeNull();
          for (const point of (object.verlauf as { punkte: { wert: unknown }[] }).punkte) expect(point.wert).toBeNull();
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(2);
  });

  it('opens a shared link with the profile', async () => {
    const { indicators } = await openAtlas(`?landkreis=goettingen&ansicht=kennzahlen&kennzahl=anteil-unter-18&profil=${ADELEBSEN}`);
    await indicators.waitForProfile();
    expect(await indicators.profileTitle()).toBe('Adelebsen');
    await indicators.closeProfile();
    await indicators.waitForFigures('anteil-unter-18');
  });

  it('says so when a link names a Kennzahl the district does not have, and shows its first one', async () => {
    const { indicators, atlas } = await openAtlas('?landkreis=goettingen&ansicht=kennzahlen&kennzahl=gibt-es-nicht');
    await atlas.waitForNotice('„gibt-es-nicht“');
    expect(await atlas.noticeTexts()).toEqual([expect.stringMatching(/^Die Kennzahl „gibt-es-nicht“ aus der Adresse gibt es im Landkreis Göttingen nicht; gezeigt wird „.+“\./)]);
    await indicators.waitForFigures('anteil-65-und-mehr');
  });
});
