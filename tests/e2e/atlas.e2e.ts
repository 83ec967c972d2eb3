// The territory atlas end to end, in real Chromium against the production build.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import { labelPoint } from '../../src/domain/geo/labelPoint';
import type { TerritoryFile } from '../../src/domain/territory/types';
import { areaPanel, clickMapAt, colourAt, colourDistance, openAtlas, renderedSozialraumCount, screenshotMap, selectDistrict, tableRows } from './support/atlas';
import { foreignRequests, launchBrowser, newPage } from './support/browser';
import { startAppServer } from './support/server';

const territory = (id: string): TerritoryFile =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../public/data/territory', `${id}.json`), 'utf8'));
const goettingen = territory('goettingen');
const germanInteger = (value: number) => new Intl.NumberFormat('de-DE').format(value);
const insideOf = (data: TerritoryFile, kind: 'sozialraeume' | 'ausserhalb', id: string) =>
  labelPoint(data[kind].features.find((f) => f.properties.id === id)!.geometry) as [number, number];

/** A point inside the area but away from its label, where only the fill is drawn. */
function fillProbe(data: TerritoryFile, id: string): [number, number] {
  const feature = data.sozialraeume.features.find((f) => f.properties.id === id)!;
  const [lng, lat] = insideOf(data, 'sozialraeume', id);
  for (const [dx, dy] of [[0, -0.02], [0, 0.02], [-0.03, 0], [0.03, 0], [0, -0.012], [0, 0.012]] as const) {
    const candidate: [number, number] = [lng + dx, lat + dy];
    if (booleanPointInPolygon(candidate, feature) && booleanPointInPolygon([lng + dx * 1.5, lat + dy * 1.5], feature)) return candidate;
  }
  throw new Error(`no fill probe found for ${id}`);
}

let browser: Browser;
let server: { url: string; close(): Promise<void> | void };
const pages: Page[] = [];

async function freshPage(): Promise<Page> {
  const page = await newPage(browser, server.url);
  pages.push(page);
  return page;
}

