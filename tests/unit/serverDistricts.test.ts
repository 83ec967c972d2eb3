// The server reads the same derived files and district definitions as the app and the build,
// with the same schemas: a damaged file or a wrong extra category stops the start in German.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GEODATA_DIR, ROOT, TERRITORY_OUT_DIR, listDistrictIds } from '../../scripts/lib/geodata';
import { DEFAULT_CATEGORIES } from '../../src/domain/facilities/catalog';
import { DistrictConfigError } from '../../src/domain/territory/config';
import { loadDistricts } from '../../src/server/districts';

let root: string;

/** A copy of the shipped Göttingen files in a fresh folder, with district.json changed by `edit`. */
function goettingenWith(edit: (config: Record<string, unknown>) => void = () => {}): void {
  const territoryDir = join(root, 'public', 'data', 'territory');
  mkdirSync(territoryDir, { recursive: true });
  mkdirSync(join(root, 'geodata', 'goettingen'), { recursive: true });
  writeFileSync(join(territoryDir, 'index.json'), JSON.stringify({ districts: [{ id: 'goettingen', name: 'Landkreis Göttingen', file: 'goettingen.json' }] }));
  cpSync(join(TERRITORY_OUT_DIR, 'goettingen.json'), join(territoryDir, 'goettingen.json'));
  const config = JSON.parse(readFileSync(join(GEODATA_DIR, 'goettingen', 'district.json'), 'utf8'));
  edit(config);
  writeFileSync(join(root, 'geodata', 'goettingen', 'district.json'), JSON.stringify(config));
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'sra-districts-'));
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('loadDistricts', () => {
  it('loads every district of geodata/ with the default categories', () => {
    const districts = loadDistricts(ROOT);
    expect([...districts.keys()]).toEqual(listDistrictIds());
    for (const district of districts.values()) expect(district.categories.map((c) => c.id)).toEqual(DEFAULT_CATEGORIES.map((c) => c.id));
  });

  it('adds the extra categories of district.json', () => {
    goettingenWith((config) => (config.kategorien = [{ id: 'hort', label: 'Hort', shape: 'triangle', colour: '#00897b', reachKm: 2 }]));
    expect(loadDistricts(root).get('goettingen')!.categories.at(-1)).toEqual({ id: 'hort', label: 'Hort', shape: 'triangle', colour: '#00897b', reachKm: 2 });
  });

  it('refuses an extra category the schema does not accept', () => {
    goettingenWith((config) => (config.kategorien = [{ id: 'hort', label: 'Hort', shape: 'blob', colour: '#00897b', reachKm: 2 }]));
    expect(() => loadDistricts(root)).toThrow(DistrictConfigError);
    expect(() => loadDistricts(root)).toThrow(/^geodata\/goettingen\/district\.json: kategorien\[0\]\.shape muss einer dieser Werte sein/);
  });

  it('refuses a damaged territory file, naming the field', () => {
    goettingenWith();
    const path = join(root, 'public', 'data', 'territory', 'goettingen.json');
    const territory = JSON.parse(readFileSync(path, 'utf8'));
    delete territory.kreis.properties.einwohner;
    writeFileSync(path, JSON.stringify(territory));
    expect(() => loadDistricts(root)).toThrow(/goettingen\.json ist beschädigt \(npm run territory ausführen\): kreis\.properties\.einwohner: /);
  });
});
