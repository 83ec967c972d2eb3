// The default population surface: Zensus 2022 municipal totals distributed as in the Zensus 2011
// grids. On the synthetic Testkreis with a hand-made grid (every rule seen once), and on the
// shipped districts with the extracts in geodata/ (the totals and the "no 2011 inhabitants,
// nobody" rule hold for every real cell).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { populationSurface } from '../../../src/domain/coverage/analysis';
import { cellIndex } from '../../../src/domain/coverage/raster';
import { toLaea, type PopulationSurface } from '../../../src/domain/coverage/surface';
import { ZENSUS2011_FORMAT, parseZensus2011Csv, zensus2011Surface, type Zensus2011Grid } from '../../../src/domain/coverage/zensus2011';
import { kreisClip } from '../../../src/domain/coverage/zensusGrid';
import { labelPoint } from '../../../src/domain/geo/labelPoint';
import type { TerritoryFile } from '../../../src/domain/territory/types';
import { GEODATA_DIR, TERRITORY_OUT_DIR, ZENSUS2011_FILES, listDistrictIds, readZensus2011 } from '../../../scripts/lib/geodata';
import { deepFreeze } from '../support/fixtures';
import { syntheticTerritory } from '../support/syntheticDistrict';

const territory = syntheticTerritory();
const gemeindeIndex = (ags: string) => territory.gemeinden.features.findIndex((feature) => feature.properties.ags === ags);

/** The midpoint of the 1 km cell that holds a municipality's label point, and a 100 m midpoint inside it. */
function cellsAt(ags: string, shift = 0) {
  const [x, y] = toLaea(labelPoint(territory.gemeinden.features[gemeindeIndex(ags)]!.geometry));
  const km = [Math.floor(x / 1000) * 1000 + 500 + shift * 1000, Math.floor(y / 1000) * 1000 + 500] as const;
  return { km, hundred: (col: number, row: number) => [km[0] - 450 + col * 100, km[1] - 450 + row * 100] as const };
}

/**
 * A: one 1 km cell of 100 inhabitants with children in two 100 m cells (1 : 3).
 * B: one cell of 200 without published children (spread evenly), and one of 0 with a stray child cell.
 * C: one cell of 50. D (outside the planning area, still a municipality): one cell of 1,000.
 * E: nothing at all (its total is spread over its area). The forest: a cell of 30, but no municipality.
 */
function syntheticGrid(): Zensus2011Grid {
  const a = cellsAt('99999001');
  const b = cellsAt('99999002');
  const bEmpty = cellsAt('99999002', 2);
  const c = cellsAt('99999003');
  const d = cellsAt('99999004');
  const forest = toLaea([10.15, 51.49]);
  const forestKm = [Math.floor(forest[0] / 1000) * 1000 + 500, Math.floor(forest[1] / 1000) * 1000 + 500];
  const km = [
    [...a.km, 100],
    [...b.km, 200],
    [...c.km, 50],
    [...d.km, 1000],
    [forestKm[0]!, forestKm[1]!, 30],
  ];
  const hundred = [
    [...a.hundred(2, 2), 3],
    [...a.hundred(7, 7), 9],
    [...bEmpty.hundred(5, 5), 4],
    [...c.hundred(0, 9), 3],
    [...d.hundred(4, 4), 10],
  ];
  return deepFreeze({
    format: ZENSUS2011_FORMAT,
    district: 'testkreis',
    einwohner1km: { x: km.map((cell) => cell[0]!), y: km.map((cell) => cell[1]!), einwohner: km.map((cell) => cell[2]!) },
    unter10_100m: { x: hundred.map((cell) => cell[0]!), y: hundred.map((cell) => cell[1]!), anzahl: hundred.map((cell) => cell[2]!) },
  });
}

const totalsOf = (surface: PopulationSurface, count: number) => {
  const sums = new Array<number>(count).fill(0);
  surface.gemeinde!.forEach((gemeinde, i) => (sums[gemeinde]! += surface.einwohner[i]!));
  return sums;
};

