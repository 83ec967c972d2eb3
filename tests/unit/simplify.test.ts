import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { dissolve } from '../../src/domain/geo/dissolve';
import { planarArea, vertexCount, type Areal } from '../../src/domain/geo/geometry';
import { simplifyTogether } from '../../src/domain/geo/simplify';
import { CRS_25832, deepFreeze, expectToMatchJsonFixture, roundCoordinates, simpleStyle } from './support/fixtures';

const WEST = 500_000;
const SOUTH = 5_700_000;
const WIDTH = 3000;
const HEIGHT = 2000;

/** A wiggly north-south border near x = WEST + offset, sampled every 10 m (201 vertices). */
function border(offset: number, phase: number): Position[] {
  const positions: Position[] = [];
  for (let step = 0; step <= HEIGHT / 10; step++) {
    const y = step * 10;
    const x = offset + 40 * Math.sin((2 * Math.PI * y) / 400 + phase) + 15 * Math.sin((2 * Math.PI * y) / 93);
    positions.push([WEST + x, SOUTH + y]);
  }
  return positions;
}

/** Straight line with a vertex every 100 m, endpoints excluded: collinear points simplification may drop. */
function straight(from: Position, to: Position): Position[] {
  const steps = Math.round(Math.hypot(to[0]! - from[0]!, to[1]! - from[1]!) / 100);
  return Array.from({ length: Math.max(steps - 1, 0) }, (_, index) => {
    const t = (index + 1) / steps;
    return [from[0]! + t * (to[0]! - from[0]!), from[1]! + t * (to[1]! - from[1]!)];
  });
}

/**
 * Three polygons tiling the 3 km × 2 km rectangle at (500000, 5700000) exactly: West, Mitte
 * and Ost, separated by two wiggly borders. Each call builds fresh arrays.
 */
function wigglyTiling(): Polygon[] {
  const straightEdge = (x: number): Position[] => {
    const south: Position = [x, SOUTH];
    const north: Position = [x, SOUTH + HEIGHT];
    return [south, ...straight(south, north), north];
  };
  // Each edge runs from south to north; column i lies between edge i and edge i + 1.
  const edges = [straightEdge(WEST), border(1000, 0), border(2000, 1.3), straightEdge(WEST + WIDTH)];
  return [0, 1, 2].map((column) => {
    const westEdge = edges[column]!;
    const eastEdge = edges[column + 1]!;
    const ring: Position[] = [
      westEdge[0]!,
      ...straight(westEdge[0]!, eastEdge[0]!),
      ...eastEdge,
      ...straight(eastEdge.at(-1)!, westEdge.at(-1)!),
      ...westEdge.toReversed(),
    ];
    return { type: 'Polygon', coordinates: [ring] };
  });
}

const totalArea = (geometries: readonly Areal[]) => geometries.reduce((sum, geometry) => sum + planarArea(geometry), 0);
const totalVertices = (geometries: readonly Areal[]) => geometries.reduce((sum, geometry) => sum + vertexCount(geometry), 0);

describe('the synthetic wiggly tiling itself', () => {
  it('tiles the 6 km² rectangle exactly and has many vertices', () => {
    const tiling = wigglyTiling();
    expect(totalArea(tiling)).toBeCloseTo(WIDTH * HEIGHT, 3);
    expect(planarArea(dissolve(tiling))).toBeCloseTo(WIDTH * HEIGHT, 3);
    expect(tiling.map((polygon) => polygon.coordinates[0]!.at(0))).toEqual(tiling.map((polygon) => polygon.coordinates[0]!.at(-1)));
    expect(totalVertices(tiling)).toBeGreaterThan(800);
  });
});

