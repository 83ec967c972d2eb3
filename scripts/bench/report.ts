// Benchmark suite „bericht“: the profile report of the Landkreis Göttingen (overview, 6
// Sozialregionen, 18 Sozialräume: 25 sections) from an embedded database with the shipped
// Kennzahlen and the known family centres, as „Bericht erstellen“ and `npm run atlas -- report`
// make it: dataset and facilities from the database, content model, PDF. The issue asks for at
// most 10 s on this machine; the suite fails when its best run takes longer, or when the PDF has
// other pages than the content model planned.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { STANDARD_CHOICE } from '../../src/domain/report/template';
import { openPglite } from '../../src/server/db/database';
import { migrate } from '../../src/server/db/migrations';
import { loadDistricts } from '../../src/server/districts';
import { seedIndicators } from '../../src/server/indicators';
import { reportDocument } from '../../src/server/report/produce';
import { renderReport } from '../../src/server/report/render';
import { seedKnownFamilyCentres } from '../../src/server/seed';
import type { BenchSuite } from './suite';

const ROOT = resolve(import.meta.dirname, '..', '..');
const LIMIT_MS = 10_000;
const RUNS = 3;
const fmt = (ms: number) => `${(ms / 1000).toLocaleString('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} s`;

export const reportSuite: BenchSuite = {
  id: 'bericht',
  title: 'Sozialraumprofile Landkreis Göttingen als PDF (25 Abschnitte): Datenbank → Inhalt → PDF',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'bench-bericht-'));
    const districts = loadDistricts(ROOT);
    const district = districts.get('goettingen')!;
    const db = await openPglite(join(dir, 'pglite'), 'npm run bench');
    try {
      await migrate(db);
      await seedKnownFamilyCentres(db, districts, ROOT);
      await seedIndicators(db, districts, ROOT);
      const totals: number[] = [];
      for (let run = 1; run <= RUNS; run++) {
        const start = performance.now();
        const document = await reportDocument(db, district, STANDARD_CHOICE, { producedOn: '2026-12-02' });
        const built = performance.now();
        // renderReport throws when it drew other pages than the content model planned.
        const pdf = await renderReport(document, district.territory);
        const end = performance.now();
        totals.push(end - start);
        if (document.sections.length !== 25) throw new Error(`${document.sections.length} Abschnitte statt 25`);
        console.log(
          `  Lauf ${run}: ${fmt(end - start)} (Daten und Inhalt ${fmt(built - start)}, PDF ${fmt(end - built)}); ` +
            `${document.sections.length} Abschnitte, ${document.pageCount} Seiten, ${(pdf.length / 1024 / 1024).toLocaleString('de-DE', { maximumFractionDigits: 2 })} MB`,
        );
      }
      const best = Math.min(...totals);
      const worst = Math.max(...totals);
      console.log(`\n  Bericht Göttingen: bester Lauf ${fmt(best)}, langsamster ${fmt(worst)} (Ziel: höchstens ${fmt(LIMIT_MS)})`);
      // The best run decides: the machine is shared, and a run slowed by a neighbour says nothing about the report.
      if (best > LIMIT_MS) throw new Error(`Der Bericht brauchte im besten Lauf ${fmt(best)}, mehr als ${fmt(LIMIT_MS)}.`);
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
