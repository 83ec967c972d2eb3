// The coverage analysis end to end: real server (API + embedded database with the seeded family
// centres), real Chromium. Where is a Familienzentrum missing, for how many people, and what
// would one more change?
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseCoverage, coverageTableCsv, populationSurface, type CoverageAnalysis } from '../../src/domain/coverage/analysis';
import { prepareCoverage } from '../../src/domain/coverage/coverage';
import { coverageHeadline } from '../../src/domain/coverageView/summary';
import type { Facility } from '../../src/domain/facilities/schema';
import { labelPoint } from '../../src/domain/geo/labelPoint';
import type { TerritoryFile } from '../../src/domain/territory/types';
import { GAP_CLASS_COLOURS } from '../../src/map/coverageLayers';
import { PNG_LAYOUT } from '../../src/ui/coverage/presentationPng';
import { driversFor, type AppDrivers } from './support/app';
import { parseGermanInteger } from './support/atlas';
import { TEST_RESULTS_DIR, consoleErrors, foreignRequests, launchBrowser, newPage, nextFrames, pageErrors } from './support/browser';
import { decodePng, hexToRgb, sampleColours } from './support/png';
import { facilitiesOnServer } from './support/resources';
import { TEST_ADMIN, startAppServer, type AppServer } from './support/server';

const goettingen: TerritoryFile = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/data/territory/goettingen.json'), 'utf8'));
const labelOf = (id: string) => labelPoint(goettingen.sozialraeume.features.find((f) => f.properties.id === id)!.geometry) as [number, number];
/** Gleichen: 18 villages south-east of Göttingen, no Familienzentrum within 5 km of most residents. */
const GLEICHEN = labelOf('gleichen');
/** Where the hypothetical facility is placed first: west of Gleichen, towards Friedland. */
const START: [number, number] = [GLEICHEN[0] - 0.08, GLEICHEN[1] - 0.035];

let browser: Browser;
let server: AppServer;
const pages: Page[] = [];
/** The analysis as `npm run atlas -- coverage` computes it from the same database. */
let expected: CoverageAnalysis;
let facilities: Facility[];
let headlineFigures: ReturnType<typeof coverageHeadline>;

/** The colours of the gap squares that hold people (the lightest class is nearly white). */
const GAP_COLOURS = GAP_CLASS_COLOURS.slice(1).map(hexToRgb);

/** A fresh page with the atlas open and the Versorgung tab showing its first result. */
async function openCoverage(): Promise<AppDrivers> {
  const page = await newPage(browser, server.url, { viewport: { width: 1440, height: 900 } });
  pages.push(page);
  const app = driversFor(page);
  await app.atlas.open(server.url);
  await app.coverage.open();
  return app;
}

const realFacilities = (page: Page) => facilitiesOnServer(page.request, server.url, { deleted: true });

