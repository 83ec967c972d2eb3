import { area as sphericalArea, booleanPointInPolygon, point } from '@turf/turf';
import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { neighbours } from '../../src/domain/geo/colouring';
import { polygonsOf, type Areal } from '../../src/domain/geo/geometry';
import { TerritoryBuildError, buildTerritory, type BoundaryPart } from '../../src/domain/territory/build';
import type { TerritoryFile } from '../../src/domain/territory/types';
import { deepFreeze, expectToMatchJsonFixture, simpleStyle } from './support/fixtures';
import { syntheticDistrict, type SyntheticDistrict } from './support/syntheticDistrict';

const build = (input: SyntheticDistrict = syntheticDistrict()) => buildTerritory(input.config, input.gemeinden, input.boundaries2016);

/** What buildTerritory throws for the input, as the list of problems. */
function buildProblems(input: SyntheticDistrict): string[] {
  try {
    build(input);
  } catch (error) {
    expect(error).toBeInstanceOf(TerritoryBuildError);
    return (error as TerritoryBuildError).problems;
  }
  throw new Error('buildTerritory hat die fehlerhaften Eingaben angenommen');
}

/** A modifiable copy of the synthetic inputs. */
const editable = (): SyntheticDistrict => structuredClone(syntheticDistrict());

const byId = <P extends { id: string }>(features: readonly Feature<Areal, P>[], id: string) =>
  features.find((feature) => feature.properties.id === id)!.properties;
const gemeinde = (territory: TerritoryFile, ags: string) =>
  territory.gemeinden.features.find((feature) => feature.properties.ags === ags)!.properties;

