// The coverage analysis end to end: real server (API + embedded database with the seeded family
// centres), real Chromium. Where is a Familienzentrum missing, for how many people of the
// planning area, and what would one more change?
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseCoverage, coverageTableCsv, populationSurface, type CoverageAnalysis } from '../../src/domain/coverage/analysis';
import { prepareCoverage } from '../../src/domain/coverage/coverage';
import { formatResidentChange, formatResidents } from '../../src/domain/coverage/precision';
import { fromLaea } from '../../src/domain/coverage/surface';
import type { Zensus2011Grid } from '../../src/domain/coverage/zensus2011';
import { coverageHeadline, facilityCountText } from '../../src/domain/coverageView/summary';
import type { Facility } from '../../src/domain/facilities/schema';
import { formatStand } from '../../src/domain/facilities/stand';
import type { Box } from '../../src/domain/geo/labelPlacement';
import { labelPoint } from '../../src/domain/geo/labelPoint';
import type { TerritoryFile } from '../../src/domain/territory/types';
import { GAP_CLASS_COLOURS } from '../../src/map/coverageLayers';
import { OUTSIDE_FILL } from '../../src/map/palette';
import { PNG_LAYOUT } from '../../src/ui/coverage/presentationPng';
import { driversFor, type AppDrivers } from './support/app';
import { TEST_RESULTS_DIR, consoleErrors, foreignRequests, launchBrowser, newPage, nextFrames, pageErrors } from './support/browser';
import { decodePng, hexToRgb, sampleColours } from './support/png';
import { facilitiesOnServer } from './support/resources';
import { TEST_ADMIN, startAppServer, type AppServer } from './support/server';

const TERRITORY = join(import.meta.dirname, '../../public/data/territory');
const goettingen: TerritoryFile = JSON.parse(readFileSync(join(TERRITORY, 'goettingen.json'), 'utf8'));
const grid2011: Zensus2011Grid = JSON.parse(readFileSync(join(TERRITORY, 'goettingen-zensus2011.json'), 'utf8'));
const stadtGoettingen = goettingen.ausserhalb.features.find((feature) => feature.properties.id === 'stadt-goettingen')!;
const familienzentrum = { id: 'familienzentrum', label: 'Familienzentrum' };
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

/** A family centre that counts (in operation, confirmed) in a Sozialraum. */
const countedIn = (sozialraumId: string) =>
  facilities.find((facility) => facility.category === 'familienzentrum' && facility.status === 'in Betrieb' && facility.bestaetigung === 'bestätigt' && facility.sozialraumId === sozialraumId)!;

/**
 * Pixels of the saved Kreistag PNG at places inside an area: the places are projected by the
 * view's own map, then scaled like drawPresentation scales the map's canvas into its frame.
 */
async function pngPixelsIn(
  presentation: AppDrivers['presentation'],
  png: ReturnType<typeof decodePng>,
  area: { geometry: Parameters<typeof booleanPointInPolygon>[1] },
): Promise<[number, number, number][]> {
  const [west, south, east, north] = bboxOfArea(area.geometry);
  const places: [number, number][] = [];
  for (let i = 1; i < 12; i++) {
    for (let j = 1; j < 12; j++) {
      const place: [number, number] = [west + ((east - west) * i) / 12, south + ((north - south) * j) / 12];
      if (booleanPointInPolygon(place, area.geometry)) places.push(place);
    }
  }
  const { points, canvas, ratio } = await presentation.projectAll(places);
  const { map } = PNG_LAYOUT;
  const scale = Math.min(map.width / canvas.width, map.height / canvas.height);
  const left = map.x + (map.width - canvas.width * scale) / 2;
  const top = map.y + (map.height - canvas.height * scale) / 2;
  return points.map(({ x, y }) => {
    const col = Math.round(left + x * ratio * scale);
    const row = Math.round(top + y * ratio * scale);
    const i = (row * png.width + col) * 4;
    return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
  });
}

