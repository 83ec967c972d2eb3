// npm run bench [-- <suite> …]: runs the benchmark suites (all when none is named), one after
// another, and prints what each measured. Exits non-zero when a suite fails or a name is unknown.
import { coverageSuite } from './coverage';
import { dragSuite } from './drag';
import { facilityLoadSuite } from './facilityLoad';
import { facilityScaleSuite } from './facilityScale';
import { firstViewSuite } from './firstView';
import { importSuite } from './importCheck';
import { landScaleSuite } from './landScale';
import { reportSuite } from './report';
import type { BenchSuite } from './suite';

const SUITES: readonly BenchSuite[] = [firstViewSuite, coverageSuite, dragSuite, importSuite, facilityLoadSuite, facilityScaleSuite, landScaleSuite, reportSuite];

const names = process.argv.slice(2);
const unknown = names.filter((name) => !SUITES.some((suite) => suite.id === name));
if (unknown.length > 0) {
  console.error(`Unbekannte Messung: ${unknown.join(', ')}. Vorhanden: ${SUITES.map((suite) => suite.id).join(', ')}.`);
  process.exit(2);
}
const chosen = names.length === 0 ? SUITES : SUITES.filter((suite) => names.includes(suite.id));
let failed = false;
for (const suite of chosen) {
  console.log(`\n━━ ${suite.id}: ${suite.title}\n`);
  try {
    await suite.run();
  } catch (error) {
    failed = true;
    console.error(`FEHLER in ${suite.id}: ${(error as Error).message}`);
  }
}
process.exit(failed ? 1 : 0);
