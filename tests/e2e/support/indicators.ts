/**
 * Driver for the Kennzahlen tab and the profile page in end-to-end tests, on top of ./atlas.
 *
 * Contract with the app (stable test hooks):
 * - sidebar tab `tab-kennzahlen`; panel `indicator-panel` with `indicator-select` (Kennzahl ids),
 *   `indicator-date` (dates, "" for the newest), `indicator-method`, `indicator-level-{sozialraum,gemeinde}`, `indicator-internal` (Planung/Admin)
 * - `indicator-figures` (`data-indicator="<id>|<date>"`, `aria-busy` while loading), `indicator-stand`,
 *   `indicator-legend`, `indicator-source`, table `indicator-table` with rows `[data-area]`
 *   (`data-status`) and cells `indicator-value`; the row's button „Profil <name>“
 * - map container: `data-indicator="<id>|<date>|<view>"`, `data-indicator-withheld`
 * - `internal-banner` in the internal view, `map-internal-badge` over the map
 * - profile: `profile-page` (`data-area`), `profile-title`, `profile-year`, `profile-compare`,
 *   the header's close button „Profil schließen (Esc)“, rows `[data-kennzahl]` with `profile-value`, `profile-compared-value`,
 *   `spine-class`; `profile-compared-head`, `spine-legend`, `profile-validity`, `profile-facilities` (rows `[data-kategorie]`);
 *   similar areas `profile-similar`, `similar-find`, `similar-table`
 * - area panel: `area-panel-profile`
 */
import type { Locator, Page, Response } from 'playwright-core';
import type { AtlasDriver } from './atlas';
import { screenshotStats, type Screenshot } from './browser';

const MAP = '[data-testid="map"]';

export class IndicatorsDriver {
  /** Every JSON answer of the API this page received since `recordResponses()`, as text, in order. */
  readonly apiResponses: { url: string; text: string }[] = [];

  constructor(
    readonly page: Page,
    private readonly atlas: AtlasDriver,
  ) {}

  /** From now on keeps every JSON answer of the API (before opening the page, to miss none). */
  recordResponses(): void {
    this.page.on('response', (response) => void this.record(response));
  }

  private async record(response: Response): Promise<void> {
    if (!new URL(response.url()).pathname.startsWith('/api/')) return;
    if (!(response.headers()['content-type'] ?? '').includes('json')) return;
    try {
      this.apiResponses.push({ url: response.url(), text: await response.text() });
    } catch {
      // A response of a page that navigated away has no body any more.
    }
  }

  get figures(): Locator {
    return this.page.locator('[data-testid="indicator-figures"]');
  }

  get profile(): Locator {
    return this.page.locator('[data-testid="profile-page"]');
  }

  /** Opens the Kennzahlen tab and waits for the map's Kennzahl in table and map. */
  async open(): Promise<void> {
    await this.atlas.openTab('kennzahlen');
    await this.waitForFigures();
  }

  /** Waits until table and map show `id` (any date when not given) and nothing is loading. */
  async waitForFigures(id?: string, date?: string): Promise<void> {
    // An empty prefix matches nothing in CSS: without an id, any Kennzahl.
    const shown = id ? `[data-indicator^="${id}|${date ?? ''}"]` : '[data-indicator]';
    await this.page.locator(`[data-testid="indicator-figures"]${shown}[aria-busy="false"]`).waitFor({ timeout: 30_000 });
    await this.page.locator(`${MAP}${shown}`).waitFor({ timeout: 30_000 });
  }

  async chooseIndicator(id: string): Promise<void> {
    await this.page.selectOption('[data-testid="indicator-select"]', id);
    await this.waitForFigures(id);
  }

  async chooseDate(date: string): Promise<void> {
    const id = await this.page.inputValue('[data-testid="indicator-select"]');
    await this.page.selectOption('[data-testid="indicator-date"]', date);
    await this.waitForFigures(id, date);
  }

  /** Sozialräume or Gemeinden (offered for Kennzahlen collected per Gemeinde); waits for the table's level. */
  async chooseLevel(level: 'sozialraum' | 'gemeinde'): Promise<void> {
    await this.page.check(`[data-testid="indicator-level-${level}"]`);
    await this.page.locator(`[data-testid="indicator-table"] tr[data-area^="${level}:"]`).first().waitFor({ timeout: 30_000 });
    await this.waitForFigures();
  }

  async chooseMethod(method: 'quantile' | 'gleich' | 'natuerlich'): Promise<void> {
    await this.page.selectOption('[data-testid="indicator-method"]', method);
  }

  /** The value of an area as the table shows it („12,5 %“, „•“). */
  async tableValue(areaKey: string): Promise<string> {
    return (await this.page.locator(`[data-testid="indicator-table"] tr[data-area="${areaKey}"] [data-testid="indicator-value"]`).textContent())!.trim();
  }

  async tableStatus(areaKey: string): Promise<string | null> {
    return this.page.locator(`[data-testid="indicator-table"] tr[data-area="${areaKey}"]`).getAttribute('data-status');
  }

  async stand(): Promise<string> {
    return (await this.page.locator('[data-testid="indicator-stand"]').textContent())!.trim();
  }

