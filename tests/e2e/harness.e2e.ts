// Smoke test of the e2e harness itself, independent of the app: a throwaway page with a
// button and a canvas proves that Chromium starts, clicks work, WebGL2 is available,
// foreign requests are recorded and screenshots decode.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePage, consoleErrors, foreignRequests, launchBrowser, newPage, pageErrors, screenshotStats } from './support/browser';

const PAGE = `<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Harness</title></head>
<body style="margin:0">
  <button data-testid="button">Klick</button>
  <p data-testid="out">vorher</p>
  <canvas data-testid="canvas" width="200" height="100" style="display:block"></canvas>
  <script>
    const ctx = document.querySelector('canvas').getContext('2d');
    ctx.fillStyle = '#ffffff'; ctx.fillRect(0, 0, 200, 100);
    ctx.fillStyle = '#cc0000'; ctx.fillRect(0, 0, 50, 100);
    document.querySelector('button').addEventListener('click', () => {
      document.querySelector('[data-testid="out"]').textContent = 'nachher';
      fetch('http://example.invalid/probe').catch(() => {});
    });
  </script>
</body>
</html>`;

let server: Server;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/' || req.url === '/index.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(PAGE);
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('e2e harness', () => {
  it('clicks, records foreign requests and decodes screenshots in real Chromium', async () => {
    const page = await newPage(browser, baseUrl);
    try {
      await page.goto(baseUrl);
      expect(await page.textContent('[data-testid="out"]')).toBe('vorher');
      expect(foreignRequests(page)).toEqual([]);

      await page.click('[data-testid="button"]');
      await expect.poll(() => page.textContent('[data-testid="out"]')).toBe('nachher');
      await expect.poll(() => foreignRequests(page)).toContain('http://example.invalid/probe');
      expect(foreignRequests(page).every((url) => !url.startsWith(baseUrl))).toBe(true);

      // MapLibre 6 needs WebGL2 (SwiftShader with the flags from STACK.md).
      expect(await page.evaluate(() => document.createElement('canvas').getContext('webgl2') !== null)).toBe(true);

      const stats = await screenshotStats(page.locator('[data-testid="canvas"]'), 'harness-canvas.png');
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
    const page = await newPage(browser, baseUrl, { blockForeignRequests: true });
    try {
      await page.goto(baseUrl);
      const outcome = await page.evaluate(() =>
        fetch('http://example.invalid/blocked').then(
          () => 'loaded',
          () => 'failed',
        ),
      );
      expect(outcome).toBe('failed');
      expect(foreignRequests(page)).toEqual(['http://example.invalid/blocked']);
    } finally {
      await closePage(page);
    }
  });
});
