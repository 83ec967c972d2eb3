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
import { mapPoint, openAtlas, parseGermanInteger } from './support/atlas';
import { TEST_RESULTS_DIR, consoleErrors, foreignRequests, launchBrowser, newPage, pageErrors, screenshotStats } from './support/browser';
import {
  coverageRow,
  coverageRows,
  headlineNumbers,
  nextFrames,
  openCoverage,
  placeHypotheticalAt,
  renderedGapSquares,
  rowDelta,
} from './support/coverage';
import { decodePng } from './support/png';
import { signIn } from './support/resources';
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

async function freshPage(): Promise<Page> {
  const page = await newPage(browser, server.url, { viewport: { width: 1440, height: 900 } });
  pages.push(page);
  return page;
}

async function realFacilities(page: Page): Promise<Facility[]> {
  const response = await page.request.get(new URL('/api/districts/goettingen/facilities?geloescht=alle', server.url).href);
  return ((await response.json()) as { facilities: Facility[] }).facilities;
}

beforeAll(async () => {
  server = await startAppServer();
  browser = await launchBrowser();
  const context = await browser.newContext();
  const response = await context.request.get(new URL('/api/districts/goettingen/facilities?geloescht=alle', server.url).href);
  facilities = ((await response.json()) as { facilities: Facility[] }).facilities;
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
    const page = await freshPage();
    await openAtlas(page, server.url);
    await openCoverage(page);
    expect(await page.inputValue('[data-testid="coverage-category"]')).toBe('familienzentrum');
    expect(await page.inputValue('[data-testid="coverage-radius"]')).toBe('5');
    expect(await page.getAttribute('[data-testid="coverage-surface"]', 'data-kind')).toBe('ersatzflaeche');

    const headline = coverageHeadline(expected.result, { id: 'familienzentrum', label: 'Familienzentrum' }, 5);
    await expect.poll(() => headlineNumbers(page)).toMatchObject({ ohne: headline.ohneEinrichtung, sozialraeume: 18, unversorgt: headline.unversorgt });
    expect(await page.textContent('[data-testid="coverage-headline"]')).toContain(
      `${headline.ohneEinrichtung} von 18 Sozialräumen ohne Familienzentrum`,
    );
    expect(headline.ohneEinrichtung).toBeGreaterThan(0);

    expect(await coverageRows(page).count()).toBe(18);
    const gleichen = expected.result.sozialraeume.find((row) => row.id === 'gleichen')!;
    expect(parseGermanInteger(await coverageRow(page, 'gleichen').locator('[data-testid="coverage-cell-unversorgt"]').innerText())).toBe(
      Math.round(gleichen.einwohner) - Math.round(gleichen.versorgt),
    );
    expect(await coverageRow(page, 'gleichen').getAttribute('data-ohne-einrichtung')).toBe('true');
    expect(await page.locator('[data-testid="coverage-total"]').innerText()).toContain(new Intl.NumberFormat('de-DE').format(headline.unversorgt));

    // Sozialregionen at the click of a button; the Kreis stays the total.
    await page.click('[data-testid="coverage-level-sozialregion"]');
    expect(await coverageRows(page).count()).toBe(6);
    await page.click('[data-testid="coverage-level-sozialraum"]');
    // Sorting by the share reached puts the least served Sozialraum first.
    await page.click('[data-testid="coverage-sort-anteilVersorgt"]');
    await page.click('[data-testid="coverage-sort-anteilVersorgt"]');
    const least = [...expected.result.sozialraeume].sort((a, b) => a.anteilVersorgt - b.anteilVersorgt || a.name.localeCompare(b.name, 'de'))[0]!;
    expect(await coverageRows(page).first().getAttribute('data-id')).toBe(least.id);

    // The CSV is byte for byte the domain's coverageTableCsv (what `npm run atlas -- coverage` prints).
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="coverage-export-csv"]')]);
    expect(csv.suggestedFilename()).toBe('versorgung-familienzentrum-5km-goettingen.csv');
    expect(readFileSync(await csv.path(), 'utf8')).toBe(coverageTableCsv(expected.result));

    // The map shows the gaps while the tab is open, and no longer when another tab is.
    await expect.poll(() => renderedGapSquares(page)).toBeGreaterThan(100);
    await page.waitForTimeout(300);
    await screenshotStats(page.locator('body'), 'versorgung-tab.png');
    await page.click('[data-testid="tab-sozialraeume"]');
    await expect.poll(() => page.getAttribute('[data-testid="map"]', 'data-coverage')).toBeNull();
    expect(pageErrors(page)).toEqual([]);
  });

  it('drags a hypothetical facility into Gleichen: table, headline and gap layer follow live; real data stay untouched', async () => {
    const page = await freshPage();
    await openAtlas(page, server.url);
    await openCoverage(page);
    await expect.poll(() => renderedGapSquares(page)).toBeGreaterThan(100);
    const gapsBefore = await renderedGapSquares(page);
    const unversorgtBefore = (await headlineNumbers(page)).unversorgt;

    await placeHypotheticalAt(page, START);
    await page.locator('[data-testid="coverage-hypothetical"]').first().waitFor();
    await expect.poll(() => page.locator('[data-testid="coverage-delta-total"]').count()).toBe(1);

    // Drag by hand: the numbers follow while the button is still down (computed without distances).
    const box = (await page.locator('[data-testid="map"]').boundingBox())!;
    const from = await mapPoint(page, START);
    const to = await mapPoint(page, GLEICHEN);
    await page.mouse.move(box.x + from.x, box.y + from.y);
    await page.mouse.down();
    for (let step = 1; step <= 15; step++) {
      await page.mouse.move(box.x + from.x + ((to.x - from.x) * step) / 15, box.y + from.y + ((to.y - from.y) * step) / 15);
    }
    await expect.poll(() => rowDelta(page, 'gleichen'), { timeout: 5_000 }).toBeGreaterThan(0);
    expect(await page.getAttribute('[data-testid="coverage-table"]', 'data-live')).toBe('true');
    await page.mouse.up();
    // After the drop: again with distances.
    await expect.poll(() => page.getAttribute('[data-testid="coverage-table"]', 'data-live')).toBe('false');
    const gained = await rowDelta(page, 'gleichen');
    expect(gained).toBeGreaterThan(1000);
    expect(await coverageRow(page, 'gleichen').locator('[data-testid="coverage-cell-delta"]').innerText()).toBe(
      `+${new Intl.NumberFormat('de-DE').format(gained)}`,
    );
    expect((await headlineNumbers(page)).unversorgt).toBeLessThan(unversorgtBefore);
    // Fewer red squares: the gap layer follows the scenario.
    await expect.poll(() => renderedGapSquares(page)).toBeLessThan(gapsBefore);
    await nextFrames(page);
    await screenshotStats(page.locator('body'), 'versorgung-szenario.png');

    // Switch a real facility off in the scenario by clicking it on the map.
    const adelebsen = facilities.find((facility) => facility.category === 'familienzentrum' && facility.status === 'in Betrieb' && facility.sozialraumId === 'adelebsen')!;
    await page.locator('[data-testid="map"]').click({ position: await mapPoint(page, adelebsen.lage) });
    await page.locator('[data-testid="coverage-selected-facility"]').waitFor();
    await page.click('[data-testid="coverage-switch-off"]');
    await expect.poll(() => rowDelta(page, 'adelebsen')).toBeLessThan(0);
    await page.locator('[data-testid="coverage-switched-off-list"]').waitFor();

    // One best site for the scenario, taken over as another hypothetical facility.
    await page.selectOption('[data-testid="coverage-best-count"]', '1');
    await page.click('[data-testid="coverage-best-run"]');
    await expect.poll(() => page.getAttribute('[data-testid="coverage-suggestions"]', 'data-count'), { timeout: 15_000 }).toBe('1');
    expect(await page.getAttribute('[data-testid="map"]', 'data-coverage-suggestions')).toBe('1');
    expect(await page.locator('[data-testid="coverage-suggestion"]').innerText()).toMatch(/\+[\d.]+ Einwohner/);
    await page.click('[data-testid="coverage-suggestion-take"]');
    await expect.poll(() => page.locator('[data-testid="coverage-hypothetical"]').count()).toBe(2);

    // Nothing of this reached the real data.
    const after = await realFacilities(page);
    expect(after.length).toBe(facilities.length);
    expect(after.map((facility) => [facility.id, facility.version, facility.lage])).toEqual(facilities.map((facility) => [facility.id, facility.version, facility.lage]));

    await page.click('[data-testid="coverage-reset"]');
    await expect.poll(() => page.locator('[data-testid="coverage-delta-total"]').count()).toBe(0);
    await expect.poll(() => headlineNumbers(page)).toMatchObject({ unversorgt: unversorgtBefore });
    expect(pageErrors(page)).toEqual([]);
  });

  it('shows the Kreistag view and saves it as a PNG with the map in it', async () => {
    const page = await freshPage();
    await openAtlas(page, server.url);
    await openCoverage(page);
    await page.click('[data-testid="coverage-presentation-open"]');
    await page.locator('[data-testid="presentation-map"][data-map-ready="true"]').waitFor({ timeout: 30_000 });
    expect(await page.textContent('[data-testid="presentation-title"]')).toBe('Familienzentren im Landkreis Göttingen: Erreichbarkeit im Umkreis von 5 km');
    const headline = coverageHeadline(expected.result, { id: 'familienzentrum', label: 'Familienzentrum' }, 5);
    expect(await page.textContent('[data-testid="presentation-figure-ohne"]')).toContain(`${headline.ohneEinrichtung} von 18`);
    expect(parseGermanInteger((await page.locator('[data-testid="presentation-figure-unversorgt"] strong').innerText()).trim())).toBe(headline.unversorgt);
    const sources = await page.textContent('[data-testid="presentation-sources"]');
    expect(sources).toContain('Zensus 2022');
    expect(sources).toMatch(/Ressourcenkarte, Stand \d{2}\.\d{2}\.\d{4}/);
    expect(await page.locator('[data-testid="presentation-map"] .maplibregl-ctrl-scale').count()).toBe(1);
    await page.waitForTimeout(300);
    await screenshotStats(page.locator('body'), 'versorgung-kreistag.png');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="presentation-png"]')]);
    expect(download.suggestedFilename()).toBe('versorgung-familienzentrum-5km-goettingen.png');
    const bytes = readFileSync(await download.path());
    await download.saveAs(join(TEST_RESULTS_DIR, 'versorgung-kreistag-export.png'));
    const png = decodePng(bytes);
    expect([png.width, png.height]).toEqual([PNG_LAYOUT.width, PNG_LAYOUT.height]);
    // The map's own pixels are in the picture: many colours and the red gap squares inside the map frame.
    const { x, y, width, height } = PNG_LAYOUT.map;
    const colours = new Set<number>();
    let gapPixels = 0;
    const gapRgb = GAP_CLASS_COLOURS.slice(1).map((hex) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)));
    for (let row = y; row < y + height; row += 2) {
      for (let col = x; col < x + width; col += 2) {
        const i = (row * png.width + col) * 4;
        const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
        colours.add((r << 16) | (g << 8) | b);
        if (gapRgb.some(([gr, gg, gb]) => Math.abs(r - gr!) + Math.abs(g - gg!) + Math.abs(b - gb!) < 60)) gapPixels++;
      }
    }
    expect(colours.size).toBeGreaterThan(300);
    expect(gapPixels).toBeGreaterThan(2000);

    // „Drucken“ prints the same picture and nothing else of the page.
    await page.evaluate(() => {
      window.print = () => {
        document.body.dataset.printed = 'ja';
      };
    });
    await page.click('[data-testid="presentation-print"]');
    await page.locator('body[data-printed="ja"]').waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#root').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="presentation-map"]').isVisible()).toBe(false);
    expect(await page.locator('.presentation-print img').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    await page.keyboard.press('Escape');
    await page.locator('[data-testid="coverage-presentation"]').waitFor({ state: 'detached' });
    expect(pageErrors(page)).toEqual([]);
  });

  it('turns a hypothetical facility into a real one only through the facility form, signed in', async () => {
    const page = await freshPage();
    await openAtlas(page, server.url);
    await openCoverage(page);
    await placeHypotheticalAt(page, GLEICHEN);
    // Without signing in the scenario cannot become real.
    expect(await page.locator('[data-testid="coverage-make-real"]').count()).toBe(0);
    await signIn(page, { email: TEST_ADMIN.email, password: TEST_ADMIN.password });
    const ohneBefore = headlineFigures.ohneEinrichtung - 1;
    await expect.poll(async () => (await headlineNumbers(page)).ohne).toBe(ohneBefore);

    await page.click('[data-testid="coverage-make-real"]');
    await page.locator('[data-testid="facility-form"]').waitFor();
    expect(await page.inputValue('[data-testid="facility-field-category"]')).toBe('familienzentrum');
    expect(await page.textContent('[data-testid="facility-form-location"]')).toContain('Sozialraum Gleichen');
    expect((await realFacilities(page)).length).toBe(facilities.length);
    await page.fill('[data-testid="facility-field-name"]', 'Familienzentrum Gleichen');
    await page.click('[data-testid="facility-form-save"]');
    await page.locator('[data-testid="facility-panel"]').waitFor();

    // Now it is real: it counts in the real state, and the scenario no longer holds it.
    await expect.poll(() => page.locator('[data-testid="coverage-hypothetical"]').count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid="coverage-delta-total"]').count()).toBe(0);
    await expect.poll(async () => (await headlineNumbers(page)).ohne).toBe(ohneBefore);
    expect(await coverageRow(page, 'gleichen').getAttribute('data-ohne-einrichtung')).toBe('false');
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
