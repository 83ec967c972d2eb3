// The resource maps end to end: real server (API + embedded database), real Chromium.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { booleanPointInPolygon } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectionFor } from '../../src/domain/geo/projection';
import type { TerritoryFile } from '../../src/domain/territory/types';
import { colourAt, colourDistance, openAtlas, screenshotMap } from './support/atlas';
import { consoleErrors, foreignRequests, launchBrowser, newPage, pageErrors, screenshotStats } from './support/browser';
import {
  addFacilityAt,
  apiSession,
  dragOnMap,
  facilityCountText,
  facilityRow,
  facilityRows,
  openResources,
  signIn,
  toast,
  waitForFacilityRendered,
} from './support/resources';
import { TEST_ADMIN, startAppServer, type AppServer } from './support/server';

const goettingen: TerritoryFile = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/data/territory/goettingen.json'), 'utf8'));
const inSozialraum = (id: string, point: [number, number]) =>
  booleanPointInPolygon(point, goettingen.sozialraeume.features.find((f) => f.properties.id === id)!);

const FIXTURES = join(import.meta.dirname, '../fixtures/import');
const ADMIN = { email: TEST_ADMIN.email, password: TEST_ADMIN.password };
const PLANER = { email: 'bernd.planung@test.invalid', password: 'Planung-Passwort-1', name: 'Bernd Planung' };
/**
 * Two places 2 km apart on either side of the Rosdorf/Friedland border, and a view showing both
 * unclustered, left of the details panel.
 */
const IN_ROSDORF: [number, number] = [9.865, 51.445];
const IN_FRIEDLAND: [number, number] = [9.895, 51.445];
const VIEW = '?landkreis=goettingen&karte=13.00/51.44500/9.90000';
const HOSTILE = '<img src=x onerror=alert(1)>';

let browser: Browser;
let server: AppServer;
const pages: Page[] = [];

async function freshPage(): Promise<Page> {
  const page = await newPage(browser, server.url, { viewport: { width: 1440, height: 900 } });
  // Any alert/confirm would be a script running from data: record and refuse it.
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  pages.push(page);
  return page;
}
const dialogs: string[] = [];

