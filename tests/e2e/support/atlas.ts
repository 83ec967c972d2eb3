/**
 * Driver for the territory atlas in end-to-end tests: the map and the Sozialräume tab. The other
 * drivers (./resources, ./coverage …) build on its map operations.
 *
 * Contract with the app (stable test hooks; change them only together with this file):
 *
 * - `[data-testid="map"]`: the map container (MapController's container element) with
 *   - `data-map-ready="true"` once the style, the territory layers and the first render are done
 *     (MapLibre `idle`). The app must set it to something else ("false") no later than it changes
 *     `data-district` when switching districts, so "ready" always refers to the current district.
 *   - `data-district="<district id>"`, e.g. `goettingen`
 *   - `data-mode`: the active map mode (`add-facility`, `place-hypothetical`), absent when browsing
 * - `[data-testid="district-select"]`: a `<select>` whose option values are district ids
 * - tabs `tab-sozialraeume`, `tab-ressourcen`, `tab-versorgung`
 * - `[data-testid="sozialraum-row"]`: one table row per area (with `data-id`, `aria-selected`),
 *   sort buttons `sort-<key>`, total row `kreis-total`, `click-level-sozialregion`
 * - `[data-testid="area-panel"]` with `[data-testid="area-panel-name"]`,
 *   `[data-testid="area-panel-population"]` (German formatting, e.g. "6.186") and `validity-note`
 * - `[data-testid="notices"]`: problems with the address (unknown district, selection …) and other
 *   notices (an online background map that cannot be reached)
 * - `[data-testid="basemap-select"]`: the background map (`keine`, `basemapde`, `osm`)
 * - `window.sozialraumatlas.project([lng, lat])` → `{ x, y }` in CSS pixels relative to the map
 *   container (MapLibre's `map.project`); `renderedSozialraumIds()`: the Sozialräume drawn.
 *
 * Pages come from `newPage()` in ./browser, the server from `startAppServer()` in ./server.
 */
import type { Locator, Page } from 'playwright-core';
import { nextFrames, screenshotStats, type Screenshot } from './browser';
import { decodePng, type Region } from './png';

const MAP = '[data-testid="map"]';
const READY_TIMEOUT = 30_000;

type LngLat = [number, number];
export type Tab = 'sozialraeume' | 'ressourcen' | 'versorgung' | 'kennzahlen';

interface AtlasTestApi {
  project(lngLat: LngLat): { x: number; y: number } | Promise<{ x: number; y: number }>;
}

/** "124.548" → 124548 (German thousands separators; also accepts narrow no-break spaces). */
export function parseGermanInteger(text: string): number {
  const digits = text.replace(/[.\s\u00a0\u202f]/g, '');
  if (!/^-?\d+$/.test(digits)) throw new Error(`Not a German integer: ${JSON.stringify(text)}`);
  return Number(digits);
}

/** Euclidean distance of two RGB colours (0 … 441). */
export function colourDistance(a: readonly [number, number, number], b: readonly [number, number, number]): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

export class AtlasDriver {
  constructor(readonly page: Page) {}

  get map(): Locator {
    return this.page.locator(MAP);
  }

  /** Opens the app at `baseUrl` + `query` (e.g. "?landkreis=goettingen") and waits for the map. */
  async open(baseUrl: string, query = ''): Promise<void> {
    await this.page.goto(new URL(query, baseUrl).href);
    await this.waitForMapReady();
  }

