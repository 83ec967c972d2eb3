// Benchmark suite „last“: the anonymous facility list under 200 concurrent readers for 60 s (a
// Kreistag session with a projector and 50 tablets, four times over), measured with autocannon
// (well kept, HDR histograms of latency) on loopback only. Two candidates side by side in one
// run: the first load of the whole list (compressed, as browsers ask for it) and the poll of a
// browser that already has it (If-None-Match → 304). Target: 0 errors, p99 ≤ 200 ms. Fails on
// any error, timeout or unexpected status, since then the figures mean nothing.
// BENCH_LOAD_SECONDS shortens the run (e.g. 10 for a quick look).
import autocannon from 'autocannon';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readConfig } from '../../src/server/config';
import { insertFacility } from '../../src/server/db/facilities';
import { startServer } from '../../src/server/start';
import type { BenchSuite } from './suite';
import { random } from '../lib/random';

const ROOT = join(import.meta.dirname, '..', '..');
export const CONNECTIONS = 200;
const P99_TARGET_MS = 200;
// About the list the load test of the issue saw (130 KB of JSON).
const FACILITIES = 400;

export async function measure(url: string, seconds: number, headers: Record<string, string>, expectedStatus: number, connections = CONNECTIONS) {
  const result = await autocannon({ url, connections, duration: seconds, timeout: 30, headers, expectBody: undefined, workers: 1 });
  const unexpected = Object.entries(result.statusCodeStats ?? {})
    .filter(([status]) => Number(status) !== expectedStatus)
    .reduce((sum, [, stats]) => sum + (stats as { count: number }).count, 0);
  return {
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    unexpected,
    bytesPerRequest: result.throughput.total / Math.max(result.requests.total, 1),
  };
}

export const facilityLoadSuite: BenchSuite = {
  id: 'last',
  title: `Einrichtungsliste unter Last: ${CONNECTIONS} gleichzeitige Leser (autocannon, nur Loopback)`,
  async run() {
    const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
    if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`BENCH_LOAD_SECONDS="${process.env.BENCH_LOAD_SECONDS}" ist keine Dauer in Sekunden`);
    const dataDir = mkdtempSync(join(tmpdir(), 'sra-bench-last-'));
    const server = await startServer(readConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir }, ROOT), () => {});
    try {
      // Synthetic facilities at pseudo-random points around Göttingen, with every field filled.
      const rand = random(4242);
      await server.db.transaction(async (tx) => {
        for (let i = 0; i < FACILITIES; i++) {
          await insertFacility(
            tx,
            'goettingen',
            {
              category: 'kita',
              name: `Testeinrichtung ${i}`,
              traeger: 'Testträger e. V.',
              strasse: `Musterweg ${i}`,
              plz: '37073',
              ort: 'Göttingen',
              telefon: '0551 123456',
              email: `kontakt${i}@example.org`,
              web: `https://example.org/einrichtung/${i}`,
              zielgruppen: ['Eltern', 'Kinder'],
              angebote: 'Elterncafé; Krabbelgruppe; Beratung',
              kapazitaet: 40,
              status: 'in Betrieb',
              foerderung: null,
              lage: [9.8 + rand() * 0.3, 51.45 + rand() * 0.15],
              lagegenauigkeit: 'adresse',
              quelle: 'Benchmark (synthetisch)',
              geprueftAm: '2024-04-30',
              bestaetigung: 'bestätigt',
            },
            { gemeindeAgs: null, sozialraumId: null },
            { userId: null, name: 'Benchmark' },
          );
        }
      });
      const url = new URL('/api/districts/goettingen/facilities', server.url).href;
      const first = await fetch(url, { headers: { 'accept-encoding': 'br, gzip' } });
      const etag = first.headers.get('etag');
      const plainBytes = (await (await fetch(url, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer()).byteLength;
      if (first.status !== 200 || !etag) throw new Error(`Die Liste antwortet mit ${first.status} und ETag ${etag}`);
      console.log(`Liste: ${FACILITIES} Einrichtungen und die bekannten Familienzentren, ${Math.round(plainBytes / 1024)} KB JSON; je Kandidat ${seconds} s mit ${CONNECTIONS} Verbindungen\n`);

      const candidates = [
        { name: 'ganze Liste (br)', headers: { 'accept-encoding': 'br, gzip' } as Record<string, string>, status: 200 },
        { name: 'Nachfrage mit ETag (304)', headers: { 'accept-encoding': 'br, gzip', 'if-none-match': etag }, status: 304 },
      ];
      const rows = [];
      for (const candidate of candidates) rows.push({ candidate, figures: await measure(url, seconds, candidate.headers, candidate.status) });

      const format = (value: number) => value.toLocaleString('de-DE', { maximumFractionDigits: 1 });
      console.log('Kandidat                    Anfragen/s   p50 ms   p99 ms   max ms   Fehler  Zeitüberschr.  andere Status  Bytes/Anfrage');
      for (const { candidate, figures } of rows) {
        console.log(
          `${candidate.name.padEnd(27)} ${format(figures.requestsPerSecond).padStart(10)} ${format(figures.p50).padStart(8)} ${format(figures.p99).padStart(8)} ${format(figures.max).padStart(8)} ${String(figures.errors).padStart(8)} ${String(figures.timeouts).padStart(14)} ${String(figures.unexpected).padStart(14)} ${format(figures.bytesPerRequest).padStart(14)}`,
        );
      }
      const [full, poll] = rows;
      console.log(`\nVerhältnis Nachfrage/ganze Liste: ${format(poll!.figures.requestsPerSecond / full!.figures.requestsPerSecond)}× so viele Anfragen je Sekunde`);
      for (const { candidate, figures } of rows) {
        const met = figures.errors === 0 && figures.timeouts === 0 && figures.p99 <= P99_TARGET_MS;
        console.log(`${candidate.name}: Ziel 0 Fehler, p99 ≤ ${P99_TARGET_MS} ms ${met ? 'erreicht' : 'VERFEHLT'}`);
      }
      const failing = rows.filter(({ figures }) => figures.errors + figures.timeouts + figures.unexpected > 0);
      if (failing.length > 0) throw new Error(`Fehler unter Last: ${failing.map(({ candidate, figures }) => `${candidate.name}: ${figures.errors} Fehler, ${figures.timeouts} Zeitüberschreitungen, ${figures.unexpected} andere Status`).join('; ')}`);
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
