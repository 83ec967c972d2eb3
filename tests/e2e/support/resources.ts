/**
 * Driver for the resource maps (facilities) in end-to-end tests, on top of ./atlas.
 *
 * Contract with the app (stable test hooks):
 * - header: `login-open`, `login-email`, `login-password`, `login-submit`, `login-error`,
 *   `session-user` (name + `session-role`), `logout`, `undo-button`, `users-open`
 * - sidebar tab `tab-ressourcen`; table `facility-table` with rows `facility-row` (`data-id`),
 *   name buttons `facility-row-name`, count `facility-count` ("12 von 40 Einrichtungen"),
 *   filters `facility-filter-{q,category,sozialraum,status,precision,deleted}`, `export-csv`,
 *   `export-geojson`, buttons `facility-add`, `import-open`
 * - map: `data-mode="add-facility"` while adding, `data-moving="<id>"` while a drag is saved,
 *   `data-facilities="<n>"`; `window.sozialraumatlas.renderedFacilityIds()`
 * - details `facility-panel` (`facility-panel-name`, `-gemeinde`, `-sozialraum`, `-version`,
 *   `-lage`), `facility-edit`, `facility-delete`, `facility-restore`, `facility-history`,
 *   `history-entry` (`data-version`), `history-revert`
 * - form `facility-form` with `facility-field-<key>`, `facility-error-<key>`, `facility-form-save`
 * - `conflict-dialog` (`conflict-message`, `conflict-take-theirs`, `conflict-reapply-mine`)
 * - `toast` (`data-kind`), `toast-action`
 */
import type { APIRequestContext, BrowserContext, Locator, Page } from 'playwright-core';
import { mapPoint } from './atlas';

export interface Credentials {
  email: string;
  password: string;
}

export async function signIn(page: Page, { email, password }: Credentials): Promise<void> {
  await page.click('[data-testid="login-open"]');
  await page.fill('[data-testid="login-email"]', email);
  await page.fill('[data-testid="login-password"]', password);
  await page.click('[data-testid="login-submit"]');
  await page.locator('[data-testid="session-user"]').waitFor();
}

/** Signs a browser context in through the API (sets the session cookie); returns a CSRF-aware client. */
export async function apiSession(context: BrowserContext | { request: APIRequestContext }, baseUrl: string, credentials: Credentials) {
  const request = context.request;
  const response = await request.post(new URL('/api/session', baseUrl).href, {
    data: { email: credentials.email, passwort: credentials.password },
  });
  if (!response.ok()) throw new Error(`sign-in failed: ${response.status()} ${await response.text()}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const send = async (method: 'POST' | 'PATCH' | 'DELETE', path: string, data: unknown) => {
    const result = await request.fetch(new URL(path, baseUrl).href, { method, data, headers: { 'X-CSRF-Token': csrfToken } });
    if (!result.ok()) throw new Error(`${method} ${path}: ${result.status()} ${await result.text()}`);
    return result.json();
  };
  return {
    post: (path: string, data: unknown) => send('POST', path, data),
    patch: (path: string, data: unknown) => send('PATCH', path, data),
    get: async (path: string) => (await request.get(new URL(path, baseUrl).href)).json(),
  };
}

export async function openResources(page: Page): Promise<void> {
  await page.click('[data-testid="tab-ressourcen"]');
  await page.locator('[data-testid="facility-table"]').waitFor();
}

export function facilityRows(page: Page): Locator {
  return page.locator('[data-testid="facility-row"]');
}

export function facilityRow(page: Page, name: string): Locator {
  return facilityRows(page).filter({ has: page.locator('[data-testid="facility-row-name"]', { hasText: name }) });
}

export async function facilityCountText(page: Page): Promise<string> {
  return (await page.textContent('[data-testid="facility-count"]'))?.trim() ?? '';
}

/** Waits until the map has drawn the facility as an unclustered symbol. */
export async function waitForFacilityRendered(page: Page, id: string, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    (facilityId) => window.sozialraumatlas?.renderedFacilityIds().includes(facilityId) ?? false,
    id,
    { timeout, polling: 100 },
  );
}

/** Adds a facility: add mode, click on the map, fill the form, save; returns its id. */
export async function addFacilityAt(page: Page, lngLat: [number, number], fields: { name: string; category: string }): Promise<string> {
  await page.click('[data-testid="facility-add"]');
  await page.locator('[data-testid="map"][data-mode="add-facility"]').waitFor();
  const point = await mapPoint(page, lngLat);
  await page.locator('[data-testid="map"]').click({ position: point });
  await page.locator('[data-testid="facility-form"]').waitFor();
  await page.fill('[data-testid="facility-field-name"]', fields.name);
  await page.selectOption('[data-testid="facility-field-category"]', fields.category);
  await page.click('[data-testid="facility-form-save"]');
  await page.locator('[data-testid="facility-panel"]').waitFor();
  const row = facilityRows(page).and(page.locator('[aria-selected="true"]'));
  await row.waitFor();
  return (await row.getAttribute('data-id'))!;
}

/** Drags with the mouse from one geographic position to another, in small steps like a person. */
export async function dragOnMap(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  const box = (await page.locator('[data-testid="map"]').boundingBox())!;
  const start = await mapPoint(page, from);
  const end = await mapPoint(page, to);
  await page.mouse.move(box.x + start.x, box.y + start.y);
  await page.mouse.down();
  const steps = 12;
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(box.x + start.x + ((end.x - start.x) * i) / steps, box.y + start.y + ((end.y - start.y) * i) / steps);
  }
  await page.mouse.up();
}

export function toast(page: Page, kind?: 'info' | 'success' | 'error'): Locator {
  return page.locator(kind ? `[data-testid="toast"][data-kind="${kind}"]` : '[data-testid="toast"]');
}
