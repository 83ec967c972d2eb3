// Real Chromium for end-to-end tests via playwright-core (never `npx playwright install`).
// The executable comes from CHROMIUM_PATH (set by scripts/test.mjs) or Debian's /usr/bin/chromium.
import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { decodePng, hexToRgb, pixelStats, sampleColours, type DecodedPng, type PixelStats, type Region, type Rgb } from './png';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const TEST_RESULTS_DIR = join(repoRoot, 'test-results');

/**
 * Flags proven on the development machine: WebGL2 runs on SwiftShader with them. Do NOT add
 * --disable-software-rasterizer (MapLibre needs WebGL2), and never pass --user-data-dir
 * (Playwright manages a fresh profile itself).
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(
      `No Chromium at ${path}. Install it with \`sudo apt-get update && sudo apt-get install -y chromium\` ` +
        'or set CHROMIUM_PATH. (Run the tests through `npm test`, which does this for you when it can.)',
    );
  }
  return path;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}

export interface PageRecord {
  /** URLs of all requests to another host than the app's (data: and blob: excluded). */
  foreignRequests: string[];
  /** console.error messages and failed resource loads reported on the console. */
  consoleErrors: string[];
  /** Uncaught exceptions in the page. */
  pageErrors: string[];
  /** Content-Security-Policy violations the page reported (directive and blocked address). */
  cspViolations: string[];
}

const records = new WeakMap<Page, PageRecord>();

export interface NewPageOptions {
  viewport?: { width: number; height: number };
  /** Abort foreign requests instead of letting them go out (they are recorded either way). */
  blockForeignRequests?: boolean;
}

/**
 * Opens a page in a fresh browser context (no shared cache, storage or cookies) and records
 * foreign requests, console errors and page errors. `baseUrl` defines the app's own host.
 * Close it with `closePage(page)` or let `browser.close()` take everything down.
 */
export async function newPage(browser: Browser, baseUrl: string, options: NewPageOptions = {}): Promise<Page> {
  const appHost = new URL(baseUrl).host;
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
  });
  const record: PageRecord = { foreignRequests: [], consoleErrors: [], pageErrors: [], cspViolations: [] };
  const isForeign = (url: string): boolean => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return true;
    }
    if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.protocol === 'about:') return false;
    return parsed.host !== appHost;
  };
  // Context-level, so requests from workers (MapLibre fetches tiles in a web worker) count too.
  context.on('request', (request) => {
    if (isForeign(request.url())) record.foreignRequests.push(request.url());
  });
  if (options.blockForeignRequests) {
    await context.route(
      (url) => isForeign(url.href),
      (route) => route.abort('blockedbyclient'),
    );
  }
  // Every CSP violation, reported by the page itself (an init script is not subject to the CSP).
  await context.exposeBinding('__recordCspViolation', (_source, violation: string) => {
    record.cspViolations.push(violation);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __recordCspViolation(violation: string): void }).__recordCspViolation;
      report(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    record.consoleErrors.push(url ? `${message.text()} (${url}:${lineNumber})` : message.text());
  });
  page.on('pageerror', (error) => record.pageErrors.push(error.stack ?? String(error)));
  records.set(page, record);
  return page;
}

function recordOf(page: Page): PageRecord {
  const record = records.get(page);
  if (!record) throw new Error('This page was not created with newPage() from tests/e2e/support/browser.ts');
  return record;
}

/** A copy of the foreign requests recorded so far. */
export function foreignRequests(page: Page): string[] {
  return [...recordOf(page).foreignRequests];
}

export function consoleErrors(page: Page): string[] {
  return [...recordOf(page).consoleErrors];
}

export function pageErrors(page: Page): string[] {
  return [...recordOf(page).pageErrors];
}

export function cspViolations(page: Page): string[] {
  return [...recordOf(page).cspViolations];
}

export async function closePage(page: Page): Promise<void> {
  await page.context().close();
}

export interface Screenshot extends PixelStats {
  /** Where the PNG was written (test-results/…): look at it. */
  path: string;
  png: DecodedPng;
  /**
   * Share (0..1) of the pixels, of the whole picture or a region of it, that are close to one of
   * the colours (#rrggbb or RGB; closeness as in sampleColours).
   */
  shareOf(colours: readonly (string | Rgb)[], options?: { region?: Region; tolerance?: number }): number;
}

/**
 * Screenshots an element into test-results/<file> and returns what an assertion needs about it:
 * size, distinct colours, share of non-background pixels, share of given colours.
 */
export async function screenshotStats(locator: Locator, file: string): Promise<Screenshot> {
  mkdirSync(TEST_RESULTS_DIR, { recursive: true });
  const path = join(TEST_RESULTS_DIR, file);
  const png = decodePng(await locator.screenshot({ path, animations: 'disabled' }));
  return {
    ...pixelStats(png),
    path,
    png,
    shareOf(colours, options = {}) {
      const rgb = colours.map((colour) => (typeof colour === 'string' ? hexToRgb(colour) : colour));
      const { near, sampled } = sampleColours(png, { ...options, colours: rgb });
      return near / sampled;
    },
  };
}

/** Resolves after two animation frames: what the last event changed is on screen. */
export async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}
