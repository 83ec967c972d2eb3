// „Drucken / als PDF“ end to end, as a Kreistag member (not signed in) and a planner would: the
// sheet of the Sozialräume, Ressourcen, Versorgung and Kennzahlen views in the preview, as PDF
// (title, legend entries, sources with their dates and the attribution found in its text; the
// page image looked at) and PNG, and Ctrl+P printing that sheet instead of the app. The internal
// view of unprotected values is not printed. Real server, real Chromium, poppler reads the PDFs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driversFor, type AppDrivers } from './support/app';
import { TEST_RESULTS_DIR, consoleErrors, launchBrowser, newPage, pageErrors } from './support/browser';
import { decodePng, pixelStats } from './support/png';
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
  mkdirSync(TEST_RESULTS_DIR, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function pdfFacts(file: string): { text: string; size: string; pages: number } {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  return { text, size: /Page size:\s+([\d.]+ x [\d.]+)/.exec(info)![1]!, pages: Number(/Pages:\s+(\d+)/.exec(info)![1]) };
}

const pngStats = (bytes: Uint8Array) => pixelStats(decodePng(bytes));

/** The PDF's page as PNG (for looking at it) with its pixel statistics. */
function pageImage(file: string, name: string) {
  const root = join(TEST_RESULTS_DIR, name);
  execFileSync('pdftoppm', ['-r', '60', '-png', '-singlefile', file, root]);
  return pngStats(readFileSync(`${root}.png`));
}

describe('Drucken / als PDF', () => {
  it('prints the Sozialräume view without signing in: preview, then a PDF with title, legend, sources and attribution', async () => {
    await app.print.openWithPreview();
    expect(await app.print.title()).toBe('Sozialräume im Landkreis Göttingen');
    const preview = await app.print.preview();
    expect(preview).toMatchObject({ paper: 'A4', orientation: 'quer' });
    expect(preview.aspect).toBeCloseTo(841.89 / 595.28, 2);
    // A modal dialog: Tab goes round inside it, the app behind is inert.
    const tabbing = await app.print.tabThroughDialog(16);
    expect(tabbing.leftDialog).toBe(false);
    expect(tabbing.controls).toBeGreaterThanOrEqual(6);
    await app.print.choose({ title: 'Sozialraumkonferenz 2027 – Übersicht' });
    const shot = await app.print.screenshot('print-preview-a4-quer.png');
    expect(shot.nonBackgroundShare).toBeGreaterThan(0.2);

    const file = join(TEST_RESULTS_DIR, 'print-sozialraeume.pdf');
    expect(await app.print.make(file)).toMatch(/^karte-landkreis-goettingen-sozialraeume-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdf = pdfFacts(file);
    expect(pdf.pages).toBe(1);
    expect(pdf.size).toBe('841.89 x 595.28');
    for (const expected of [
      'Sozialraumkonferenz 2027 – Übersicht',
      'Kreisgrenze Landkreis Göttingen',
      'Sozialregion 1',
      'Fläche in der Farbe der Sozialregion',
      'Stadt Göttingen',
      'Quellen:',
      'Stand 01.01.2016',
      'Stand 15.05.2022',
      '© GeoBasis-DE / BKG (dl-de/by-2-0)',
      '© Statistische Ämter des Bundes und der Länder',
      'erstellt am',
    ]) {
      expect(pdf.text, expected).toContain(expected);
    }
    expect(pdf.text).toMatch(/Maßstab ca\. 1 : \d{2,3}\.000/);
    const image = pageImage(file, 'print-sozialraeume-page');
    // The map picture is on the page: many colours, not a blank sheet.
    expect(image.nonBackgroundShare).toBeGreaterThan(0.25);
    expect(image.distinctColours).toBeGreaterThan(50);
    expect(await app.print.status()).toBe('Vorschau bereit.');
    await app.print.close();
  }, 120_000);

  it('prints the Ressourcen view on A4 portrait with the facility symbols in the legend', async () => {
    await app.atlas.openTab('ressourcen');
    await app.page.locator('[data-testid="facility-legend-item"]').first().waitFor({ timeout: 30_000 });
    await app.print.openWithPreview();
    expect(await app.print.title()).toBe('Ressourcenkarte Landkreis Göttingen');
    await app.print.choose({ orientation: 'hoch' });
    const preview = await app.print.preview();
    expect(preview.orientation).toBe('hoch');
    expect(preview.aspect).toBeCloseTo(595.28 / 841.89, 2);
    await app.print.screenshot('print-preview-a4-hoch.png');
    const file = join(TEST_RESULTS_DIR, 'print-ressourcen.pdf');
    expect(await app.print.make(file)).toMatch(/^karte-landkreis-goettingen-ressourcen-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdf = pdfFacts(file);
    expect(pdf.size).toBe('595.28 x 841.89');
    expect(pdf.text).toMatch(/Familienzentrum \(\d+\)/);
    expect(pdf.text).toContain('Einrichtungen (Anzahl)');
    expect(pdf.text).toMatch(/Einrichtungen: Ressourcenkarte des Landkreis Göttingen, Stand/);
    expect(pageImage(file, 'print-ressourcen-page').nonBackgroundShare).toBeGreaterThan(0.2);
    await app.print.close();
  }, 120_000);

  it('prints the Versorgung view with its legend and the population basis', async () => {
    await app.coverage.open();
    await app.print.openWithPreview();
    expect(await app.print.title()).toMatch(/im Landkreis Göttingen: Umkreis von/);
    const file = join(TEST_RESULTS_DIR, 'print-versorgung.pdf');
    await app.print.make(file);
    const pdf = pdfFacts(file);
    expect(pdf.text).toContain('Anteil der Einwohner im Umkreis (je Sozialraum)');
    expect(pdf.text).toContain('Einwohner ohne Einrichtung im Umkreis');
    expect(pdf.text).toMatch(/Einwohner: .*Stand/);
    await app.print.close();
  }, 120_000);

  it('saves the Kennzahlen view as PNG on A3 and prints it with Ctrl+P instead of the app', async () => {
    await app.indicators.open();
    await app.indicators.waitForFigures();
    await app.print.openWithPreview();
    await app.print.choose({ paper: 'A3', orientation: 'quer', format: 'png' });
    const file = join(TEST_RESULTS_DIR, 'print-kennzahlen.png');
    expect(await app.print.make(file)).toMatch(/^karte-landkreis-goettingen-kennzahlen-\d{4}-\d{2}-\d{2}\.png$/);
    const png = pngStats(readFileSync(file));
    // A3 landscape at 150 dpi.
    expect(png.width).toBe(2480);
    expect(png.height).toBe(1754);
    expect(png.nonBackgroundShare).toBeGreaterThan(0.2);
    await app.print.close();

    // Ctrl+P: the sheet with the last choice (A3 landscape), not the sidebar.
    const printed = await app.print.browserPrint();
    expect(printed.sheetDrawn).toBe(true);
    const printedFile = join(TEST_RESULTS_DIR, 'print-browser.pdf');
    writeFileSync(printedFile, printed.pdf);
    const pdf = pdfFacts(printedFile);
    expect(pdf.pages).toBe(1);
    expect(Number(pdf.size.split(' x ')[0])).toBeCloseTo(1190.55, -1);
    expect(pdf.text).not.toContain('Ebenen und Legende');
    expect(pageImage(printedFile, 'print-browser-page').nonBackgroundShare).toBeGreaterThan(0.2);
  }, 120_000);

  it('does not print the internal view of unprotected values', async () => {
    await app.session.signIn({ email: TEST_ADMIN.email, password: TEST_ADMIN.password });
    await app.indicators.open();
    await app.indicators.setInternal(true);
    await app.print.open();
    expect(await app.print.refusal()).toMatch(/interne Ansicht zeigt ungeschützte Werte und wird nicht gedruckt/);
    await app.print.close();
    await app.indicators.setInternal(false);
    // The Versorgung tab asks for a loaded Zensus grid first; none is loaded here (404), so it uses the shipped extract.
    expect(consoleErrors(app.page).filter((message) => !/404.*\/api\/districts\/[a-z-]+\/population/.test(message))).toEqual([]);
    expect(pageErrors(app.page)).toEqual([]);
  }, 120_000);
});
