// Benchmark suite „skala“: 10,000 facilities of one district and 10 readers at once (issue 9:
// list p99 ≤ 200 ms), side by side in one run: a browser's first load of the whole list
// (compressed), its poll with the ETag of an unchanged list (304), and its poll for what changed
// since its stand after one facility was edited (…/facilities/changes?seit=). Measured with
// autocannon on loopback; BENCH_LOAD_SECONDS sets the seconds per candidate (default 20).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FacilityFieldsSchema, fieldsOf } from '../../src/domain/facilities/schema';
import { readConfig } from '../../src/server/config';
import { insertFacilities, updateFacility } from '../../src/server/db/facilities';
import { loadDistricts } from '../../src/server/districts';
import { startServer } from '../../src/server/start';
import { syntheticFacilityRows } from '../lib/facilityRows';
import { measure } from './facilityLoad';
import type { BenchSuite } from './suite';

const ROOT = join(import.meta.dirname, '..', '..');
const FACILITIES = 10_000;
const READERS = 10;
const P99_TARGET_MS = 200;

export const facilityScaleSuite: BenchSuite = {
  id: 'skala',
  title: `Einrichtungsliste mit ${FACILITIES.toLocaleString('de-DE')} Einrichtungen, ${READERS} gleichzeitige Leser: ganze Liste, ETag, nur Änderungen`,
  async run() {
    const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 20);
    if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`BENCH_LOAD_SECONDS="${process.env.BENCH_LOAD_SECONDS}" ist keine Dauer in Sekunden`);
    const dataDir = mkdtempSync(join(tmpdir(), 'sra-bench-skala-'));
    const server = await startServer(readConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir }, ROOT), () => {});
    try {
      const district = loadDistricts(ROOT).get('goettingen')!;
      const rows = syntheticFacilityRows(district.territory, FACILITIES, 21).map((row) => FacilityFieldsSchema.parse(row));
      const author = { userId: null, name: 'Benchmark' };
      const written = [];
      for (let start = 0; start < rows.length; start += 500) {
        const chunk = rows.slice(start, start + 500).map((fields) => ({ fields, location: district.locate(fields.lage) }));
        written.push(...(await server.db.transaction((tx) => insertFacilities(tx, 'goettingen', chunk, author, 'importiert'))));
      }
      const base = new URL('/api/districts/goettingen/', server.url).href;
      const listUrl = `${base}facilities?geloescht=alle`;
      const first = await fetch(listUrl, { headers: { 'accept-encoding': 'br, gzip' } });
      const etag = first.headers.get('etag');
      const { stand } = (await (await fetch(listUrl)).json()) as { stand: number };
      if (first.status !== 200 || !etag) throw new Error(`Die Liste antwortet mit ${first.status} und ETag ${etag}`);
      const plainBytes = (await (await fetch(listUrl, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer()).byteLength;
      console.log(`Liste: ${FACILITIES.toLocaleString('de-DE')} Einrichtungen (synthetisch), ${Math.round(plainBytes / 1024).toLocaleString('de-DE')} KB JSON; je Kandidat ${seconds} s mit ${READERS} Verbindungen\n`);

      const full = await measure(listUrl, seconds, { 'accept-encoding': 'br, gzip' }, 200, READERS);
      const unchanged = await measure(listUrl, seconds, { 'accept-encoding': 'br, gzip', 'if-none-match': etag }, 304, READERS);
      const edited = written[0]!;
      await server.db.transaction((tx) =>
        updateFacility(tx, edited.id, edited.version, { ...fieldsOf(edited), name: `${edited.name} (geändert)` }, { gemeindeAgs: edited.gemeindeAgs, sozialraumId: edited.sozialraumId }, false, 'geaendert', author),
      );
      const changes = await measure(`${base}facilities/changes?seit=${stand}`, seconds, { 'accept-encoding': 'br, gzip' }, 200, READERS);

      const format = (value: number) => value.toLocaleString('de-DE', { maximumFractionDigits: 1 });
      const rowsOut = [
        ['ganze Liste (br)', full],
        ['Nachfrage mit ETag (304)', unchanged],
        ['nur Änderungen (1 geändert)', changes],
      ] as const;
      console.log('Kandidat                      Anfragen/s   p50 ms   p99 ms   max ms   Fehler  Bytes/Anfrage');
      for (const [name, figures] of rowsOut) {
        console.log(`${name.padEnd(29)} ${format(figures.requestsPerSecond).padStart(10)} ${format(figures.p50).padStart(8)} ${format(figures.p99).padStart(8)} ${format(figures.max).padStart(8)} ${String(figures.errors + figures.timeouts + figures.unexpected).padStart(8)} ${format(figures.bytesPerRequest).padStart(14)}`);
      }
      console.log(`\nVerhältnis nur Änderungen / ganze Liste: ${format(changes.requestsPerSecond / full.requestsPerSecond)}× so viele Anfragen je Sekunde, ${format(full.bytesPerRequest / changes.bytesPerRequest)}× weniger Bytes`);
      for (const [name, figures] of rowsOut) {
        const met = figures.errors + figures.timeouts + figures.unexpected === 0 && figures.p99 <= P99_TARGET_MS;
        console.log(`${name}: Ziel 0 Fehler, p99 ≤ ${P99_TARGET_MS} ms ${met ? 'erreicht' : 'VERFEHLT'}`);
      }
      const failing = rowsOut.filter(([, figures]) => figures.errors + figures.timeouts + figures.unexpected > 0);
      if (failing.length > 0) throw new Error(`Fehler unter Last: ${failing.map(([name]) => name).join(', ')}`);
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
