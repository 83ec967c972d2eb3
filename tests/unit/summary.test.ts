import { describe, expect, it } from 'vitest';
import {
  areaKey,
  sortAreas,
  summarizeTerritory,
  type AreaSummary,
  type SortKey,
} from '../../src/domain/territory/summary';
import { syntheticTerritory } from './support/syntheticDistrict';

/** Frozen: summarizeTerritory and sortAreas must not write into what they get. */
const territory = syntheticTerritory();

/** A minimal summary for sorting tests; only what sortAreas looks at is meaningful. */
function area(name: string, values: Partial<AreaSummary> = {}): AreaSummary {
  return {
    kind: 'sozialraum',
    id: name.toLowerCase(),
    name,
    art: 'Einheitsgemeinde',
    sozialregion: null,
    gemeinden: [],
    sozialraeume: [],
    einwohner: 0,
    flaecheKm2: 0,
    dichte: 0,
    anteilEinwohnerKreis: 0,
    anteilFlaecheKreis: 0,
    anteilEinwohnerSozialraeume: null,
    unterValiditaetsschwelle: false,
    grund: null,
    ...values,
  };
}
const names = (areas: AreaSummary[]) => areas.map((a) => a.name);

describe('summarizeTerritory', () => {
  it('computes density and shares of the Kreis for each Sozialraum', () => {
    const summary = summarizeTerritory(territory);
    const nordtal = summary.byKey.get('sozialraum:nordtal')!;
    expect(nordtal.einwohner).toBe(9186);
    expect(nordtal.flaecheKm2).toBe(93.76);
    expect(nordtal.dichte).toBeCloseTo(9186 / 93.76, 10);
    expect(nordtal.dichte).toBeCloseTo(97.97, 2);
    expect(nordtal.anteilEinwohnerKreis).toBeCloseTo(9186 / 80_372, 12);
    expect(nordtal.anteilFlaecheKreis).toBeCloseTo(93.76 / 324.15, 12);
    expect(nordtal.anteilEinwohnerSozialraeume).toBeCloseTo(9186 / 30_372, 12);
    expect(summary.einwohnerSozialraeume).toBe(30_372);
  });

  it('shares of all Sozialräume in the Sozialraum population add up to 1', () => {
    const summary = summarizeTerritory(territory);
    expect(summary.sozialraeume.reduce((sum, s) => sum + s.anteilEinwohnerSozialraeume!, 0)).toBeCloseTo(1, 12);
    const everything = [...summary.sozialraeume, ...summary.ausserhalb];
    expect(everything.reduce((sum, s) => sum + s.anteilEinwohnerKreis, 0)).toBeCloseTo(1, 12);
    expect(everything.reduce((sum, s) => sum + s.anteilFlaecheKreis, 0)).toBeCloseTo(1, 3);
  });

  it('flags areas below the validity threshold of the district (10 000 inhabitants)', () => {
    const summary = summarizeTerritory(territory);
    expect(territory.district.validityThreshold.einwohner).toBe(10_000);
    expect(summary.sozialraeume.map((s) => [s.id, s.unterValiditaetsschwelle])).toEqual([
      ['nordtal', true],
      ['oelsen', false],
      ['puehberg', true],
    ]);
    expect(summary.sozialregionen.map((s) => [s.id, s.unterValiditaetsschwelle])).toEqual([
      ['region-west', true],
      ['region-ost', false],
    ]);
    // Outside areas and the Kreis are never flagged, whatever their population.
    expect(summary.ausserhalb.map((s) => s.unterValiditaetsschwelle)).toEqual([false, false]);
    expect(summary.kreis.unterValiditaetsschwelle).toBe(false);
  });

  it('links Sozialräume and Sozialregionen both ways and lists member Gemeinden by name', () => {
    const summary = summarizeTerritory(territory);
    expect(summary.byKey.get('sozialraum:puehberg')!.sozialregion).toEqual({ id: 'region-ost', name: 'Testregion Ost' });
    const ost = summary.byKey.get('sozialregion:region-ost')!;
    expect(ost.sozialraeume).toEqual([
      { id: 'oelsen', name: 'Ölsen' },
      { id: 'puehberg', name: 'Pühberg' },
    ]);
    expect(ost.gemeinden).toEqual([
      { ags: '99999002', name: 'Testgemeinde B', einwohner: 12_000 },
      { ags: '99999005', name: 'Testgemeinde E', einwohner: 9186 },
    ]);
    expect(ost.art).toBe('Sozialregion');
    expect(ost.grund).toBeNull();
    expect(summary.byKey.get('sozialregion:region-west')!.grund).toBe('Synthetische Testregion');
    expect(summary.kreis.gemeinden.map((g) => g.name)).toEqual([
      'Testgemeinde A',
      'Testgemeinde B',
      'Testgemeinde C',
      'Testgemeinde E',
      'Teststadt D',
    ]);
    expect(summary.kreis).toMatchObject({ kind: 'kreis', id: '99999', art: 'Landkreis', einwohner: 80_372, anteilEinwohnerKreis: 1 });
    expect(summary.kreis.sozialraeume.map((s) => s.id)).toEqual(['nordtal', 'oelsen', 'puehberg']);
  });

  it('describes the outside areas with their reason and no Sozialraum share', () => {
    const summary = summarizeTerritory(territory);
    expect(summary.ausserhalb.map((s) => [s.id, s.art, s.anteilEinwohnerSozialraeume, s.gemeinden.length])).toEqual([
      ['teststadt-d', 'außerhalb der Sozialräume', null, 1],
      ['testforst', 'gemeindefreies Gebiet', null, 0],
    ]);
    expect(summary.byKey.get('ausserhalb:testforst')!.dichte).toBe(0);
    expect(summary.byKey.get('ausserhalb:teststadt-d')!.grund).toMatch(/eigener Jugendhilfeplanung/);
  });

  it('indexes every area by kind:id', () => {
    const summary = summarizeTerritory(territory);
    expect([...summary.byKey.keys()]).toEqual([
      'kreis:99999',
      'sozialraum:nordtal',
      'sozialraum:oelsen',
      'sozialraum:puehberg',
      'sozialregion:region-west',
      'sozialregion:region-ost',
      'ausserhalb:teststadt-d',
      'ausserhalb:testforst',
    ]);
    expect(areaKey({ kind: 'sozialraum', id: 'oelsen' })).toBe('sozialraum:oelsen');
  });

  it('gives zero density and shares instead of dividing by zero', () => {
    const empty = structuredClone(territory);
    empty.kreis.properties.einwohner = 0;
    empty.kreis.properties.flaecheKm2 = 0;
    for (const feature of empty.sozialraeume.features) {
      feature.properties.einwohner = 0;
      feature.properties.flaecheKm2 = 0;
    }
    const summary = summarizeTerritory(empty);
    expect(summary.sozialraeume.map((s) => [s.dichte, s.anteilEinwohnerKreis, s.anteilFlaecheKreis, s.anteilEinwohnerSozialraeume])).toEqual([
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
  });

  it('does not mutate its input', () => {
    expect(Object.isFrozen(territory.sozialraeume.features[0]!.properties.gemeinden)).toBe(true);
    const before = structuredClone(territory);
    summarizeTerritory(territory);
    expect(territory).toEqual(before);
  });
});

describe('sortAreas', () => {
  const sozialraeume = () => summarizeTerritory(territory).sozialraeume;

  it('sorts names in German collation: Ölsen between Nordtal and Pühberg', () => {
    const areas = [area('Pühberg'), area('Zeven'), area('Ölsen'), area('Nordtal'), area('Adelebsen'), area('Ährenfeld')];
    expect(names(sortAreas(areas, 'name', 'asc'))).toEqual(['Adelebsen', 'Ährenfeld', 'Nordtal', 'Ölsen', 'Pühberg', 'Zeven']);
    expect(names(sortAreas(areas, 'name', 'desc'))).toEqual(['Zeven', 'Pühberg', 'Ölsen', 'Nordtal', 'Ährenfeld', 'Adelebsen']);
  });

  it.each<[SortKey, string[]]>([
    ['name', ['Nordtal', 'Ölsen', 'Pühberg']],
    ['einwohner', ['Nordtal', 'Pühberg', 'Ölsen']],
    ['flaecheKm2', ['Pühberg', 'Ölsen', 'Nordtal']],
    ['dichte', ['Nordtal', 'Ölsen', 'Pühberg']],
    ['anteilEinwohnerKreis', ['Nordtal', 'Pühberg', 'Ölsen']],
    ['sozialregion', ['Ölsen', 'Pühberg', 'Nordtal']],
  ])('sorts the synthetic Sozialräume by %s ascending', (key, expected) => {
    expect(names(sortAreas(sozialraeume(), key, 'asc'))).toEqual(expected);
  });

  it.each<[SortKey, string[]]>([
    ['name', ['Pühberg', 'Ölsen', 'Nordtal']],
    ['einwohner', ['Ölsen', 'Nordtal', 'Pühberg']],
    ['flaecheKm2', ['Nordtal', 'Ölsen', 'Pühberg']],
    ['dichte', ['Pühberg', 'Ölsen', 'Nordtal']],
    ['anteilEinwohnerKreis', ['Ölsen', 'Nordtal', 'Pühberg']],
    ['sozialregion', ['Nordtal', 'Ölsen', 'Pühberg']],
  ])('sorts the synthetic Sozialräume by %s descending', (key, expected) => {
    expect(names(sortAreas(sozialraeume(), key, 'desc'))).toEqual(expected);
  });

  it('breaks ties by name ascending in both directions', () => {
    // Nordtal and Pühberg both have 9186 inhabitants.
    const tied = [area('Pühberg', { einwohner: 9186 }), area('Ölsen', { einwohner: 9186 }), area('Nordtal', { einwohner: 9186 }), area('Groß', { einwohner: 1 })];
    expect(names(sortAreas(tied, 'einwohner', 'asc'))).toEqual(['Groß', 'Nordtal', 'Ölsen', 'Pühberg']);
    expect(names(sortAreas(tied, 'einwohner', 'desc'))).toEqual(['Nordtal', 'Ölsen', 'Pühberg', 'Groß']);
  });

  it('compares Sozialregion names numerically and puts areas without one first', () => {
    const region = (n: string) => ({ id: n, name: n });
    const areas = [
      area('A', { sozialregion: region('Sozialregion 10') }),
      area('B', { sozialregion: region('Sozialregion 2') }),
      area('C'),
      area('D', { sozialregion: region('Sozialregion 1') }),
    ];
    expect(names(sortAreas(areas, 'sozialregion', 'asc'))).toEqual(['C', 'D', 'B', 'A']);
  });

  it('returns a sorted copy and does not mutate its input', () => {
    const areas = Object.freeze([area('Pühberg'), area('Ölsen'), area('Nordtal')]);
    const sorted = sortAreas(areas, 'name', 'asc');
    expect(sorted).not.toBe(areas);
    expect(names([...areas])).toEqual(['Pühberg', 'Ölsen', 'Nordtal']);
  });
});
