/**
 * Driver for the resource maps (facilities) in end-to-end tests: the Ressourcen tab, the
 * facility symbols on the map, the details panel with its history, undo and the toasts. Forms
 * and dialogs have their own drivers (./facilityForm, ./importWizard, ./session).
 *
 * Contract with the app (stable test hooks):
 * - header `undo-button`; sidebar tab `tab-ressourcen`
 * - table `facility-table` with rows `facility-row` (`data-id`, `aria-selected`), name buttons
 *   `facility-row-name`, `facility-row-restore`, count `facility-count` ("12 von 40 Einrichtungen"),
 *   filters `facility-filter-{q,category,sozialraum,status,precision,deleted}`, links `export-csv`,
 *   `export-geojson`, buttons `facility-add`, `import-open`; `facility-signin-required` (with a
 *   button) when reading needs a sign-in; legend `facility-legend-item`, `facility-status-legend-item` (`facility-status-legend-label`)
 * - map: `data-mode="add-facility"` while adding (with `add-mode-hint`), `data-moving="<id>"`
 *   while a drag is saved, `data-facilities="<n>"`; `window.sozialraumatlas.renderedFacilityIds()`
 * - details `facility-panel` (`facility-panel-name`, `-gemeinde`, `-sozialraum`, `-version`,
 *   `-foerderung`), `facility-edit`, `facility-delete`, `facility-history`, `history-entry`
 *   (`data-version`) with `history-revert`
 * - `toast` (`data-kind`), `toast-action`
 */
import type { APIRequestContext, Locator, Page } from 'playwright-core';
import type { Facility } from '../../../src/domain/facilities/schema';
import type { AtlasDriver } from './atlas';
import { FacilityFormDriver, type FormInput } from './facilityForm';

type LngLat = [number, number];

/** The facilities of a district as the server has them (deleted ones included with `deleted`). */
export async function facilitiesOnServer(
  request: APIRequestContext,
  baseUrl: string,
  options: { district?: string; deleted?: boolean } = {},
): Promise<Facility[]> {
  const query = options.deleted ? '?geloescht=alle' : '';
  const response = await request.get(new URL(`/api/districts/${options.district ?? 'goettingen'}/facilities${query}`, baseUrl).href);
  if (!response.ok()) throw new Error(`GET facilities: ${response.status()} ${await response.text()}`);
  return ((await response.json()) as { facilities: Facility[] }).facilities;
}

