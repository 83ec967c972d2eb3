/**
 * Driver for the Sozialraumatlas app in end-to-end tests.
 *
 * Contract with the app (stable test hooks; change them only together with this file):
 *
 * - `[data-testid="map"]`: the map container (MapController's container element) with
 *   - `data-map-ready="true"` once the style, the territory layers and the first render are done
 *     (MapLibre `idle`). The app must set it to something else ("false") no later than it changes
 *     `data-district` when switching districts, so "ready" always refers to the current district.
 *   - `data-district="<district id>"`, e.g. `goettingen`
 *   - `data-rendered-sozialraeume="<n>"`: number of Sozialräume drawn on the map
 * - `[data-testid="district-select"]`: a `<select>` whose option values are district ids
 * - `[data-testid="sozialraum-row"]`: one table row per area (with `data-id`)
 * - `[data-testid="area-panel"]` with `[data-testid="area-panel-name"]` and
 *   `[data-testid="area-panel-population"]` (German formatting, e.g. "6.186")
 * - `window.sozialraumatlas.project([lng, lat])` → `{ x, y }` in CSS pixels relative to the map
 *   container (MapLibre's `map.project`).
 *
 * Pages come from `newPage()` in ./browser, the server from `startAppServer()` in ./server.
 */
import type { Locator, Page } from 'playwright-core';
import { screenshotStats } from './browser';
import { decodePng, type PixelStats } from './png';

const MAP = '[data-testid="map"]';
const READY_TIMEOUT = 30_000;

interface AtlasTestApi {
  project(lngLat: [number, number]): { x: number; y: number } | Promise<{ x: number; y: number }>;
}

/** Waits until the map reports `data-map-ready="true"` (and, if given, shows `district`). */
export async function waitForMapReady(page: Page, district?: string, timeout = READY_TIMEOUT): Promise<void> {
  try {
    await page.waitForFunction(
      ({ selector, district }) => {
        const map = document.querySelector(selector);
        if (!map || map.getAttribute('data-map-ready') !== 'true') return false;
        return district === null || map.getAttribute('data-district') === district;
      },
      { selector: MAP, district: district ?? null },
      { timeout, polling: 100 },
    );
  } catch (error) {
    const state = await page
      .evaluate((selector) => {
        const map = document.querySelector(selector);
        return map
          ? `data-map-ready=${map.getAttribute('data-map-ready')}, data-district=${map.getAttribute('data-district')}`
          : 'no map element';
      }, MAP)
      .catch(() => 'page not reachable');
    throw new Error(
      `Map not ready${district ? ` for district "${district}"` : ''} within ${timeout} ms (${state}).\n${String(error)}`,
    );
  }
}

/** Opens the app at `baseUrl` + `query` (e.g. "?landkreis=goettingen") and waits for the map. */
export async function openAtlas(page: Page, baseUrl: string, query = ''): Promise<void> {
  await page.goto(new URL(query, baseUrl).href);
  await waitForMapReady(page);
}

/** The number of Sozialräume the map says it has drawn. */
export async function renderedSozialraumCount(page: Page): Promise<number> {
  const value = await page.getAttribute(MAP, 'data-rendered-sozialraeume');
  if (value === null || value.trim() === '' || Number.isNaN(Number(value))) {
    throw new Error(`[data-testid="map"] has no numeric data-rendered-sozialraeume (got ${JSON.stringify(value)})`);
  }
  return Number(value);
}

export function tableRows(page: Page): Locator {
  return page.locator('[data-testid="sozialraum-row"]');
}

/** Switches the district with the header's select and waits until the map shows it. */
export async function selectDistrict(page: Page, id: string): Promise<void> {
  await page.selectOption('[data-testid="district-select"]', id);
  await waitForMapReady(page, id);
}

/** Pixel position of a geographic position inside the map element; throws when off-screen. */
export async function mapPoint(page: Page, lngLat: [number, number]): Promise<{ x: number; y: number }> {
  const point = await page.evaluate((position) => {
    const api = (window as unknown as { sozialraumatlas?: AtlasTestApi }).sozialraumatlas;
    if (!api || typeof api.project !== 'function') throw new Error('window.sozialraumatlas.project is missing');
    return api.project(position);
  }, lngLat);
  const map = page.locator(MAP);
  const box = await map.boundingBox();
  if (!box) throw new Error('[data-testid="map"] is not visible');
  if (!(point.x >= 0 && point.y >= 0 && point.x < box.width && point.y < box.height)) {
    throw new Error(
      `[${lngLat.join(', ')}] projects to (${point.x.toFixed(1)}, ${point.y.toFixed(1)}), ` +
        `outside the ${box.width}×${box.height} map`,
    );
  }
  return point;
}

/** Clicks the map at a geographic position ([lng, lat], WGS84). */
export async function clickMapAt(page: Page, lngLat: [number, number]): Promise<void> {
  const point = await mapPoint(page, lngLat);
  await page.locator(MAP).click({ position: { x: point.x, y: point.y } });
}

/**
 * Mean colour [r, g, b] of the 5×5 pixels the map draws around a geographic position, after
 * two animation frames so that a just-changed feature state is on screen.
 */
export async function colourAt(page: Page, lngLat: [number, number]): Promise<[number, number, number]> {
  const point = await mapPoint(page, lngLat);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const box = (await page.locator(MAP).boundingBox())!;
  const png = decodePng(
    await page.screenshot({ clip: { x: box.x + point.x - 2, y: box.y + point.y - 2, width: 5, height: 5 } }),
  );
  const sum = [0, 0, 0];
  const channels = png.data.length / (png.width * png.height);
  for (let i = 0; i < png.width * png.height; i++) {
    for (let c = 0; c < 3; c++) sum[c]! += png.data[i * channels + c]!;
  }
  return sum.map((value) => value / (png.width * png.height)) as [number, number, number];
}

/** Euclidean distance of two RGB colours (0 … 441). */
export function colourDistance(a: [number, number, number], b: [number, number, number]): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

export function areaPanel(page: Page): Locator {
  return page.locator('[data-testid="area-panel"]');
}

export function areaPanelName(page: Page): Locator {
  return page.locator('[data-testid="area-panel-name"]');
}

export function areaPanelPopulation(page: Page): Locator {
  return page.locator('[data-testid="area-panel-population"]');
}

/** "124.548" → 124548 (German thousands separators; also accepts narrow no-break spaces). */
export function parseGermanInteger(text: string): number {
  const digits = text.replace(/[.\s\u00a0\u202f]/g, '');
  if (!/^-?\d+$/.test(digits)) throw new Error(`Not a German integer: ${JSON.stringify(text)}`);
  return Number(digits);
}

/**
 * Screenshots the map element into test-results/<file> and returns pixel statistics
 * (see pixelStats in ./png: distinctColours, nonBackgroundShare against the most frequent colour).
 */
export async function screenshotMap(page: Page, file: string): Promise<PixelStats & { path: string }> {
  return screenshotStats(page.locator(MAP), file);
}
