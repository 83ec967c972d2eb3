/**
 * Driver for the coverage analysis (Versorgung tab, Kreistag view) in end-to-end tests, on top of
 * ./atlas.
 *
 * Contract with the app (stable test hooks):
 * - sidebar tab `tab-versorgung`; panel `coverage-panel` (`data-ready="true"` once a result is shown,
 *   `data-empty="true"` when nothing of the category is recorded: `coverage-empty` instead of figures)
 * - controls `coverage-category` (select of category ids), `coverage-radius` (number, km),
 *   `coverage-radius-slider`; `coverage-surface` (`data-kind`: zensus-gitter | ersatzflaeche)
 * - `coverage-headline` with `data-ohne`, `data-sozialraeume`, `data-unversorgt`, `data-live`, the line
 *   `coverage-headline-residents`, `coverage-tally` (what counts), `coverage-stand` (the facilities' Stand);
 *   `coverage-delta-total` (`data-delta`) while a scenario is active
 * - table `coverage-table` (`data-live`), rows `coverage-row` (`data-id`, `data-kind`, `data-delta`,
 *   `data-ohne-einrichtung`) with cells `coverage-cell-<column>`, total `coverage-total`, level
 *   `coverage-level-{sozialraum,sozialregion}`, `coverage-export-csv`, sort buttons `coverage-sort-<key>`
 * - scenario: `coverage-place` (then a click on the map; map `data-mode="place-hypothetical"`),
 *   `coverage-hypothetical` items (`data-id`), `coverage-make-real`, `coverage-remove`,
 *   `coverage-reset`, `coverage-selected-facility` with `coverage-switch-off`,
 *   `coverage-switched-off-list`
 * - suggestions: `coverage-best-count`, `coverage-best-run`, `coverage-suggestions` (`data-count`),
 *   `coverage-suggestion`, `coverage-suggestion-take`
 * - map container: `data-coverage="aktiv"` (`"leer"` for an empty category), `data-coverage-gap-squares` (squares sent),
 *   `data-rendered-gap-squares` (squares drawn in the view, after `idle`),
 *   `data-coverage-hypothetical`, `data-coverage-suggestions`
 * - Kreistag view: `coverage-presentation-open`, `coverage-presentation`, `presentation-map`
 *   (`data-map-ready`), `presentation-title`, `presentation-figure-*`, `presentation-figure-note`,
 *   `presentation-empty`, `presentation-symbol-legend`, `presentation-context-legend`, `presentation-sources`,
 *   `presentation-png`, `presentation-print`, the printed picture `.presentation-print img`;
 *   `window.sozialraumatlasPresentation.project([lng, lat])`, `.renderedGapSquareIds()`, `.placedLabels()` and
 *   `.renderedLabelIds()`
 */
import type { Download, Locator, Page } from 'playwright-core';
import type { AtlasDriver } from './atlas';
import { screenshotStats, type Screenshot } from './browser';

type LngLat = [number, number];
const MAP = '[data-testid="map"]';

export interface HeadlineNumbers {
  ohne: number;
  sozialraeume: number;
  unversorgt: number;
  live: boolean;
}

export class CoverageDriver {
  constructor(
    readonly page: Page,
    private readonly atlas: AtlasDriver,
  ) {}

  /** Opens the Versorgung tab and waits for the first result, with the map standing still. */
  async open(): Promise<void> {
    await this.atlas.openTab('versorgung');
    await this.waitForResult();
  }

  /** Waits for a result on the tab (figures, or the empty finding) and on the map, the map standing still. */
  async waitForResult(): Promise<void> {
    await this.page.locator('[data-testid="coverage-panel"][data-ready="true"]').waitFor({ timeout: 30_000 });
    await this.page.locator(`${MAP}[data-coverage]`).waitFor({ timeout: 30_000 });
    // Opening the tab widens the sidebar and fits the district again.
    await this.atlas.waitForStillMap();
  }

  /** Waits until the panel shows the empty finding of the chosen category. */
  async waitForEmpty(): Promise<void> {
    await this.page.locator('[data-testid="coverage-panel"][data-empty="true"]').waitFor({ timeout: 30_000 });
    await this.page.locator(`${MAP}[data-coverage="leer"]`).waitFor({ timeout: 30_000 });
    await this.atlas.waitForStillMap();
  }

  /** Waits until the figures stand still: no drag running, table and headline recomputed with distances. */
  async waitForSettled(): Promise<void> {
    await this.page.locator('[data-testid="coverage-headline"][data-live="false"]').waitFor({ timeout: 30_000 });
    await this.page.locator('[data-testid="coverage-table"][data-live="false"]').waitFor({ timeout: 30_000 });
  }