export async function facilityOnServer(request: APIRequestContext, baseUrl: string, id: string): Promise<Facility> {
  const response = await request.get(new URL(`/api/facilities/${id}`, baseUrl).href);
  if (!response.ok()) throw new Error(`GET facility ${id}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as Facility;
}

export class ResourcesDriver {
  private readonly form: FacilityFormDriver;

  constructor(
    readonly page: Page,
    private readonly atlas: AtlasDriver,
  ) {
    this.form = new FacilityFormDriver(page);
  }

  /** Opens the Ressourcen tab and waits for the table. */
  async open(): Promise<void> {
    await this.atlas.openTab('ressourcen');
    await this.page.locator('[data-testid="facility-table"]').waitFor();
  }

  /** Opens the Ressourcen tab where reading needs a sign-in, and waits for the request to sign in. */
  async openSignedOut(): Promise<void> {
    await this.atlas.openTab('ressourcen');
    await this.page.locator('[data-testid="facility-signin-required"]').waitFor();
  }

  /** The button of the sign-in request in place of the table. */
  async askToSignIn(): Promise<void> {
    await this.page.click('[data-testid="facility-signin-required"] button');
  }

  async waitForTable(): Promise<void> {
    await this.page.locator('[data-testid="facility-table"]').waitFor();
  }

  // --- the table ----------------------------------------------------------------------------------

  rows(): Locator {
    return this.page.locator('[data-testid="facility-row"]');
  }

  async rowCount(): Promise<number> {
    return this.rows().count();
  }

  row(name: string): Locator {
    return this.rows().filter({ has: this.page.locator('[data-testid="facility-row-name"]', { hasText: name }) });
  }

  /** How many rows show exactly this text as the name (a text node, not markup). */
  async rowsNamed(name: string): Promise<number> {
    return this.page.locator('[data-testid="facility-row-name"]', { hasText: name }).count();
  }

  async countText(): Promise<string> {
    return (await this.page.textContent('[data-testid="facility-count"]'))?.trim() ?? '';
  }

  async search(text: string): Promise<void> {
    await this.page.fill('[data-testid="facility-filter-q"]', text);
  }

  async showDeleted(shown: boolean): Promise<void> {
    if (shown) await this.page.check('[data-testid="facility-filter-deleted"]');
    else await this.page.uncheck('[data-testid="facility-filter-deleted"]');
  }

  async exportHref(format: 'csv' | 'geojson'): Promise<string | null> {
    return this.page.getAttribute(`[data-testid="export-${format}"]`, 'href');
  }

  async legendItemCount(): Promise<number> {
    return this.page.locator('[data-testid="facility-legend-item"]').count();
  }

  /** What the legend says the symbols' looks mean (status, confirmation). */
  async statusLegend(): Promise<string[]> {
    return this.page.locator('[data-testid="facility-status-legend-label"]').allInnerTexts();
  }

  async isAddDisabled(): Promise<boolean> {
    return this.page.isDisabled('[data-testid="facility-add"]');
  }

  /** Opens the details of the first facility in the table. */
  async openFirstFacility(): Promise<void> {
    await this.page.locator('[data-testid="facility-row-name"]').first().click();
    await this.waitForPanel();
  }

  /** Opens the details of a facility by its name in the table. */
  async openFacility(name: string): Promise<void> {
    await this.row(name).locator('[data-testid="facility-row-name"]').click();
    await this.waitForPanel();
  }

  async openFacilityById(id: string): Promise<void> {
    await this.page.locator(`[data-testid="facility-row"][data-id="${id}"] [data-testid="facility-row-name"]`).click();
    await this.waitForPanel();
  }

  /** The id of the facility selected in the table. */
  async selectedId(): Promise<string> {
    const row = this.rows().and(this.page.locator('[aria-selected="true"]'));
    await row.waitFor();
    return (await row.getAttribute('data-id'))!;
  }

  /** Restores a deleted facility from its row (shown with "Gelöschte anzeigen"). */
  async restoreFromTable(id: string): Promise<void> {
    await this.page.locator(`[data-testid="facility-row"][data-id="${id}"] [data-testid="facility-row-restore"]`).click();
  }

  /** Images anywhere in the details panel or the table (a name must never become one). */
  async imagesInPanelOrTable(): Promise<number> {
    return this.page.locator('[data-testid="facility-panel"] img, [data-testid="facility-table"] img').count();
  }

  // --- the map ----------------------------------------------------------------------------------

  /** The number of facilities the map was given (`data-facilities`). */
  async countOnMap(): Promise<string | null> {
    return this.atlas.map.getAttribute('data-facilities');
  }

  /** Waits until the map has drawn the facility as an unclustered symbol. */
  async waitForRendered(id: string, timeout = 15_000): Promise<void> {
    await this.page.waitForFunction(
      (facilityId) => window.sozialraumatlas?.renderedFacilityIds().includes(facilityId) ?? false,
      id,
      { timeout, polling: 100 },
    );
  }

  /** Switches the add mode on (the next map click places the new facility). */
  async startAdd(): Promise<void> {
    await this.page.click('[data-testid="facility-add"]');
    await this.page.locator('[data-testid="add-mode-hint"]').waitFor();
    await this.atlas.waitForMode('add-facility');
  }

  /** Leaves the add mode with Esc. */
  async cancelAddWithEscape(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.locator('[data-testid="add-mode-hint"]').waitFor({ state: 'detached' });
  }

  /** In add mode: clicks the map where the new facility goes; the form opens. */
  async placeAt(lngLat: LngLat): Promise<void> {
    await this.atlas.clickAt(lngLat);
    await this.form.waitForOpen();
  }

  /** Adds a facility: add mode, click on the map, fill the form, save; returns its id. */
  async addAt(lngLat: LngLat, values: FormInput): Promise<string> {
    await this.startAdd();
    await this.placeAt(lngLat);
    await this.form.fill(values);
    await this.form.save();
    await this.waitForPanel();
    return this.selectedId();
  }

  /** Drags a facility symbol on the map to another place (the move is saved on drop). */
  async dragFacility(from: LngLat, to: LngLat): Promise<void> {
    await this.atlas.drag(from, to);
  }

  // --- the details panel ----------------------------------------------------------------------------

  async waitForPanel(): Promise<void> {
    await this.page.locator('[data-testid="facility-panel"]').waitFor();
  }

  /** A field of the details panel: name, gemeinde, sozialraum, version, foerderung … */
  async panelField(field: string): Promise<string | null> {
    return this.page.textContent(`[data-testid="facility-panel-${field}"]`);
  }

  async panelText(): Promise<string | null> {
    return this.page.textContent('[data-testid="facility-panel"]');
  }

  async isEditDisabled(): Promise<boolean> {
    return this.page.isDisabled('[data-testid="facility-edit"]');
  }

  /** Opens the edit form of the facility in the panel. */
  async edit(): Promise<void> {
    await this.page.click('[data-testid="facility-edit"]');
    await this.form.waitForOpen();
  }

  async delete(): Promise<void> {
    await this.page.click('[data-testid="facility-delete"]');
  }

  async openHistory(): Promise<void> {
    await this.page.click('[data-testid="facility-history"] summary');
  }

  async historyEntryCount(): Promise<number> {
    return this.page.locator('[data-testid="history-entry"]').count();
  }

  async historyEntry(version: number): Promise<string | null> {
    return this.page.textContent(`[data-testid="history-entry"][data-version="${version}"]`);
  }

  async revertTo(version: number): Promise<void> {
    await this.page.locator(`[data-testid="history-entry"][data-version="${version}"] [data-testid="history-revert"]`).click();
  }

  /** Makes the page ask the server for changes now (the app polls on window focus too). */
  async pollNow(): Promise<void> {
    await this.page.evaluate(() => window.dispatchEvent(new Event('focus')));
  }

  // --- undo and toasts ------------------------------------------------------------------------------

  async undoWithButton(): Promise<void> {
    await this.page.click('[data-testid="undo-button"]');
  }

  /** Ctrl+Z with the focus on the map, not in a text field. */
  async undoWithKeyboard(): Promise<void> {
    await this.atlas.focusMap();
    await this.page.keyboard.press('Control+z');
  }

  toasts(kind?: 'info' | 'success' | 'error'): Locator {
    return this.page.locator(kind ? `[data-testid="toast"][data-kind="${kind}"]` : '[data-testid="toast"]');
  }

  async lastToast(kind?: 'info' | 'success' | 'error'): Promise<string | null> {
    return this.toasts(kind).last().textContent();
  }

  async toastCount(kind?: 'info' | 'success' | 'error'): Promise<number> {
    return this.toasts(kind).count();
  }

  /** „Rückgängig“ in the newest success toast. */
  async undoFromToast(): Promise<void> {
    await this.toasts('success').last().locator('[data-testid="toast-action"]').click();
  }
}
