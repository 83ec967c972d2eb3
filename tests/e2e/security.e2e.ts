// The hardened server in real Chromium: the app works under its Content-Security-Policy and
// reports no violation; a password that fails the policy is changed at sign-in; the own
// sessions are listed and ended; administrators see throttled accounts.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/server/auth/password';
import { createUser } from '../../src/server/db/users';
import { driversFor, type AppDrivers } from './support/app';
import { consoleErrors, cspViolations, launchBrowser, newPage, pageErrors } from './support/browser';
import { TEST_ADMIN, startAppServer, type AppServer } from './support/server';

let browser: Browser;
let server: AppServer;
const pages: Page[] = [];

async function openAtlas(query = ''): Promise<AppDrivers> {
  const page = await newPage(browser, server.url, { viewport: { width: 1440, height: 900 }, blockForeignRequests: true });
  pages.push(page);
  const app = driversFor(page);
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

describe('the Content-Security-Policy', () => {
  it('is sent with the app, and the app works under it without a single violation', async () => {
    const response = await fetch(server.url);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/script-src 'self'(;|$)/);
    expect(policy).toMatch(/worker-src 'self' blob:/);
    expect(policy).toMatch(/frame-ancestors 'none'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');

    const { page, atlas, session, users, account, resources, coverage } = await openAtlas('?landkreis=goettingen');
    await atlas.waitForMapReady('goettingen');
    const map = await atlas.screenshotMap('security-csp-map.png');
    // Fills, outlines and labels (glyphs from the app itself) drawn by MapLibre's worker.
    expect(map.distinctColours).toBeGreaterThan(200);
    expect(map.nonBackgroundShare).toBeGreaterThan(0.25);

    await atlas.openTab('ressourcen');
    await resources.waitForTable();
    await atlas.openTab('versorgung');
    await coverage.open();
    expect(await coverage.headline()).toMatch(/\d/);

    await session.signIn({ email: TEST_ADMIN.email, password: TEST_ADMIN.password });
    await users.open();
    await users.close();
    await account.open();
    await account.close();

    expect(cspViolations(page)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    // The one expected failed load: no Zensus grid is loaded, so the population answers 404 no_grid.
    expect(consoleErrors(page).filter((line) => !/404.*\/api\/districts\/goettingen\/population/.test(line))).toEqual([]);
  }, 120_000);
});

describe('passwords and sessions', () => {
  it('asks a user whose password fails the policy for a new one at sign-in, and ends their other sessions with the change', async () => {
    const oldPassword = 'geheim-2019';
    const newPassword = 'Mein neuer Satz für den Atlas';
    await createUser(server.db, { email: 'alt@test.invalid', name: 'Alte Kollegin', rolle: 'planung', passwordHash: await hashPassword(oldPassword), zustaendigkeiten: [] });

    const tablet = await openAtlas();
    await tablet.session.signIn({ email: 'alt@test.invalid', password: oldPassword });
    const laptop = await openAtlas();
    await laptop.session.openSignIn();
    await laptop.session.submitSignIn({ email: 'alt@test.invalid', password: oldPassword });
    expect(await laptop.account.waitForRequiredChange()).toMatch(/erfüllt die Passwortregeln nicht mehr/);
    expect(await laptop.account.rules()).toMatch(/Mindestens 12 Zeichen, nicht die eigene E-Mail-Adresse/);
    const required = await laptop.account.screenshot('security-password-required.png');
    expect(required.distinctColours).toBeGreaterThan(20);

    await laptop.account.changePassword(oldPassword, 'alt@test.invalid');
    expect(await laptop.account.error()).toMatch(/nicht die E-Mail-Adresse/);
    await laptop.account.changePassword(oldPassword, newPassword);
    await laptop.account.waitForClosed();

    await laptop.account.open();
    const sessions = await laptop.account.sessions();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.current).toBe(true);
    expect(sessions[0]!.text).toMatch(/Chrome unter Linux \(dieser Browser\)/);
    await laptop.account.close();

    // The tablet's session ended with the change: its next request finds it signed out.
    await tablet.page.reload();
    await tablet.session.waitForSignedOut();
    expect(cspViolations(laptop.page)).toEqual([]);
  }, 120_000);

  it('lists the own sessions and signs another browser out with „Abmelden“', async () => {
    const office = await openAtlas();
    await office.session.signIn({ email: TEST_ADMIN.email, password: TEST_ADMIN.password });
    const home = await openAtlas();
    await home.session.signIn({ email: TEST_ADMIN.email, password: TEST_ADMIN.password });
    await office.account.open();
    const before = await office.account.sessions();
    expect(before.filter((row) => row.current)).toHaveLength(1);
    expect(before.length).toBeGreaterThanOrEqual(2);
    const shot = await office.account.screenshot('security-sessions.png');
    expect(shot.distinctColours).toBeGreaterThan(20);
    while ((await office.account.sessions()).some((row) => !row.current)) await office.account.endOtherSession();
    expect(await office.account.sessions()).toHaveLength(1);
    await home.page.reload();
    await home.session.waitForSignedOut();
  }, 120_000);

  it('shows administrators the accounts being guessed, with the time until the next attempt', async () => {
    for (let attempt = 0; attempt < 6; attempt++) {
      await fetch(new URL('/api/session', server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'opfer@test.invalid', passwort: 'geraten-geraten' }) });
    }
    const { session, users } = await openAtlas();
    await session.signIn({ email: TEST_ADMIN.email, password: TEST_ADMIN.password });
    await users.open();
    const row = await users.throttleRow('konto:opfer@test.invalid');
    expect(row.text).toMatch(/opfer@test\.invalid \(Konto\)5/);
    expect(row.waitUntil).toMatch(/\d{2}\.\d{2}\.\d{2}, \d{2}:\d{2}:\d{2}/);
    await users.releaseThrottle('konto:opfer@test.invalid');
  }, 120_000);
});
