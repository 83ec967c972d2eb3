// A throwaway page for the smoke test of the e2e harness itself, independent of the app: a
// button, a text and a canvas, served by a plain HTTP server on a free port.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Locator, Page } from 'playwright-core';

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

export interface HarnessServer {
  /** e.g. http://127.0.0.1:41234/ */
  url: string;
  close(): Promise<void>;
}

export async function startHarnessServer(): Promise<HarnessServer> {
  const server: Server = createServer((req, res) => {
    if (req.url === '/' || req.url === '/index.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(PAGE);
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The steps the smoke test takes on the throwaway page. */
export class HarnessPageDriver {
  constructor(readonly page: Page) {}

  /** The canvas: white, its left quarter red. */
  get canvas(): Locator {
    return this.page.locator('[data-testid="canvas"]');
  }

  /** Changes the text and fires a request to a foreign host. */
  async clickButton(): Promise<void> {
    await this.page.click('[data-testid="button"]');
  }

  async text(): Promise<string | null> {
    return this.page.textContent('[data-testid="out"]');
  }

  async hasWebGl2(): Promise<boolean> {
    return this.page.evaluate(() => document.createElement('canvas').getContext('webgl2') !== null);
  }

  /** fetch() of a foreign URL from the page: whether it loaded or failed. */
  async fetchFromPage(url: string): Promise<'loaded' | 'failed'> {
    return this.page.evaluate(
      (target) =>
        fetch(target).then(
          () => 'loaded' as const,
          () => 'failed' as const,
        ),
      url,
    );
  }
}
