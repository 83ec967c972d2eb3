// The indicator map's classes: quantiles, equal intervals and natural breaks, each area's class,
// the legend's count per class, withheld and missing areas outside the classes.
import { describe, expect, it } from 'vitest';
import { choropleth, classBreaks, classOf, paletteFor, CLASS_COLOURS } from '../../../src/domain/indicators/choropleth';
import type { LevelValuesResponse } from '../../../src/domain/indicators/schema';

const VALUES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

describe('class breaks', () => {
  it('by quantiles put as many areas in each class', () => {
    const breaks = classBreaks(VALUES, 'quantile');
    expect(breaks).toHaveLength(4);
    const counts = [0, 0, 0, 0, 0];
    for (const value of VALUES) counts[classOf(value, breaks)]! += 1;
    expect(counts).toEqual([2, 2, 2, 2, 2]);
  });

  it('by equal intervals split the range evenly', () => {
    expect(classBreaks([0, 10, 100], 'gleich')).toEqual([20, 40, 60, 80]);
  });

  it('by natural breaks keep clusters together', () => {
    const breaks = classBreaks([1, 1.1, 1.2, 5, 5.1, 9, 9.2, 9.3], 'natuerlich', 3);
    expect(breaks).toEqual([1.2, 5.1]);
  });

  it('are fewer with fewer distinct values, none for one', () => {
    expect(classBreaks([3, 3, 7], 'quantile')).toHaveLength(1);
    expect(classBreaks([4, 4], 'natuerlich')).toEqual([]);
  });

  it('spread a smaller palette over light and dark', () => {
    expect(paletteFor(2)).toEqual([CLASS_COLOURS[0], CLASS_COLOURS[4]]);
    expect(paletteFor(5)).toEqual([...CLASS_COLOURS]);
  });
});

describe('the choropleth of a level', () => {
  const entry = (id: string, ebene: 'sozialraum' | 'ausserhalb', wert: number | null, status: 'wert' | 'geheim' | 'fehlt', unsicher = false) => ({
    schluessel: `${ebene}:${id}`,
    ebene,
    id,
    name: id,
    einwohner: 1000,
    wert: { wert, status, geheim: status === 'geheim', grund: null, fehlend: [], zaehler: null, nenner: null, nennerStichtag: null, unsicher, text: '' },
  });
  const response = {
    werte: [
      entry('a', 'sozialraum', 1, 'wert'),
      entry('b', 'sozialraum', 2, 'wert', true),
      entry('c', 'sozialraum', 9, 'wert'),
      entry('d', 'sozialraum', null, 'geheim', true),
      entry('e', 'sozialraum', null, 'fehlt'),
      entry('stadt', 'ausserhalb', 500, 'wert'),
    ],
  } as unknown as LevelValuesResponse;

  it('classes the Sozialräume with a value, counts them per class and leaves the outside area out', () => {
    const result = choropleth(response, 'gleich');
    expect(result.areas.map((area) => area.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(result.legend.reduce((sum, each) => sum + each.count, 0)).toBe(3);
    expect(result.legend[0]).toMatchObject({ from: 1 });
    expect(result.legend.at(-1)).toMatchObject({ to: 9 });
    expect(result).toMatchObject({ withheld: 1, missing: 1, uncertain: 1 });
    expect(result.areas.find((area) => area.id === 'd')).toMatchObject({ klasse: null, colour: null, status: 'geheim' });
    expect(result.areas.find((area) => area.id === 'c')!.colour).toBe(result.legend.at(-1)!.colour);
  });
});