describe('simplifyTogether', () => {
  const minTriangleArea = 200;

  it('matches tests/fixtures/out/simplify-wiggly-tiling.geojson', () => {
    const simplified = simplifyTogether(wigglyTiling(), minTriangleArea);
    const colours = ['#4e79a7', '#f28e2b', '#59a14f'];
    const names = ['West', 'Mitte', 'Ost'];
    const output = {
      type: 'FeatureCollection',
      name: `simplifyTogether(Wellengrenzen, ${minTriangleArea} m²)`,
      crs: CRS_25832,
      features: simplified.map((geometry, index) => ({
        type: 'Feature',
        properties: { name: names[index], vertices: vertexCount(geometry), ...simpleStyle(colours[index]!) },
        geometry,
      })),
    };
    expectToMatchJsonFixture(roundCoordinates(output, 3), 'out/simplify-wiggly-tiling.geojson');
  });

  it('removes most vertices', () => {
    const tiling = wigglyTiling();
    const simplified = simplifyTogether(tiling, minTriangleArea);
    expect(simplified).toHaveLength(3);
    expect(totalVertices(simplified)).toBeLessThan(totalVertices(tiling) / 2);
    // Collinear vertices on the straight outer edges are gone: only corners and junctions stay.
    expect(simplified.every((geometry) => geometry.type === 'Polygon')).toBe(true);
  });

  it('keeps the tiling: no overlaps, no gaps, neighbours share identical borders', () => {
    const simplified = simplifyTogether(wigglyTiling(), minTriangleArea);
    const union = planarArea(dissolve(simplified));
    expect(Math.abs(union - totalArea(simplified))).toBeLessThan(1e-3);
    expect(union).toBeCloseTo(WIDTH * HEIGHT, 3);
    const vertices = (geometry: Areal) => new Set((geometry as Polygon).coordinates[0]!.map((p) => p.join(' ')));
    const [west, middle, east] = simplified.map(vertices) as [Set<string>, Set<string>, Set<string>];
    const sharedWestMiddle = [...west].filter((key) => middle.has(key));
    const sharedMiddleEast = [...middle].filter((key) => east.has(key));
    expect(sharedWestMiddle.length).toBeGreaterThan(10);
    expect(sharedMiddleEast.length).toBeGreaterThan(10);
    expect([...west].filter((key) => east.has(key))).toEqual([]);
  });

  it('changes each area and the total by less than 1 %', () => {
    const tiling = wigglyTiling();
    const simplified = simplifyTogether(tiling, minTriangleArea);
    simplified.forEach((geometry, index) => {
      expect(Math.abs(planarArea(geometry) / planarArea(tiling[index]!) - 1)).toBeLessThan(0.01);
    });
    expect(Math.abs(totalArea(simplified) / totalArea(tiling) - 1)).toBeLessThan(0.01);
  });

  it('returns the geometries in input order', () => {
    const tiling = wigglyTiling();
    const simplified = simplifyTogether([tiling[2]!, tiling[0]!, tiling[1]!], minTriangleArea);
    const westernmost = (geometry: Areal) => Math.min(...(geometry as Polygon).coordinates[0]!.map(([x]) => x!));
    expect(westernmost(simplified[0]!)).toBeGreaterThan(WEST + 1900);
    expect(westernmost(simplified[1]!)).toBe(WEST);
    expect(westernmost(simplified[2]!)).toBeGreaterThan(WEST + 900);
    expect(westernmost(simplified[2]!)).toBeLessThan(WEST + 1100);
  });

  it('throws when a polygon collapses entirely under a huge tolerance', () => {
    // West has only two junctions with its neighbours, so nothing of it survives.
    expect(() => simplifyTogether(wigglyTiling(), 1e12)).toThrow(/ganz weggefallen; Toleranz zu groß/);
    const lonelySquare: Polygon = {
      type: 'Polygon',
      coordinates: [[[WEST, SOUTH], [WEST + 10, SOUTH], [WEST + 10, SOUTH + 10], [WEST, SOUTH + 10], [WEST, SOUTH]]],
    };
    expect(() => simplifyTogether([lonelySquare], 1e6)).toThrow(/ganz weggefallen/);
  });

  it('does not mutate its input', () => {
    const tiling = deepFreeze(wigglyTiling());
    const before = structuredClone(tiling);
    simplifyTogether(tiling, minTriangleArea);
    expect(tiling).toEqual(before);
  });
});
