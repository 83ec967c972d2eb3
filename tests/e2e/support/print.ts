/**
 * Driver for „Drucken / als PDF“ (a printable sheet of any map view) in end-to-end tests.
 *
 * Contract with the app (stable test hooks):
 * - header: `print-open` opens `print-dialog`
 * - dialog: `print-title` (text), `print-paper-A4` / `print-paper-A3`, `print-orientation-quer` /
 *   `print-orientation-hoch`, `print-format-pdf` / `print-format-png`, `print-make` (makes and
 *   downloads the file), `print-browser` (the browser's print dialog); `print-status`,
 *   `print-error`, `print-refused` (the internal view is not printed); `print-preview` with
 *   `data-paper` and `data-orientation`, its image `print-preview-image`
 * - `print-sheet`: what the browser prints (a canvas drawn in `beforeprint`)
 */
import type { Page } from 'playwright-core';
import { screenshotStats, type Screenshot } from './browser';

export class PrintDriver {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.click('[data-testid="print-open"]');
    await this.page.locator('[data-testid="print-dialog"]').waitFor();
  }

  /** Opens the dialog and waits for the preview of the sheet. */
  async openWithPreview(): Promise<void> {
    await this.open();
    await this.waitForPreview();
  }

  async waitForPreview(): Promise<void> {
    await this.page.locator('[data-testid="print-preview-image"]').waitFor({ timeout: 30_000 });
  }

  async refusal(): Promise<string | null> {
    const note = this.page.locator('[data-testid="print-refused"]');
    return (await note.count()) > 0 ? note.textContent() : null;
  }

  async title(): Promise<string> {
    return this.page.inputValue('[data-testid="print-title"]');
  }

  /** Sets the sheet; waits until the preview shows it (its image changed). */
  async choose(options: { title?: string; paper?: 'A4' | 'A3'; orientation?: 'quer' | 'hoch'; format?: 'pdf' | 'png' }): Promise<void> {
    const before = await this.page.getAttribute('[data-testid="print-preview-image"]', 'src');
    if (options.title !== undefined) await this.page.fill('[data-testid="print-title"]', options.title);
    if (options.paper) await this.page.check(`[data-testid="print-paper-${options.paper}"]`);
    if (options.orientation) await this.page.check(`[data-testid="print-orientation-${options.orientation}"]`);
    if (options.format) await this.page.check(`[data-testid="print-format-${options.format}"]`);
    if (options.title !== undefined || options.paper || options.orientation) {
      await this.page.waitForFunction((previous) => {
        const image = document.querySelector('[data-testid="print-preview-image"]');
        return image !== null && image.getAttribute('src') !== previous;
      }, before);
    }
  }

  /** The preview's paper and orientation as the dialog states them, and its image's aspect. */
  async preview(): Promise<{ paper: string | null; orientation: string | null; aspect: number; alt: string | null }> {
    const figure = this.page.locator('[data-testid="print-preview"]');
    const image = this.page.locator('[data-testid="print-preview-image"]');
    const aspect = await image.evaluate((element) => (element as HTMLImageElement).naturalWidth / (element as HTMLImageElement).naturalHeight);
    return { paper: await figure.getAttribute('data-paper'), orientation: await figure.getAttribute('data-orientation'), aspect, alt: await image.getAttribute('alt') };
  }

  /** Presses „PDF erstellen“ / „PNG speichern“; resolves with the saved file's suggested name. */
  async make(path: string): Promise<string> {
    const [download] = await Promise.all([this.page.waitForEvent('download', { timeout: 60_000 }), this.page.click('[data-testid="print-make"]')]);
    await download.saveAs(path);
    return download.suggestedFilename();
  }

  async status(): Promise<string> {
    return ((await this.page.locator('[data-testid="print-status"]').textContent()) ?? '').trim();
  }

  /**
   * Presses Tab `times` times; false as soon as focus reaches an element of the app behind the
   * dialog (past the dialog's last control, Chromium passes focus to its own window for one step,
   * then back into the dialog). Returns how many distinct controls of the dialog were reached.
   */
  async tabThroughDialog(times: number): Promise<{ leftDialog: boolean; controls: number }> {
    const seen = new Set<string>();
    for (let index = 0; index < times; index++) {
      await this.page.keyboard.press('Tab');
      const where = await this.page.evaluate(() => {
        const active = document.activeElement;
        if (!active || active === document.body) return 'none';
        if (!active.closest('[data-testid="print-dialog"]')) return 'behind';
        return active.getAttribute('data-testid') ?? active.getAttribute('aria-label') ?? active.textContent ?? active.tagName;
      });
      if (where === 'behind') return { leftDialog: true, controls: seen.size };
      if (where !== 'none') seen.add(where);
    }
    return { leftDialog: false, controls: seen.size };
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.locator('[data-testid="print-dialog"]').waitFor({ state: 'detached' });
  }

  /**
   * What the browser prints: emulates print media, lets the page draw its sheet (beforeprint)
   * and returns the PDF Chromium makes of it, with whether the sheet canvas was there.
   */
  async browserPrint(): Promise<{ pdf: Buffer; sheetDrawn: boolean }> {
    await this.page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const sheetDrawn = (await this.page.locator('[data-testid="print-sheet"] canvas').count()) === 1;
    await this.page.emulateMedia({ media: 'print' });
    const pdf = await this.page.pdf({ preferCSSPageSize: true, printBackground: true });
    await this.page.emulateMedia({ media: 'screen' });
    await this.page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    return { pdf, sheetDrawn };
  }

  async screenshot(file: string): Promise<Screenshot> {
    return screenshotStats(this.page.locator('[data-testid="print-dialog"]'), file);
  }
}
