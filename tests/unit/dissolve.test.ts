// Dissolve fixtures live in tests/fixtures/in/dissolve-*.geojson (metre coordinates in the
// range of EPSG:25832); the expected results in tests/fixtures/out/ can be opened in QGIS.
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { dissolve } from '../../src/domain/geo/dissolve';
import { bboxOf, planarArea, polygonsOf, type Areal } from '../../src/domain/geo/geometry';
import {
  CRS_25832,
  deepFreeze,
  expectToMatchJsonFixture,
  readJsonFixture,
  roundCoordinates,
  simpleStyle,
} from './support/fixtures';

const input = (name: string) => readJsonFixture<FeatureCollection<Areal, { name: string }>>(`in/dissolve-${name}.geojson`);

const cases = [
  { name: 'adjacent-squares', type: 'Polygon', parts: 1, holes: 0, area: 2_000_000, bbox: [500_000, 5_700_000, 502_000, 5_701_000] },
  { name: 'l-shape', type: 'Polygon', parts: 1, holes: 0, area: 3_000_000, bbox: [500_000, 5_700_000, 502_000, 5_702_000] },
  { name: 'ring-around-hole', type: 'Polygon', parts: 1, holes: 1, area: 8_000_000, bbox: [500_000, 5_700_000, 503_000, 5_703_000] },
  {
    name: 'multipolygon-disjoint',
    type: 'MultiPolygon',
    parts: 2,
    holes: 0,
    area: 3_000_000,
    bbox: [500_000, 5_700_000, 505_000, 5_701_000],
  },
] as const;

describe('dissolve', () => {
  it.each(cases)('$name: matches the expected file in tests/fixtures/out', ({ name }) => {
    const source = input(name);
    const dissolved = dissolve(source.features.map((feature) => feature.geometry));
    const output = {
      type: 'FeatureCollection',
      name: `dissolve(${source.features.map((feature) => feature.properties.name).join(', ')})`,
      crs: CRS_25832,
      features: [{ type: 'Feature', properties: { name: 'aufgelöst', ...simpleStyle('#4e79a7', '#e15759') }, geometry: dissolved }],
    };
    expectToMatchJsonFixture(roundCoordinates(output, 3), `out/dissolve-${name}.geojson`);
  });

  it.each(cases)('$name: keeps the area, removes the shared edges', ({ name, type, parts, holes, area, bbox }) => {
    const dissolved = dissolve(input(name).features.map((feature) => feature.geometry));
    expect(dissolved.type).toBe(type);
    expect(polygonsOf(dissolved)).toHaveLength(parts);
    expect(polygonsOf(dissolved).reduce((sum, polygon) => sum + polygon.length - 1, 0)).toBe(holes);
    expect(planarArea(dissolved)).toBeCloseTo(area, 3);
    expect(bboxOf([dissolved])).toEqual(bbox);
  });

  it('turns an L of three squares into one ring with its six corners', () => {
    const dissolved = dissolve(input('l-shape').features.map((feature) => feature.geometry));
    const ring = polygonsOf(dissolved)[0]![0]!;
    expect(new Set(ring.map((position) => position.join(' '))).size).toBe(6);
    expect(ring).toContainEqual([501_000, 5_701_000]);
  });

  it('returns a copy of a single geometry, not the geometry itself', () => {
    const single = input('adjacent-squares').features[0]!.geometry;
    const dissolved = dissolve([single]);
    expect(dissolved).toEqual(single);
    expect(dissolved).not.toBe(single);
    expect(Object.isFrozen(dissolved)).toBe(false);
  });

  it('refuses an empty list', () => {
    expect(() => dissolve([])).toThrow(/keine Flächen übergeben/);
  });

  it('does not mutate its input', () => {
    const geometries = deepFreeze(input('ring-around-hole').features.map((feature) => structuredClone(feature.geometry)));
    const before = structuredClone(geometries);
    dissolve(geometries);
    expect(geometries).toEqual(before);
  });
});