function bboxOfArea(geometry: Parameters<typeof booleanPointInPolygon>[1]): [number, number, number, number] {
  const positions = JSON.stringify((geometry as { coordinates: unknown }).coordinates).match(/-?\d+\.?\d*,-?\d+\.?\d*/g)!.map((pair) => pair.split(',').map(Number));
  const xs = positions.map((position) => position[0]!);
  const ys = positions.map((position) => position[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

beforeAll(async () => {
  server = await startAppServer();
  browser = await launchBrowser();
  const context = await browser.newContext();
  facilities = await facilitiesOnServer(context.request, server.url, { deleted: true });
  await context.close();
  // No Zensus 2022 grid is loaded in a fresh database: the Zensus 2011 distribution, as in the CLI.
  const setup = prepareCoverage(goettingen, populationSurface(goettingen, null, grid2011));
  expected = analyseCoverage(setup, { facilities, category: 'familienzentrum', radiusKm: 5 });
  headlineFigures = coverageHeadline(expected, familienzentrum, 5);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('coverage analysis (Versorgung)', () => {
  it('shows Familienzentrum within 5 km for the 18 Sozialräume: headline and table with the numbers of the CLI, dated, rounded, and the same CSV', async () => {
    const { page, atlas, coverage } = await openCoverage();
    expect(await coverage.category()).toBe('familienzentrum');
    expect(await coverage.radius()).toBe('5');
    expect(await coverage.surfaceKind()).toBe('zensus2011-verteilung');

    const headline = coverageHeadline(expected, familienzentrum, 5);
    await expect.poll(() => coverage.headlineNumbers()).toMatchObject({ ohne: headline.ohneEinrichtung, sozialraeume: 18, unversorgt: headline.unversorgt });
    expect(await coverage.headline()).toContain(`${headline.ohneEinrichtung} von 18 Sozialräumen ohne Familienzentrum`);
    expect(headline.ohneEinrichtung).toBeGreaterThan(0);
    // The base is the 18 Sozialräume, never Stadt Göttingen; residents reached are an estimate, so hundreds.
    expect(await coverage.residentsLine()).toBe(headline.unversorgtText);
    expect(headline.unversorgtText).toMatch(/^ca\. [\d.]+00 von 201\.151 Einwohnern der 18 Sozialräume \(ca\. \d+ %\) nicht im Umkreis von 5 km um ein Familienzentrum$/);
    // What counts, and how old the data are: from the facilities' own dates, not the day the database was filled.
    const facts = await coverage.facts();
    expect(facts.tally).toBe(`Familienzentren: ${facilityCountText(expected.facilities.length, expected.bestand.planungsraum)}`);
    expect(facts.tally).toMatch(/nicht mitgezählt/);
    expect(facts.stand).toBe(`Einrichtungen: ${formatStand(expected.bestand.stand)}`);
    expect(facts.stand).not.toContain(new Date().toLocaleDateString('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric' }));
    const panel = await coverage.screenshotPanel('versorgung-panel.png');
    expect(panel.distinctColours).toBeGreaterThan(50);

    expect(await coverage.rowCount()).toBe(18);
    const gleichen = expected.result.sozialraeume.find((row) => row.id === 'gleichen')!;
    expect(await coverage.cell('gleichen', 'unversorgt')).toBe(formatResidents(gleichen.einwohner - gleichen.versorgt, 'gerundet'));
    expect(await coverage.rowWithoutFacility('gleichen')).toBe('true');
    expect(await coverage.total()).toContain('18 Sozialräume (ohne Stadt Göttingen)');
    expect(await coverage.total()).toContain(formatResidents(expected.result.planungsraum.einwohner - expected.result.planungsraum.versorgt, 'gerundet'));

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
    expect(readFileSync(await csv.path(), 'utf8')).toBe(coverageTableCsv(expected));
    expect(readFileSync(await csv.path(), 'utf8')).toContain('\r\nQuelle und Stand\r\n');

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
    // The symbol under the hand is a page element (it follows without redrawing the map) and catches no pointer.
    const proxy = page.locator('[data-testid="coverage-drag-proxy"]');
    expect(await proxy.count()).toBe(1);
    expect(await proxy.evaluate((element) => getComputedStyle(element).pointerEvents)).toBe('none');
    expect(await proxy.textContent()).toBe('Neu 1');
    await atlas.screenshotMap('versorgung-ziehen.png');
    await atlas.releaseMouse();
    expect(await proxy.count()).toBe(0);
    // After the drop: again with distances.
    await expect.poll(() => coverage.tableLive()).toBe('false');
    const gained = await coverage.rowDelta('gleichen');
    expect(gained).toBeGreaterThan(1000);
    expect(await coverage.cell('gleichen', 'delta')).toBe(formatResidentChange(gained, 'gerundet'));
    expect((await coverage.headlineNumbers()).unversorgt).toBeLessThan(unversorgtBefore);
    // Fewer red squares: the gap layer follows the scenario, on screen too.
    await expect.poll(() => coverage.renderedGapSquares()).toBeLessThan(gapsBefore);
    await nextFrames(page);
    const scenario = await atlas.screenshotMap('versorgung-szenario.png');
    expect(scenario.shareOf(GAP_COLOURS)).toBeGreaterThan(0);
    expect(scenario.shareOf(GAP_COLOURS)).toBeLessThan(gapShareBefore);

    // Switch a real facility off in the scenario by clicking it on the map.
    const adelebsen = countedIn('adelebsen');
    await coverage.switchOffFacilityAt(adelebsen.lage);
    await expect.poll(() => coverage.rowDelta('adelebsen')).toBeLessThan(0);
    await coverage.waitForSwitchedOffList();

    // One best site for the scenario, taken over as another hypothetical facility.
    await coverage.findBestSites(1);
    await expect.poll(() => coverage.suggestionCount(), { timeout: 15_000 }).toBe('1');
    expect(await coverage.suggestionsOnMap()).toBe('1');
    expect(await coverage.suggestion()).toMatch(/ca\. \+[\d.]+ Einwohner/);
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
  }, 120_000);

  it('shows the Kreistag view for the 18 Sozialräume (201.151 as the base, no gaps in Stadt Göttingen) and saves it as a PNG with the map in it', async () => {
    const { page, presentation } = await openCoverage();
    await presentation.open();
    expect(await presentation.title()).toBe('Familienzentren im Landkreis Göttingen: Erreichbarkeit im Umkreis von 5 km');
    const headline = coverageHeadline(expected, familienzentrum, 5);
    expect(await presentation.figure('ohne')).toContain(`${headline.ohneEinrichtung} von 18`);
    expect(await presentation.figureNumber('unversorgt')).toBe(formatResidents(headline.unversorgt, 'gerundet'));
    expect(await presentation.figure('versorgt')).toContain('von 201.151 Einwohnern der 18 Sozialräume');
    expect(await presentation.figure('note')).toContain('Verteilung nach Zensus-2011-Gitter, Summen Zensus 2022 (Gitter 09.05.2011, Summen 15.05.2022), Zahlen auf Hunderte gerundet');
    expect(await presentation.subtitle()).toContain(`Einrichtungen ${formatStand(expected.bestand.stand)}`);
    const sources = await presentation.sources();
    expect(sources).toContain('Zensus 2022');
    expect(sources).toContain('Zensus 2011');
    expect(sources).toMatch(/Ressourcenkarte: \d+ gezählt \(in Betrieb, bestätigt\)/);
    // The symbols say the status, and the area outside the planning area is in the legend.
    const legend = await presentation.legend();
    expect(legend.context).toContain('Stadt Göttingen: außerhalb des Planungsraums, nicht mitgezählt');
    expect(legend.symbols).toEqual(expect.arrayContaining(['Familienzentrum in Betrieb (gefüllt), zählt', 'unbestätigt (mit ?), zählt nicht', 'außerhalb des Planungsraums (blass), zählt nicht']));
    expect(await presentation.scaleBarCount()).toBe(1);
    const shown = await presentation.screenshotMap('versorgung-kreistag.png');
    expect(shown.distinctColours).toBeGreaterThan(200);
    expect(shown.shareOf(GAP_COLOURS)).toBeGreaterThan(0.01);

    // Every area is named on the map (the 18 Sozialräume, Stadt Göttingen, the Harz): each name
    // inside its area or, where symbols fill a small area, beside it with a leader line; clear of
    // every facility symbol and of every other name.
    const areas = [...goettingen.sozialraeume.features, ...goettingen.ausserhalb.features];
    expect(await presentation.renderedLabelIds()).toEqual(areas.map((area) => area.properties.id).sort());
    const labels = await presentation.placedLabels();
    expect(labels.map((label) => label.id).sort()).toEqual(areas.map((area) => area.properties.id).sort());
    expect(labels.filter((label) => label.placement === 'blocked').map((label) => label.id)).toEqual([]);
    expect(labels.filter((label) => label.placement === 'inside').length).toBeGreaterThanOrEqual(16);
    expect(labels.find((label) => label.id === 'bad-lauterberg-im-harz')?.text).toBe('Bad Lauterberg im Harz');
    const overlapping = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const drawn = facilities.filter((facility) => facility.category === 'familienzentrum' && !facility.geloescht);
    const { points } = await presentation.projectAll(drawn.map((facility) => facility.lage as [number, number]));
    // A symbol is at least 2 × 11 px (SYMBOL_RADIUS 9 and its white edge, at icon-size 0.85 and more).
    const symbolBoxes = points.map(({ x, y }) => ({ left: x - 11, top: y - 11, right: x + 11, bottom: y + 11 }));
    expect(labels.flatMap((label) => symbolBoxes.filter((symbol) => overlapping(label.box, symbol)).map(() => label.id))).toEqual([]);
    expect(labels.flatMap((label, i) => labels.slice(i + 1).filter((other) => overlapping(label.box, other.box)).map((other) => `${label.id}/${other.id}`))).toEqual([]);

    // No gap square in Stadt Göttingen: its residents are not the Landkreis' to serve.
    const gapIds = await presentation.renderedGapSquareIds();
    expect(gapIds.length).toBeGreaterThan(50);
    // A square at the city's border may hold residents of the neighbouring Sozialraum (its part in the
    // city is covered grey); none lies wholly inside the city.
    const pointsOf = (id: string) => {
      const [x, y] = id.split('_').map(Number) as [number, number];
      return [[x + 50, y + 50], [x + 950, y + 50], [x + 50, y + 950], [x + 950, y + 950], [x + 500, y + 500]].map((point) => fromLaea(point));
    };
    expect(gapIds.filter((id) => pointsOf(id).every((point) => booleanPointInPolygon(point, stadtGoettingen)))).toEqual([]);

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
    // Inside Stadt Göttingen the picture is grey context, never a red gap square.
    const inCity = await pngPixelsIn(presentation, png, stadtGoettingen);
    expect(inCity.length).toBeGreaterThan(30);
    const near = (colour: string, tolerance: number) => (pixel: [number, number, number]) => {
      const [r, g, b] = hexToRgb(colour);
      return Math.abs(pixel[0] - r) + Math.abs(pixel[1] - g) + Math.abs(pixel[2] - b) < tolerance;
    };
    // (Tolerance 40: the lightest gap class is still 49 away from the city's grey.)
    expect(inCity.filter((pixel) => GAP_CLASS_COLOURS.some((colour) => near(colour, 40)(pixel)))).toEqual([]);
    expect(inCity.filter(near(OUTSIDE_FILL, 40)).length / inCity.length).toBeGreaterThan(0.6);

    // „Drucken“ prints the same picture and nothing else of the page.
    await presentation.print();
    expect(await presentation.visibleWhenPrinted()).toEqual({ app: false, map: false, picture: true });

    await presentation.closeWithEscape();
    expect(pageErrors(page)).toEqual([]);
  });

  it('says that nothing is recorded for an empty category instead of red figures, and offers no picture of it', async () => {
    const { page, atlas, coverage, presentation } = await openCoverage();
    await coverage.chooseCategory('kita');
    await coverage.waitForEmpty();
    expect(await coverage.emptyText()).toContain('Keine Einrichtungen der Kategorie Kita erfasst im Gebiet der 18 Sozialräume');
    expect(await coverage.headlineCount()).toBe(0);
    expect(await coverage.presentationOffered()).toBe(false);
    // No shares, no gap squares, no reach: the map shows only the plain territory.
    await expect.poll(() => coverage.renderedGapSquares()).toBe(0);
    const map = await atlas.screenshotMap('versorgung-leer-karte.png');
    expect(map.distinctColours).toBeGreaterThan(100);
    expect(map.shareOf(GAP_COLOURS)).toBeLessThan(0.001);
    const panel = await coverage.screenshotPanel('versorgung-leer.png');
    expect(panel.distinctColours).toBeGreaterThan(20);

    // The Kreistag view, opened for a finding, shows no figures and offers no picture for the empty category.
    await coverage.chooseCategory('familienzentrum');
    await coverage.waitForResult();
    await presentation.open();
    await presentation.chooseCategory('kita');
    await expect.poll(() => presentation.emptyText()).toContain('Keine Einrichtungen der Kategorie Kita erfasst im Gebiet der 18 Sozialräume');
    expect(await presentation.pngEnabled()).toBe(false);
    expect(await page.locator('[data-testid="presentation-figure-unversorgt"]').count()).toBe(0);
    await presentation.closeWithEscape();

    // Potsdam-Mittelmark plans for the whole Kreis: nothing recorded there either, and no 100 % in red.
    await atlas.selectDistrict('potsdam-mittelmark');
    await coverage.chooseCategory('kita');
    await coverage.waitForEmpty();
    expect(await coverage.emptyText()).toContain('Keine Einrichtungen der Kategorie Kita erfasst im Gebiet des Landkreises Potsdam-Mittelmark');
    expect(await coverage.headlineCount()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
  });

  it('reopens a copied link with the same tab, category, reach, scenario and headline', async () => {
    const { page, coverage } = await openCoverage();
    await coverage.setRadius(7);
    await coverage.placeHypotheticalAt(GLEICHEN);
    await coverage.switchOffFacilityAt(countedIn('adelebsen').lage);
    await coverage.waitForSwitchedOffList();
    await coverage.waitForSettled();
    const headline = await coverage.headline();
    const numbers = await coverage.headlineNumbers();
    const gleichen = await coverage.rowDelta('gleichen');
    expect(gleichen).toBeGreaterThan(0);
    const link = new URL(page.url());
    expect(Object.fromEntries(link.searchParams)).toMatchObject({
      landkreis: 'goettingen',
      ansicht: 'versorgung',
      kategorie: 'familienzentrum',
      reichweite: '7',
      aus: countedIn('adelebsen').id,
    });
    expect(link.searchParams.get('neu')).toMatch(/^\d+\.\d{5},\d+\.\d{5}$/);

    // The link in a fresh browser context: nothing shared but the address.
    const other = await newPage(browser, server.url, { viewport: { width: 1440, height: 900 } });
    pages.push(other);
    const reopened = driversFor(other);
    await reopened.atlas.open(server.url, link.search);
    await reopened.coverage.waitForResult();
    await reopened.coverage.waitForSettled();
    expect(await reopened.coverage.category()).toBe('familienzentrum');
    expect(await reopened.coverage.radius()).toBe('7');
    expect(await reopened.coverage.hypotheticalCount()).toBe(1);
    expect(await reopened.coverage.headline()).toBe(headline);
    expect(await reopened.coverage.headlineNumbers()).toEqual(numbers);
    expect(await reopened.coverage.rowDelta('gleichen')).toBe(gleichen);
    expect(await reopened.atlas.noticeTexts()).toEqual([]);
    expect(pageErrors(other)).toEqual([]);
  }, 120_000);

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
    const unexpected = pages.flatMap((page) => consoleErrors(page)).filter((message) => !/404.*\/api\/districts\/[a-z-]+\/population/.test(message));
    expect(unexpected).toEqual([]);
  });
});
