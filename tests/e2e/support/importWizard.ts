/**
 * Driver for the import wizard (Ressourcen → Importieren) in end-to-end tests.
 *
 * Contract with the app (stable test hooks):
 * - `import-open` opens `import-dialog`; `import-file` (file input), `import-drop-zone`,
 *   `import-file-error`, `import-preview`, `import-mapping` with `import-map-<field>` selects,
 *   `import-crs`, `import-check`, `import-report`, `import-summary`, `import-commit`,
 *   after the import `import-success` (naming the batch) with `import-undo`, `import-restore`,
 *   `import-show-batches` and `import-done-close`; `import-done` carries `data-status`
 */
import type { Page } from 'playwright-core';
import { screenshotStats, type Screenshot } from './browser';

export class ImportWizardDriver {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.click('[data-testid="import-open"]');
  }

  /** Chooses a file as if dropped or picked. */
  async chooseFile(path: string): Promise<void> {
    await this.page.setInputFiles('[data-testid="import-file"]', path);
  }

  /** Chooses a file that can be read and waits for the column mapping. */
  async chooseReadableFile(path: string): Promise<void> {
    await this.chooseFile(path);
    await this.page.locator('[data-testid="import-mapping"]').waitFor();
  }

  async fileError(): Promise<string | null> {
    return this.page.locator('[data-testid="import-file-error"]').textContent();
  }

  async fileErrorCount(): Promise<number> {
    return this.page.locator('[data-testid="import-file-error"]').count();
  }

  /** Whether the step „Prüfen“ is offered at all. */
  async checkButtonCount(): Promise<number> {
    return this.page.locator('[data-testid="import-check"]').count();
  }

  /** What the drop zone says about the file read (name, encoding …). */
  async fileDescription(): Promise<string | null> {
    return this.page.textContent('[data-testid="import-drop-zone"]');
  }

  async preview(): Promise<string | null> {
    return this.page.textContent('[data-testid="import-preview"]');
  }

  async coordinateSystem(): Promise<string> {
    return this.page.inputValue('[data-testid="import-crs"]');
  }

  /** The column chosen for a field (its index as the select's value). */
  async mappedColumn(field: string): Promise<string> {
    return this.page.inputValue(`[data-testid="import-map-${field}"]`);
  }

  /** Sends the rows to the server for checking and waits for the report. */
  async check(): Promise<void> {
    await this.page.click('[data-testid="import-check"]');
    await this.page.locator('[data-testid="import-report"]').waitFor();
  }

  async summary(): Promise<string | null> {
    return this.page.textContent('[data-testid="import-summary"]');
  }

  async commitLabel(): Promise<string | null> {
    return this.page.textContent('[data-testid="import-commit"]');
  }

  /** Imports, waits for the success message and closes the wizard; returns the message. */
  async commit(): Promise<string> {
    const message = await this.commitAndStay();
    await this.close();
    return message;
  }

  /** Imports and waits for the success message, which stays with the wizard; returns it. */
  async commitAndStay(): Promise<string> {
    await this.page.click('[data-testid="import-commit"]');
    const success = this.page.locator('[data-testid="import-success"]');
    await success.waitFor();
    return (await success.textContent()) ?? '';
  }

  /** Undoes the batch just imported from the wizard and waits until it says so. */
  async undoFromWizard(): Promise<string> {
    await this.page.click('[data-testid="import-undo"]');
    await this.page.locator('[data-testid="import-done"][data-status="rueckgaengig"]').waitFor();
    return (await this.page.textContent('[data-testid="import-success"]')) ?? '';
  }

  /** The report rows that start unticked (their box is not checked). */
  async uncheckedLines(): Promise<number[]> {
    const rows = this.page.locator('[data-testid="import-row"]');
    const lines: number[] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      if (!(await rows.nth(i).locator('input[type="checkbox"]').isChecked())) lines.push(Number(await rows.nth(i).getAttribute('data-line')));
    }
    return lines;
  }

  async duplicateComparison(): Promise<string | null> {
    return this.page.textContent('[data-testid="import-duplicate-comparison"]');
  }

  /** Screenshots the dialog into test-results/<file> with its pixel statistics. */
  async screenshot(file: string): Promise<Screenshot> {
    return screenshotStats(this.page.locator('[data-testid="import-dialog"]'), file);
  }

  /** Leaves the wizard without importing (Esc). */
  async cancel(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.locator('[data-testid="import-dialog"]').waitFor({ state: 'detached' });
  }

  async close(): Promise<void> {
    await this.page.click('[data-testid="import-done-close"]');
    await this.page.locator('[data-testid="import-dialog"]').waitFor({ state: 'detached' });
  }
}

/**
 * Driver for the list „Importe“ (Ressourcen → Importe …): `imports-open` opens `imports-dialog`
 * with rows `import-batch` (`data-status`), `import-batch-undo`, `import-undo-confirm`,
 * `import-undo-changed` with `import-undo-keep-changed` / `import-undo-delete-changed`,
 * `import-batch-restore`.
 */
export class ImportBatchesDriver {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.click('[data-testid="imports-open"]');
    await this.page.locator('[data-testid="imports-table"]').waitFor();
  }

  private batch(fileName: string) {
    return this.page.locator('[data-testid="import-batch"]', { has: this.page.locator('th', { hasText: fileName }) }).first();
  }

  async status(fileName: string): Promise<string | null> {
    return this.batch(fileName).getAttribute('data-status');
  }

  async rowText(fileName: string): Promise<string | null> {
    return this.batch(fileName).textContent();
  }

  /** Undoes the newest batch of that file after confirming, and waits for the list to say so. */
  async undo(fileName: string): Promise<void> {
    await this.batch(fileName).locator('[data-testid="import-batch-undo"]').click();
    await this.page.click('[data-testid="import-undo-confirm"]');
    await this.page.locator('[data-testid="import-batch"][data-status="rueckgaengig"]', { has: this.page.locator('th', { hasText: fileName }) }).waitFor();
  }

  async restore(fileName: string): Promise<void> {
    await this.batch(fileName).locator('[data-testid="import-batch-restore"]').click();
    await this.page.locator('[data-testid="import-batch"][data-status="abgeschlossen"]', { has: this.page.locator('th', { hasText: fileName }) }).waitFor();
  }

  async screenshot(file: string): Promise<Screenshot> {
    return screenshotStats(this.page.locator('[data-testid="imports-dialog"]'), file);
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.locator('[data-testid="imports-dialog"]').waitFor({ state: 'detached' });
  }
}
