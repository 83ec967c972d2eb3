// Derives public/data/territory/<district>.json from geodata/<district>/ and the official
// 2016 boundaries. Run with `npm run territory`; `npm run territory -- --check` only verifies
// that the committed files are what the script produces (used in CI to catch drift).
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TerritoryBuildError, buildTerritory } from '../src/domain/territory/build.ts';
import { DistrictConfigError, checkAssignment } from '../src/domain/territory/config.ts';
import type { DistrictConfig, DistrictIndexEntry, GemeindeRecord } from '../src/domain/territory/types.ts';
import type { Zensus2011Grid } from '../src/domain/coverage/zensus2011.ts';
import {
  ROOT,
  TERRITORY_OUT_DIR,
  listDistrictIds,
  loadBoundaryParts2016,
  addSettlements,
  addZensus2011Source,
  loadGermanPlaces,
  readDistrict,
  readZensus2011,
  type DistrictSource,
} from './lib/geodata.ts';

const checkOnly = process.argv.includes('--check');

function failWith(messages: string[]): never {
  console.error(`Die Gebiete können nicht abgeleitet werden:\n- ${messages.join('\n- ')}`);
  process.exit(1);
}

// Every definition is read and checked before the 78 MB boundary package is loaded, so a
// planner sees all problems of all districts within a second, in German, without a stack trace.
const definitions: { id: string; source: DistrictSource; zensus2011: Zensus2011Grid | null }[] = [];
const problems: string[] = [];
for (const id of listDistrictIds()) {
  try {
    const source = readDistrict(id);
    problems.push(...checkAssignment(source.config, source.gemeinden).map((issue) => `geodata/${id}: ${issue.message}`));
    definitions.push({ id, source, zensus2011: readZensus2011(id) });
  } catch (error) {
    if (error instanceof DistrictConfigError) problems.push(...error.problems.map((problem) => `${error.where}: ${problem}`));
    else problems.push((error as Error).message);
  }
}
if (problems.length > 0) failWith(problems);

const started = performance.now();
const parts = loadBoundaryParts2016();
console.log(`Grenzdaten geladen: ${parts.length} Gemeindeflächen (VG250 2016) in ${Math.round(performance.now() - started)} ms`);

const places = loadGermanPlaces();
const index: DistrictIndexEntry[] = [];
const drift: string[] = [];

/** The build's own problems (a 2016 key missing, an area left unassigned), listed like those of the definitions. */
function buildOrExplain(config: DistrictConfig, gemeinden: GemeindeRecord[]) {
  try {
    return buildTerritory(config, gemeinden, parts);
  } catch (error) {
    if (error instanceof TerritoryBuildError) failWith(error.problems.map((problem) => `geodata/${config.id}: ${problem}`));
    throw error;
  }
}

const write = (path: string, text: string) => {
  if (checkOnly) {
    if (!existsSync(path) || readFileSync(path, 'utf8') !== text) drift.push(relative(ROOT, path));
    return;
  }
  writeFileSync(path, text);
};

mkdirSync(TERRITORY_OUT_DIR, { recursive: true });
for (const { id, source: { config, gemeinden }, zensus2011 } of definitions) {
  const { territory, report } = buildOrExplain(config, gemeinden);
  addSettlements(territory, places);
  if (zensus2011) addZensus2011Source(territory);
  const text = JSON.stringify(territory) + '\n';
  const file = `${id}.json`;
  write(join(TERRITORY_OUT_DIR, file), text);
  const entry: DistrictIndexEntry = { id, name: config.name, file };
  // Loaded only when the coverage analysis opens, so the first view does not wait for it.
  if (zensus2011) {
    entry.zensus2011 = `${id}-zensus2011.json`;
    write(join(TERRITORY_OUT_DIR, entry.zensus2011), JSON.stringify(zensus2011) + '\n');
  }
  index.push(entry);
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
