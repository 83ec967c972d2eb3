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
 * - planners only: `indicator-import-open` opens `indicator-import-dialog` (the generic import steps'
 *   `import-file`, `import-file-error`, `import-preview`, `import-check`, `import-report` with rows
 *   `import-row` (`data-line`), `import-summary`, `import-skip-errors`, `import-commit`), its
 *   column choices `indicator-import-column` (`data-column`), after the import
 *   `indicator-import-success` and `indicator-import-close`; `own-indicator-open` opens
 *   `own-indicator-dialog` with `own-indicator-list` (`own-indicator-edit`, `data-id`),
 *   `own-indicator-new`, form `definition-form` with `definition-field-<field>`,
 *   `definition-error-<field>`, `definition-save`, `definition-delete`, `definition-conflict`
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

  // --- planners: import of values and own Kennzahlen ----------------------------------------------

  private get importDialog(): Locator {
    return this.page.locator('[data-testid="indicator-import-dialog"]');
  }

  /** How many „Kennzahlen importieren“ buttons the panel offers (0 for whoever may not import). */
  async importButtonCount(): Promise<number> {
    await this.page.locator('[data-testid="indicator-panel"]').waitFor({ timeout: 30_000 });
    return this.page.locator('[data-testid="indicator-import-open"]').count();
  }

  async openImport(): Promise<void> {
    await this.page.click('[data-testid="indicator-import-open"]');
    await this.importDialog.waitFor();
  }

  /** Whether the keyboard focus is inside the import dialog (a modal keeps it there). */
  async focusInImport(): Promise<boolean> {
    return this.page.evaluate(() => !!document.activeElement?.closest('[data-testid="indicator-import-dialog"]'));
  }

  /** Tabs until the file input has the focus (the button „Datei auswählen …“); false when it is never reached. */
  async tabToFileInput(): Promise<boolean> {
    for (let step = 0; step < 10; step++) {
      if (await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid === 'import-file')) return true;
      await this.page.keyboard.press('Tab');
    }
    return false;
  }

  /** Chooses a file as if picked; waits until it is read (the column choice) or refused (the file error). */
  async chooseImportFile(path: string): Promise<void> {
    await this.importDialog.locator('[data-testid="import-file"]').setInputFiles(path);
    await this.importDialog
      .locator('[data-testid="indicator-import-assignment"], [data-testid="indicator-import-long"], [data-testid="import-file-error"]')
      .first()
      .waitFor();
  }

  async importFileError(): Promise<string | null> {
    const error = this.importDialog.locator('[data-testid="import-file-error"]');
    return (await error.count()) > 0 ? ((await error.textContent()) ?? '').trim() : null;
  }

  async importPreview(): Promise<string> {
    return ((await this.importDialog.locator('[data-testid="import-preview"]').textContent()) ?? '').trim();
  }

  /** The Kennzahl id a value column is assigned to ('' for none). */
  async assignedIndicator(column: string): Promise<string> {
    return this.importDialog.locator(`[data-testid="indicator-import-column"][data-column="${column}"]`).inputValue();
  }

  async assignColumn(column: string, id: string): Promise<void> {
    await this.importDialog.locator(`[data-testid="indicator-import-column"][data-column="${column}"]`).selectOption(id);
  }

  /** Sends the file to the server's check and waits for the report. */
  async checkImport(): Promise<void> {
    await this.importDialog.locator('[data-testid="import-check"]').click();
    await this.importDialog.locator('[data-testid="import-report"]').waitFor({ timeout: 30_000 });
  }

  /** The counts above the report, joined by „ | “. */
  async importSummary(): Promise<string> {
    return (await this.importDialog.locator('[data-testid="import-summary"] span').allTextContents()).map((text) => text.trim()).join(' | ');
  }

  /** The report's rows in the order shown, by file line: the cells' text joined by „ | “ (line, area, date, values, messages) and whether it has errors. */
  async importReport(): Promise<{ line: number; text: string; error: boolean }[]> {
    const rows = await this.importDialog.locator('[data-testid="import-row"]').all();
    return Promise.all(
      rows.map(async (row) => ({
        line: Number(await row.getAttribute('data-line')),
        text: (await row.locator('td').allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim()).join(' | '),
        error: ((await row.getAttribute('class')) ?? '').includes('row-error'),
      })),
    );
  }

  async importCommitLabel(): Promise<string> {
    return ((await this.importDialog.locator('[data-testid="import-commit"]').textContent()) ?? '').trim();
  }

  async importCommitEnabled(): Promise<boolean> {
    return this.importDialog.locator('[data-testid="import-commit"]').isEnabled();
  }

  /** „Zeilen mit Fehlern auslassen“, by keyboard (the dialog must be usable without a mouse). */
  async skipImportErrorsByKeyboard(): Promise<void> {
    await this.importDialog.locator('[data-testid="import-skip-errors"]').focus();
    await this.page.keyboard.press('Space');
    await this.page.locator('[data-testid="indicator-import-dialog"] [data-testid="import-skip-errors"]:checked').waitFor();
  }

  /** Imports by keyboard (Enter on the focused button) and waits for the dialog's success message; returns it. */
  async commitImport(): Promise<string> {
    await this.importDialog.locator('[data-testid="import-commit"]').focus();
    await this.page.keyboard.press('Enter');
    const success = this.importDialog.locator('[data-testid="indicator-import-success"]');
    await success.waitFor({ timeout: 30_000 });
    return ((await success.textContent()) ?? '').trim();
  }

  /** Closes the wizard after the import (Esc, as a keyboard user would). */
  async closeImport(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.importDialog.waitFor({ state: 'detached' });
  }

  async screenshotImport(file: string): Promise<Screenshot> {
    return screenshotStats(this.importDialog, file);
  }

  /** The newest success toast's text. */
  async lastSuccessToast(): Promise<string> {
    const toast = this.page.locator('[data-testid="toast"][data-kind="success"]').last();
    await toast.waitFor();
    return ((await toast.textContent()) ?? '').trim();
  }

  private get ownDialog(): Locator {
    return this.page.locator('[data-testid="own-indicator-dialog"]');
  }

  async openOwnIndicators(): Promise<void> {
    await this.page.click('[data-testid="own-indicator-open"]');
    await this.ownDialog.waitFor();
  }

  /** Fills the open definition form: text fields by typing, choices (art, ebene …) by their value. */
  async fillDefinition(values: Record<string, string>): Promise<void> {
    for (const [field, value] of Object.entries(values)) {
      const control = this.ownDialog.locator(`[data-testid="definition-field-${field}"]`);
      if ((await control.evaluate((element) => element.tagName)) === 'SELECT') await control.selectOption(value);
      else await control.fill(value);
    }
  }

  async saveDefinition(): Promise<void> {
    await this.ownDialog.locator('[data-testid="definition-save"]').click();
  }

  /** The field errors the form shows, by field. */
  async definitionErrors(): Promise<Record<string, string>> {
    const errors: Record<string, string> = {};
    for (const error of await this.ownDialog.locator('[data-testid^="definition-error-"]').all()) {
      errors[(await error.getAttribute('data-testid'))!.replace('definition-error-', '')] = ((await error.textContent()) ?? '').trim();
    }
    return errors;
  }

  /** Waits until the list of own Kennzahlen names `id` and the form edits it. */
  async waitForOwnIndicator(id: string): Promise<void> {
    await this.ownDialog.locator(`[data-testid="own-indicator-edit"][data-id="${id}"]`).waitFor({ timeout: 30_000 });
    await this.ownDialog.locator('[data-testid="definition-form"][data-mode="bearbeiten"]').waitFor({ timeout: 30_000 });
  }

  async definitionValue(field: string): Promise<string> {
    return this.ownDialog.locator(`[data-testid="definition-field-${field}"]`).inputValue();
  }

  async conflictMessage(): Promise<string> {
    const conflict = this.ownDialog.locator('[data-testid="definition-conflict"]');
    await conflict.waitFor({ timeout: 30_000 });
    return ((await conflict.locator('p').textContent()) ?? '').trim();
  }

  async reloadAfterConflict(): Promise<void> {
    await this.ownDialog.locator('[data-testid="definition-reload"]').click();
    await this.ownDialog.locator('[data-testid="definition-conflict"]').waitFor({ state: 'detached', timeout: 30_000 });
  }

  async closeOwnIndicators(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.ownDialog.waitFor({ state: 'detached' });
  }

  async screenshotOwnIndicators(file: string): Promise<Screenshot> {
    return screenshotStats(this.ownDialog, file);
  }

  async screenshotPanel(file: string): Promise<Screenshot> {
    return screenshotStats(this.page.locator('.sidebar'), file);
  }
}