  async screenshotPanel(file: string): Promise<Screenshot> {
    return screenshotStats(this.page.locator('[data-testid="coverage-panel"]'), file);
  }

  /** `data-empty` of the panel: "true" when nothing of the category is recorded. */
  async isEmpty(): Promise<boolean> {
    return (await this.page.getAttribute('[data-testid="coverage-panel"]', 'data-empty')) === 'true';
  }

  /** The empty finding's text, null when there are figures. */
  async emptyText(): Promise<string | null> {
    const empty = this.page.locator('[data-testid="coverage-empty"]');
    return (await empty.count()) > 0 ? empty.innerText() : null;
  }

  /** How many headlines are shown (0 for an empty category). */
  async headlineCount(): Promise<number> {
    return this.page.locator('[data-testid="coverage-headline"]').count();
  }

  /** The line on residents: „ca. N von 201.151 Einwohnern der 18 Sozialräume …“. */
  async residentsLine(): Promise<string> {
    return this.page.locator('[data-testid="coverage-headline-residents"]').innerText();
  }

  /** What counts and what does not, and the facilities' Stand, under the headline. */
  async facts(): Promise<{ tally: string; stand: string }> {
    return {
      tally: await this.page.locator('[data-testid="coverage-tally"]').innerText(),
      stand: await this.page.locator('[data-testid="coverage-stand"]').innerText(),
    };
  }

  async chooseCategory(id: string): Promise<void> {
    await this.page.selectOption('[data-testid="coverage-category"]', id);
  }

  /** Whether the Kreistag view can be opened (not for an empty category). */
  async presentationOffered(): Promise<boolean> {
    return (await this.page.locator('[data-testid="coverage-presentation-open"]').count()) > 0;
  }

  /** Whether the map shows the analysis (`data-coverage`), null when not. */
  async shownOnMap(): Promise<string | null> {
    return this.atlas.map.getAttribute('data-coverage');
  }

  async category(): Promise<string> {
    return this.page.inputValue('[data-testid="coverage-category"]');
  }

  /** Types a reach into the number field and confirms it with Enter. */
  async setRadius(km: number): Promise<void> {
    await this.page.fill('[data-testid="coverage-radius"]', String(km));
    await this.page.press('[data-testid="coverage-radius"]', 'Enter');
    await this.page.waitForFunction((value) => document.querySelector<HTMLInputElement>('[data-testid="coverage-radius"]')?.value === value, String(km));
  }

  async radius(): Promise<string> {
    return this.page.inputValue('[data-testid="coverage-radius"]');
  }

  /** Which population surface the analysis uses: zensus-gitter | ersatzflaeche. */
  async surfaceKind(): Promise<string | null> {
    return this.page.getAttribute('[data-testid="coverage-surface"]', 'data-kind');
  }

  async headlineNumbers(): Promise<HeadlineNumbers> {
    const headline = this.page.locator('[data-testid="coverage-headline"]');
    return {
      ohne: Number(await headline.getAttribute('data-ohne')),
      sozialraeume: Number(await headline.getAttribute('data-sozialraeume')),
      unversorgt: Number(await headline.getAttribute('data-unversorgt')),
      live: (await headline.getAttribute('data-live')) === 'true',
    };
  }

  async headline(): Promise<string | null> {
    return this.page.textContent('[data-testid="coverage-headline"]');
  }

  // --- the table ----------------------------------------------------------------------------------

  rows(): Locator {
    return this.page.locator('[data-testid="coverage-row"]');
  }

  async rowCount(): Promise<number> {
    return this.rows().count();
  }

  row(id: string): Locator {
    return this.page.locator(`[data-testid="coverage-row"][data-id="${id}"]`);
  }

  /** The text of one cell of an area's row (column: unversorgt, delta …). */
  async cell(id: string, column: string): Promise<string> {
    return this.row(id).locator(`[data-testid="coverage-cell-${column}"]`).innerText();
  }

  async rowDelta(id: string): Promise<number> {
    return Number(await this.row(id).getAttribute('data-delta'));
  }

  /** `data-ohne-einrichtung` of an area's row: "true" when no facility reaches anyone there. */
  async rowWithoutFacility(id: string): Promise<string | null> {
    return this.row(id).getAttribute('data-ohne-einrichtung');
  }

  async firstRowId(): Promise<string | null> {
    return this.rows().first().getAttribute('data-id');
  }

  async total(): Promise<string> {
    return this.page.locator('[data-testid="coverage-total"]').innerText();
  }