  async source(): Promise<string> {
    return (await this.page.locator('[data-testid="indicator-source"]').textContent())!.trim();
  }

  async legend(): Promise<string[]> {
    return (await this.page.locator('[data-testid="indicator-legend"] li').allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
  }

  async withheldOnMap(): Promise<number> {
    return Number(await this.page.locator(MAP).getAttribute('data-indicator-withheld'));
  }

  async setInternal(on: boolean): Promise<void> {
    const box = this.page.locator('[data-testid="indicator-internal"]');
    if (on) await box.check();
    else await box.uncheck();
    await this.page.locator(`${MAP}[data-indicator$="|${on ? 'intern' : 'geschuetzt'}"]`).waitFor({ timeout: 30_000 });
    await this.waitForFigures();
  }

  async internalBannerShown(): Promise<boolean> {
    return this.page.locator('[data-testid="internal-banner"]').first().isVisible();
  }

  async mapMarkedInternal(): Promise<boolean> {
    return this.page.locator('[data-testid="map-internal-badge"]').isVisible();
  }

  /** Opens an area's profile from the table's „Profil“ button. */
  async openProfileFromTable(name: string): Promise<void> {
    await this.page.click(`[data-testid="indicator-table"] button[aria-label="Profil ${name}"]`);
    await this.waitForProfile();
  }

  /** Opens the selected area's profile from the area panel. */
  async openProfileFromAreaPanel(): Promise<void> {
    await this.page.click('[data-testid="area-panel-profile"]');
    await this.waitForProfile();
  }

  /** Waits until the profile (and every compared area) is loaded. */
  async waitForProfile(): Promise<void> {
    await this.page.locator('[data-testid="profile-page"] [data-testid="profile-table"]').first().waitFor({ timeout: 30_000 });
    await this.page.waitForFunction(() => !document.querySelector('[data-testid="profile-page"] [role="status"]') && ![...document.querySelectorAll('[data-testid="profile-compared-head"]')].some((cell) => cell.textContent === '…'));
  }

  async profileTitle(): Promise<string> {
    return (await this.page.locator('[data-testid="profile-title"]').textContent())!.trim();
  }

  private row(id: string): Locator {
    return this.page.locator(`[data-testid="profile-page"] tr[data-kennzahl="${id}"]`);
  }

  /** The profile's value of a Kennzahl, its Stand line and the spine's class text. */
  async profileEntry(id: string): Promise<{ value: string; heading: string; spine: string }> {
    const row = this.row(id);
    return {
      value: (await row.locator('[data-testid="profile-value"]').textContent())!.trim(),
      heading: (await row.locator('th').textContent())!.trim(),
      spine: (await row.locator('[data-testid="spine-class"]').textContent())!.trim(),
    };
  }

  /** The profile's facilities by category: the row's cells (Kategorie, in Betrieb, geplant, versorgt) and the note under them. */
  async profileFacilities(): Promise<{ rows: Record<string, string[]>; note: string }> {
    const section = this.page.locator('[data-testid="profile-facilities"]');
    const rows: Record<string, string[]> = {};
    for (const row of await section.locator('tr[data-kategorie]').all()) {
      rows[(await row.getAttribute('data-kategorie'))!] = (await row.locator('th, td').allTextContents()).map((text) => text.trim());
    }
    return { rows, note: (await section.locator('p.hint').last().textContent())!.trim() };
  }

  async comparedValues(id: string): Promise<string[]> {
    return (await this.row(id).locator('[data-testid="profile-compared-value"]').allTextContents()).map((text) => text.trim());
  }

  async comparedHeads(): Promise<string[]> {
    const firstTable = this.page.locator('[data-testid="profile-page"] [data-testid="profile-table"]').first();
    return (await firstTable.locator('[data-testid="profile-compared-head"]').allTextContents()).map((text) => text.trim());
  }

  async chooseYear(year: string): Promise<void> {
    await this.page.selectOption('[data-testid="profile-year"]', year);
    await this.waitForProfile();
  }

  async compareWith(areaKey: string): Promise<void> {
    await this.page.selectOption('[data-testid="profile-compare"]', areaKey);
    await this.waitForProfile();
  }

  /** Runs „Ähnliche Gebiete finden“ and returns the neighbours' rows (name, distance, alike in). */
  async findSimilar(): Promise<string[][]> {
    await this.page.click('[data-testid="similar-find"]');
    const table = this.page.locator('[data-testid="similar-table"]');
    await table.waitFor({ timeout: 30_000 });
    const rows = await table.locator('tbody tr').all();
    return Promise.all(rows.map(async (row) => (await row.locator('th, td').allTextContents()).map((text) => text.trim())));
  }

  async closeProfile(): Promise<void> {
    await this.page.click('[data-testid="profile-page"] header button[aria-label^="Profil schließen"]');
    await this.profile.waitFor({ state: 'detached' });
  }

  async screenshotProfile(file: string): Promise<Screenshot> {
    return screenshotStats(this.profile, file);
  }

  async screenshotPanel(file: string): Promise<Screenshot> {
    return screenshotStats(this.page.locator('.sidebar'), file);
  }
}
