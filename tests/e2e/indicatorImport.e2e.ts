// Planners' own Kennzahlen and the import of values end to end: real server (API + embedded
// database), real Chromium. A planner creates an own Kennzahl (German problems first, then a
// change someone else made meanwhile is said and reloaded), imports a synthetic CSV whose one bad
// row the report flags before anything is written, leaves it out and confirms by keyboard, and
// the values are in the Kennzahlen table. An anonymous visitor is offered no import.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driversFor, type AppDrivers } from './support/app';
import { consoleErrors, launchBrowser, newPage, pageErrors } from './support/browser';
import { TEST_ADMIN, startAppServer, type AppServer } from './support/server';
import { apiSession } from './support/session';

const FIXTURES = join(import.meta.dirname, '../fixtures');
const PLANER = { email: 'paula.planung@test.invalid', password: 'Planung-Passwort-7', name: 'Paula Planung' };
const OWN = {
  name: 'Testbesuche',
  definition: 'Synthetische Zählung für den Ende-zu-Ende-Test.',
  einheit: 'Besuche',
  ebene: 'sozialraum',
  quelleTabelle: 'Testzählung (synthetisch)',
  quelleHerausgeber: 'Testkreis',
  quelleLizenz: 'nur für Tests',
  quelleNamensnennung: 'Testkreis',
};

let browser: Browser;
let server: AppServer;
const pages: Page[] = [];

async function openAtlas(): Promise<AppDrivers> {
  const page = await newPage(browser, server.url, { viewport: { width: 1440, height: 900 } });
  pages.push(page);
  const app = driversFor(page);
  await app.atlas.open(server.url, '?landkreis=goettingen');
  return app;
}

