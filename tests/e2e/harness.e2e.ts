// Smoke test of the e2e harness itself, independent of the app: a throwaway page with a
// button and a canvas proves that Chromium starts, clicks work, WebGL2 is available,
// foreign requests are recorded and screenshots decode.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePage, consoleErrors, foreignRequests, launchBrowser, newPage, pageErrors, screenshotStats } from './support/browser';
import { HarnessPageDriver, startHarnessServer, type HarnessServer } from './support/harnessPage';

let server: HarnessServer;
let browser: Browser;

beforeAll(async () => {
  server = await startHarnessServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('e2e harness', () => {
  it('clicks, records foreign requests and decodes screenshots in real Chromium', async () => {
    const page = await newPage(browser, server.url);
    const harness = new HarnessPageDriver(page);
    try {
      await page.goto(server.url);
      expect(await harness.text()).toBe('vorher');
      expect(foreignRequests(page)).toEqual([]);

      await harness.clickButton();
      await expect.poll(() => harness.text()).toBe('nachher');
      await expect.poll(() => foreignRequests(page)).toContain('http://example.invalid/probe');
      expect(foreignRequests(page).every((url) => !url.startsWith(server.url))).toBe(true);

      // MapLibre 6 needs WebGL2 (SwiftShader with the flags of CHROMIUM_ARGS).
      expect(await harness.hasWebGl2()).toBe(true);

      const stats = await screenshotStats(harness.canvas, 'harness-canvas.png');
      expect(stats.width).toBe(200);
      expect(stats.height).toBe(100);
      expect(stats.distinctColours).toBe(2);
      expect(stats.background).toEqual([255, 255, 255, 255]);
      expect(stats.nonBackgroundShare).toBe(0.25);

      expect(pageErrors(page)).toEqual([]);
      // The only console noise allowed is the failed foreign fetch.
      expect(consoleErrors(page).filter((message) => !message.includes('example.invalid'))).toEqual([]);
    } finally {
      await closePage(page);
    }
  });

  it('can block foreign requests while still recording them', async () => {
    const page = await newPage(browser, server.url, { blockForeignRequests: true });
    const harness = new HarnessPageDriver(page);
    try {
      await page.goto(server.url);
      expect(await harness.fetchFromPage('http://example.invalid/blocked')).toBe('failed');
      expect(foreignRequests(page)).toEqual(['http://example.invalid/blocked']);
    } finally {
      await closePage(page);
    }
  });
});
