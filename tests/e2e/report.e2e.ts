// „Bericht erstellen“ end to end: a planner (here the test admin) saves a report template for one
// Sozialregion, makes the report from it in the browser, sees the sections counted up, downloads
// the PDF and finds its sections in the text. Real server (API + embedded database), real Chromium.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driversFor, type AppDrivers } from './support/app';
import { TEST_RESULTS_DIR, consoleErrors, launchBrowser, newPage, pageErrors } from './support/browser';
import { TEST_ADMIN, startAppServer, type AppServer } from './support/server';

let browser: Browser;
let server: AppServer;
let app: AppDrivers;

beforeAll(async () => {
  server = await startAppServer();
  browser = await launchBrowser();
  const page = await newPage(browser, server.url, { viewport: { width: 1440, height: 900 } });
  app = driversFor(page);
  await app.atlas.open(server.url, '?landkreis=goettingen');
  await app.atlas.waitForMapReady('goettingen');
  await app.session.signIn({ email: TEST_ADMIN.email, password: TEST_ADMIN.password });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('Bericht erstellen', () => {
  it('saves a template, makes the report with visible progress and downloads the PDF', async () => {
    await app.report.open();
    expect(await app.report.indicatorSummary()).toMatch(/^Kennzahlen: Standardauswahl, \d+ von \d+$/);
    expect(await app.report.chooseIndicators(['bevoelkerung', 'arbeitslose-je-1000'])).toMatch(/^Kennzahlen: eigene Auswahl, 2 von \d+$/);
    expect(await app.report.saveTemplate('Sozialregion 2 (E2E)', 'sozialregion-2')).toBe('Vorlage „Sozialregion 2 (E2E)“ gespeichert.');
    await app.report.chooseTemplate('Sozialregion 2 (E2E)');
    expect(await app.report.indicatorSummary()).toMatch(/^Kennzahlen: wie in der Vorlage, 2 von \d+$/);
    const { status, progress } = await app.report.makeReport();
    expect(status).toBe('fertig');
    // Overview, Sozialregion 2, Adelebsen and Bovenden: counted up while drawn.
    expect(progress.at(-1)).toEqual({ done: 4, total: 4 });
    expect(progress.length).toBeGreaterThan(1);
    const pages = /^PDF herunterladen \((\d+) Seiten\)$/.exec((await app.report.downloadLabel()) ?? '')?.[1];
    expect(Number(pages)).toBeGreaterThanOrEqual(6);
    const shot = await app.report.screenshot('report-dialog.png');
    expect(shot.nonBackgroundShare).toBeGreaterThan(0.02);

    mkdirSync(TEST_RESULTS_DIR, { recursive: true });
    const file = join(TEST_RESULTS_DIR, 'report-e2e.pdf');
    expect(await app.report.download(file)).toMatch(/^sozialraumprofile-goettingen-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(new RegExp(`^Pages:\\s+${pages}$`, 'm'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const title of ['Übersicht: 18 Sozialräume (ohne Stadt Göttingen)', 'Sozialregion 2', 'Sozialraum Adelebsen', 'Sozialraum Bovenden']) expect(text).toContain(title);
    expect(text).toContain('mit der Berichtsvorlage „Sozialregion 2 (E2E)“');
    expect(text).not.toContain('Sozialraum Rosdorf');
    // Only the two Kennzahlen of the template.
    expect(text).toContain('Arbeitslose je 1.000 Einwohner');
    expect(text).not.toContain('Anteil ab 65-Jähriger');
    expect(consoleErrors(app.page)).toEqual([]);
    expect(pageErrors(app.page)).toEqual([]);
  }, 120_000);
});
