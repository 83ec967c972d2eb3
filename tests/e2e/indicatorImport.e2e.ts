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
  it('imports a Regionalstatistik (GENESIS) download as planners get it: Windows-1252, header rows, symbols, old keys', async () => {
    const { indicators, page } = planner;
    await indicators.openImport();
    await indicators.chooseImportFile(join(FIXTURES, 'indicators/genesis-13211-01-03-5-arbeitslose-2015.csv'));
    expect(await indicators.importFileError()).toBeNull();
    expect(await page.locator('[data-testid="indicator-import-assignment"] .hint').textContent()).toBe('GENESIS-Tabelle 13211-01-03-5 – Arbeitslose nach ausgewählten Personengruppen - Jahresdurchschnitt -');
    expect(await indicators.assignedIndicator('Arbeitslose · insgesamt')).toBe('arbeitslose');
    expect(await indicators.assignedIndicator('Arbeitslose · Langzeitarbeitslose')).toBe('langzeitarbeitslose');
    await indicators.screenshotImport('kennzahlen-import-genesis-zuordnung.png');

    await indicators.checkImport();
    // The Land and Kreis lines and the municipality of another Kreis are not areas of the district: not rows of the report.
    expect(await indicators.importSummary()).toBe('11 Zeilen | 11 ohne Fehler | 0 mit Fehlern | 11 mit Warnungen');
    const report = await indicators.importReport();
    expect(report.find((row) => row.line === 11)?.text).toMatch(/Adelebsen \(03159001\) \| Jahresdurchschnitt 2015 \| Arbeitslose: 211.*Früherer Schlüssel 03152001 → 03159001/);
    expect(report.find((row) => row.line === 16)?.text).toMatch(/Ausländer: Kein Wert: Zahlenwert unbekannt oder geheim zu halten \(„\.“\)/);
    expect(report.find((row) => row.line === 23)?.text).toMatch(/Summe der früheren Gemeinden 03156012, 03156013, 03156016/);
    await indicators.screenshotImport('kennzahlen-import-genesis-bericht.png');
    // 31 values in 11 lines; Bad Grund (Harz) and Walkenried are several former municipalities each: 22 values.
    expect(await indicators.importCommitLabel()).toBe('22 Werte importieren');
    expect(await indicators.commitImport()).toBe('22 Werte importiert (22 neu) aus „genesis-13211-01-03-5-arbeitslose-2015.csv“.');
    await indicators.closeImport();

    await indicators.chooseIndicator('arbeitslose');
    await indicators.chooseLevel('gemeinde');
    await indicators.chooseDate('2015-12-31');
    expect(await indicators.tableValue('gemeinde:03159036')).toBe('75');
    expect(await indicators.source()).toMatch(/13211-01-03-5/);
    expect(await indicators.stand()).toBe("Jahresdurchschnitt 2015");
    await indicators.screenshotPanel('kennzahlen-genesis-werte.png');
    expect(pageErrors(page)).toEqual([]);
  });
});