beforeAll(async () => {
  server = await startAppServer();
  browser = await launchBrowser();
  const setup = await browser.newContext();
  const admin = await apiSession(setup, server.url, ADMIN);
  await admin.post('/api/users', { email: PLANER.email, name: PLANER.name, rolle: 'planung', passwort: PLANER.password, zustaendigkeiten: [] });
  await setup.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('resource maps', () => {
  it('shows the facilities read-only to anonymous users, in the table and on the map', async () => {
    const page = await freshPage();
    await openAtlas(page, server.url);
    await openResources(page);
    await expect.poll(() => facilityCountText(page)).toMatch(/^\d+ von \d+ Einrichtungen$/);
    const count = await facilityRows(page).count();
    expect(count).toBeGreaterThan(0);
    expect(await page.getAttribute('[data-testid="map"]', 'data-facilities')).toBe(String(count));
    expect(await page.isDisabled('[data-testid="facility-add"]')).toBe(true);
    expect(await page.locator('[data-testid="facility-legend-item"]').count()).toBeGreaterThanOrEqual(8);

    await page.fill('[data-testid="facility-filter-q"]', 'Adelebsen');
    await expect.poll(() => facilityCountText(page)).toBe(`1 von ${count} Einrichtungen`);
    // The export buttons download the current filter from the API.
    const csvHref = (await page.getAttribute('[data-testid="export-csv"]', 'href'))!;
    expect(csvHref).toBe('/api/districts/goettingen/export.csv?q=Adelebsen&geloescht=nein');
    const csv = await page.request.get(new URL(csvHref, server.url).href);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain('Adelebsen');
    expect(await page.getAttribute('[data-testid="export-geojson"]', 'href')).toBe('/api/districts/goettingen/export.geojson?q=Adelebsen&geloescht=nein');
    await page.click('[data-testid="facility-row-name"]');
    await page.locator('[data-testid="facility-panel"]').waitFor();
    expect(await page.textContent('[data-testid="facility-panel-sozialraum"]')).toContain('Adelebsen');
    expect(await page.isDisabled('[data-testid="facility-edit"]')).toBe(true);
    await page.waitForTimeout(800);
    await screenshotStats(page.locator('body'), 'ressourcen-anonym.png');
    expect(pageErrors(page)).toEqual([]);
  });

  it('signs in, adds a facility by clicking the map and shows a hostile name as plain text', async () => {
    const page = await freshPage();
    await openAtlas(page, server.url, VIEW);
    await page.click('[data-testid="login-open"]');
    await page.fill('[data-testid="login-email"]', ADMIN.email);
    await page.fill('[data-testid="login-password"]', 'falsches-Passwort');
    await page.click('[data-testid="login-submit"]');
    expect(await page.locator('[data-testid="login-error"]').textContent()).toBe('E-Mail-Adresse oder Passwort ist falsch.');
    await page.fill('[data-testid="login-password"]', ADMIN.password);
    await page.click('[data-testid="login-submit"]');
    await page.locator('[data-testid="session-user"]').waitFor();
    expect(await page.textContent('[data-testid="session-user"]')).toBe(`${TEST_ADMIN.name}Administration`);

    await openResources(page);
    const before = await facilityRows(page).count();
    // Esc leaves the add mode without adding anything.
    await page.click('[data-testid="facility-add"]');
    await page.locator('[data-testid="add-mode-hint"]').waitFor();
    expect(await page.getAttribute('[data-testid="map"]', 'data-mode')).toBe('add-facility');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="add-mode-hint"]').waitFor({ state: 'detached' });
    expect(await page.getAttribute('[data-testid="map"]', 'data-mode')).toBeNull();
    // Validation messages from the schema appear beside the fields.
    await page.click('[data-testid="facility-add"]');
    await page.locator('[data-testid="add-mode-hint"]').waitFor();
    const { x, y } = await page.evaluate((p) => window.sozialraumatlas!.project(p), IN_ROSDORF);
    await page.locator('[data-testid="map"]').click({ position: { x, y } });
    await page.locator('[data-testid="facility-form"]').waitFor();
    expect(await page.textContent('[data-testid="facility-form-location"]')).toContain('Sozialraum Rosdorf');
    await page.fill('[data-testid="facility-field-plz"]', '371');
    await page.fill('[data-testid="facility-field-email"]', 'keine-adresse');
    await page.click('[data-testid="facility-form-save"]');
    expect(await page.textContent('[data-testid="facility-error-name"]')).toBe('Name fehlt');
    expect(await page.textContent('[data-testid="facility-error-plz"]')).toBe('PLZ hat fünf Ziffern');
    expect(await page.textContent('[data-testid="facility-error-email"]')).toBe('keine gültige E-Mail-Adresse');
    expect(await page.textContent('[data-testid="facility-error-category"]')).toBe('Bitte eine Kategorie wählen');
    await screenshotStats(page.locator('body'), 'ressourcen-formular-fehler.png');

    await page.fill('[data-testid="facility-field-name"]', HOSTILE);
    await page.selectOption('[data-testid="facility-field-category"]', 'kita');
    await page.fill('[data-testid="facility-field-plz"]', '37124');
    await page.fill('[data-testid="facility-field-email"]', 'kita@example.org');
    await page.check('[data-testid="facility-field-zielgruppe-Kinder"]');
    await page.click('[data-testid="facility-form-save"]');
    await page.locator('[data-testid="facility-panel"]').waitFor();
    const id = (await facilityRows(page).and(page.locator('[aria-selected="true"]')).getAttribute('data-id'))!;
    await waitForFacilityRendered(page, id);

    // The name is a text node, literally; no element was created from it and no script ran.
    expect(await page.textContent('[data-testid="facility-panel-name"]')).toBe(HOSTILE);
    expect(await page.locator('[data-testid="facility-panel"] img, [data-testid="facility-table"] img').count()).toBe(0);
    expect(await page.locator('[data-testid="facility-row-name"]', { hasText: HOSTILE }).count()).toBe(1);
    expect(await page.textContent('[data-testid="facility-panel-sozialraum"]')).toContain('Rosdorf');
    expect(await facilityRows(page).count()).toBe(before + 1);
    await page.waitForTimeout(600);
    await screenshotStats(page.locator('body'), 'ressourcen-angelegt.png');
    expect(dialogs).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });

  it('drags a facility into another Sozialraum and undoes the move', async () => {
    expect(inSozialraum('rosdorf', IN_ROSDORF) && inSozialraum('friedland', IN_FRIEDLAND)).toBe(true);
    const page = await freshPage();
    await openAtlas(page, server.url, VIEW);
    await signIn(page, ADMIN);
    await openResources(page);
    const id = await addFacilityAt(page, IN_ROSDORF, { name: 'Beratung am Rand', category: 'beratungsstelle' });
    await waitForFacilityRendered(page, id);
    expect(await page.textContent('[data-testid="facility-panel-sozialraum"]')).toContain('Rosdorf');

    await dragOnMap(page, IN_ROSDORF, IN_FRIEDLAND);
    await expect.poll(() => page.textContent('[data-testid="facility-panel-version"]')).toBe('2');
    expect(await page.textContent('[data-testid="facility-panel-sozialraum"]')).toContain('Friedland');
    expect(await page.textContent('[data-testid="facility-panel-gemeinde"]')).toBe('Friedland');
    expect(await toast(page, 'success').last().textContent()).toContain('Sozialraum Friedland');
    await page.waitForTimeout(500);
    await screenshotMap(page, 'ressourcen-verschoben.png');

    // Undo with the keyboard (focus on the map, not in a text field).
    await page.locator('[data-testid="map"] canvas').focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.textContent('[data-testid="facility-panel-version"]')).toBe('3');
    expect(await page.textContent('[data-testid="facility-panel-sozialraum"]')).toContain('Rosdorf');
    const facility = await (await page.request.get(new URL(`/api/facilities/${id}`, server.url).href)).json();
    expect(facility.lage[0]).toBeCloseTo(IN_ROSDORF[0], 3);
    expect(facility.lage[1]).toBeCloseTo(IN_ROSDORF[1], 3);
  });

  it('edits in the form, undoes with the button, deletes with undo and restores from the deleted ones', async () => {
    const page = await freshPage();
    await openAtlas(page, server.url, VIEW);
    await signIn(page, ADMIN);
    await openResources(page);
    const id = await addFacilityAt(page, IN_FRIEDLAND, { name: 'Jugendtreff Friedland', category: 'jugendeinrichtung' });

    await page.click('[data-testid="facility-edit"]');
    await page.fill('[data-testid="facility-field-name"]', 'Jugendhaus Friedland');
    await page.fill('[data-testid="facility-field-kapazitaet"]', '40');
    await page.selectOption('[data-testid="facility-field-status"]', 'geplant');
    await page.fill('[data-testid="facility-field-foerderungProgramm"]', 'Jugendförderung');
    await page.fill('[data-testid="facility-field-foerderungSeit"]', '2023');
    await page.click('[data-testid="facility-form-save"]');
    await expect.poll(() => page.textContent('[data-testid="facility-panel-name"]')).toBe('Jugendhaus Friedland');
    expect(await page.textContent('[data-testid="facility-panel"]')).toContain('Jugendförderung (seit 2023)');

    // History lists both versions with the changed fields.
    await page.click('[data-testid="facility-history"] summary');
    await expect.poll(() => page.locator('[data-testid="history-entry"]').count()).toBe(2);
    expect(await page.textContent('[data-testid="history-entry"][data-version="2"]')).toContain('Jugendtreff Friedland → Jugendhaus Friedland');

    await page.click('[data-testid="undo-button"]');
    await expect.poll(() => page.textContent('[data-testid="facility-panel-name"]')).toBe('Jugendtreff Friedland');
    expect(await page.textContent('[data-testid="facility-panel-foerderung"]')).toBe('–');

    // Revert to version 2 from the history.
    await expect.poll(() => page.locator('[data-testid="history-entry"]').count()).toBe(3);
    await page.locator('[data-testid="history-entry"][data-version="2"] [data-testid="history-revert"]').click();
    await expect.poll(() => page.textContent('[data-testid="facility-panel-name"]')).toBe('Jugendhaus Friedland');
    await screenshotStats(page.locator('body'), 'ressourcen-verlauf.png');

    // Delete: gone from table and map, back with "Rückgängig" in the toast.
    const total = await facilityRows(page).count();
    await page.click('[data-testid="facility-delete"]');
    await expect.poll(() => facilityRows(page).count()).toBe(total - 1);
    await toast(page, 'success').last().locator('[data-testid="toast-action"]').click();
    await expect.poll(() => facilityRows(page).count()).toBe(total);

    // Delete again and restore through "Gelöschte anzeigen".
    await facilityRow(page, 'Jugendhaus Friedland').locator('[data-testid="facility-row-name"]').click();
    await page.click('[data-testid="facility-delete"]');
    await expect.poll(() => facilityRows(page).count()).toBe(total - 1);
    await page.check('[data-testid="facility-filter-deleted"]');
    const deletedRow = page.locator(`[data-testid="facility-row"][data-id="${id}"]`);
    await deletedRow.locator('[data-testid="facility-row-restore"]').click();
    await page.uncheck('[data-testid="facility-filter-deleted"]');
    await expect.poll(() => facilityRows(page).count()).toBe(total);
    expect(pageErrors(page)).toEqual([]);
  });

  it('shows the conflict dialog when a second browser saved first, and re-applies on request', async () => {
    const first = await freshPage();
    await openAtlas(first, server.url, VIEW);
    await signIn(first, ADMIN);
    await openResources(first);
    const id = await addFacilityAt(first, IN_ROSDORF, { name: 'Familienzentrum Rosdorf Süd', category: 'familienzentrum' });

    const second = await freshPage();
    await openAtlas(second, server.url, VIEW);
    await signIn(second, { email: PLANER.email, password: PLANER.password });
    await openResources(second);
    await second.locator(`[data-testid="facility-row"][data-id="${id}"] [data-testid="facility-row-name"]`).click();

    // Both open the form on version 1.
    await first.click('[data-testid="facility-edit"]');
    await second.click('[data-testid="facility-edit"]');
    await second.fill('[data-testid="facility-field-telefon"]', '0551 4711');
    await second.fill('[data-testid="facility-field-name"]', 'Familienzentrum Rosdorf-Süd');
    await second.click('[data-testid="facility-form-save"]');
    await expect.poll(() => second.textContent('[data-testid="facility-panel-version"]')).toBe('2');

    await first.fill('[data-testid="facility-field-name"]', 'FZ Rosdorf Süd');
    await first.click('[data-testid="facility-form-save"]');
    const dialog = first.locator('[data-testid="conflict-dialog"]');
    await dialog.waitFor();
    expect(await first.textContent('[data-testid="conflict-message"]')).toMatch(
      /^Diese Einrichtung wurde inzwischen von Bernd Planung geändert \(\d\d\.\d\d\.\d{4}, \d\d:\d\d\)\./,
    );
    const nameRow = dialog.locator('[data-testid="conflict-row"][data-field="name"]');
    expect(await nameRow.textContent()).toBe('NameFamilienzentrum Rosdorf-SüdFZ Rosdorf Süd');
    expect(await dialog.textContent()).toContain('0551 4711');
    await screenshotStats(first.locator('body'), 'ressourcen-konflikt.png');

    await first.click('[data-testid="conflict-reapply-mine"]');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => first.textContent('[data-testid="facility-panel-version"]')).toBe('3');
    expect(await first.textContent('[data-testid="facility-panel-name"]')).toBe('FZ Rosdorf Süd');
    // The other person's telephone number survived.
    expect(await first.textContent('[data-testid="facility-panel"]')).toContain('0551 4711');

    // The second browser converges on the next poll (window focus triggers one).
    await second.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => second.textContent('[data-testid="facility-panel-name"]')).toBe('FZ Rosdorf Süd');
    expect(pageErrors(first)).toEqual([]);
    expect(pageErrors(second)).toEqual([]);
  });

  it('imports a German Excel CSV (Windows-1252, semicolons, UTM 32N) and shows the points where they are', async () => {
    const page = await freshPage();
    await openAtlas(page, server.url);
    await signIn(page, ADMIN);
    await openResources(page);
    const before = await facilityRows(page).count();

    // Bad files: the parser's own German message, nothing imported.
    await page.click('[data-testid="import-open"]');
    await page.setInputFiles('[data-testid="import-file"]', join(FIXTURES, 'workbook.xlsx'));
    expect(await page.locator('[data-testid="import-file-error"]').textContent()).toContain('Die Datei ist eine Excel-Arbeitsmappe (.xlsx).');
    await page.setInputFiles('[data-testid="import-file"]', join(FIXTURES, 'unclosed-quote.csv'));
    expect(await page.locator('[data-testid="import-file-error"]').textContent()).toContain('Ein Anführungszeichen in Zeile 3 wird nicht geschlossen.');
    await page.setInputFiles('[data-testid="import-file"]', join(FIXTURES, 'broken.geojson'));
    expect(await page.locator('[data-testid="import-file-error"]').textContent()).toMatch(/Zeile 5/);
    expect(await page.locator('[data-testid="import-check"]').count()).toBe(0);

    await page.setInputFiles('[data-testid="import-file"]', join(FIXTURES, 'kitas-excel-semikolon-cp1252-utm32.csv'));
    await page.locator('[data-testid="import-mapping"]').waitFor();
    expect(await page.locator('[data-testid="import-file-error"]').count()).toBe(0);
    expect(await page.textContent('[data-testid="import-drop-zone"]')).toContain('Windows-1252');
    expect(await page.textContent('[data-testid="import-preview"]')).toContain('Kindertagesstätte Bärenhöhle');
    expect(await page.inputValue('[data-testid="import-crs"]')).toBe('EPSG:25832');
    expect(await page.inputValue('[data-testid="import-map-x"]')).toBe('6');
    await screenshotStats(page.locator('[data-testid="import-dialog"]'), 'ressourcen-import-zuordnung.png');

    await page.click('[data-testid="import-check"]');
    await page.locator('[data-testid="import-report"]').waitFor();
    expect(await page.textContent('[data-testid="import-summary"]')).toBe('3 Zeilen3 ohne Fehler0 mit Fehlern0 mit Warnungen');
    await screenshotStats(page.locator('[data-testid="import-dialog"]'), 'ressourcen-import-bericht.png');
    expect(await page.textContent('[data-testid="import-commit"]')).toBe('3 Einrichtungen importieren');
    await page.click('[data-testid="import-commit"]');
    await page.locator('[data-testid="import-dialog"]').waitFor({ state: 'detached' });
    await expect.poll(() => facilityRows(page).count()).toBe(before + 3);

    const utm = projectionFor('EPSG:25832');
    const expected: Record<string, [number, number]> = {
      'Kindertagesstätte Bärenhöhle': utm.inverse([565869.24, 5711417.54]) as [number, number],
      'Testkita Sonnenschein': utm.inverse([561082.67, 5705796.29]) as [number, number],
      'Kita Märchenwald': utm.inverse([577690.1, 5709360.11]) as [number, number],
    };
    const { facilities } = await (await page.request.get(new URL('/api/districts/goettingen/facilities', server.url).href)).json();
    for (const [name, lngLat] of Object.entries(expected)) {
      const imported = facilities.find((facility: { name: string }) => facility.name === name);
      expect(imported, name).toBeDefined();
      expect(imported.lage[0]).toBeCloseTo(lngLat[0], 5);
      expect(imported.lage[1]).toBeCloseTo(lngLat[1], 5);
      expect(imported.category).toBe('kita');
    }
    const baerenhoehle = facilities.find((facility: { name: string }) => facility.name === 'Kindertagesstätte Bärenhöhle');
    expect(baerenhoehle.traeger).toBe('Förderverein „Kleine Füße“ e. V.');
    expect(facilities.find((facility: { name: string }) => facility.name === 'Kita Märchenwald').kapazitaet).toBe(1200);

    // On the map: choose it in the table, the map moves there and draws the Kita symbol on the spot.
    await page.fill('[data-testid="facility-filter-q"]', 'Bärenhöhle');
    await expect.poll(() => facilityRows(page).count()).toBe(1);
    await page.click('[data-testid="facility-row-name"]');
    await waitForFacilityRendered(page, baerenhoehle.id);
    await page.waitForTimeout(800);
    const colour = await colourAt(page, baerenhoehle.lage);
    expect(colourDistance(colour, [0xef, 0x6c, 0x00])).toBeLessThan(70);
    await screenshotStats(page.locator('body'), 'ressourcen-import-karte.png');
    expect(pageErrors(page)).toEqual([]);
  });

  it('lets an admin create a coordinator, whose edits outside the own area the server refuses in German', async () => {
    const page = await freshPage();
    await openAtlas(page, server.url, VIEW);
    await signIn(page, ADMIN);
    await page.click('[data-testid="users-open"]');
    await page.locator('[data-testid="users-table"]').waitFor();
    await page.click('[data-testid="user-new"]');
    await page.fill('[data-testid="user-name"]', 'Clara Koordination');
    await page.fill('[data-testid="user-email"]', 'clara@test.invalid');
    await page.selectOption('[data-testid="user-role"]', 'koordination');
    await page.fill('[data-testid="user-password"]', 'kurz');
    await page.click('[data-testid="user-create"]');
    expect(await page.textContent('[data-testid="user-error-passwort"]')).toBe('Passwort braucht mindestens 10 Zeichen');
    expect(await page.textContent('[data-testid="user-error-zustaendigkeiten"]')).toBe('Koordination braucht mindestens ein Gebiet');
    await page.fill('[data-testid="user-password"]', 'Clara-Passwort-1');
    await page.check('[data-testid="user-area-sozialraum-rosdorf"]');
    await page.click('[data-testid="user-create"]');
    const clara = page.locator('[data-testid="user-row"][data-email="clara@test.invalid"]');
    await clara.waitFor();
    expect(await clara.textContent()).toContain('Rosdorf');
    await screenshotStats(page.locator('[data-testid="users-dialog"]'), 'ressourcen-benutzer.png');
    await page.keyboard.press('Escape');
    await page.click('[data-testid="logout"]');
    await page.locator('[data-testid="login-open"]').waitFor();

    await signIn(page, { email: 'clara@test.invalid', password: 'Clara-Passwort-1' });
    expect(await page.textContent('[data-testid="session-role"]')).toBe('Koordination');
    await openResources(page);
    const id = await addFacilityAt(page, IN_ROSDORF, { name: 'Claras Kita', category: 'kita' });
    await waitForFacilityRendered(page, id);
    // Moving it into Friedland is outside her area: the server says no, the symbol goes back.
    await dragOnMap(page, IN_ROSDORF, IN_FRIEDLAND);
    await expect.poll(() => toast(page, 'error').count()).toBe(1);
    expect(await toast(page, 'error').textContent()).toContain('Sie dürfen Einrichtungen im Sozialraum „Friedland“ nicht bearbeiten.');
    expect(await page.textContent('[data-testid="facility-panel-version"]')).toBe('1');
    // Facilities elsewhere are offered read-only.
    await page.fill('[data-testid="facility-filter-q"]', 'Adelebsen');
    await page.click('[data-testid="facility-row-name"]');
    expect(await page.isDisabled('[data-testid="facility-edit"]')).toBe(true);

    // Deactivated, she cannot sign in again.
    await page.click('[data-testid="logout"]');
    await signIn(page, ADMIN);
    await page.click('[data-testid="users-open"]');
    await page.locator('[data-testid="user-row"][data-email="clara@test.invalid"] [data-testid="user-toggle-active"]').click();
    await expect.poll(() => page.textContent('[data-testid="user-row"][data-email="clara@test.invalid"]')).toContain('deaktiviert');
  });

  it('loaded nothing from other hosts and logged no errors besides refused sign-ins', async () => {
    for (const page of pages) {
      expect(foreignRequests(page)).toEqual([]);
      // 401: refused sign-in; 403: refused move; 409: refused stale save. All answers the UI handles.
      const unexpected = consoleErrors(page).filter((message) => !/status of (401|403|409)/.test(message));
      expect(unexpected).toEqual([]);
    }
    expect(dialogs).toEqual([]);
  });
});

