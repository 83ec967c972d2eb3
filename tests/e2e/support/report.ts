/**
 * Driver for „Bericht erstellen“ (the Sozialraumprofile as one PDF) in end-to-end tests.
 *
 * Contract with the app (stable test hooks):
 * - header: `report-open` opens `report-dialog`
 * - dialog: `report-template` (select of saved templates, "" the standard report), `report-areas`
 *   (select: "alle" or a Sozialregion id), `report-year`, `report-start`, `report-cancel`;
 *   `report-status` with `data-status` (laeuft, fertig, abgebrochen, fehler), `report-progress`
 *   with `data-done` and `data-total`; `report-download` (a link to the PDF) when done;
 *   `report-error`; saving a template: `report-template-name`, `report-template-save`,
 *   `report-template-saved`; the Kennzahlen: `report-indicators` (details, its summary says how many
 *   are chosen) with a checkbox `[data-kennzahl="<id>"]` each
 */
import type { Page } from 'playwright-core';
import { screenshotStats, type Screenshot } from './browser';

export class ReportDriver {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.click('[data-testid="report-open"]');
    await this.page.locator('[data-testid="report-dialog"] [data-testid="report-template"]:not([disabled])').waitFor();
  }

  /** Saves the dialog's current choice (areas: one Sozialregion id or "alle") under a name. */
  async saveTemplate(name: string, areas: string): Promise<string | null> {
    await this.page.selectOption('[data-testid="report-areas"]', areas);
    await this.page.click('[data-testid="report-dialog"] .report-save summary');
    await this.page.fill('[data-testid="report-template-name"]', name);
    await this.page.click('[data-testid="report-template-save"]');
    return this.page.locator('[data-testid="report-template-saved"]').textContent();
  }

  /** Ticks exactly these Kennzahlen; returns the summary line then. */
  async chooseIndicators(ids: readonly string[]): Promise<string> {
    const choice = this.page.locator('[data-testid="report-indicators"]');
    await choice.waitFor();
    if (!(await choice.evaluate((element) => (element as HTMLDetailsElement).open))) await choice.locator('summary').click();
    for (const box of await choice.locator('input[data-kennzahl]').all()) {
      const wanted = ids.includes((await box.getAttribute('data-kennzahl'))!);
      if ((await box.isChecked()) !== wanted) await box.setChecked(wanted);
    }
    return this.indicatorSummary();
  }

  async indicatorSummary(): Promise<string> {
    return (await this.page.locator('[data-testid="report-indicators"] summary').textContent())!.trim();
  }

  async chooseTemplate(label: string): Promise<void> {
    await this.page.selectOption('[data-testid="report-template"]', { label });
  }

  /**
   * Starts the report and records every progress the dialog shows (a MutationObserver in the
   * page, so no state is missed between polls); resolves with them when the job is no longer running.
   */
  async makeReport(): Promise<{ status: string; progress: { done: number; total: number }[] }> {
    await this.page.evaluate(() => {
      const seen: { done: number; total: number }[] = [];
      (window as unknown as { __reportProgress: typeof seen }).__reportProgress = seen;
      const record = () => {
        const bar = document.querySelector('[data-testid="report-progress"]');
        if (!bar) return;
        const entry = { done: Number(bar.getAttribute('data-done')), total: Number(bar.getAttribute('data-total')) };
        const last = seen.at(-1);
        if (!last || last.done !== entry.done || last.total !== entry.total) seen.push(entry);
      };
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-done', 'data-total'] });
    });
    await this.page.click('[data-testid="report-start"]');
    await this.page.locator('[data-testid="report-status"]:not([data-status="laeuft"])').waitFor({ timeout: 60_000 });
    return {
      status: (await this.page.getAttribute('[data-testid="report-status"]', 'data-status')) ?? '',
      progress: await this.page.evaluate(() => (window as unknown as { __reportProgress: { done: number; total: number }[] }).__reportProgress),
    };
  }

  /** Clicks the download link; resolves with the file saved at `path` and its suggested name. */
  async download(path: string): Promise<string> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.click('[data-testid="report-download"]')]);
    await download.saveAs(path);
    return download.suggestedFilename();
  }

  async downloadLabel(): Promise<string | null> {
    return this.page.locator('[data-testid="report-download"]').textContent();
  }

  async screenshot(file: string): Promise<Screenshot> {
    return screenshotStats(this.page.locator('[data-testid="report-dialog"]'), file);
  }
}
