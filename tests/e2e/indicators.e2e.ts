// The Kennzahlen end to end: real server (API + embedded database with the shipped Kennzahlen of
// geodata/ seeded), real Chromium. A planner opens Adelebsen's profile, changes the year,
// compares it with another Sozialraum, finds the most similar ones, switches the map's
// Kennzahl, and a protected value is „•“ on screen and absent from every answer the page got.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driversFor, type AppDrivers } from './support/app';
import { consoleErrors, launchBrowser, newPage, pageErrors } from './support/browser';
import { startAppServer, type AppServer } from './support/server';

let browser: Browser;
let server: AppServer;
const pages: Page[] = [];

async function openAtlas(query = ''): Promise<AppDrivers> {
  const page = await newPage(browser, server.url, { viewport: { width: 1440, height: 900 } });
  pages.push(page);
  const app = driversFor(page);
  app.indicators.recordResponses();
  await app.atlas.open(server.url, query);
  return app;
}

beforeAll(async () => {
  server = await startAppServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('Kennzahlen', () => {
  it('shows the map Kennzahl with legend, source and date', async () => {
    const { indicators, page } = await openAtlas();
    await indicators.open();
    await indicators.chooseIndicator('anteil-65-und-mehr');
    expect(await indicators.stand()).toBe('Stand 31.12.2015');
    await indicators.screenshotPanel('kennzahlen-panel.png');
    await page.screenshot({ path: 'test-results/kennzahlen-seite.png' });
    expect(pageErrors(page)).toEqual([]);
    expect(consoleErrors(page)).toEqual([]);
  });
});
