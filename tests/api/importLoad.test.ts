// Nobody waits for somebody else's import: a colleague keeps reading and saving over HTTP while
// a 20,000-row file is checked and imported on the same server (embedded PGlite, one thread).
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDistricts } from '../../src/server/districts';
import { syntheticFacilityRows } from '../../scripts/lib/facilityRows';
import { POINTS, ROOT, addUser, facilityAt, startTestApi, type TestApi } from './support/testServer';

const ROWS = 20_000;
// What the issue asks is 100 ms p99 (npm run bench -- import prints it on a quiet process). This
// test runs beside other test files on two shared cores, so it bounds what would show a
// regression: before, such requests waited for the whole import, minutes.
const P99_BOUND_MS = 500;

let api: TestApi;
let server: ReturnType<typeof serve>;
let base: string;

beforeAll(async () => {
  api = await startTestApi();
  await addUser(api, 'planung@example.org', 'planung');
  await addUser(api, 'kollegin@example.org', 'planung');
  server = await new Promise((resolve) => {
    const instance = serve({ fetch: api.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(instance));
  });
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await api?.close();
});

/** A signed-in user talking HTTP to the server. */
async function signIn(email: string) {
  const login = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, passwort: 'Richtig-Geheim-42' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return (method: string, path: string, body?: unknown) =>
    fetch(`${base}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;

describe('a 20,000-row import', () => {
  it('is checked and imported while health, the facility list and a save are answered promptly', async () => {
    const importer = await signIn('planung@example.org');
    const colleague = await signIn('kollegin@example.org');
    const own = (await (await colleague('POST', '/api/districts/goettingen/facilities', facilityAt(POINTS.adelebsen, { name: 'Kita der Kollegin' }))).json()) as { id: string; version: number };
    let version = own.version;
    const rows = syntheticFacilityRows(loadDistricts(ROOT).get('goettingen')!.territory, ROWS, 20);

    let running = true;
    const latencies: { what: string; ms: number }[] = [];
    const colleagueAtWork = (async () => {
      for (let turn = 0; running; turn++) {
        const what = ['health', 'list', 'save'][turn % 3]!;
        const started = performance.now();
        const response =
          what === 'health'
            ? await fetch(`${base}/api/health`)
            : what === 'list'
              ? await colleague('GET', '/api/districts/goettingen/facilities')
              : await colleague('PATCH', `/api/facilities/${own.id}`, { baseVersion: version, changes: { kapazitaet: turn } });
        const body = (await response.json()) as { version?: number };
        expect(response.status, what).toBe(200);
        if (what === 'save') version = body.version!;
        latencies.push({ what, ms: performance.now() - started });
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();

    const steps = new Set<string>();
    const vorgang = crypto.randomUUID();
    const watching = (async () => {
      while (running) {
        const progress = await importer('GET', `/api/import-progress/${vorgang}`);
        if (progress.status === 200) steps.add(((await progress.json()) as { schritt: string }).schritt);
        else await progress.body?.cancel();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();

    const started = performance.now();
    const check = await importer('POST', '/api/districts/goettingen/import/check', { rows, vorgang });
    expect(check.status).toBe(200);
    const checked = performance.now();
    const commit = await importer('POST', '/api/districts/goettingen/import', { rows, dateiname: 'gross.csv', vorgang });
    const done = performance.now();
    running = false;
    await Promise.all([colleagueAtWork, watching]);

    expect(commit.status).toBe(201);
    expect(((await commit.json()) as { created: number }).created).toBe(ROWS);
    for (const step of ['pruefen', 'duplikate', 'schreiben']) expect(steps).toContain(step);
    const all = latencies.map((entry) => entry.ms);
    const p99 = percentile(all, 99);
    console.log(
      `20.000 Zeilen: Prüfung ${((checked - started) / 1000).toFixed(1)} s, Import ${((done - checked) / 1000).toFixed(1)} s; ` +
        `${all.length} Anfragen der Kollegin daneben: p50 ${percentile(all, 50).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, max ${Math.max(...all).toFixed(0)} ms`,
    );
    expect(all.length).toBeGreaterThan(30);
    expect(p99).toBeLessThan(P99_BOUND_MS);
  }, 240_000);
});
