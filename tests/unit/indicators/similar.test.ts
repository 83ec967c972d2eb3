// „Ähnliche Sozialräume“: nearest neighbours on z-standardised Kennzahlen, with the distances and
// the Kennzahlen that make them similar; missing and withheld figures excluded and said so.
import { describe, expect, it } from 'vitest';
import { createDataset } from '../../../src/domain/indicators/dataset';
import { similarAreas } from '../../../src/domain/indicators/similar';
import { similarView } from '../../../src/domain/indicators/views';
import { goettingenShipped, testkreisCatalogue, testkreisHierarchy, testkreisValues } from '../support/indicators';

const indicators = [
  { id: 'a', name: 'Kennzahl A' },
  { id: 'b', name: 'Kennzahl B' },
  { id: 'gleich', name: 'Überall gleich' },
  { id: 'ohne', name: 'Ohne Wert hier' },
];
const areas = [
  { key: 'x', name: 'Xdorf', values: { a: 10, b: 100, gleich: 5, ohne: null } },
  { key: 'y', name: 'Ystadt', values: { a: 11, b: 100, gleich: 5, ohne: 1 } },
  { key: 'z', name: 'Zheim', values: { a: 20, b: 300, gleich: 5, ohne: 2 } },
  { key: 'w', name: 'Wald', values: { a: 12, b: 200, gleich: 5, ohne: 3 } },
  { key: 'v', name: 'Vlücke', values: { a: null, b: 120, gleich: 5, ohne: 4 } },
];

describe('similar areas', () => {
  const result = similarAreas({ indicators, areas, target: 'x', count: 3 });

  it('use only Kennzahlen the area has and that vary, saying why the others are not', () => {
    expect(result.used.map((each) => each.id)).toEqual(['a', 'b']);
    expect(result.unused).toEqual([
      { id: 'gleich', name: 'Überall gleich', grund: 'in allen Gebieten gleich' },
      { id: 'ohne', name: 'Ohne Wert hier', grund: 'kein Wert für Xdorf' },
    ]);
  });

  it('rank by the root mean square of standardised differences', () => {
    const a = result.used[0]!;
    const b = result.used[1]!;
    // a over x, y, z, w (v has none): mean 13.25; b over all five: mean 164.
    expect(a.mittel).toBe(13.25);
    expect(b.mittel).toBe(164);
    const distance = (other: { a: number; b: number }) =>
      Math.sqrt((((10 - other.a) / a.standardabweichung) ** 2 + ((100 - other.b) / b.standardabweichung) ** 2) / 2);
    expect(result.neighbours.map((each) => each.key)).toEqual(['y', 'w', 'z']);
    expect(result.neighbours[0]!.distanz).toBeCloseTo(distance({ a: 11, b: 100 }), 12);
    expect(result.neighbours[2]!.distanz).toBeCloseTo(distance({ a: 20, b: 300 }), 12);
    expect(result.neighbours[0]!.aehnlichIn).toEqual(['Kennzahl B', 'Kennzahl A']);
    expect(result.neighbours[0]!.kennzahlen[0]).toEqual({ id: 'b', name: 'Kennzahl B', abstand: 0 });
  });

  it('list an area without a value for a used Kennzahl as not compared', () => {
    expect(result.notCompared).toEqual([{ key: 'v', name: 'Vlücke', fehlt: ['Kennzahl A'] }]);
    expect(result.neighbours.map((each) => each.key)).not.toContain('v');
  });

  it('return at most the number asked for', () => {
    expect(similarAreas({ indicators, areas, target: 'x', count: 1 }).neighbours).toHaveLength(1);
  });
});

describe('similar Sozialräume from the dataset', () => {
  const shipped = goettingenShipped();
  const goettingen = createDataset(shipped.catalogue, shipped.hierarchy, shipped.values);

  it('finds three neighbours of Adelebsen among the other Sozialräume on age structure and migration', () => {
    const response = similarView(goettingen, 'sozialraum:adelebsen', ['anteil-unter-18', 'anteil-65-und-mehr', 'wanderungssaldo-je-1000', 'gibt-es-nicht'], 'geschuetzt', 3);
    expect(response.nachbarn).toHaveLength(3);
    expect(response.nachbarn.map((each) => each.gebiet.ebene)).toEqual(['sozialraum', 'sozialraum', 'sozialraum']);
    expect(response.nachbarn.map((each) => each.gebiet.id)).not.toContain('adelebsen');
    const distances = response.nachbarn.map((each) => each.distanz);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    expect(response.kennzahlen.map((each) => each.id)).toEqual(['anteil-unter-18', 'anteil-65-und-mehr', 'wanderungssaldo-je-1000']);
    expect(response.kennzahlen[0]!.stand).toMatch(/^Stand /);
    expect(response.nichtVerwendet).toEqual([{ id: 'gibt-es-nicht', name: 'gibt-es-nicht', grund: 'keine Werte' }]);
  });

  it('never uses a withheld figure in the protected view', () => {
    const data = createDataset(testkreisCatalogue(), testkreisHierarchy(), testkreisValues());
    const protectedView = similarView(data, 'gemeinde:99999002', ['faelle'], 'geschuetzt', 5);
    const internalView = similarView(data, 'gemeinde:99999002', ['faelle'], 'intern', 5);
    expect(protectedView.nichtVergleichbar.map((each) => each.gebiet.schluessel)).toContain('gemeinde:99999001');
    expect(internalView.nachbarn.map((each) => each.gebiet.schluessel)).toContain('gemeinde:99999001');
    expect(protectedView.kennzahlen[0]!.mittel).not.toBe(internalView.kennzahlen[0]!.mittel);
  });
});