describe('buildTerritory on the synthetic Testkreis', () => {
  it('matches tests/fixtures/out/territory-synthetic.json', () => {
    const { territory } = build();
    expectToMatchJsonFixture(territory, 'out/territory-synthetic.json');
  });

  it('matches the styled overview tests/fixtures/out/territory-synthetic.geojson', () => {
    const { territory } = build();
    const colours: Record<string, string> = { nordtal: '#4e79a7', oelsen: '#f28e2b', puehberg: '#59a14f' };
    const overview = {
      type: 'FeatureCollection',
      name: 'Sozialräume, außerhalb und Kreisgrenze des synthetischen Testkreises',
      features: [
        ...territory.sozialraeume.features.map((f) => ({
          type: 'Feature',
          properties: { name: f.properties.name, einwohner: f.properties.einwohner, ...simpleStyle(colours[f.properties.id]!) },
          geometry: f.geometry,
        })),
        ...territory.ausserhalb.features.map((f) => ({
          type: 'Feature',
          properties: { name: f.properties.name, kind: f.properties.kind, ...simpleStyle(f.properties.kind === 'gemeindefrei' ? '#b5d9a3' : '#bbbbbb') },
          geometry: f.geometry,
        })),
        { type: 'Feature', properties: { name: territory.kreis.properties.name, stroke: '#000000', 'stroke-width': 3, 'fill-opacity': 0 }, geometry: territory.kreis.geometry },
      ],
    };
    expectToMatchJsonFixture(overview, 'out/territory-synthetic.geojson');
  });

  it('has one feature per Gemeinde, Sozialraum, Sozialregion and outside area', () => {
    const { territory } = build();
    expect(territory.format).toBe('sozialraumatlas-territory/2');
    expect(territory.gemeinden.features.map((f) => f.properties.ags)).toEqual(['99999001', '99999002', '99999003', '99999004', '99999005']);
    expect(territory.sozialraeume.features.map((f) => f.properties.id)).toEqual(['nordtal', 'oelsen', 'puehberg']);
    expect(territory.sozialregionen.features.map((f) => f.properties.id)).toEqual(['region-west', 'region-ost']);
    expect(territory.ausserhalb.features.map((f) => [f.properties.id, f.properties.kind])).toEqual([
      ['teststadt-d', 'ausserhalb'],
      ['testforst', 'gemeindefrei'],
    ]);
  });

  it('sums the population of the member Gemeinden', () => {
    const { territory } = build();
    expect(territory.sozialraeume.features.map((f) => [f.properties.id, f.properties.einwohner])).toEqual([
      ['nordtal', 6186 + 3000],
      ['oelsen', 12_000],
      ['puehberg', 9186],
    ]);
    expect(territory.sozialregionen.features.map((f) => [f.properties.id, f.properties.einwohner])).toEqual([
      ['region-west', 9186],
      ['region-ost', 12_000 + 9186],
    ]);
    expect(territory.ausserhalb.features.map((f) => f.properties.einwohner)).toEqual([50_000, 0]);
    expect(territory.kreis.properties).toMatchObject({ ags: '99999', name: 'Landkreis Testkreis', einwohner: 80_372, flaecheKm2: 324.15 });
    const all = (features: readonly Feature<Areal, { einwohner: number }>[]) => features.reduce((sum, f) => sum + f.properties.einwohner, 0);
    expect(all(territory.gemeinden.features)).toBe(territory.kreis.properties.einwohner);
    expect(all(territory.sozialraeume.features) + all(territory.ausserhalb.features)).toBe(territory.kreis.properties.einwohner);
  });

  it('puts every unit\'s label point inside the unit, on the coordinate grid of the file', () => {
    const { territory } = build();
    const units = [...territory.gemeinden.features, ...territory.sozialraeume.features, ...territory.sozialregionen.features, ...territory.ausserhalb.features, territory.kreis];
    for (const unit of units) {
      const [lng, lat] = unit.properties.labelPoint;
      expect(booleanPointInPolygon(point([lng, lat]), unit.geometry), JSON.stringify(unit.properties)).toBe(true);
      const decimals = territory.derivation.coordinateDecimals;
      expect(Math.round(lng * 10 ** decimals) / 10 ** decimals).toBe(lng);
      expect(Math.round(lat * 10 ** decimals) / 10 ** decimals).toBe(lat);
    }
  });

  it('gives neighbouring Sozialräume different colour slots', () => {
    const { territory } = build();
    const features = territory.sozialraeume.features;
    const touching = neighbours(features.map((feature) => feature.geometry));
    const pairs = touching.flatMap((others, index) => [...others].filter((other) => other > index).map((other) => [index, other] as const));
    expect(pairs.length).toBeGreaterThan(0);
    for (const [a, b] of pairs) expect(features[a]!.properties.colourIndex, `${features[a]!.properties.id} / ${features[b]!.properties.id}`).not.toBe(features[b]!.properties.colourIndex);
    expect(features.every((feature) => Number.isInteger(feature.properties.colourIndex) && feature.properties.colourIndex >= 0)).toBe(true);
  });

  it('gives every unit the area of its member Gemeinden (rounded to 0.01 km²)', () => {
    const { territory, report } = build();
    const area = (ags: string) => gemeinde(territory, ags).flaecheKm2;
    const cases: [number, number[]][] = [
      [byId(territory.sozialraeume.features, 'nordtal').flaecheKm2, [area('99999001'), area('99999003')]],
      [byId(territory.sozialraeume.features, 'oelsen').flaecheKm2, [area('99999002')]],
      [byId(territory.sozialregionen.features, 'region-ost').flaecheKm2, [area('99999002'), area('99999005')]],
      [byId(territory.ausserhalb.features, 'teststadt-d').flaecheKm2, [area('99999004')]],
      [
        territory.kreis.properties.flaecheKm2,
        [...territory.gemeinden.features.map((f) => f.properties.flaecheKm2), byId(territory.ausserhalb.features, 'testforst').flaecheKm2],
      ],
    ];
    for (const [unitArea, memberAreas] of cases) {
      expect(Math.abs(unitArea - memberAreas.reduce((sum, value) => sum + value, 0))).toBeLessThanOrEqual(0.01 + 1e-9);
    }
    // Unrounded, from the report: the dissolved unit has exactly the area of its parts.
    const unrounded = new Map(report.areas.map((entry) => [entry.id, entry.unsimplifiedKm2]));
    expect(unrounded.get('nordtal')).toBeCloseTo(unrounded.get('99999001')! + unrounded.get('99999003')!, 6);
    const kreisParts = ['99999001', '99999002', '99999003', '99999004', '99999005', 'testforst'];
    expect(unrounded.get('99999')).toBeCloseTo(kreisParts.reduce((sum, id) => sum + unrounded.get(id)!, 0), 6);
  });

  it('computes areas in the UTM plane close to turf\'s spherical area', () => {
    const { territory } = build();
    // turf uses a sphere of radius 6371 km; the ellipsoid's Gaussian radius at 51.5° N is
    // 6383 km, so its areas are 0.37 % smaller, and the UTM scale makes planar ones 0.07 %
    // smaller: the planar area must be about 0.3 % larger than turf's. (Outputs are
    // simplified; the areas are not, which moves C and D by another 0.1 %.)
    for (const feature of territory.gemeinden.features) {
      const ratio = feature.properties.flaecheKm2 / (sphericalArea(feature) / 1e6);
      expect(ratio, feature.properties.name).toBeGreaterThan(1.001);
      expect(ratio, feature.properties.name).toBeLessThan(1.005);
    }
    // One 0.1° × 0.06° cell at 51.55° N is about 6.94 km × 6.67 km.
    expect(gemeinde(territory, '99999004').flaecheKm2).toBeCloseTo(46.27, 2);
  });

  it('merges the two 2016 parts of Testgemeinde B into one polygon without the old border', () => {
    const { territory } = build();
    const geometry = territory.gemeinden.features[1]!.geometry;
    expect(geometry.type).toBe('Polygon');
    expect(polygonsOf(geometry)).toHaveLength(1);
    // The old border ran along 10° E; only its two ends on the outer boundary remain.
    const vertices = new Set(polygonsOf(geometry)[0]![0]!.map((position) => position.join(' ')));
    expect(vertices).toEqual(
      new Set(['9.9 51.52', '9.905 51.49', '9.9 51.46', '10 51.46', '10.1 51.46', '10.1 51.52', '10 51.52']),
    );
    expect(booleanPointInPolygon(point([10, 51.49]), geometry)).toBe(true);
  });

  it('records where each Gemeinde belongs', () => {
    const { territory } = build();
    expect(territory.gemeinden.features.map((f) => [f.properties.ags, f.properties.sozialraumId, f.properties.ausserhalbId])).toEqual([
      ['99999001', 'nordtal', null],
      ['99999002', 'oelsen', null],
      ['99999003', 'nordtal', null],
      ['99999004', null, 'teststadt-d'],
      ['99999005', 'puehberg', null],
    ]);
    expect(byId(territory.sozialregionen.features, 'region-ost').sozialraeume).toEqual(['oelsen', 'puehberg']);
    expect(byId(territory.ausserhalb.features, 'testforst')).toMatchObject({ gemeinden: [], einwohner: 0, flaecheKm2: 46.34 });
  });

  it('ignores boundary parts of other Kreise', () => {
    const { territory } = build();
    expect(booleanPointInPolygon(point([10.15, 51.55]), territory.kreis.geometry)).toBe(false);
    expect(booleanPointInPolygon(point([10.15, 51.49]), territory.kreis.geometry)).toBe(true);
    expect(territory.bbox).toEqual([9.8, 51.46, 10.2, 51.58]);
  });

  it('rounds output coordinates to 5 decimals and describes the derivation and sources', () => {
    const { territory } = build();
    const positions = [territory.kreis, ...territory.gemeinden.features].flatMap((f) => polygonsOf(f.geometry).flat(2));
    expect(positions).toHaveLength(44);
    for (const value of positions as unknown as number[][]) {
      for (const coordinate of value) expect(Math.abs(coordinate * 1e5 - Math.round(coordinate * 1e5))).toBeLessThan(1e-6);
    }
    expect(territory.derivation.simplification).toEqual({ crs: 'EPSG:25832', minTriangleAreaM2: 10_000 });
    expect(territory.derivation.coordinateDecimals).toBe(5);
    expect(territory.sources.map((source) => [source.id, source.stand])).toEqual([
      ['grenzen', '01.01.2016'],
      ['bevoelkerung', '15.05.2022'],
      ['sozialraeume', '2024'],
    ]);
  });

  it('simplifies the zigzag border of C and D and reports the vertex counts', () => {
    const { territory, report } = build();
    expect(report.verticesBefore).toBe(92);
    expect(report.verticesAfter).toBe(36);
    // Both sides keep the same single zigzag vertex: the border stays shared.
    expect(polygonsOf(territory.gemeinden.features[2]!.geometry)[0]![0]).toContainEqual([9.8998, 51.524]);
    expect(polygonsOf(territory.gemeinden.features[3]!.geometry)[0]![0]).toContainEqual([9.8998, 51.524]);
    // build.ts promises areas within 0.4 % for its default threshold of 10 000 m².
    for (const entry of report.areas) {
      expect(Math.abs(entry.simplifiedKm2 / entry.unsimplifiedKm2 - 1), entry.id).toBeLessThan(0.004);
    }
  });

  it('honours the coordinate decimals of the options', () => {
    const { config, gemeinden, boundaries2016 } = syntheticDistrict();
    const { territory } = buildTerritory(config, gemeinden, boundaries2016, {
      minTriangleAreaM2: 10_000,
      coordinateDecimals: 2,
      boundaryLabel: 'synthetisch',
    });
    const positions = polygonsOf(territory.gemeinden.features[2]!.geometry)[0]![0]!;
    expect(positions.every(([x, y]) => Number.isInteger(Math.round(x! * 100 * 1e6) / 1e6) && Number.isInteger(Math.round(y! * 100 * 1e6) / 1e6))).toBe(true);
    expect(territory.derivation).toEqual({
      boundaries: 'synthetisch',
      simplification: { crs: 'EPSG:25832', minTriangleAreaM2: 10_000 },
      coordinateDecimals: 2,
    });
  });

  it('does not mutate its input', () => {
    const input = syntheticDistrict();
    expect(Object.isFrozen(input.boundaries2016[0]!.geometry.coordinates[0]![0])).toBe(true);
    const before = structuredClone(input);
    build(input);
    expect(input).toEqual(before);
  });
});