  /**
   * Opens the app while its scripts are held back, as on a slow line, and returns what the page
   * shows meanwhile (the loading state) and how the main script came (its Content-Encoding);
   * then lets the scripts through and waits for the map.
   */
  async openWhileScriptsAreSlow(baseUrl: string): Promise<{ loadingText: string | null; scriptEncoding: string | null }> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let scriptEncoding: string | null = null;
    await this.page.route('**/assets/index-*.js', async (route) => {
      await held;
      const response = await route.fetch();
      scriptEncoding = response.headers()['content-encoding'] ?? null;
      await route.fulfill({ response });
    });
    await this.page.goto(baseUrl, { waitUntil: 'commit' });
    const loading = this.page.locator('[data-testid="app-loading"]');
    await loading.waitFor({ state: 'visible', timeout: 5_000 });
    const loadingText = await loading.textContent();
    release();
    await this.waitForMapReady();
    await this.page.unroute('**/assets/index-*.js');
    return { loadingText, scriptEncoding };
  }

  /** Waits until the app's loading states (the page's and the map's) are gone; false if they stay. */
  async loadingStatesGone(timeout = 5_000): Promise<boolean> {
    try {
      await this.page.locator('[data-testid="app-loading"], [data-testid="map-loading"]').first().waitFor({ state: 'detached', timeout });
      return true;
    } catch {
      return false;
    }
  }

  /** Waits until the map reports `data-map-ready="true"` (and, if given, shows `district`). */
  async waitForMapReady(district?: string, timeout = READY_TIMEOUT): Promise<void> {
    try {
      await this.page.waitForFunction(
        ({ selector, district }) => {
          const map = document.querySelector(selector);
          if (!map || map.getAttribute('data-map-ready') !== 'true') return false;
          return district === null || map.getAttribute('data-district') === district;
        },
        { selector: MAP, district: district ?? null },
        { timeout, polling: 100 },
      );
    } catch (error) {
      const state = await this.page
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

  /**
   * Waits until the map stands still: a fixed place projects to the same pixel on every
   * animation frame for `quietMs` (a fit or fly that is about to start shows up within a few
   * frames, so a short quiet spell means the movement is over).
   */
  async waitForStillMap(probe: LngLat = [10, 51.6], quietMs = 200, timeout = 10_000): Promise<void> {
    await this.page.evaluate(
      ({ probe, quietMs, timeout }) =>
        new Promise<void>((resolve, reject) => {
          const started = performance.now();
          let last = '';
          let since = started;
          const check = (now: number) => {
            const position = JSON.stringify(window.sozialraumatlas?.project(probe) ?? null);
            if (position !== last) {
              last = position;
              since = now;
            } else if (now - since >= quietMs) {
              resolve();
              return;
            }
            if (now - started > timeout) reject(new Error(`the map kept moving for ${timeout} ms`));
            else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        }),
      { probe, quietMs, timeout },
    );
  }

  /** Which district the map shows (`data-district`). */
  district(): Promise<string | null> {
    return this.map.getAttribute('data-district');
  }

  /** The active map mode (`data-mode`), null while browsing. */
  mode(): Promise<string | null> {
    return this.map.getAttribute('data-mode');
  }

  /** Waits until the map is in the given mode. */
  async waitForMode(mode: string): Promise<void> {
    await this.page.locator(`${MAP}[data-mode="${mode}"]`).waitFor();
  }

  /**
   * The number of Sozialräume the map has drawn in its viewport (asked of the map's test handle:
   * a query of every drawn feature is too dear to run at each idle for an attribute).
   */
  async renderedSozialraumCount(): Promise<number> {
    const count = await this.page.evaluate(() => window.sozialraumatlas?.renderedSozialraumIds().length ?? null);
    if (count === null) throw new Error('window.sozialraumatlas fehlt: die Karte ist nicht erstellt.');
    return count;
  }

  /** Switches the district with the header's select and waits until the map shows it. */
  async selectDistrict(id: string): Promise<void> {
    await this.page.selectOption('[data-testid="district-select"]', id);
    await this.waitForMapReady(id);
  }

  async openTab(tab: Tab): Promise<void> {
    await this.page.click(`[data-testid="tab-${tab}"]`);
  }

  /** A parameter of the current address (landkreis, auswahl, karte). */
  urlParameter(name: string): string | null {
    return new URL(this.page.url()).searchParams.get(name);
  }

  async notices(): Promise<string | null> {
    return this.page.textContent('[data-testid="notices"]');
  }

  /** The notices shown now, without waiting for one. */
  async noticeTexts(): Promise<string[]> {
    return this.page.locator('[data-testid="notices"] .notice').allInnerTexts();
  }

  /** Waits until a notice containing `text` is shown. */
  async waitForNotice(text: string, timeout = 20_000): Promise<void> {
    await this.page.locator('[data-testid="notices"] .notice', { hasText: text }).waitFor({ timeout });
  }

  /** Chooses the background map in the layer panel. */
  async chooseBasemap(id: 'keine' | 'basemapde' | 'osm'): Promise<void> {
    await this.page.selectOption('[data-testid="basemap-select"]', id);
  }

  /** The background map chosen in the layer panel now. */
  async basemap(): Promise<string> {
    return this.page.inputValue('[data-testid="basemap-select"]');
  }

  // --- the map ---------------------------------------------------------------------------------

  /** Pixel position of a geographic position inside the map element; throws when off-screen. */
  async mapPoint(lngLat: LngLat): Promise<{ x: number; y: number }> {
    const point = await this.page.evaluate((position) => {
      const api = (window as unknown as { sozialraumatlas?: AtlasTestApi }).sozialraumatlas;
      if (!api || typeof api.project !== 'function') throw new Error('window.sozialraumatlas.project is missing');
      return api.project(position);
    }, lngLat);
    const box = await this.map.boundingBox();
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
  async clickAt(lngLat: LngLat): Promise<void> {
    await this.map.click({ position: await this.mapPoint(lngLat) });
  }

  /** Presses the mouse button over a geographic position (the start of a drag by hand). */
  async pressAt(lngLat: LngLat): Promise<void> {
    const box = (await this.map.boundingBox())!;
    const point = await this.mapPoint(lngLat);
    await this.page.mouse.move(box.x + point.x, box.y + point.y);
    await this.page.mouse.down();
  }

  /** Moves the mouse from one geographic position to another in small steps, like a person. */
  async moveMouse(from: LngLat, to: LngLat, steps = 12): Promise<void> {
    const box = (await this.map.boundingBox())!;
    const start = await this.mapPoint(from);
    const end = await this.mapPoint(to);
    for (let i = 1; i <= steps; i++) {
      await this.page.mouse.move(box.x + start.x + ((end.x - start.x) * i) / steps, box.y + start.y + ((end.y - start.y) * i) / steps);
    }
  }

  async releaseMouse(): Promise<void> {
    await this.page.mouse.up();
  }

  /** Drags with the mouse from one geographic position to another. */
  async drag(from: LngLat, to: LngLat, steps = 12): Promise<void> {
    await this.pressAt(from);
    await this.moveMouse(from, to, steps);
    await this.releaseMouse();
  }

  /**
   * Mean colour [r, g, b] of the 5×5 pixels the map draws around a geographic position, after
   * two animation frames so that a just-changed feature state is on screen.
   */
  async colourAt(lngLat: LngLat): Promise<[number, number, number]> {
    const point = await this.mapPoint(lngLat);
    await nextFrames(this.page);
    const box = (await this.map.boundingBox())!;
    const png = decodePng(
      await this.page.screenshot({ clip: { x: box.x + point.x - 2, y: box.y + point.y - 2, width: 5, height: 5 } }),
    );
    const sum = [0, 0, 0];
    const channels = png.data.length / (png.width * png.height);
    for (let i = 0; i < png.width * png.height; i++) {
      for (let c = 0; c < 3; c++) sum[c]! += png.data[i * channels + c]!;
    }
    return sum.map((value) => value / (png.width * png.height)) as [number, number, number];
  }

  /** How far (RGB distance) the map's colour at a place is from the given colour. */
  async colourDistanceAt(lngLat: LngLat, colour: readonly [number, number, number]): Promise<number> {
    return colourDistance(await this.colourAt(lngLat), colour);
  }

  /**
   * The square of `size` CSS pixels around a geographic position, in the coordinates of a map
   * screenshot (clipped to the map), e.g. to look for a symbol drawn there.
   */
  async regionAround(lngLat: LngLat, size = 40): Promise<Region> {
    const point = await this.mapPoint(lngLat);
    const box = (await this.map.boundingBox())!;
    const x = Math.max(0, Math.round(point.x - size / 2));
    const y = Math.max(0, Math.round(point.y - size / 2));
    return { x, y, width: Math.min(size, Math.floor(box.width) - x), height: Math.min(size, Math.floor(box.height) - y) };
  }

  /** Screenshots the map element into test-results/<file> with its pixel statistics. */
  async screenshotMap(file: string): Promise<Screenshot> {
    return screenshotStats(this.map, file);
  }

  /** Focuses the map itself (not a text field), e.g. for keyboard shortcuts. */
  async focusMap(): Promise<void> {
    await this.page.locator(`${MAP} canvas`).focus();
  }

  // --- the Sozialräume table --------------------------------------------------------------------

  tableRows(): Locator {
    return this.page.locator('[data-testid="sozialraum-row"]');
  }

  async tableRowCount(): Promise<number> {
    return this.tableRows().count();
  }

  async firstTableRowId(): Promise<string | null> {
    return this.tableRows().first().getAttribute('data-id');
  }

  /** `aria-selected` of the table row of an area. */
  async isRowSelected(id: string): Promise<string | null> {
    return this.page.getAttribute(`[data-testid="sozialraum-row"][data-id="${id}"]`, 'aria-selected');
  }

  async hoverRow(id: string): Promise<void> {
    await this.page.hover(`[data-testid="sozialraum-row"][data-id="${id}"]`);
  }

  /** Moves the pointer off the table and the map. */
  async movePointerAway(): Promise<void> {
    await this.page.mouse.move(0, 0);
  }

  async sortTableBy(key: string): Promise<void> {
    await this.page.click(`[data-testid="sort-${key}"]`);
  }

  /** Chooses the first row of the table by keyboard: focus its button, press Enter. */
  async chooseFirstRowByKeyboard(): Promise<void> {
    await this.tableRows().first().locator('button').focus();
    await this.page.keyboard.press('Enter');
  }

  async kreisTotal(): Promise<string | null> {
    return this.page.textContent('[data-testid="kreis-total"]');
  }

  /** Map clicks select whole Sozialregionen from now on. */
  async clickWholeSozialregionen(): Promise<void> {
    await this.page.check('[data-testid="click-level-sozialregion"]');
  }

  // --- the area panel -----------------------------------------------------------------------------

  areaPanel(): Locator {
    return this.page.locator('[data-testid="area-panel"]');
  }

  /** Selects an area by its button in the Sozialräume table. */
  async selectTableRow(id: string): Promise<void> {
    await this.page.click(`[data-testid="sozialraum-row"][data-id="${id}"] button`);
  }

  async waitForAreaPanel(): Promise<void> {
    await this.areaPanel().waitFor();
  }

  async waitForAreaPanelClosed(): Promise<void> {
    await this.areaPanel().waitFor({ state: 'detached' });
  }

  async areaPanelCount(): Promise<number> {
    return this.areaPanel().count();
  }

  async areaPanelText(): Promise<string | null> {
    return this.areaPanel().textContent();
  }

  async areaName(): Promise<string | null> {
    return this.page.textContent('[data-testid="area-panel-name"]');
  }

  async areaPopulation(): Promise<string | null> {
    return this.page.textContent('[data-testid="area-panel-population"]');
  }

  async isValidityNoteVisible(): Promise<boolean> {
    return this.page.locator('[data-testid="validity-note"]').isVisible();
  }

  async pressKey(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }
}
