// Nobody waits for somebody else's import: a colleague keeps reading and saving over HTTP while
// a 20,000-row file is checked and imported on the same server (embedded PGlite, one thread).
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FacilityFieldsSchema } from '../../src/domain/facilities/schema';
import { loadDistricts } from '../../src/server/districts';
import { checkImportRows } from '../../src/server/imports/check';
import { syntheticFacilityRows } from '../../scripts/lib/facilityRows';
import { POINTS, ROOT, addUser, facilityAt, startTestApi, type TestApi } from './support/testServer';

const ROWS = 20_000;
// What the issue asks is 100 ms p99 (npm run bench -- import prints it on a quiet process). This
// test runs beside other test files on two shared cores, and every save of the colleague makes
// the next list read the database again behind the import's transactions, so it bounds what
// would show a regression: before, such requests waited for the whole import, minutes.
const P99_BOUND_MS = 1000;

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

// The steps of a check and then a commit, as the wizard shows them.
const STEP_ORDER = ['lesen', 'pruefen', 'duplikate', 'lesen', 'pruefen', 'schreiben'] as const;

/** Whether `seen` is `order` with some entries left out. */
const isInOrder = (seen: readonly string[], order: readonly string[]) => {
  let at = 0;
  for (const step of seen) {
    while (at < order.length && order[at] !== step) at++;
    if (at++ >= order.length) return false;
  }
  return true;
};

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
        const body = (await response.json()) as { version?: number; facilities?: unknown[] };
        expect(response.status, what).toBe(200);
        if (what === 'save') version = body.version!;
        // A list that already holds the new facilities is slow for its size (building and
        // compressing 20,000 of them), not for waiting: counted apart, as `npm run bench -- import` does.
        const holdsBatch = what === 'list' && (body.facilities?.length ?? 0) > ROWS / 2;
        latencies.push({ what: holdsBatch ? 'list-with-batch' : what, ms: performance.now() - started });
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();

    const steps: string[] = [];
    const vorgang = crypto.randomUUID();
    const watching = (async () => {
      while (running) {
        const progress = await importer('GET', `/api/import-progress/${vorgang}`);
        if (progress.status === 200) {
          const { schritt } = (await progress.json()) as { schritt: string };
          if (steps.at(-1) !== schritt) steps.push(schritt);
        }
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
    // A poll every 100 ms sees the long steps; a short one (the per-row check takes a few
    // slices) may fall between two polls, so only the order is checked for it here, and the
    // test below records every step the check reports.
    expect(steps).toEqual(expect.arrayContaining(['duplikate', 'schreiben']));
    expect(isInOrder(steps.filter((step) => step !== 'fertig'), STEP_ORDER), steps.join(' → ')).toBe(true);
    const all = latencies.filter((entry) => entry.what !== 'list-with-batch').map((entry) => entry.ms);
    const withBatch = latencies.filter((entry) => entry.what === 'list-with-batch').map((entry) => entry.ms.toFixed(0));
    const p99 = percentile(all, 99);
    const p50Of = (what: string) => percentile(latencies.filter((entry) => entry.what === what).map((entry) => entry.ms), 50).toFixed(0);
    console.log(
      `20.000 Zeilen: Prüfung ${((checked - started) / 1000).toFixed(1)} s, Import ${((done - checked) / 1000).toFixed(1)} s; ` +
        `${all.length} Anfragen der Kollegin daneben: p50 ${percentile(all, 50).toFixed(0)} ms (health ${p50Of('health')}, Liste ${p50Of('list')}, Speichern ${p50Of('save')}), p99 ${p99.toFixed(0)} ms, max ${Math.max(...all).toFixed(0)} ms; Listen mit den neuen Einrichtungen: ${withBatch.join(', ') || 'keine'} ms`,
    );
    expect(all.length).toBeGreaterThan(30);
    expect(p99).toBeLessThan(P99_BOUND_MS);
  }, 240_000);

  it('reports every step of the check to the progress, each up to its total', async () => {
    const district = loadDistricts(ROOT).get('goettingen')!;
    const rows = syntheticFacilityRows(district.territory, 2_000, 21).map((row) => FacilityFieldsSchema.parse(row));
    const reported: { schritt: string; erledigt: number; gesamt: number }[] = [];
    const recorder = { step: (schritt: string, erledigt: number, gesamt: number) => reported.push({ schritt, erledigt, gesamt }), finish: () => {} };
    const user = { id: 'pruefer', rolle: 'planung', zustaendigkeiten: [] } as unknown as Parameters<typeof checkImportRows>[3];
    await checkImportRows(district, rows, [], user, recorder);
    const steps = reported.map((entry) => entry.schritt).filter((step, i, all) => all[i - 1] !== step);
    expect(steps).toEqual(['pruefen', 'duplikate']);
    for (const step of steps) expect(reported.filter((entry) => entry.schritt === step).at(-1)).toEqual({ schritt: step, erledigt: rows.length, gesamt: rows.length });
  });
});
