/**
 * Driver for the facility form (add and edit) and the conflict dialog, in end-to-end tests.
 *
 * Contract with the app (stable test hooks):
 * - form `facility-form` with one control `facility-field-<key>` per field (input, textarea or
 *   select; the target groups as checkboxes `facility-field-zielgruppe-<group>`), messages
 *   `facility-error-<key>`, `facility-form-location`, `facility-form-save`
 * - `conflict-dialog` with `conflict-message`, rows `conflict-row` (`data-field`),
 *   `conflict-take-theirs`, `conflict-reapply-mine`
 */
import type { Locator, Page } from 'playwright-core';
import { screenshotStats, type Screenshot } from './browser';
import type { Region } from './png';

/**
 * What a person types or chooses, by the form's field keys (name, category, plz, email,
 * kapazitaet, status, telefon, foerderungProgramm, foerderungSeit …); `zielgruppen` ticks
 * the target groups given.
 */
export interface FormInput {
  [key: string]: string | string[] | undefined;
  zielgruppen?: string[];
}

export class FacilityFormDriver {
  constructor(readonly page: Page) {}

  get element(): Locator {
    return this.page.locator('[data-testid="facility-form"]');
  }

  async waitForOpen(): Promise<void> {
    await this.element.waitFor();
  }

  /** Types into text fields and chooses in selects, whatever widget the field has. */
  async fill(values: FormInput): Promise<void> {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) {
        for (const group of value) await this.page.check(`[data-testid="facility-field-zielgruppe-${group}"]`);
        continue;
      }
      const control = this.page.locator(`[data-testid="facility-field-${key}"]`);
      if ((await control.evaluate((element) => element.tagName)) === 'SELECT') await control.selectOption(value);
      else await control.fill(value);
    }
  }

  /** The current value of a field's control. */
  async value(key: string): Promise<string> {
    return this.page.inputValue(`[data-testid="facility-field-${key}"]`);
  }

  /** Where the new facility lies, as the form tells it (Gemeinde, Sozialraum). */
  async location(): Promise<string | null> {
    return this.page.textContent('[data-testid="facility-form-location"]');
  }

  async save(): Promise<void> {
    await this.page.click('[data-testid="facility-form-save"]');
  }

  /** The message beside a field. */
  async error(key: string): Promise<string | null> {
    return this.page.textContent(`[data-testid="facility-error-${key}"]`);
  }

  /** Where the message beside a field is, in the coordinates of a screenshot of the form. */
  async errorRegion(key: string): Promise<Region> {
    const form = (await this.element.boundingBox())!;
    const message = (await this.page.locator(`[data-testid="facility-error-${key}"]`).boundingBox())!;
    return { x: Math.round(message.x - form.x), y: Math.round(message.y - form.y), width: Math.floor(message.width), height: Math.floor(message.height) };
  }

  async screenshot(file: string): Promise<Screenshot> {
    return screenshotStats(this.element, file);
  }
}

export class ConflictDialogDriver {
  constructor(readonly page: Page) {}

  get element(): Locator {
    return this.page.locator('[data-testid="conflict-dialog"]');
  }

  async waitForOpen(): Promise<void> {
    await this.element.waitFor();
  }

  async waitForClosed(): Promise<void> {
    await this.element.waitFor({ state: 'detached' });
  }

  async message(): Promise<string | null> {
    return this.page.textContent('[data-testid="conflict-message"]');
  }

  /** The row of one field: label, their value, mine. */
  async row(field: string): Promise<string | null> {
    return this.element.locator(`[data-testid="conflict-row"][data-field="${field}"]`).textContent();
  }

  async text(): Promise<string | null> {
    return this.element.textContent();
  }

  async reapplyMine(): Promise<void> {
    await this.page.click('[data-testid="conflict-reapply-mine"]');
  }

  async screenshot(file: string): Promise<Screenshot> {
    return screenshotStats(this.element, file);
  }
}