describe('zensus2011Surface on the synthetic Testkreis', () => {
  const grid = syntheticGrid();
  const surface = zensus2011Surface(territory, grid);
  const at = (x: number, y: number) => {
    for (let i = 0; i < surface.x.length; i++) if (surface.x[i] === x && surface.y[i] === y) return surface.einwohner[i]!;
    return 0;
  };

  it('gives every municipality exactly its Zensus 2022 inhabitants', () => {
    const totals = totalsOf(surface, territory.gemeinden.features.length);
    territory.gemeinden.features.forEach((feature, index) => expect(totals[index]).toBeCloseTo(feature.properties.einwohner, 6));
  });

  it('spreads a 1 km cell over its 100 m cells like its children under 10', () => {
    const a = cellsAt('99999001');
    const [x1, y1] = a.hundred(2, 2);
    const [x2, y2] = a.hundred(7, 7);
    // Testgemeinde A has only this cell: 6,186 inhabitants at 1 : 3.
    expect(at(x1, y1)).toBeCloseTo(6186 / 4, 6);
    expect(at(x2, y2)).toBeCloseTo((6186 * 3) / 4, 6);
    expect(surface.gemeinde!.filter((gemeinde) => gemeinde === gemeindeIndex('99999001'))).toHaveLength(2);
  });

  it('spreads a 1 km cell without published children evenly, and gives a cell without 2011 inhabitants none', () => {
    const b = cellsAt('99999002');
    const cellsOfB = [...surface.gemeinde!.keys()].filter((i) => surface.gemeinde![i] === gemeindeIndex('99999002'));
    expect(cellsOfB).toHaveLength(100);
    for (const i of cellsOfB) expect(surface.einwohner[i]).toBeCloseTo(12000 / 100, 6);
    const [emptyX, emptyY] = cellsAt('99999002', 2).hundred(5, 5);
    expect(at(emptyX, emptyY)).toBe(0);
    expect(cellsOfB.every((i) => Math.abs(surface.x[i]! - b.km[0]) < 500 && Math.abs(surface.y[i]! - b.km[1]) < 500)).toBe(true);
  });

  it('gives the unincorporated forest none, and spreads a municipality without any 2011 inhabitants over its area', () => {
    const clip = kreisClip(territory, 100);
    const forest = toLaea([10.15, 51.49]);
    expect(clip.gemeindeOfCell(cellIndex(clip.grid, forest[0], forest[1]))).toBe(-1);
    expect([...surface.gemeinde!].every((gemeinde) => gemeinde >= 0)).toBe(true);
    const cellsOfE = [...surface.gemeinde!.keys()].filter((i) => surface.gemeinde![i] === gemeindeIndex('99999005'));
    // Testgemeinde E covers about 46 km²: some 4,600 cells of 100 m, each with the same share.
    expect(cellsOfE.length).toBeGreaterThan(4000);
    expect(new Set(cellsOfE.map((i) => surface.einwohner[i]!.toFixed(9))).size).toBe(1);
  });

  it('names both dates and calls itself an approximation', () => {
    expect(surface.method).toMatchObject({
      kind: 'zensus2011-verteilung',
      titel: 'Verteilung nach Zensus-2011-Gitter, Summen Zensus 2022',
      stand: 'Gitter 09.05.2011, Summen 15.05.2022',
      genauigkeit: 'naeherung',
    });
    expect(populationSurface(territory, null, grid).method.kind).toBe('zensus2011-verteilung');
    expect(populationSurface(territory, null, null).method.kind).toBe('ersatzflaeche');
  });

  it('does not change its input', () => {
    expect(() => zensus2011Surface(territory, grid)).not.toThrow();
    expect(zensus2011Surface(territory, grid).einwohner).toEqual(surface.einwohner);
  });
});

describe('parseZensus2011Csv', () => {
  it('reads the midpoints and values, leaving out cells without a published value', () => {
    const text = 'GITTER_ID_1km;x_mp_1km;y_mp_1km;Einwohner\nCRS3035RES1000mN3132000E4300000;4300500;3132500;\nCRS3035RES1000mN3133000E4300000;4300500;3133500;17\n';
    expect(parseZensus2011Csv(text, '1km')).toEqual({ x: [4300500], y: [3133500], value: [17] });
  });

  it('names the line of a bad cell and a wrong header', () => {
    expect(() => parseZensus2011Csv('GITTER_ID_100m;x_mp_100m;y_mp_100m;Einwohner\n', '100m')).toThrow(/Zeile 1: Unbekannter Dateikopf .*unter10/);
    const bad = 'GITTER_ID_100m;x_mp_100m;y_mp_100m;unter10\nCRS3035RES100mN3133400E4298300;4298350;3133450;3\nCRS3035RES100mN3133400E4298400;4298440;3133450;3\n';
    expect(() => parseZensus2011Csv(bad, '100m')).toThrow(/^Zeile 3: x_mp_100m 4298440 ist kein Mittelpunkt/);
  });
});

describe.each(listDistrictIds().filter((id) => readZensus2011(id) !== null))('the shipped surface of %s', (id) => {
  const shipped: TerritoryFile = JSON.parse(readFileSync(join(TERRITORY_OUT_DIR, `${id}.json`), 'utf8'));
  const grid = readZensus2011(id)!;
  const surface = zensus2011Surface(shipped, grid);

  it('holds each municipality exactly at its Zensus 2022 figure', () => {
    const totals = totalsOf(surface, shipped.gemeinden.features.length);
    shipped.gemeinden.features.forEach((feature, index) => {
      expect(Math.abs(totals[index]! - feature.properties.einwohner), feature.properties.name).toBeLessThan(1e-6);
    });
  });

  it('puts nobody into a 1 km cell that had no inhabitants in 2011, where a municipality had any', () => {
    const inhabited = new Set(grid.einwohner1km.x.map((x, i) => `${x}/${grid.einwohner1km.y[i]}`));
    const keyOf = (x: number, y: number) => `${Math.floor(x / 1000) * 1000 + 500}/${Math.floor(y / 1000) * 1000 + 500}`;
    const withoutAny = new Set(shipped.gemeinden.features.flatMap((feature, index) => (surface.gemeinde!.some((g, i) => g === index && !inhabited.has(keyOf(surface.x[i]!, surface.y[i]!))) ? [index] : [])));
    // In the shipped districts every municipality had inhabitants in 2011: none is spread evenly.
    expect(withoutAny.size).toBe(0);
    const astray = [...surface.x.keys()].filter((i) => !inhabited.has(keyOf(surface.x[i]!, surface.y[i]!)) && !withoutAny.has(surface.gemeinde![i]!));
    expect(astray).toEqual([]);
    // The published cells without inhabitants (an empty Einwohner) are among those never used.
    const source = readFileSync(join(GEODATA_DIR, id, ZENSUS2011_FILES.einwohner1km), 'utf8').split('\n').slice(1).filter(Boolean);
    const empty = source.filter((line) => line.endsWith(';')).map((line) => line.split(';').slice(1, 3).join('/'));
    expect(empty.length).toBeGreaterThan(500);
    const used = new Set([...surface.x.keys()].filter((i) => !withoutAny.has(surface.gemeinde![i]!)).map((i) => keyOf(surface.x[i]!, surface.y[i]!)));
    expect(empty.filter((key) => used.has(key))).toEqual([]);
  });
});
