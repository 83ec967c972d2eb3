import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  bboxOf,
  mapPositions,
  planarArea,
  polygonsOf,
  ringArea,
  roundPosition,
  vertexCount,
} from '../../src/domain/geo/geometry';
import { deepFreeze } from './support/fixtures';

const unitSquare = (): Position[] => [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [0, 0],
];
const square = (x: number, y: number, size: number): Position[] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];
/** 4 × 4 square with a 1 × 1 hole, and a separate 1 × 1 square far away. */
const squareWithHoleAndIsland = (): MultiPolygon => ({
  type: 'MultiPolygon',
  coordinates: [[square(0, 0, 4), square(1, 1, 1).reverse()], [square(10, -2, 1)]],
});

describe('ringArea', () => {
  it('is 1 for the unit square, whichever way it winds', () => {
    expect(ringArea(unitSquare())).toBe(1);
    expect(ringArea(unitSquare().reverse())).toBe(1);
  });

  it('is 0.5 for a right triangle with legs 1 and 0 for a degenerate ring', () => {
    expect(ringArea([[0, 0], [1, 0], [0, 1], [0, 0]])).toBe(0.5);
    expect(ringArea([[0, 0], [1, 1], [2, 2], [0, 0]])).toBe(0);
  });

  it('works in metre coordinates of UTM size without losing the square metres', () => {
    expect(ringArea(square(500_000, 5_700_000, 1000))).toBe(1_000_000);
  });
});

describe('planarArea', () => {
  it('subtracts holes and adds the parts of a MultiPolygon', () => {
    expect(planarArea({ type: 'Polygon', coordinates: [unitSquare()] })).toBe(1);
    expect(planarArea(squareWithHoleAndIsland())).toBe(16 - 1 + 1);
  });

  it('does not mutate its input', () => {
    const geometry = deepFreeze(squareWithHoleAndIsland());
    const before = structuredClone(geometry);
    planarArea(geometry);
    expect(geometry).toEqual(before);
  });
});

describe('polygonsOf', () => {
  it('wraps a Polygon into a list of one and returns the parts of a MultiPolygon', () => {
    const polygon: Polygon = { type: 'Polygon', coordinates: [unitSquare()] };
    expect(polygonsOf(polygon)).toEqual([[unitSquare()]]);
    expect(polygonsOf(squareWithHoleAndIsland())).toHaveLength(2);
  });
});

describe('mapPositions', () => {
  it('applies the function to every position and keeps the geometry type', () => {
    const shifted = mapPositions(squareWithHoleAndIsland(), ([x, y]) => [x! + 100, y! * 2]);
    expect(shifted.type).toBe('MultiPolygon');
    expect(shifted.coordinates[0]![1]![0]).toEqual([101, 2]);
    expect(shifted.coordinates[1]![0]).toEqual([
      [110, -4],
      [111, -4],
      [111, -2],
      [110, -2],
      [110, -4],
    ]);
  });

  it('maps a Polygon', () => {
    const polygon: Polygon = { type: 'Polygon', coordinates: [unitSquare()] };
    expect(mapPositions(polygon, ([x, y]) => [y!, x!]).coordinates[0]![1]).toEqual([0, 1]);
  });

  it('does not mutate its input', () => {
    const geometry = deepFreeze(squareWithHoleAndIsland());
    const before = structuredClone(geometry);
    const mapped = mapPositions(geometry, ([x, y]) => [x! * 3, y! * 3]);
    expect(geometry).toEqual(before);
    expect(mapped).not.toBe(geometry);
    expect(planarArea(mapped)).toBe(9 * 16);
  });
});

describe('roundPosition', () => {
  it('rounds both coordinates to the given decimals', () => {
    expect(roundPosition([9.935_612_345, 51.532_849_99], 5)).toEqual([9.93561, 51.53285]);
    expect(roundPosition([564_895.283_19, 5_709_491.842_12], 0)).toEqual([564_895, 5_709_492]);
    expect(roundPosition([-0.000_04, 1.000_05], 4)).toEqual([-0, 1.0001]);
  });

  it('drops a third (height) coordinate', () => {
    expect(roundPosition([1.23, 4.56, 789], 1)).toEqual([1.2, 4.6]);
  });
});

describe('bboxOf', () => {
  it('spans all outer rings of all geometries', () => {
    const polygon: Polygon = { type: 'Polygon', coordinates: [square(-3, 5, 2)] };
    expect(bboxOf([squareWithHoleAndIsland(), polygon])).toEqual([-3, -2, 11, 7]);
  });

  it('is infinite for no geometries, which callers must not pass', () => {
    expect(bboxOf([])).toEqual([Infinity, Infinity, -Infinity, -Infinity]);
  });
});

describe('vertexCount', () => {
  it('counts every position of every ring, closing positions included', () => {
    expect(vertexCount({ type: 'Polygon', coordinates: [unitSquare()] })).toBe(5);
    expect(vertexCount(squareWithHoleAndIsland())).toBe(15);
  });
});