  async showLevel(level: 'sozialraum' | 'sozialregion'): Promise<void> {
    await this.page.click(`[data-testid="coverage-level-${level}"]`);
  }

  async sortBy(key: string): Promise<void> {
    await this.page.click(`[data-testid="coverage-sort-${key}"]`);
  }

  /** `data-live` of the table: "true" while the numbers are estimated during a drag. */
  async tableLive(): Promise<string | null> {
    return this.page.getAttribute('[data-testid="coverage-table"]', 'data-live');
  }

  async exportCsv(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.click('[data-testid="coverage-export-csv"]')]);
    return download;
  }

  // --- the map ----------------------------------------------------------------------------------

  /** Gap squares drawn in the current view, as the map last reported after `idle` (-1: none reported). */
  async renderedGapSquares(): Promise<number> {
    const value = await this.atlas.map.getAttribute('data-rendered-gap-squares');
    return value === null ? -1 : Number(value);
  }

  async suggestionsOnMap(): Promise<string | null> {
    return this.atlas.map.getAttribute('data-coverage-suggestions');
  }

  // --- the scenario -------------------------------------------------------------------------------

  /** Places a hypothetical facility with the button and a click on the map. */
  async placeHypotheticalAt(lngLat: LngLat): Promise<void> {
    const before = Number((await this.atlas.map.getAttribute('data-coverage-hypothetical')) ?? '0');
    await this.page.click('[data-testid="coverage-place"]');
    await this.atlas.waitForMode('place-hypothetical');
    await this.atlas.clickAt(lngLat);
    await this.page.waitForFunction(
      ({ selector, count }) => Number(document.querySelector(selector)?.getAttribute('data-coverage-hypothetical') ?? '0') > count,
      { selector: MAP, count: before },
      { polling: 50, timeout: 10_000 },
    );
    await this.page.locator('[data-testid="coverage-hypothetical"]').first().waitFor();
  }

  async hypotheticalCount(): Promise<number> {
    return this.page.locator('[data-testid="coverage-hypothetical"]').count();
  }

  /** 1 while the scenario changes anything (the total's delta is shown), else 0. */
  async deltaTotalCount(): Promise<number> {
    return this.page.locator('[data-testid="coverage-delta-total"]').count();
  }

  /** Clicks a real facility on the map and switches it off in the scenario. */
  async switchOffFacilityAt(lngLat: LngLat): Promise<void> {
    await this.atlas.clickAt(lngLat);
    await this.page.locator('[data-testid="coverage-selected-facility"]').waitFor();
    await this.page.click('[data-testid="coverage-switch-off"]');
  }

  async waitForSwitchedOffList(): Promise<void> {
    await this.page.locator('[data-testid="coverage-switched-off-list"]').waitFor();
  }

  /** Asks for the best sites for `count` more facilities. */
  async findBestSites(count: number): Promise<void> {
    await this.page.selectOption('[data-testid="coverage-best-count"]', String(count));
    await this.page.click('[data-testid="coverage-best-run"]');
  }

  /** `data-count` of the suggestion list (null while there is none). */
  async suggestionCount(): Promise<string | null> {
    return this.page.getAttribute('[data-testid="coverage-suggestions"]', 'data-count');
  }

  async suggestion(): Promise<string> {
    return this.page.locator('[data-testid="coverage-suggestion"]').innerText();
  }

  async takeSuggestion(): Promise<void> {
    await this.page.click('[data-testid="coverage-suggestion-take"]');
  }

  async resetScenario(): Promise<void> {
    await this.page.click('[data-testid="coverage-reset"]');
  }

  /** Whether „Als echte Einrichtung anlegen“ is offered (0 or 1). */
  async makeRealCount(): Promise<number> {
    return this.page.locator('[data-testid="coverage-make-real"]').count();
  }

  /** „Als echte Einrichtung anlegen“: the facility form opens. */
  async makeReal(): Promise<void> {
    await this.page.click('[data-testid="coverage-make-real"]');
  }
}

/** The Kreistag view: a quiet map of the gaps with the headline figures, as PNG or print. */
export class PresentationDriver {
  constructor(readonly page: Page) {}

  get map(): Locator {
    return this.page.locator('[data-testid="presentation-map"]');
  }

  /** Opens it from the Versorgung tab and waits until its map has drawn everything. */
  async open(): Promise<void> {
    await this.page.click('[data-testid="coverage-presentation-open"]');
    await this.page.locator('[data-testid="presentation-map"][data-map-ready="true"]').waitFor({ timeout: 30_000 });
  }

  async title(): Promise<string | null> {
    return this.page.textContent('[data-testid="presentation-title"]');
  }

