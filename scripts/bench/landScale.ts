// Benchmark suite „land“: the best-site search at the scale of a Land, on synthetic inputs
// (a 2,300 × 2,300 grid of 100 m cells, about 4 million populated, 400 Sozialräume, 5,000
// facilities, 5 km): the search with the disk's stencil against the general path that keeps the
// runs of every candidate (the one catchments need), each in a process of its own so that its
// peak memory is its own. Both must find the same three sites. Goal (issue): ≤ 2 s, ≤ 500 MB.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { BenchSuite } from './suite';

const ROOT = resolve(import.meta.dirname, '..', '..');

interface Outcome {
  variant: string;
  populated: number;
  setupMs: number;
  coverageMs: number;
  searchMs: number;
  rssAfterSetupMb: number;
  peakRssMb: number;
  sites: { x: number; y: number; zusaetzlichVersorgt: number }[];
}

function runVariant(variant: 'schablone' | 'je-kandidat'): Outcome {
  const child = spawnSync(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'landScaleRun.ts'), variant], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`Messung „${variant}“ ist gescheitert: ${child.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Outcome;
}

const s = (ms: number) => `${(ms / 1000).toLocaleString('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} s`;
const mb = (value: number) => `${Math.round(value).toLocaleString('de-DE')} MB`;

export const landScaleSuite: BenchSuite = {
  id: 'land',
  title: 'Beste Standorte auf Landesebene (synthetisch): Schablone des Kreises gegen Läufe je Kandidat',
  run() {
    const stencil = runVariant('schablone');
    const perCandidate = runVariant('je-kandidat');
    if (JSON.stringify(stencil.sites) !== JSON.stringify(perCandidate.sites)) {
      throw new Error(`Die Wege finden verschiedene Standorte: ${JSON.stringify(stencil.sites)} gegen ${JSON.stringify(perCandidate.sites)}`);
    }
    console.log(`${stencil.populated.toLocaleString('de-DE')} bewohnte 100-m-Zellen, 400 Sozialräume, 5.000 Einrichtungen, 5 km Luftlinie, 3 Standorte; je Weg ein eigener Prozess\n`);
    console.log('                                 Suche    Spitze Speicher   davon Suche');
    for (const [label, outcome] of [['Schablone (Atlas)', stencil], ['Läufe je Kandidat', perCandidate]] as const) {
      console.log(`${label.padEnd(30)}${s(outcome.searchMs).padStart(8)}   ${mb(outcome.peakRssMb).padStart(10)}   ${mb(outcome.peakRssMb - outcome.rssAfterSetupMb).padStart(10)}`);
    }
    console.log(`\nGitter vorbereiten ${s(stencil.setupMs)}, Versorgung der 5.000 Einrichtungen ${s(stencil.coverageMs)} (in beiden Prozessen gleich)`);
    console.log(`Verhältnis Suche je Kandidat / Schablone: Zeit ${(perCandidate.searchMs / stencil.searchMs).toLocaleString('de-DE', { maximumFractionDigits: 1 })}, Speicher der Suche ${((perCandidate.peakRssMb - perCandidate.rssAfterSetupMb) / Math.max(1, stencil.peakRssMb - stencil.rssAfterSetupMb)).toLocaleString('de-DE', { maximumFractionDigits: 1 })}`);
    const fine = stencil.searchMs <= 2000 && stencil.peakRssMb <= 500;
    console.log(`Ziel (≤ 2 s, ≤ 500 MB für den ganzen Prozess): ${fine ? 'erreicht' : 'NICHT erreicht'}; beide Wege finden dieselben Standorte.`);
  },
};
