/**
 * Driver for the coverage analysis (Versorgung tab, Kreistag view) in end-to-end tests, on top of
 * ./atlas.
 *
 * Contract with the app (stable test hooks):
 * - sidebar tab `tab-versorgung`; panel `coverage-panel` (`data-ready="true"` once a result is shown)
 * - controls `coverage-category` (select of category ids), `coverage-radius` (number, km),
 *   `coverage-radius-slider`; `coverage-surface` (`data-kind`: zensus-gitter | ersatzflaeche)
 * - `coverage-headline` with `data-ohne`, `data-sozialraeume`, `data-unversorgt`, `data-live`;
 *   `coverage-delta-total` (`data-delta`) while a scenario is active
 * - table `coverage-table` (`data-live`), rows `coverage-row` (`data-id`, `data-kind`, `data-delta`,
 *   `data-ohne-einrichtung`), total `coverage-total`, level `coverage-level-{sozialraum,sozialregion}`,
 *   `coverage-export-csv`, sort buttons `coverage-sort-<key>`
 * - scenario: `coverage-place` (then a click on the map; map `data-mode="place-hypothetical"`),
 *   `coverage-hypothetical` items (`data-id`), `coverage-make-real`, `coverage-remove`,
 *   `coverage-reset`, `coverage-selected-facility` with `coverage-switch-off`
 * - suggestions: `coverage-best-count`, `coverage-best-run`, `coverage-suggestions` (`data-count`),
 *   `coverage-suggestion`, `coverage-suggestion-take`
 * - map container: `data-coverage="aktiv"`, `data-coverage-gap-squares` (squares sent),
 *   `data-rendered-gap-squares` (squares drawn in the view, after `idle`),
 *   `data-coverage-hypothetical`, `data-coverage-suggestions`
 * - Kreistag view: `coverage-presentation-open`, `coverage-presentation`, `presentation-map`
 *   (`data-map-ready`), `presentation-title`, `presentation-figure-*`, `presentation-png`,
 *   `presentation-print`, `presentation-close`
 */
import type { Locator, Page } from 'playwright-core';
import { mapPoint } from './atlas';

const MAP = '[data-testid="map"]';

/** Opens the Versorgung tab and waits for the first result. */
export async function openCoverage(page: Page): Promise<void> {
  await page.click('[data-testid="tab-versorgung"]');
  await page.locator('[data-testid="coverage-panel"][data-ready="true"]').waitFor({ timeout: 30_000 });
  await page.locator(`${MAP}[data-coverage="aktiv"]`).waitFor({ timeout: 30_000 });
  // Opening the tab widens the sidebar and fits the district again.
  await waitForStillMap(page);
}

export function coverageRows(page: Page): Locator {
  return page.locator('[data-testid="coverage-row"]');
}

export function coverageRow(page: Page, id: string): Locator {
  return page.locator(`[data-testid="coverage-row"][data-id="${id}"]`);
}

export async function rowDelta(page: Page, id: string): Promise<number> {
  return Number(await coverageRow(page, id).getAttribute('data-delta'));
}

export async function headlineNumbers(page: Page): Promise<{ ohne: number; sozialraeume: number; unversorgt: number; live: boolean }> {
  const headline = page.locator('[data-testid="coverage-headline"]');
  return {
    ohne: Number(await headline.getAttribute('data-ohne')),
    sozialraeume: Number(await headline.getAttribute('data-sozialraeume')),
    unversorgt: Number(await headline.getAttribute('data-unversorgt')),
    live: (await headline.getAttribute('data-live')) === 'true',
  };
}

/** Gap squares drawn in the current view, as the map last reported after `idle` (-1: none reported). */
export async function renderedGapSquares(page: Page): Promise<number> {
  const value = await page.getAttribute(MAP, 'data-rendered-gap-squares');
  return value === null ? -1 : Number(value);
}

/** Places a hypothetical facility with the button and a click on the map. */
export async function placeHypotheticalAt(page: Page, lngLat: [number, number]): Promise<void> {
  const before = Number((await page.getAttribute(MAP, 'data-coverage-hypothetical')) ?? '0');
  await page.click('[data-testid="coverage-place"]');
  await page.locator(`${MAP}[data-mode="place-hypothetical"]`).waitFor();
  const point = await mapPoint(page, lngLat);
  await page.locator(MAP).click({ position: point });
  await page.waitForFunction(
    ({ selector, count }) => Number(document.querySelector(selector)?.getAttribute('data-coverage-hypothetical') ?? '0') > count,
    { selector: MAP, count: before },
    { polling: 50, timeout: 10_000 },
  );
}

/** Waits for an animation frame pair, so the map has drawn what the last event changed. */
export async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** Waits until the map stands still (a fixed place projects to the same pixel twice in a row). */
export async function waitForStillMap(page: Page, probe: [number, number] = [10, 51.6]): Promise<void> {
  let last = '';
  for (let attempt = 0; attempt < 60; attempt++) {
    const point = await page.evaluate((lngLat) => window.sozialraumatlas?.project(lngLat), probe);
    const now = JSON.stringify(point);
    if (now === last) return;
    last = now;
    await page.waitForTimeout(150);
  }
  throw new Error('the map kept moving');
}