  /** Chooses another category in the view and waits until its map has drawn it. */
  async chooseCategory(id: string): Promise<void> {
    await this.page.selectOption('[data-testid="presentation-category"]', id);
    await this.page.locator('[data-testid="presentation-map"][data-map-ready="true"]').waitFor({ timeout: 30_000 });
  }

  async figure(name: 'ohne' | 'unversorgt' | 'versorgt' | 'note'): Promise<string | null> {
    return this.page.textContent(`[data-testid="presentation-figure-${name}"]`);
  }

  /** The number in bold of a figure. */
  async figureNumber(name: 'ohne' | 'unversorgt' | 'versorgt'): Promise<string> {
    return (await this.page.locator(`[data-testid="presentation-figure-${name}"] strong`).innerText()).trim();
  }

  async sources(): Promise<string | null> {
    return this.page.textContent('[data-testid="presentation-sources"]');
  }

  async subtitle(): Promise<string | null> {
    return this.page.textContent('.presentation-subtitle');
  }

  /** The legend's entries: symbols and the greyed areas outside the planning area. */
  async legend(): Promise<{ symbols: string[]; context: string[] }> {
    const items = (testId: string) => this.page.locator(`[data-testid="${testId}"] li .legend-label`).allInnerTexts();
    return { symbols: await items('presentation-symbol-legend'), context: await items('presentation-context-legend') };
  }

  /** Whether „Als PNG speichern“ can be used (not for an empty finding). */
  async pngEnabled(): Promise<boolean> {
    return this.page.locator('[data-testid="presentation-png"]').isEnabled();
  }

  async emptyText(): Promise<string | null> {
    const empty = this.page.locator('[data-testid="presentation-empty"]');
    return (await empty.count()) > 0 ? empty.innerText() : null;
  }

  /** Ids ("x_y" in EPSG:3035) of the gap squares the Kreistag map draws. */
  async renderedGapSquareIds(): Promise<string[]> {
    return this.page.evaluate(() => window.sozialraumatlasPresentation?.renderedGapSquareIds() ?? []);
  }

  /** The area names of the Kreistag map as placed: id, text, how, and the text box in CSS pixels of the map. */
  async placedLabels(): Promise<{ id: string; text: string; placement: string; box: { left: number; top: number; right: number; bottom: number } }[]> {
    return this.page.evaluate(() => window.sozialraumatlasPresentation?.placedLabels() ?? []);
  }

  /** Ids of the area names MapLibre draws on the Kreistag map now (its rendered features of the label layers). */
  async renderedLabelIds(): Promise<string[]> {
    return this.page.evaluate(() => window.sozialraumatlasPresentation?.renderedLabelIds() ?? []);
  }

  /** Where places are drawn on the Kreistag map, in CSS pixels of its canvas, with the canvas' size in device pixels. */
  async projectAll(places: [number, number][]): Promise<{ points: { x: number; y: number }[]; canvas: { width: number; height: number }; ratio: number }> {
    return this.page.evaluate((lngLats) => {
      const api = window.sozialraumatlasPresentation!;
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="presentation-map"] canvas')!;
      return { points: lngLats.map((lngLat) => api.project(lngLat)), canvas: { width: canvas.width, height: canvas.height }, ratio: window.devicePixelRatio };
    }, places);
  }

  async scaleBarCount(): Promise<number> {
    return this.map.locator('.maplibregl-ctrl-scale').count();
  }

  async screenshotMap(file: string): Promise<Screenshot> {
    return screenshotStats(this.map, file);
  }

  async downloadPng(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.click('[data-testid="presentation-png"]')]);
    return download;
  }

  /** „Drucken“ with the browser's print dialog replaced by a marker; waits until it was called. */
  async print(): Promise<void> {
    await this.page.evaluate(() => {
      window.print = () => {
        document.body.dataset.printed = 'ja';
      };
    });
    await this.page.click('[data-testid="presentation-print"]');
    await this.page.locator('body[data-printed="ja"]').waitFor();
  }

  /** What is visible on paper: the app, the live map, the printed picture. */
  async visibleWhenPrinted(): Promise<{ app: boolean; map: boolean; picture: boolean }> {
    await this.page.emulateMedia({ media: 'print' });
    try {
      return {
        app: await this.page.locator('#root').isVisible(),
        map: await this.map.isVisible(),
        picture: await this.page.locator('.presentation-print img').isVisible(),
      };
    } finally {
      await this.page.emulateMedia({ media: 'screen' });
    }
  }

  async closeWithEscape(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.locator('[data-testid="coverage-presentation"]').waitFor({ state: 'detached' });
  }
}
