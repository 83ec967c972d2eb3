// The territory atlas end to end, in real Chromium against the production build.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import { labelPoint } from '../../src/domain/geo/labelPoint';
import type { TerritoryFile } from '../../src/domain/territory/types';
import { driversFor, type AppDrivers } from './support/app';
import { colourDistance } from './support/atlas';
import { foreignRequests, launchBrowser, newPage } from './support/browser';
import { startAppServer } from './support/server';

const territory = (id: string): TerritoryFile =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../public/data/territory', `${id}.json`), 'utf8'));
const goettingen = territory('goettingen');
const germanInteger = (value: number) => new Intl.NumberFormat('de-DE').format(value);
const insideOf = (data: TerritoryFile, kind: 'sozialraeume' | 'ausserhalb', id: string) =>
  labelPoint(data[kind].features.find((f) => f.properties.id === id)!.geometry) as [number, number];

/**
 * A point inside the area where only the fill is drawn: away from its label point (where a
 * facility symbol may stand and the label may step aside from it by 1.6 em) and from its
 * borders. Of a grid over the area, the inside point farthest from the label point whose
 * surroundings (±0.015°, clear of the border lines) are inside too.
 */
function fillProbe(data: TerritoryFile, id: string): [number, number] {
  const feature = data.sozialraeume.features.find((f) => f.properties.id === id)!;
  const [lng, lat] = insideOf(data, 'sozialraeume', id);
  const coordinates = JSON.stringify(feature.geometry.coordinates).match(/-?\d+\.?\d*,-?\d+\.?\d*/g)!.map((pair) => pair.split(',').map(Number));
  const [west, east] = [Math.min(...coordinates.map((c) => c[0]!)), Math.max(...coordinates.map((c) => c[0]!))];
  const [south, north] = [Math.min(...coordinates.map((c) => c[1]!)), Math.max(...coordinates.map((c) => c[1]!))];
  let best: [number, number] | null = null;
  let bestDistance = 0;
  for (let i = 1; i < 24; i++) {
    for (let j = 1; j < 24; j++) {
      const candidate: [number, number] = [west + ((east - west) * i) / 24, south + ((north - south) * j) / 24];
      const around = [[0, 0], [0.015, 0], [-0.015, 0], [0, 0.015], [0, -0.015]].map(([dx, dy]) => [candidate[0] + dx!, candidate[1] + dy!]);
      if (!around.every((point) => booleanPointInPolygon(point, feature))) continue;
      const distance = Math.hypot((candidate[0] - lng) * Math.cos((lat * Math.PI) / 180), candidate[1] - lat);
      if (distance > bestDistance) [best, bestDistance] = [candidate, distance];
    }
  }
  if (!best) throw new Error(`no fill probe found for ${id}`);
  return best;
}

let browser: Browser;
let server: { url: string; close(): Promise<void> | void };
const pages: Page[] = [];

/** A fresh page with the atlas opened at `query`. */
async function openAtlas(query = ''): Promise<AppDrivers> {
  const page = await newPage(browser, server.url);
  pages.push(page);
  const app = driversFor(page);
  await app.atlas.open(server.url, query);
  return app;
}

