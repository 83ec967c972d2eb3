// Derives geodata/<id>/kennzahlen-werte.csv and geodata/<id>/schluessel.csv for every district
// with a kennzahlen.json, from geodata/regionalstatistik/ and gemeinden.csv. Run with
// `npm run indicators`; `npm run indicators -- --check` only verifies the committed files.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { GEODATA_DIR, ROOT, listDistrictIds } from './lib/geodata.ts';
import { KEYS_FILE, VALUES_FILE, deriveKeysCsv, deriveValuesCsv } from './lib/indicatorValues.ts';

const checkOnly = process.argv.includes('--check');
const stale: string[] = [];

function write(path: string, text: string): void {
  if (checkOnly) {
    if (!existsSync(path) || readFileSync(path, 'utf8') !== text) stale.push(relative(ROOT, path));
    return;
  }
  writeFileSync(path, text);
}

try {
  for (const id of listDistrictIds()) {
    const values = deriveValuesCsv(id);
    if (values === null) continue;
    write(join(GEODATA_DIR, id, VALUES_FILE), values);
    write(join(GEODATA_DIR, id, KEYS_FILE), deriveKeysCsv(id));
    console.log(`${id}: ${values.split('\n').length - 2} Kennzahlenwerte`);
  }
} catch (error) {
  console.error(`Die Kennzahlenwerte können nicht abgeleitet werden: ${(error as Error).message}`);
  process.exit(1);
}
if (stale.length > 0) {
  console.error(`Nicht aktuell (npm run indicators ausführen): ${stale.join(', ')}`);
  process.exit(1);
}
