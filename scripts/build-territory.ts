// Derives public/data/territory/<district>.json from geodata/<district>/ and the official
// 2016 boundaries. Run with `npm run territory`; `npm run territory -- --check` only verifies
// that the committed files are what the script produces (used in CI to catch drift).
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildTerritory } from '../src/domain/territory/build.ts';
import type { DistrictIndexEntry } from '../src/domain/territory/types.ts';
import { ROOT, TERRITORY_OUT_DIR, listDistrictIds, loadBoundaryParts2016, addSettlements, loadGermanPlaces, readDistrict } from './lib/geodata.ts';

const checkOnly = process.argv.includes('--check');
const started = performance.now();
const parts = loadBoundaryParts2016();
console.log(`Grenzdaten geladen: ${parts.length} Gemeindeflächen (VG250 2016) in ${Math.round(performance.now() - started)} ms`);

const places = loadGermanPlaces();
const index: DistrictIndexEntry[] = [];
const drift: string[] = [];
const write = (path: string, text: string) => {
  if (checkOnly) {
    if (!existsSync(path) || readFileSync(path, 'utf8') !== text) drift.push(relative(ROOT, path));
    return;
  }
  writeFileSync(path, text);
};

mkdirSync(TERRITORY_OUT_DIR, { recursive: true });
for (const id of listDistrictIds()) {
  const { config, gemeinden } = readDistrict(id);
  const { territory, report } = buildTerritory(config, gemeinden, parts);
  addSettlements(territory, places);
  const text = JSON.stringify(territory) + '\n';
  const file = `${id}.json`;
  write(join(TERRITORY_OUT_DIR, file), text);
  index.push({ id, name: config.name, file });
  const worst = Math.max(...report.areas.map((a) => Math.abs(a.simplifiedKm2 / a.unsimplifiedKm2 - 1)));
  console.log(
    `${config.name}: ${territory.sozialraeume.features.length} Sozialräume, ${territory.gemeinden.features.length} Gemeinden, ` +
      `Stützpunkte ${report.verticesBefore} → ${report.verticesAfter}, größte Flächenabweichung ${(worst * 100).toFixed(3)} %, ` +
      `${(text.length / 1024).toFixed(0)} KiB`,
  );
}
write(join(TERRITORY_OUT_DIR, 'index.json'), JSON.stringify({ districts: index }, null, 2) + '\n');

if (checkOnly && drift.length > 0) {
  console.error(`Abgeleitete Dateien weichen ab (npm run territory ausführen und committen): ${drift.join(', ')}`);
  process.exit(1);
}
console.log(checkOnly ? 'Abgeleitete Gebietsdateien sind aktuell.' : `Geschrieben nach ${relative(ROOT, TERRITORY_OUT_DIR)}/`);
