import { describe, expect, it } from 'vitest';
import { projectionFor, type ProjectedCrsCode } from '../../../src/domain/geo/projection';
import { detectCrs, fitsCrs, guessTableCrs, toWgs84, type CoordinateCrs } from '../../../src/domain/import/crs';
import type { ImportTable } from '../../../src/domain/import/table';
import { listDistrictIds } from '../../../scripts/lib/geodata';
import { district } from './support';

const GAENSELIESEL: [number, number] = [9.9356, 51.5328];
// EPSG:25832 of the Gänseliesel, see tests/unit/projection.test.ts.
const GAENSELIESEL_UTM32: [number, number] = [564_895, 5_709_492];

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be reproduced. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pointsIn([west, south, east, north]: readonly number[], count: number, seed: number): [number, number][] {
  const next = random(seed);
  return Array.from({ length: count }, () => [west! + next() * (east! - west!), south! + next() * (north! - south!)] as [number, number]);
}

function project(points: [number, number][], crs: CoordinateCrs): [number, number][] {
  if (crs === 'EPSG:4326') return points;
  const projection = projectionFor(crs);
  return points.map((point) => projection.forward(point) as [number, number]);
}

const ALL_CRS: CoordinateCrs[] = ['EPSG:4326', 'EPSG:25832', 'EPSG:25833', 'EPSG:31467', 'EPSG:31468', 'EPSG:3035'];

describe('detectCrs over points generated inside every district of geodata/', () => {
  describe.each(listDistrictIds())('%s', (id) => {
    const facts = district(id);
    const points = pointsIn(facts.bbox, 40, id.length);

    it.each(ALL_CRS)('points written in %s are detected as such, unambiguously', (crs) => {
      const guess = detectCrs(project(points, crs), { districtCrs: facts.crs, districtBbox: facts.bbox });
      expect(guess).toMatchObject({ crs, swapped: false, confidence: 'eindeutig', pairs: 40 });
    });

    it.each(ALL_CRS)('points written in %s with the two values swapped are detected with the swap', (crs) => {
      const swapped = project(points, crs).map(([a, b]) => [b, a] as [number, number]);
      const guess = detectCrs(swapped, { districtCrs: facts.crs, districtBbox: facts.bbox });
      expect(guess).toMatchObject({ crs, swapped: true, confidence: 'eindeutig' });
      expect(guess.notes).toContain(crs === 'EPSG:4326' ? 'Breite/Länge vertauscht' : 'Rechtswert/Hochwert vertauscht');
    });

    it('transformed back, the detected CRS returns the generated points within 1e-7°', () => {
      for (const crs of ALL_CRS) {
        const guess = detectCrs(project(points, crs), { districtCrs: facts.crs, districtBbox: facts.bbox });
        project(points, crs).forEach((pair, index) => {
          const [longitude, latitude] = toWgs84(pair, guess.crs!, { swapped: guess.swapped })!;
          expect(Math.abs(longitude - points[index]![0])).toBeLessThan(1e-7);
          expect(Math.abs(latitude - points[index]![1])).toBeLessThan(1e-7);
        });
      }
    });

    it('UTM eastings with the zone number in front are detected in their zone', () => {
      const crs = facts.crs as 'EPSG:25832' | 'EPSG:25833';
      const zone = crs === 'EPSG:25832' ? 32 : 33;
      const prefixed = project(points, crs).map(([x, y]) => [zone * 1_000_000 + x, y] as [number, number]);
      const guess = detectCrs(prefixed);
      expect(guess).toMatchObject({ crs, confidence: 'eindeutig' });
      expect(guess.notes).toContain(`Ostwerte mit vorangestellter Zonennummer (${zone} …)`);
    });
  });
});

