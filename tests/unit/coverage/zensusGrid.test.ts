// Reading the Zensus 2022 grid format line by line: header detection, "–", and a specific
// German error naming the line for everything else.
import { describe, expect, it } from 'vitest';
import { cellIndex } from '../../../src/domain/coverage/raster';
import { areaToLaea } from '../../../src/domain/coverage/surface';
import {
  ZensusGridError,
  gridDataOf,
  kreisClip,
  parseZensusHeader,
  parseZensusLine,
  surfaceFromGrid,
  zensusGridMethod,
} from '../../../src/domain/coverage/zensusGrid';
import { booleanPointInPolygon } from '@turf/turf';
import { deepFreeze } from '../support/fixtures';
import { syntheticTerritory } from '../support/syntheticDistrict';

const HUNDRED = { cellSize: 100, label: '100 m' } as const;
const KILOMETRE = { cellSize: 1000, label: '1 km' } as const;

describe('parseZensusHeader', () => {
  it('recognises the 100 m and 1 km headers, with byte order mark, CR or quotes', () => {
    expect(parseZensusHeader('GITTER_ID_100m;x_mp_100m;y_mp_100m;Einwohner')).toEqual(HUNDRED);
    expect(parseZensusHeader('\uFEFFGITTER_ID_100m;x_mp_100m;y_mp_100m;Einwohner\r')).toEqual(HUNDRED);
    expect(parseZensusHeader('"GITTER_ID_1km";"x_mp_1km";"y_mp_1km";"Einwohner"')).toEqual(KILOMETRE);
  });

  it.each([
    ['GITTER_ID;x;y;Einwohner', /^Zeile 1: Unbekannter Dateikopf „GITTER_ID;x;y;Einwohner“\. Erwartet wird .*GITTER_ID_100m;x_mp_100m;y_mp_100m;Einwohner/],
    ['GITTER_ID_100m,x_mp_100m,y_mp_100m,Einwohner', /Die Spalten müssen durch Semikolon getrennt sein/],
    ['GITTER_ID_100m;x_mp_100m;y_mp_100m;Einwohner;Frauen', /Unbekannter Dateikopf/],
    ['', /Unbekannter Dateikopf „“/],
  ])('refuses %j', (line, message) => {
    expect(() => parseZensusHeader(line)).toThrow(ZensusGridError);
    expect(() => parseZensusHeader(line)).toThrow(message);
  });
});

describe('parseZensusLine', () => {
  it('reads a cell, "–" as 0 (marked), and skips empty lines', () => {
    expect(parseZensusLine('CRS3035RES100mN2689100E4337000;4337050;2689150;4', 2, HUNDRED)).toEqual({ x: 4337050, y: 2689150, einwohner: 4, gesperrt: false });
    expect(parseZensusLine('CRS3035RES100mN2689100E4337000;4337050;2689150;–\r', 3, HUNDRED)).toEqual({ x: 4337050, y: 2689150, einwohner: 0, gesperrt: true });
    expect(parseZensusLine('CRS3035RES1000mN2689000E4337000;4337500;2689500;1234', 2, KILOMETRE)).toMatchObject({ x: 4337500, einwohner: 1234 });
    expect(parseZensusLine('CRS3035RES1kmN2689000E4337000;4337500;2689500;0', 2, KILOMETRE)).toMatchObject({ einwohner: 0, gesperrt: false });
    expect(parseZensusLine('   ', 7, HUNDRED)).toBeNull();
  });

  it.each([
    ['CRS3035RES100mN2689100E4337000;4337050;2689150;3,5', 'Zeile 9: Einwohner „3,5“ ist keine ganze Zahl ≥ 0 und nicht „–“.'],
    ['CRS3035RES100mN2689100E4337000;4337050;2689150;-1', 'Zeile 9: Einwohner „-1“ ist keine ganze Zahl ≥ 0 und nicht „–“.'],
    ['CRS3035RES100mN2689100E4337000;4337050;2689150;-', 'Zeile 9: Einwohner „-“ ist keine ganze Zahl ≥ 0 und nicht „–“.'],
    ['CRS3035RES100mN2689100E4337000;4337050;2689150;\uFFFD', 'Zeile 9: Einwohner „\uFFFD“ ist keine ganze Zahl ≥ 0 und nicht „–“ (Zeichenkodierung weder UTF-8 noch Windows-1252?).'],
    ['CRS3035RES100mN2689100E4337000;4337050;2689150', 'Zeile 9: 3 statt 4 Spalten (Trennzeichen Semikolon) in „CRS3035RES100mN2689100E4337000;4337050;2689150“.'],
    ['CRS3035RES100mN2689100E4337000;43370x0;2689150;4', 'Zeile 9: x_mp_100m „43370x0“ ist keine Koordinate in Metern.'],
    ['CRS3035RES100mN2689100E4337000;4337000;2689150;4', 'Zeile 9: x_mp_100m 4337000 ist kein Mittelpunkt einer 100-m-Gitterzelle (erwartet …50).'],
    ['N2689100E4337000;4337050;2689150;4', 'Zeile 9: Gitter-ID „N2689100E4337000“ hat nicht die Form CRS3035RES100mN…E….'],
    ['CRS3035RES1000mN2689100E4337000;4337050;2689150;4', 'Zeile 9: Gitter-ID „CRS3035RES1000mN2689100E4337000“ gehört nicht zum 100-m-Gitter.'],
    ['CRS3035RES100mN2689200E4337000;4337050;2689150;4', 'Zeile 9: Gitter-ID „CRS3035RES100mN2689200E4337000“ passt nicht zum Mittelpunkt 4337050/2689150.'],
  ])('refuses %j with a German error naming the line', (line, message) => {
    let error: unknown;
    try {
      parseZensusLine(line, 9, HUNDRED);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ZensusGridError);
    expect((error as ZensusGridError).message).toBe(message);
    expect((error as ZensusGridError).line).toBe(9);
  });
});