beforeAll(async () => {
  server = await startAppServer();
  browser = await launchBrowser();
  const setup = await browser.newContext();
  const admin = await apiSession(setup, server.url, { email: TEST_ADMIN.email, password: TEST_ADMIN.password });
  await admin.post('/api/users', { email: PLANER.email, name: PLANER.name, rolle: 'planung', passwort: PLANER.password, zustaendigkeiten: [] });
  await setup.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('Kennzahlen importieren and own Kennzahlen', () => {
  it('offers an anonymous visitor no import and no own Kennzahl', async () => {
    const { indicators, page } = await openAtlas();
    await indicators.open();
    expect(await indicators.importButtonCount()).toBe(0);
    expect(await page.locator('[data-testid="own-indicator-open"]').count()).toBe(0);
  });

  let planner: AppDrivers;

  it('a planner creates an own Kennzahl, checked in German, and is told when someone else changed it', async () => {
    planner = await openAtlas();
    const { indicators, session, page } = planner;
    await session.signIn(PLANER);
    await indicators.open();
    expect(await indicators.importButtonCount()).toBe(1);

    await indicators.openOwnIndicators();
    await indicators.saveDefinition();
    expect(await indicators.definitionErrors()).toMatchObject({ name: 'fehlt oder ist leer', einheit: 'fehlt oder ist leer', quelleLizenz: 'fehlt oder ist leer' });
    await indicators.fillDefinition(OWN);
    expect(await indicators.definitionValue('id')).toBe('testbesuche');
    await indicators.saveDefinition();
    await indicators.waitForOwnIndicator('testbesuche');
    expect(await indicators.lastSuccessToast()).toContain('Kennzahl „Testbesuche“ angelegt.');
    expect((await indicators.screenshotOwnIndicators('eigene-kennzahl.png')).distinctColours).toBeGreaterThan(5);

    // A colleague changes the unit meanwhile (version 1 → 2); the planner's change on version 1 is refused.
    const context = await browser.newContext();
    const colleague = await apiSession(context, server.url, PLANER);
    const current = (await colleague.get('/api/districts/goettingen/indicators')).kennzahlen.find((entry: { id: string }) => entry.id === 'testbesuche');
    await colleague.patch('/api/districts/goettingen/indicators/testbesuche', { baseVersion: current.version, kennzahl: { ...current.kennzahl, einheit: 'Besuche (Kollegin)' } });
    await context.close();
    await indicators.fillDefinition({ einheit: 'Besuche je Woche' });
    await indicators.saveDefinition();
    expect(await indicators.conflictMessage()).toMatch(/^Jemand anderes hat diese Kennzahl inzwischen geändert .*nicht gespeichert/);
    expect((await indicators.screenshotOwnIndicators('eigene-kennzahl-konflikt.png')).distinctColours).toBeGreaterThan(5);
    await indicators.reloadAfterConflict();
    expect(await indicators.definitionValue('einheit')).toBe('Besuche (Kollegin)');
    await indicators.closeOwnIndicators();
    expect(pageErrors(page)).toEqual([]);
  });

  it('imports a synthetic CSV: a bad file is refused in German, the bad row is flagged before anything is written, the rest is imported on confirmation', async () => {
    const { indicators, page } = planner;
    await indicators.openImport();
    expect(await indicators.focusInImport()).toBe(true);
    expect(await indicators.tabToFileInput()).toBe(true);
    await indicators.chooseImportFile(join(FIXTURES, 'import/workbook.xlsx'));
    expect(await indicators.importFileError()).toMatch(/^workbook\.xlsx: .*Excel/);

    await indicators.chooseImportFile(join(FIXTURES, 'indicators/eigene-kennzahl-werte.csv'));
    expect(await indicators.importFileError()).toBeNull();
    expect(await indicators.importPreview()).toContain('adelebsen');
    expect(await indicators.assignedIndicator('Testbesuche')).toBe('testbesuche');
    expect((await indicators.screenshotImport('kennzahlen-import-zuordnung.png')).distinctColours).toBeGreaterThan(5);
    await indicators.checkImport();
    expect(await indicators.importSummary()).toBe('4 Zeilen | 3 ohne Fehler | 1 mit Fehlern | 0 mit Warnungen');
    const report = await indicators.importReport();
    expect(report[0]).toMatchObject({ line: 5, error: true, text: expect.stringMatching(/Unbekanntes Gebiet „nirgendwo-testgebiet“/) });
    expect(report.filter((row) => row.error)).toHaveLength(1);
    expect(report.find((row) => row.line === 2)?.text).toMatch(/Adelebsen \(adelebsen\).*31\.12\.2025.*Testbesuche: 1\.111.*in Ordnung/);
    expect(await indicators.importCommitEnabled()).toBe(false);
    const shot = await indicators.screenshotImport('kennzahlen-import-bericht.png');
    expect(shot.distinctColours).toBeGreaterThan(5);

    // Nothing is written before the planner confirms.
    const context = await browser.newContext();
    const api = await apiSession(context, server.url, PLANER);
    expect((await api.get('/api/districts/goettingen/indicators/testbesuche/stored')).werte).toEqual([]);

    await indicators.skipImportErrorsByKeyboard();
    expect(await indicators.importCommitLabel()).toBe('3 Werte importieren');
    const message = await indicators.commitImport();
    expect(message).toBe('3 Werte importiert (3 neu) aus „eigene-kennzahl-werte.csv“.');
    expect(await indicators.lastSuccessToast()).toContain(message);
    await indicators.screenshotImport('kennzahlen-import-fertig.png');
    await indicators.closeImport();
    expect((await api.get('/api/districts/goettingen/indicators/testbesuche/stored')).werte).toHaveLength(3);
    await context.close();

    await indicators.chooseIndicator('testbesuche');
    expect(await indicators.tableValue('sozialraum:adelebsen')).toBe('1.111');
    expect(await indicators.tableValue('sozialraum:rosdorf')).toBe('3.333');
    await indicators.screenshotPanel('kennzahlen-eigene-werte.png');
    expect(pageErrors(page)).toEqual([]);
    // The refused change of the conflict above is the one failed request the browser logs.
    expect(consoleErrors(page).filter((line) => !/status of 409/.test(line))).toEqual([]);
  });
});