describe('resource maps when reading needs a sign-in', () => {
  let closed: AppServer;
  beforeAll(async () => {
    closed = await startAppServer({ ANONYMOUS_READ: 'false' });
  });
  afterAll(async () => {
    await closed?.close();
  });

  it('asks anonymous users to sign in instead of showing facilities, and shows them after sign-in', async () => {
    const page = await newPage(browser, closed.url, { viewport: { width: 1440, height: 900 } });
    await openAtlas(page, closed.url);
    await page.click('[data-testid="tab-ressourcen"]');
    await page.locator('[data-testid="facility-signin-required"]').waitFor();
    expect(await page.getAttribute('[data-testid="map"]', 'data-facilities')).toBe('0');
    // The territory atlas works as before.
    await page.click('[data-testid="tab-sozialraeume"]');
    expect(await page.locator('[data-testid="sozialraum-row"]').count()).toBe(18);
    await page.click('[data-testid="tab-ressourcen"]');
    await page.click('[data-testid="facility-signin-required"] button');
    await page.fill('[data-testid="login-email"]', ADMIN.email);
    await page.fill('[data-testid="login-password"]', ADMIN.password);
    await page.click('[data-testid="login-submit"]');
    await page.locator('[data-testid="facility-table"]').waitFor();
    await expect.poll(() => facilityRows(page).count()).toBeGreaterThan(0);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