beforeAll(async () => {
  server = await startAppServer();
  browser = await launchBrowser();
  const context = await browser.newContext();
  facilities = await facilitiesOnServer(context.request, server.url, { deleted: true });
  await context.close();
  // No Zensus grid is loaded in a fresh database: the documented fallback surface, as in the CLI.
  const setup = prepareCoverage(goettingen, populationSurface(goettingen, null));
  expected = analyseCoverage(setup, { facilities, category: 'familienzentrum', radiusKm: 5 });
  headlineFigures = coverageHeadline(expected.result, { id: 'familienzentrum', label: 'Familienzentrum' }, 5);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('coverage analysis (Versorgung)', () => {
  it('shows Familienzentrum within 5 km: headline and table with the numbers of the CLI, and the same CSV', async () => {
    const { page, atlas, coverage } = await openCoverage();
    expect(await coverage.category()).toBe('familienzentrum');
    expect(await coverage.radius()).toBe('5');
    expect(await coverage.surfaceKind()).toBe('ersatzflaeche');

    const headline = coverageHeadline(expected.result, { id: 'familienzentrum', label: 'Familienzentrum' }, 5);
    await expect.poll(() => coverage.headlineNumbers()).toMatchObject({ ohne: headline.ohneEinrichtung, sozialraeume: 18, unversorgt: headline.unversorgt });
    expect(await coverage.headline()).toContain(`${headline.ohneEinrichtung} von 18 Sozialräumen ohne Familienzentrum`);
    expect(headline.ohneEinrichtung).toBeGreaterThan(0);

    expect(await coverage.rowCount()).toBe(18);
    const gleichen = expected.result.sozialraeume.find((row) => row.id === 'gleichen')!;
    expect(parseGermanInteger(await coverage.cell('gleichen', 'unversorgt'))).toBe(Math.round(gleichen.einwohner) - Math.round(gleichen.versorgt));
    expect(await coverage.rowWithoutFacility('gleichen')).toBe('true');
    expect(await coverage.total()).toContain(new Intl.NumberFormat('de-DE').format(headline.unversorgt));

    // Sozialregionen at the click of a button; the Kreis stays the total.
    await coverage.showLevel('sozialregion');
    expect(await coverage.rowCount()).toBe(6);
    await coverage.showLevel('sozialraum');
    // Sorting by the share reached puts the least served Sozialraum first.
    await coverage.sortBy('anteilVersorgt');
    await coverage.sortBy('anteilVersorgt');
    const least = [...expected.result.sozialraeume].sort((a, b) => a.anteilVersorgt - b.anteilVersorgt || a.name.localeCompare(b.name, 'de'))[0]!;
    expect(await coverage.firstRowId()).toBe(least.id);

    // The CSV is byte for byte the domain's coverageTableCsv (what `npm run atlas -- coverage` prints).
    const csv = await coverage.exportCsv();
    expect(csv.suggestedFilename()).toBe('versorgung-familienzentrum-5km-goettingen.csv');
    expect(readFileSync(await csv.path(), 'utf8')).toBe(coverageTableCsv(expected.result));

    // The map shows the gaps while the tab is open, and no longer when another tab is.
    await expect.poll(() => coverage.renderedGapSquares()).toBeGreaterThan(100);
    const map = await atlas.screenshotMap('versorgung-tab.png');
    expect(map.distinctColours).toBeGreaterThan(200);
    expect(map.shareOf(GAP_COLOURS)).toBeGreaterThan(0.01);
    await atlas.openTab('sozialraeume');
    await expect.poll(() => coverage.shownOnMap()).toBeNull();
    expect(pageErrors(page)).toEqual([]);
  });

  it('drags a hypothetical facility into Gleichen: table, headline and gap layer follow live; real data stay untouched', async () => {
    const { page, atlas, coverage } = await openCoverage();
    await expect.poll(() => coverage.renderedGapSquares()).toBeGreaterThan(100);
    const gapsBefore = await coverage.renderedGapSquares();
    const gapShareBefore = (await atlas.screenshotMap('versorgung-vor-szenario.png')).shareOf(GAP_COLOURS);
    const unversorgtBefore = (await coverage.headlineNumbers()).unversorgt;

    await coverage.placeHypotheticalAt(START);
    await expect.poll(() => coverage.deltaTotalCount()).toBe(1);

    // Drag by hand: the numbers follow while the button is still down (computed without distances).
    await atlas.pressAt(START);
    await atlas.moveMouse(START, GLEICHEN, 15);
    await expect.poll(() => coverage.rowDelta('gleichen'), { timeout: 5_000 }).toBeGreaterThan(0);
    expect(await coverage.tableLive()).toBe('true');
    await atlas.releaseMouse();
    // After the drop: again with distances.
    await expect.poll(() => coverage.tableLive()).toBe('false');
    const gained = await coverage.rowDelta('gleichen');
    expect(gained).toBeGreaterThan(1000);
    expect(await coverage.cell('gleichen', 'delta')).toBe(`+${new Intl.NumberFormat('de-DE').format(gained)}`);
    expect((await coverage.headlineNumbers()).unversorgt).toBeLessThan(unversorgtBefore);
    // Fewer red squares: the gap layer follows the scenario, on screen too.
    await expect.poll(() => coverage.renderedGapSquares()).toBeLessThan(gapsBefore);
    await nextFrames(page);
    const scenario = await atlas.screenshotMap('versorgung-szenario.png');
    expect(scenario.shareOf(GAP_COLOURS)).toBeGreaterThan(0);
    expect(scenario.shareOf(GAP_COLOURS)).toBeLessThan(gapShareBefore);

    // Switch a real facility off in the scenario by clicking it on the map.
    const adelebsen = facilities.find((facility) => facility.category === 'familienzentrum' && facility.status === 'in Betrieb' && facility.sozialraumId === 'adelebsen')!;
    await coverage.switchOffFacilityAt(adelebsen.lage);
    await expect.poll(() => coverage.rowDelta('adelebsen')).toBeLessThan(0);
    await coverage.waitForSwitchedOffList();

    // One best site for the scenario, taken over as another hypothetical facility.
    await coverage.findBestSites(1);
    await expect.poll(() => coverage.suggestionCount(), { timeout: 15_000 }).toBe('1');
    expect(await coverage.suggestionsOnMap()).toBe('1');
    expect(await coverage.suggestion()).toMatch(/\+[\d.]+ Einwohner/);
    await coverage.takeSuggestion();
    await expect.poll(() => coverage.hypotheticalCount()).toBe(2);

    // Nothing of this reached the real data.
    const after = await realFacilities(page);
    expect(after.length).toBe(facilities.length);
    expect(after.map((facility) => [facility.id, facility.version, facility.lage])).toEqual(facilities.map((facility) => [facility.id, facility.version, facility.lage]));

    await coverage.resetScenario();
    await expect.poll(() => coverage.deltaTotalCount()).toBe(0);
    await expect.poll(() => coverage.headlineNumbers()).toMatchObject({ unversorgt: unversorgtBefore });
    expect(pageErrors(page)).toEqual([]);
  });

  it('shows the Kreistag view and saves it as a PNG with the map in it', async () => {
    const { page, presentation } = await openCoverage();
    await presentation.open();
    expect(await presentation.title()).toBe('Familienzentren im Landkreis Göttingen: Erreichbarkeit im Umkreis von 5 km');
    const headline = coverageHeadline(expected.result, { id: 'familienzentrum', label: 'Familienzentrum' }, 5);
    expect(await presentation.figure('ohne')).toContain(`${headline.ohneEinrichtung} von 18`);
    expect(parseGermanInteger(await presentation.figureNumber('unversorgt'))).toBe(headline.unversorgt);
    const sources = await presentation.sources();
    expect(sources).toContain('Zensus 2022');
    expect(sources).toMatch(/Ressourcenkarte, Stand \d{2}\.\d{2}\.\d{4}/);
    expect(await presentation.scaleBarCount()).toBe(1);
    const shown = await presentation.screenshotMap('versorgung-kreistag.png');
    expect(shown.distinctColours).toBeGreaterThan(200);
    expect(shown.shareOf(GAP_COLOURS)).toBeGreaterThan(0.01);

    const download = await presentation.downloadPng();
    expect(download.suggestedFilename()).toBe('versorgung-familienzentrum-5km-goettingen.png');
    const bytes = readFileSync(await download.path());
    await download.saveAs(join(TEST_RESULTS_DIR, 'versorgung-kreistag-export.png'));
    const png = decodePng(bytes);
    expect([png.width, png.height]).toEqual([PNG_LAYOUT.width, PNG_LAYOUT.height]);
    // The map's own pixels are in the picture: many colours and the red gap squares inside the map frame.
    const inMapFrame = sampleColours(png, { region: PNG_LAYOUT.map, step: 2, colours: GAP_COLOURS, tolerance: 60 });
    expect(inMapFrame.distinctColours).toBeGreaterThan(300);
    expect(inMapFrame.near).toBeGreaterThan(2000);

    // „Drucken“ prints the same picture and nothing else of the page.
    await presentation.print();
    expect(await presentation.visibleWhenPrinted()).toEqual({ app: false, map: false, picture: true });

    await presentation.closeWithEscape();
    expect(pageErrors(page)).toEqual([]);
  });

  it('turns a hypothetical facility into a real one only through the facility form, signed in', async () => {
    const { page, coverage, session, form, resources } = await openCoverage();
    await coverage.placeHypotheticalAt(GLEICHEN);
    // Without signing in the scenario cannot become real.
    expect(await coverage.makeRealCount()).toBe(0);
    await session.signIn({ email: TEST_ADMIN.email, password: TEST_ADMIN.password });
    const ohneBefore = headlineFigures.ohneEinrichtung - 1;
    await expect.poll(async () => (await coverage.headlineNumbers()).ohne).toBe(ohneBefore);

    await coverage.makeReal();
    await form.waitForOpen();
    expect(await form.value('category')).toBe('familienzentrum');
    expect(await form.location()).toContain('Sozialraum Gleichen');
    expect((await realFacilities(page)).length).toBe(facilities.length);
    await form.fill({ name: 'Familienzentrum Gleichen' });
    await form.save();
    await resources.waitForPanel();

    // Now it is real: it counts in the real state, and the scenario no longer holds it.
    await expect.poll(() => coverage.hypotheticalCount()).toBe(0);
    await expect.poll(() => coverage.deltaTotalCount()).toBe(0);
    await expect.poll(async () => (await coverage.headlineNumbers()).ohne).toBe(ohneBefore);
    expect(await coverage.rowWithoutFacility('gleichen')).toBe('false');
    const after = await realFacilities(page);
    expect(after.length).toBe(facilities.length + 1);
    expect(after.find((facility) => facility.name === 'Familienzentrum Gleichen')).toMatchObject({ category: 'familienzentrum', sozialraumId: 'gleichen', status: 'in Betrieb' });
    expect(pageErrors(page)).toEqual([]);
  });

  it('made no request to any other host, and logged nothing but the documented 404 of the missing grid', async () => {
    expect(pages.flatMap((page) => foreignRequests(page))).toEqual([]);
    const unexpected = pages.flatMap((page) => consoleErrors(page)).filter((message) => !/404.*\/api\/districts\/goettingen\/population/.test(message));
    expect(unexpected).toEqual([]);
  });
});