/** A blank or single-colour canvas has a handful of colours; fills, outlines and labels give hundreds. */
function expectDrawnMap(stats: { distinctColours: number; nonBackgroundShare: number }): void {
  expect(stats.distinctColours).toBeGreaterThan(200);
  expect(stats.nonBackgroundShare).toBeGreaterThan(0.25);
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
  it('says at once that it is loading, before any script has arrived, and sends its scripts compressed', async () => {
    const page = await newPage(browser, server.url);
    pages.push(page);
    const { atlas } = driversFor(page);
    const { loadingText, scriptEncoding } = await atlas.openWhileScriptsAreSlow(server.url);
    expect(loadingText).toContain('Karte und Gebiete werden geladen');
    // route.fetch() asks like the browser did, so the server's precompressed variant comes back.
    expect(['br', 'gzip']).toContain(scriptEncoding);
    expect(await atlas.loadingStatesGone()).toBe(true);
    expect(await atlas.renderedSozialraumCount()).toBe(18);
  });

  it('renders Landkreis Göttingen with 18 Sozialräume and a map that is not blank', async () => {
    const { atlas } = await openAtlas();
    expect(await atlas.district()).toBe('goettingen');
    expect(await atlas.renderedSozialraumCount()).toBe(18);
    expect(await atlas.tableRowCount()).toBe(18);
    expectDrawnMap(await atlas.screenshotMap('goettingen-uebersicht.png'));
  });

  it('opens the panel with the right population when a Sozialraum is clicked on the map', async () => {
    const { atlas } = await openAtlas();
    const probe = fillProbe(goettingen, 'adelebsen');
    const before = await atlas.colourAt(probe);
    await atlas.clickAt(insideOf(goettingen, 'sozialraeume', 'adelebsen'));
    await atlas.waitForAreaPanel();
    // The selection is drawn in the highlight colour.
    expect(colourDistance(before, await atlas.colourAt(probe))).toBeGreaterThan(40);
    expect(await atlas.areaName()).toBe('Adelebsen');
    const expected = goettingen.sozialraeume.features.find((f) => f.properties.id === 'adelebsen')!.properties.einwohner;
    expect(await atlas.areaPopulation()).toBe(germanInteger(expected));
    // 6,186 is below the 10,000 threshold, so the validity note must show.
    expect(await atlas.isValidityNoteVisible()).toBe(true);
    expect(atlas.urlParameter('auswahl')).toBe('sozialraum:adelebsen');
    expect(await atlas.isRowSelected('adelebsen')).toBe('true');
  });

  it('selects a whole Sozialregion when the click level is switched', async () => {
    const { atlas } = await openAtlas();
    await atlas.clickWholeSozialregionen();
    await atlas.clickAt(insideOf(goettingen, 'sozialraeume', 'bovenden'));
    await atlas.waitForAreaPanel();
    expect(await atlas.areaName()).toBe('Sozialregion 2');
    const region = goettingen.sozialregionen.features.find((f) => f.properties.id === 'sozialregion-2')!.properties;
    expect(region.einwohner).toBe(6186 + 13981);
    expect(await atlas.areaPopulation()).toBe(germanInteger(region.einwohner));
  });

  it('shows Stadt Göttingen as outside the Sozialraum system', async () => {
    const { atlas } = await openAtlas();
    await atlas.clickAt(insideOf(goettingen, 'ausserhalb', 'stadt-goettingen'));
    await atlas.waitForAreaPanel();
    expect(await atlas.areaName()).toBe('Stadt Göttingen');
    expect(await atlas.areaPopulation()).toBe('124.548');
    expect(await atlas.areaPanelText()).toContain('außerhalb der Sozialräume');
  });

  it('switches to Potsdam-Mittelmark and shows its 19 Sozialräume', async () => {
    const { atlas } = await openAtlas();
    await atlas.selectDistrict('potsdam-mittelmark');
    expect(await atlas.renderedSozialraumCount()).toBe(19);
    expect(await atlas.tableRowCount()).toBe(19);
    expect(atlas.urlParameter('landkreis')).toBe('potsdam-mittelmark');
    expect(await atlas.kreisTotal()).toContain('218.536');
    expectDrawnMap(await atlas.screenshotMap('potsdam-mittelmark-uebersicht.png'));
  });

  it('restores district, selection and view from a deep link', async () => {
    const { atlas } = await openAtlas('?landkreis=potsdam-mittelmark&auswahl=sozialraum:amt-ziesar&karte=10.50/52.25000/12.30000');
    await atlas.waitForAreaPanel();
    expect(await atlas.areaName()).toBe('Amt Ziesar');
    expect(await atlas.isRowSelected('amt-ziesar')).toBe('true');
    const [zoom, lat, lng] = atlas.urlParameter('karte')!.split('/').map(Number);
    expect(zoom).toBeCloseTo(10.5, 1);
    expect(lat).toBeCloseTo(52.25, 3);
    expect(lng).toBeCloseTo(12.3, 3);
  });

  it('reports a broken link instead of failing, and keeps the rest', async () => {
    const { atlas } = await openAtlas('?landkreis=atlantis&auswahl=sozialraum:gibtsnicht');
    const notices = await atlas.notices();
    expect(notices).toContain('Unbekannter Landkreis „atlantis“');
    expect(notices).toContain('sozialraum:gibtsnicht');
    expect(await atlas.district()).toBe('goettingen');
    expect(await atlas.areaPanelCount()).toBe(0);
  });

  it('highlights on the map the Sozialraum the pointer is over in the table', async () => {
    const { atlas } = await openAtlas();
    const probe = fillProbe(goettingen, 'duderstadt');
    const before = await atlas.colourAt(probe);
    await atlas.hoverRow('duderstadt');
    expect(colourDistance(before, await atlas.colourAt(probe))).toBeGreaterThan(15);
    await atlas.movePointerAway();
    expect(colourDistance(before, await atlas.colourAt(probe))).toBeLessThan(3);
  });

  it('offers every Sozialraum by keyboard through the sortable table', async () => {
    const { atlas } = await openAtlas();
    await atlas.sortTableBy('einwohner');
    expect(await atlas.firstTableRowId()).toBe('hann-muenden');
    await atlas.chooseFirstRowByKeyboard();
    await atlas.waitForAreaPanel();
    expect(await atlas.areaName()).toBe('Hann. Münden');
    await atlas.pressKey('Escape');
    await atlas.waitForAreaPanelClosed();
  });

  it('made no request to any other host and loaded the local glyphs', async () => {
    const hostile = pages.flatMap((page) => foreignRequests(page));
    expect(hostile).toEqual([]);
    const page = await newPage(browser, server.url);
    pages.push(page);
    const glyphs: number[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/fonts/')) glyphs.push(response.status());
    });
    await driversFor(page).atlas.open(server.url);
    expect(glyphs.length).toBeGreaterThan(0);
    expect(glyphs.every((status) => status === 200)).toBe(true);
  });

  it('says so when the online background map cannot be reached, and shows the offline map again', async () => {
    // A page of its own: its requests to the tile service are blocked like without a connection.
    const page = await newPage(browser, server.url, { blockForeignRequests: true });
    const { atlas } = driversFor(page);
    await atlas.open(server.url);
    await atlas.chooseBasemap('osm');
    await atlas.waitForNotice('Die Hintergrundkarte „OpenStreetMap (online)“ ist nicht erreichbar');
    expect(await atlas.basemap()).toBe('keine');
    expect(foreignRequests(page).some((url) => url.includes('tile.openstreetmap.org'))).toBe(true);
    await atlas.waitForStillMap();
    expectDrawnMap(await atlas.screenshotMap('atlas-basemap-offline.png'));
    await page.context().close();
  });
});