beforeAll(async () => {
  server = await startAppServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('territory atlas', () => {
  it('renders Landkreis Göttingen with 18 Sozialräume and a map that is not blank', async () => {
    const page = await freshPage();
    await openAtlas(page, server.url);
    expect(await page.getAttribute('[data-testid="map"]', 'data-district')).toBe('goettingen');
    expect(await renderedSozialraumCount(page)).toBe(18);
    expect(await tableRows(page).count()).toBe(18);
    const stats = await screenshotMap(page, 'goettingen-uebersicht.png');
    // A blank or single-colour canvas has a handful of colours; fills, outlines and labels give hundreds.
    expect(stats.distinctColours).toBeGreaterThan(200);
    expect(stats.nonBackgroundShare).toBeGreaterThan(0.25);
  });

  it('opens the panel with the right population when a Sozialraum is clicked on the map', async () => {
    const page = await freshPage();
    await openAtlas(page, server.url);
    const probe = fillProbe(goettingen, 'adelebsen');
    const before = await colourAt(page, probe);
    await clickMapAt(page, insideOf(goettingen, 'sozialraeume', 'adelebsen'));
    const panel = areaPanel(page);
    await panel.waitFor();
    // The selection is drawn in the highlight colour.
    expect(colourDistance(before, await colourAt(page, probe))).toBeGreaterThan(40);
    expect(await page.textContent('[data-testid="area-panel-name"]')).toBe('Adelebsen');
    const expected = goettingen.sozialraeume.features.find((f) => f.properties.id === 'adelebsen')!.properties.einwohner;
    expect(await page.textContent('[data-testid="area-panel-population"]')).toBe(germanInteger(expected));
    // 6,186 is below the 10,000 threshold, so the validity note must show.
    expect(await page.locator('[data-testid="validity-note"]').isVisible()).toBe(true);
    expect(new URL(page.url()).searchParams.get('auswahl')).toBe('sozialraum:adelebsen');
    expect(await page.getAttribute('[data-testid="sozialraum-row"][data-id="adelebsen"]', 'aria-selected')).toBe('true');
  });

  it('selects a whole Sozialregion when the click level is switched', async () => {
    const page = await freshPage();
    await openAtlas(page, server.url);
    await page.check('[data-testid="click-level-sozialregion"]');
    await clickMapAt(page, insideOf(goettingen, 'sozialraeume', 'bovenden'));
    await areaPanel(page).waitFor();
    expect(await page.textContent('[data-testid="area-panel-name"]')).toBe('Sozialregion 2');
    const region = goettingen.sozialregionen.features.find((f) => f.properties.id === 'sozialregion-2')!.properties;
    expect(region.einwohner).toBe(6186 + 13981);
    expect(await page.textContent('[data-testid="area-panel-population"]')).toBe(germanInteger(region.einwohner));
  });

  it('shows Stadt Göttingen as outside the Sozialraum system', async () => {
    const page = await freshPage();
    await openAtlas(page, server.url);
    await clickMapAt(page, insideOf(goettingen, 'ausserhalb', 'stadt-goettingen'));
    await areaPanel(page).waitFor();
    expect(await page.textContent('[data-testid="area-panel-name"]')).toBe('Stadt Göttingen');
    expect(await page.textContent('[data-testid="area-panel-population"]')).toBe('124.548');
    expect(await areaPanel(page).textContent()).toContain('außerhalb der Sozialräume');
  });

  it('switches to Potsdam-Mittelmark and shows its 19 Sozialräume', async () => {
    const page = await freshPage();
    await openAtlas(page, server.url);
    await selectDistrict(page, 'potsdam-mittelmark');
    expect(await renderedSozialraumCount(page)).toBe(19);
    expect(await tableRows(page).count()).toBe(19);
    expect(new URL(page.url()).searchParams.get('landkreis')).toBe('potsdam-mittelmark');
    expect(await page.textContent('[data-testid="kreis-total"]')).toContain('218.536');
    await screenshotMap(page, 'potsdam-mittelmark-uebersicht.png');
  });

  it('restores district, selection and view from a deep link', async () => {
    const page = await freshPage();
    await openAtlas(page, server.url, '?landkreis=potsdam-mittelmark&auswahl=sozialraum:amt-ziesar&karte=10.50/52.25000/12.30000');
    await areaPanel(page).waitFor();
    expect(await page.textContent('[data-testid="area-panel-name"]')).toBe('Amt Ziesar');
    expect(await page.getAttribute('[data-testid="sozialraum-row"][data-id="amt-ziesar"]', 'aria-selected')).toBe('true');
    const karte = new URL(page.url()).searchParams.get('karte')!;
    const [zoom, lat, lng] = karte.split('/').map(Number);
    expect(zoom).toBeCloseTo(10.5, 1);
    expect(lat).toBeCloseTo(52.25, 3);
    expect(lng).toBeCloseTo(12.3, 3);
  });

  it('reports a broken link instead of failing, and keeps the rest', async () => {
    const page = await freshPage();
    await openAtlas(page, server.url, '?landkreis=atlantis&auswahl=sozialraum:gibtsnicht');
    const notices = await page.textContent('[data-testid="notices"]');
    expect(notices).toContain('Unbekannter Landkreis „atlantis“');
    expect(notices).toContain('sozialraum:gibtsnicht');
    expect(await page.getAttribute('[data-testid="map"]', 'data-district')).toBe('goettingen');
    expect(await areaPanel(page).count()).toBe(0);
  });

  it('highlights on the map the Sozialraum the pointer is over in the table', async () => {
    const page = await freshPage();
    await openAtlas(page, server.url);
    const probe = fillProbe(goettingen, 'duderstadt');
    const before = await colourAt(page, probe);
    await page.hover('[data-testid="sozialraum-row"][data-id="duderstadt"]');
    expect(colourDistance(before, await colourAt(page, probe))).toBeGreaterThan(15);
    await page.mouse.move(0, 0);
    expect(colourDistance(before, await colourAt(page, probe))).toBeLessThan(3);
  });

  it('offers every Sozialraum by keyboard through the sortable table', async () => {
    const page = await freshPage();
    await openAtlas(page, server.url);
    await page.click('[data-testid="sort-einwohner"]');
    const first = tableRows(page).first();
    expect(await first.getAttribute('data-id')).toBe('hann-muenden');
    await first.locator('button').focus();
    await page.keyboard.press('Enter');
    await areaPanel(page).waitFor();
    expect(await page.textContent('[data-testid="area-panel-name"]')).toBe('Hann. Münden');
    await page.keyboard.press('Escape');
    await areaPanel(page).waitFor({ state: 'detached' });
  });

  it('made no request to any other host and loaded the local glyphs', async () => {
    const hostile = pages.flatMap((page) => foreignRequests(page));
    expect(hostile).toEqual([]);
    const page = await freshPage();
    const glyphs: number[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/fonts/')) glyphs.push(response.status());
    });
    await openAtlas(page, server.url);
    expect(glyphs.length).toBeGreaterThan(0);
    expect(glyphs.every((status) => status === 200)).toBe(true);
  });
});