describe('buildTerritory refuses inputs it cannot derive a territory from', () => {
  it('when a 2016 boundary key of a Gemeinde is missing', () => {
    const input = editable();
    input.gemeinden[4]!.agsVg250_2016 = ['99998099'];
    expect(buildProblems(input)).toEqual([
      'Gemeinde 99999005 Testgemeinde E: Grenze mit Schlüssel 99998099 fehlt in den Grenzdaten',
      'Grenze 99998003 liegt im Kreis, ist aber keiner Gemeinde zugeordnet',
    ]);
  });

  it('when the boundary of an unincorporated area is missing', () => {
    const input = editable();
    input.boundaries2016 = input.boundaries2016.filter((part) => part.ags2016 !== '99998004');
    expect(buildProblems(input)).toEqual([
      'gemeindefreies Gebiet Testforst (gemeindefreies Gebiet): Grenze mit Schlüssel 99998004 fehlt in den Grenzdaten',
    ]);
  });

  it('when a 2016 part inside the Kreis belongs to no Gemeinde', () => {
    const input = editable();
    const extra: BoundaryPart = {
      ags2016: '99998005',
      name: 'Vergessene Gemeinde',
      geometry: { type: 'Polygon', coordinates: [[[10.2, 51.46], [10.3, 51.46], [10.3, 51.52], [10.2, 51.52], [10.2, 51.46]]] },
    };
    input.boundaries2016.push(extra);
    expect(buildProblems(input)).toEqual(['Grenze 99998005 liegt im Kreis, ist aber keiner Gemeinde zugeordnet']);
  });

  it('when one 2016 boundary is claimed by two Gemeinden (its area would count twice)', () => {
    const input = editable();
    input.gemeinden[4]!.agsVg250_2016 = [...input.gemeinden[4]!.agsVg250_2016, input.gemeinden[0]!.agsVg250_2016[0]!];
    expect(buildProblems(input)).toEqual([
      `Gemeinde 99999005 Testgemeinde E: Grenze ${input.gemeinden[0]!.agsVg250_2016[0]} ist schon Gemeinde 99999001 Testgemeinde A zugeordnet`,
    ]);
  });

  it('when the assignment of Gemeinden to Sozialräume is broken, with the message as the error text', () => {
    const input = editable();
    input.config.sozialraeume[0]!.gemeinden = ['99999001'];
    const problems = buildProblems(input);
    expect(problems).toEqual(['99999003 Testgemeinde C ist weder einem Sozialraum zugeordnet noch als außerhalb markiert']);
    expect(() => build(deepFreeze(input))).toThrow(/^Gebiet kann nicht abgeleitet werden:\n- 99999003 Testgemeinde C ist weder/);
  });
});
