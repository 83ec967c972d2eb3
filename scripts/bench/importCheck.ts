// Benchmark suite „import“: (1) the duplicate check of a 10,000-row import against 2,000
// facilities in the database and the earlier rows of the file, through the spatial index
// (domain/facilities/duplicates.ts) and through the old pairwise scan, on the same rows, side by
// side: both times, their ratio, and a failure if they flag different rows. (2) The server time
// of checking and importing 10,000 rows on the real app with an embedded database, and how long
// a colleague's requests wait meanwhile (p50/p99/max). Compare ratios: machines are noisy.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createDuplicateIndex, findDuplicate, type NamedPlace } from '../../src/domain/facilities/duplicates';
import { FacilityFieldsSchema } from '../../src/domain/facilities/schema';
import { hashPassword } from '../../src/server/auth/password';
import { createApp } from '../../src/server/app';
import { openPglite } from '../../src/server/db/database';
import { migrate } from '../../src/server/db/migrations';
import { createUser } from '../../src/server/db/users';
import { loadDistricts } from '../../src/server/districts';
import { syntheticFacilityRows } from '../lib/facilityRows';
import { random } from '../lib/random';
import type { BenchSuite } from './suite';

const ROOT = resolve(import.meta.dirname, '..', '..');
const ROWS = 10_000;
const EXISTING = 2_000;
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toLocaleString('de-DE', { maximumFractionDigits: 2 })} s` : `${ms.toLocaleString('de-DE', { maximumFractionDigits: 1 })} ms`);
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)] ?? 0;

/** 10,000 rows of which about 2 % repeat the name of a nearby earlier row or an existing facility. */
function inputs() {
  const district = loadDistricts(ROOT).get('goettingen')!;
  const territory = district.territory;
  const all = syntheticFacilityRows(territory, ROWS + EXISTING, 11).map((row) => FacilityFieldsSchema.parse(row));
  const existing = all.slice(ROWS);
  const rows = all.slice(0, ROWS);
  const rand = random(3);
  for (let i = 1; i < rows.length; i++) {
    if (rand() >= 0.02) continue;
    const model = rand() < 0.5 ? rows[Math.floor(rand() * i)]! : existing[Math.floor(rand() * existing.length)]!;
    const lage: [number, number] = [model.lage[0] + 0.0005, model.lage[1]];
    // About 35 m east: a possible duplicate, as long as it stays inside the Kreis.
    if (district.locate(lage).gemeindeAgs !== null) rows[i] = { ...rows[i]!, name: model.name, lage };
  }
  return { rows, existing };
}

// The scan compares every pair, so it is measured on the first rows only; the index on the same rows.
const COMPARED = 4_000;

function duplicateCheck(allRows: readonly NamedPlace[], existing: readonly NamedPlace[]) {
  const rows = allRows.slice(0, COMPARED);
  const pairwiseStart = performance.now();
  const seen: NamedPlace[] = [];
  const pairwise = rows.map((row) => {
    const found = findDuplicate(row, existing) !== null || findDuplicate(row, seen) !== null;
    seen.push(row);
    return found;
  });
  const pairwiseMs = performance.now() - pairwiseStart;

  const indexed = (list: readonly NamedPlace[]) => {
    const inDatabase = createDuplicateIndex(existing);
    const inFile = createDuplicateIndex(list);
    return list.map((row, i) => inDatabase.nearest(row) !== null || inFile.nearest(row, (j) => j < i) !== null);
  };
  const indexStart = performance.now();
  const flags = indexed(rows);
  const indexMs = performance.now() - indexStart;
  const allStart = performance.now();
  const allFlags = indexed(allRows);
  const allMs = performance.now() - allStart;

  const differing = pairwise.filter((flag, i) => flag !== flags[i]).length;
  const n = (value: number) => value.toLocaleString('de-DE');
  console.log(`Duplikatprüfung gegen ${n(existing.length)} Einrichtungen und die früheren Zeilen    Zeit`);
  console.log(`paarweise, ${n(COMPARED)} Zeilen                                            ${fmt(pairwiseMs)}`);
  console.log(`räumlicher Index (kdbush/geokdbush), dieselben ${n(COMPARED)} Zeilen            ${fmt(indexMs)}`);
  console.log(`räumlicher Index, alle ${n(allRows.length)} Zeilen                             ${fmt(allMs)}`);
  console.log(`Verhältnis paarweise / Index auf denselben Zeilen: ${(pairwiseMs / indexMs).toLocaleString('de-DE', { maximumFractionDigits: 0 })} : 1`);
  console.log(`Als mögliches Duplikat erkannt: ${flags.filter(Boolean).length} von ${n(COMPARED)} (alle: ${allFlags.filter(Boolean).length}), abweichend: ${differing}\n`);
  if (differing > 0) throw new Error(`Index und paarweise Prüfung erkennen ${differing} Zeilen verschieden.`);
}

async function serverTime(rows: readonly unknown[]) {
  const dir = mkdtempSync(join(tmpdir(), 'sra-bench-'));
  const db = await openPglite(join(dir, 'pglite'), 'npm run bench');
  try {
    await migrate(db);
    await createUser(db, { email: 'bench@example.org', name: 'Bench', rolle: 'admin', passwordHash: await hashPassword('Bench-Passwort-1'), zustaendigkeiten: [] });
    const app = createApp({ db, districts: loadDistricts(ROOT), options: { anonymousRead: true, secureCookies: false, maxLoginFailures: 5, loginWindowMinutes: 15 } });
    const login = await app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@example.org', passwort: 'Bench-Passwort-1' }) });
    const headers = { 'content-type': 'application/json', cookie: login.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken };

    // A colleague who has the (empty) list open polls it. The first request warms the server up;
    // answers that already carry the imported facilities (the batch became visible) are a list
    // 10,000 facilities longer, which is counted apart: its time is the list's size, not a wait.
    const list = async () => {
      const started = performance.now();
      const bytes = (await (await app.request('/api/districts/goettingen/facilities')).arrayBuffer()).byteLength;
      return { ms: performance.now() - started, bytes };
    };
    const empty = (await list()).bytes;
    let running = true;
    const waits: number[] = [];
    const longer: number[] = [];
    const colleague = (async () => {
      while (running) {
        const { ms, bytes } = await list();
        (bytes > empty ? longer : waits).push(ms);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    const checkStart = performance.now();
    const check = await app.request('/api/districts/goettingen/import/check', { method: 'POST', headers, body: JSON.stringify({ rows }) });
    await check.arrayBuffer();
    const checkMs = performance.now() - checkStart;
    const commitStart = performance.now();
    const commit = await app.request('/api/districts/goettingen/import', { method: 'POST', headers, body: JSON.stringify({ rows, dateiname: 'bench.csv' }) });
    const created = ((await commit.json()) as { created: number }).created;
    const commitMs = performance.now() - commitStart;
    running = false;
    await colleague;
    if (check.status !== 200 || commit.status !== 201 || created !== rows.length) throw new Error(`Import fehlgeschlagen (HTTP ${check.status}, ${commit.status}; ${created} angelegt).`);
    console.log(`Server: ${ROWS.toLocaleString('de-DE')} Zeilen prüfen ${fmt(checkMs)}, importieren (prüft erneut und schreibt) ${fmt(commitMs)}, zusammen ${fmt(checkMs + commitMs)} (Ziel ≤ 3 s)`);
    console.log(
      `Anfragen daneben (Einrichtungsliste, ${waits.length}): p50 ${fmt(percentile(waits, 50))}, p99 ${fmt(percentile(waits, 99))}, max ${fmt(Math.max(...waits))} (Ziel p99 ≤ 100 ms)`,
    );
    if (longer.length > 0) console.log(`Liste mit den ${ROWS.toLocaleString('de-DE')} neuen Einrichtungen, erste Antwort: ${fmt(longer[0]!)} (${longer.length} Antworten)`);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const importSuite: BenchSuite = {
  id: 'import',
  title: 'Import: Duplikate über den räumlichen Index gegen paarweise, 10.000 Zeilen auf dem Server',
  async run() {
    const { rows, existing } = inputs();
    console.log(`Eingaben: ${ROWS.toLocaleString('de-DE')} Zeilen (etwa 2 % mögliche Duplikate), ${EXISTING.toLocaleString('de-DE')} Einrichtungen in der Datenbank, Landkreis Göttingen\n`);
    duplicateCheck(rows, existing);
    await serverTime(rows);
  },
};