describe('detectCrs', () => {
  it('recognises plain WGS84 and swapped WGS84 from the value ranges alone', () => {
    expect(detectCrs([GAENSELIESEL])).toMatchObject({ crs: 'EPSG:4326', swapped: false, confidence: 'eindeutig', notes: [] });
    expect(detectCrs([[51.5328, 9.9356]])).toMatchObject({ crs: 'EPSG:4326', swapped: true, notes: ['Breite/Länge vertauscht'] });
  });

  it('tells Gauß-Krüger zone 4 from LAEA (which overlap in x) by y', () => {
    expect(detectCrs([[4_400_000, 5_800_000]]).crs).toBe('EPSG:31468');
    expect(detectCrs([[4_400_000, 3_200_000]]).crs).toBe('EPSG:3035');
  });

  it('without bbox, takes the district CRS for plain UTM but asks the user', () => {
    const guess = detectCrs([GAENSELIESEL_UTM32], { districtCrs: 'EPSG:25833' });
    expect(guess).toMatchObject({ crs: 'EPSG:25833', confidence: 'mehrdeutig' });
    expect(guess.candidates.map((candidate) => candidate.crs)).toEqual(['EPSG:25832', 'EPSG:25833']);
    expect(guess.notes).toEqual(['Ob die Werte in UTM-Zone 32 oder 33 stehen, lässt sich nicht sicher erkennen; bitte prüfen.']);
  });

  it('with the bbox, the zone that puts the points into the district wins over the hint', () => {
    const { bbox } = district('goettingen');
    const guess = detectCrs([GAENSELIESEL_UTM32], { districtCrs: 'EPSG:25833', districtBbox: bbox });
    expect(guess).toMatchObject({ crs: 'EPSG:25832', confidence: 'eindeutig' });
    expect(guess.candidates.map((candidate) => [candidate.crs, candidate.insideDistrict])).toEqual([
      ['EPSG:25832', 1],
      ['EPSG:25833', 0],
    ]);
  });

  it('is ambiguous for a file mixing WGS84 and UTM, and counts the pairs that do not fit', () => {
    const guess = detectCrs([GAENSELIESEL, [9.94, 51.54], [9.95, 51.55], GAENSELIESEL_UTM32, [565_000, 5_709_000]]);
    expect(guess).toMatchObject({ crs: 'EPSG:4326', confidence: 'mehrdeutig' });
    expect(guess.candidates.map((candidate) => [candidate.crs, candidate.matching])).toEqual([
      ['EPSG:4326', 3],
      ['EPSG:25832', 2],
      ['EPSG:25833', 2],
    ]);
    expect(guess.notes).toEqual(['2 von 5 Koordinatenpaaren passen nicht zu WGS84, Länge/Breite in Grad (EPSG:4326).']);
  });

  it('stays unambiguous when a single pair in many is a typo', () => {
    const pairs: [number, number][] = [...Array.from({ length: 19 }, () => GAENSELIESEL), [0, 0]];
    expect(detectCrs(pairs)).toMatchObject({ crs: 'EPSG:4326', confidence: 'eindeutig' });
  });

  it('has no CRS for values outside every range and for no values', () => {
    expect(detectCrs([[1, 2]])).toMatchObject({ crs: null, confidence: 'mehrdeutig', candidates: [] });
    expect(detectCrs([])).toMatchObject({ crs: null, notes: ['Keine lesbaren Koordinaten gefunden.'], pairs: 0 });
  });

  it('does not change the pairs it is given', () => {
    const pairs = Object.freeze([Object.freeze([51.5328, 9.9356] as [number, number])]);
    detectCrs(pairs, { districtBbox: district('goettingen').bbox });
    expect(pairs).toEqual([[51.5328, 9.9356]]);
  });
});

describe('toWgs84', () => {
  it('transforms UTM 32N, also with the zone number in front', () => {
    for (const pair of [GAENSELIESEL_UTM32, [32_564_895, 5_709_492] as [number, number]]) {
      const [longitude, latitude] = toWgs84(pair, 'EPSG:25832')!;
      expect(longitude).toBeCloseTo(GAENSELIESEL[0], 4);
      expect(latitude).toBeCloseTo(GAENSELIESEL[1], 4);
    }
  });

  it('undoes a swap and passes WGS84 through', () => {
    expect(toWgs84([51.5328, 9.9356], 'EPSG:4326', { swapped: true })).toEqual(GAENSELIESEL);
    expect(toWgs84(GAENSELIESEL, 'EPSG:4326')).toEqual(GAENSELIESEL);
  });

  it('gives null for positions that are no positions', () => {
    expect(toWgs84([200, 51], 'EPSG:4326')).toBeNull();
    expect(toWgs84([Number.NaN, 5_709_492], 'EPSG:25832')).toBeNull();
  });

  it.each(['EPSG:25832', 'EPSG:25833', 'EPSG:31467', 'EPSG:31468', 'EPSG:3035'] as ProjectedCrsCode[])('inverts proj4 forward for %s', (crs) => {
    const projected = projectionFor(crs).forward([...GAENSELIESEL]) as [number, number];
    const [longitude, latitude] = toWgs84(projected, crs)!;
    expect(longitude).toBeCloseTo(GAENSELIESEL[0], 7);
    expect(latitude).toBeCloseTo(GAENSELIESEL[1], 7);
  });
});

describe('fitsCrs', () => {
  it('checks the value ranges of a CRS, after undoing a swap', () => {
    expect(fitsCrs(GAENSELIESEL_UTM32, 'EPSG:25832')).toBe(true);
    expect(fitsCrs(GAENSELIESEL_UTM32, 'EPSG:4326')).toBe(false);
    expect(fitsCrs([GAENSELIESEL_UTM32[1], GAENSELIESEL_UTM32[0]], 'EPSG:25832', true)).toBe(true);
  });
});

describe('guessTableCrs', () => {
  const table = (cells: string[][], declaredCrs?: CoordinateCrs): ImportTable => ({
    kind: 'csv',
    headers: ['Name', 'X', 'Y'],
    rows: cells.map((row, index) => ({ line: index + 2, cells: row })),
    ...(declaredCrs ? { declaredCrs } : {}),
  });

  it('reads the mapped columns of all rows, skipping unreadable ones', () => {
    const { crs, bbox } = district('goettingen');
    const rows = [['A', '564895,1', '5709492,2'], ['B', 'abc', '5709000'], ['C', '', '']];
    const guess = guessTableCrs(table(rows), { x: 1, y: 2 }, { districtCrs: crs, districtBbox: bbox });
    expect(guess).toMatchObject({ crs: 'EPSG:25832', confidence: 'eindeutig', pairs: 1 });
  });

  it('keeps to a CRS the file names, and says so', () => {
    const guess = guessTableCrs(table([['A', '564895', '5709492']], 'EPSG:25833'), { x: 1, y: 2 });
    expect(guess).toMatchObject({ crs: 'EPSG:25833', confidence: 'eindeutig' });
    expect(guess.candidates.map((candidate) => candidate.crs)).toEqual(['EPSG:25833']);
    expect(guess.notes[0]).toBe('Bezugssystem laut Datei: ETRS89 / UTM Zone 33N (EPSG:25833)');
  });
});
