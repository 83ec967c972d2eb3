/**
 * Driver for the import wizard (Ressourcen → Importieren) in end-to-end tests.
 *
 * Contract with the app (stable test hooks):
 * - `import-open` opens `import-dialog`; `import-file` (file input), `import-drop-zone`,
 *   `import-file-error`, `import-preview`, `import-mapping` with `import-map-<field>` selects,
 *   `import-crs`, `import-check`, `import-report`, `import-summary`, `import-commit`
 */
import type { Page } from 'playwright-core';

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

  /** Imports and waits until the wizard has closed. */
  async commit(): Promise<void> {
    await this.page.click('[data-testid="import-commit"]');
    await this.page.locator('[data-testid="import-dialog"]').waitFor({ state: 'detached' });
  }
}