describe('kreisClip and surfaceFromGrid', () => {
  const territory = syntheticTerritory();

  it('keeps exactly the cells whose midpoint lies in the Kreis (against turf), at 100 m and 1 km', () => {
    const kreis = areaToLaea(territory.kreis.geometry);
    for (const cellSize of [100, 1000]) {
      const clip = kreisClip(territory, cellSize);
      let inside = 0;
      for (let x = clip.bbox[0] - 3 * cellSize; x < clip.bbox[2] + 3 * cellSize; x += cellSize * 1.7) {
        for (let y = clip.bbox[1] - 3 * cellSize; y < clip.bbox[3] + 3 * cellSize; y += cellSize * 1.3) {
          const mx = Math.floor(x / cellSize) * cellSize + cellSize / 2;
          const my = Math.floor(y / cellSize) * cellSize + cellSize / 2;
          const expected = booleanPointInPolygon([mx, my], kreis);
          expect(clip.cellInKreis(mx, my) >= 0, `${mx}/${my}`).toBe(expected);
          if (expected) inside++;
        }
      }
      expect(inside).toBeGreaterThan(100);
    }
  });

  it('assigns each cell its municipality, -1 in the unincorporated forest', () => {
    const clip = kreisClip(territory, 100);
    const names = territory.gemeinden.features.map((f) => f.properties.name);
    const at = (x: number, y: number) => {
      const gemeinde = clip.gemeindeOfCell(cellIndex(clip.grid, x, y));
      return gemeinde < 0 ? null : names[gemeinde];
    };
    expect([at(4318050, 3153250), at(4310050, 3160250), at(4324050, 3160250), at(4330050, 3153250)]).toEqual([
      'Testgemeinde B', 'Testgemeinde C', 'Testgemeinde E', null,
    ]);
  });

  it('turns the compact grid into a surface and back without changing it', () => {
    const data = deepFreeze({ method: zensusGridMethod(100), cellSize: 100, x: [4318050, 4330050], y: [3153250, 3153250], einwohner: [5, 7] });
    const surface = surfaceFromGrid(territory, data);
    expect(Array.from(surface.gemeinde!)).toEqual([1, -1]);
    expect(gridDataOf(surface)).toEqual(data);
    expect(() => surfaceFromGrid(territory, { ...data, einwohner: [5] })).toThrow('unterschiedlich lang');
  });

  it('describes the surface with title, source and reference date', () => {
    expect(zensusGridMethod(100)).toMatchObject({ kind: 'zensus-gitter', titel: 'Zensus 2022, Gitter 100 m', stand: '15.05.2022' });
    expect(zensusGridMethod(1000).titel).toBe('Zensus 2022, Gitter 1 km');
    expect(zensusGridMethod(100).quelle).toBe('© Statistische Ämter des Bundes und der Länder, Zensus 2022 (dl-de/by-2-0)');
  });
});
