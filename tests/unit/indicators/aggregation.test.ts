// Aggregation up Gemeinde → Sozialraum → Sozialregion → planning area → Kreis on the synthetic
// Testkreis (tests/fixtures/indicators): counts summed, rates from summed parts (never an
// average of rates), weighted means, incomplete aggregates marked, inputs untouched.
import { describe, expect, it } from 'vitest';
import { aggregateSum, latestOnOrBefore, ratioCell } from '../../../src/domain/indicators/aggregate';
import { createDataset } from '../../../src/domain/indicators/dataset';
import { areasOf, buildHierarchy } from '../../../src/domain/indicators/hierarchy';
import { deepFreeze } from '../support/fixtures';
import { testkreisCatalogue, testkreisHierarchy, testkreisSource, testkreisValues } from '../support/indicators';

const dataset = () => createDataset(testkreisCatalogue(), testkreisHierarchy(), testkreisValues());
const internal = (id: string, area: string, date = '2021-12-31') => dataset().value(id, area, date, 'intern');

describe('the area tree', () => {
  it('puts Gemeinden under Sozialräume, those under Sozialregionen, the planning area and the Kreis; outside areas beside the planning area', () => {
    const hierarchy = testkreisHierarchy();
    const children = (key: string) => hierarchy.nodes.get(key)!.children;
    expect(children('sozialraum:nordtal')).toEqual(['gemeinde:99999001', 'gemeinde:99999003']);
    expect(children('sozialregion:region-ost')).toEqual(['sozialraum:oelsen', 'sozialraum:puehberg']);
    expect(children('planungsraum:planungsraum')).toEqual(['sozialregion:region-west', 'sozialregion:region-ost']);
    expect(children('kreis:99999')).toEqual(['planungsraum:planungsraum', 'ausserhalb:teststadt-d']);
    expect(hierarchy.planningAreaIsKreis).toBe(false);
    // The unincorporated forest has no municipality, so no municipal figures: not part of the tree.
    expect(hierarchy.nodes.has('ausserhalb:testforst')).toBe(false);
  });

  it('makes the planning area the whole Kreis when district.json says so', () => {
    const source = structuredClone(testkreisSource());
    source.district.planungsraum = { umfang: 'kreis', name: 'Landkreis Testkreis' };
    const hierarchy = buildHierarchy(source);
    expect(hierarchy.nodes.get('planungsraum:planungsraum')!.children).toContain('ausserhalb:teststadt-d');
    expect(hierarchy.nodes.get('kreis:99999')!.children).toEqual(['planungsraum:planungsraum']);
    expect(hierarchy.planningAreaIsKreis).toBe(true);
  });

  it('without a region level puts the Sozialräume directly under the planning area', () => {
    const source = structuredClone(testkreisSource());
    source.sozialregionen.features = [];
    for (const feature of source.sozialraeume.features) feature.properties.sozialregionId = null;
    const hierarchy = buildHierarchy(source);
    expect(hierarchy.nodes.get('planungsraum:planungsraum')!.children).toEqual(['sozialraum:nordtal', 'sozialraum:oelsen', 'sozialraum:puehberg']);
  });
});

describe('counts', () => {
  it('are summed at every level; the Kreis includes the area outside the planning area', () => {
    expect(internal('einwohner', 'sozialraum:nordtal').wert).toBe(6000 + 3000);
    expect(internal('einwohner', 'sozialregion:region-ost').wert).toBe(12000 + 9000);
    expect(internal('einwohner', 'planungsraum:planungsraum').wert).toBe(6000 + 12000 + 3000 + 9000);
    expect(internal('einwohner', 'kreis:99999').wert).toBe(80000);
    expect(internal('einwohner', 'ausserhalb:teststadt-d').wert).toBe(50000);
  });

  it('collected per Sozialraum are not available per Gemeinde, and a Kreis without the outside area is incomplete', () => {
    expect(internal('massnahmen', 'gemeinde:99999001')).toMatchObject({ status: 'nicht-verfuegbar', wert: null });
    expect(internal('massnahmen', 'sozialregion:region-ost')).toMatchObject({ status: 'wert', wert: 10 });
    expect(internal('massnahmen', 'planungsraum:planungsraum')).toMatchObject({ status: 'wert', wert: 15 });
    expect(internal('massnahmen', 'kreis:99999')).toMatchObject({ status: 'unvollstaendig', wert: null, fehlend: ['ausserhalb:teststadt-d'] });
  });

  it('collected per Kreis exist only for the Kreis, and for the planning area only where it is the Kreis', () => {
    expect(internal('plaetze', 'kreis:99999').wert).toBe(4000);
    expect(internal('plaetze', 'planungsraum:planungsraum').status).toBe('nicht-verfuegbar');
    expect(internal('plaetze', 'sozialraum:nordtal').status).toBe('nicht-verfuegbar');
    const source = structuredClone(testkreisSource());
    source.district.planungsraum = { umfang: 'kreis', name: 'Landkreis Testkreis' };
    const whole = createDataset(testkreisCatalogue(), buildHierarchy(source), testkreisValues());
    expect(whole.value('plaetze', 'planungsraum:planungsraum', '2021-12-31', 'intern').wert).toBe(4000);
  });
});

describe('incomplete aggregates', () => {
  it('have no value and name the missing parts, up to the Kreis, never a partial sum', () => {
    // Kinder 2020: Testgemeinde E (Pühberg) is missing.
    expect(internal('kinder', 'gemeinde:99999005', '2020-12-31')).toMatchObject({ status: 'fehlt', wert: null, fehlend: ['gemeinde:99999005'] });
    for (const area of ['sozialraum:puehberg', 'sozialregion:region-ost', 'planungsraum:planungsraum', 'kreis:99999']) {
      const value = internal('kinder', area, '2020-12-31');
      expect(value.status, area).toBe('unvollstaendig');
      expect(value.wert, area).toBeNull();
      expect(value.fehlend, area).toEqual(['gemeinde:99999005']);
    }
    expect(internal('kinder', 'sozialregion:region-west', '2020-12-31')).toMatchObject({ status: 'wert', wert: 1370 });
  });

  it('make the rates above them incomplete too', () => {
    expect(internal('anteil-kinder', 'sozialregion:region-ost', '2020-12-31')).toMatchObject({ status: 'unvollstaendig', wert: null, fehlend: ['gemeinde:99999005'] });
    expect(internal('anteil-kinder', 'sozialraum:nordtal', '2020-12-31').wert).toBeCloseTo((1370 / 9150) * 100, 10);
  });
});

describe('rates and shares', () => {
  it('are recomputed from the summed numerator and denominator, not averaged', () => {
    // Testgemeinde A: 20 %, C: 5 %. The mean of the two rates would be 12.5 %.
    expect(internal('anteil-kinder', 'gemeinde:99999001').wert).toBeCloseTo(20, 10);
    expect(internal('anteil-kinder', 'gemeinde:99999003').wert).toBeCloseTo(5, 10);
    const nordtal = internal('anteil-kinder', 'sozialraum:nordtal');
    expect(nordtal).toMatchObject({ zaehler: 1350, nenner: 9000 });
    expect(nordtal.wert).toBeCloseTo(15, 10);
    expect(internal('anteil-kinder', 'kreis:99999').wert).toBeCloseTo((13550 / 80000) * 100, 10);
  });

  it('sum several counts into the numerator and apply the factor', () => {
    const value = internal('hilfen-je-1000-kinder', 'sozialraum:oelsen');
    expect(value).toMatchObject({ zaehler: 17, nenner: 2400 });
    expect(value.wert).toBeCloseTo((17 / 2400) * 1000, 10);
  });

  it('take the denominator of the latest date on or before their own and say which', () => {
    const data = createDataset(testkreisCatalogue(), testkreisHierarchy(), [
      ...testkreisValues(),
      { kennzahl: 'faelle', gebiet: '99999002', stichtag: '2022-06-30', wert: 44 },
    ]);
    const value = data.value('faelle-je-1000', 'gemeinde:99999002', '2022-06-30', 'intern');
    expect(value).toMatchObject({ nenner: 12000, nennerStichtag: '2021-12-31' });
    expect(data.value('faelle-je-1000', 'gemeinde:99999002', '2021-12-31', 'intern').nennerStichtag).toBeNull();
    expect(latestOnOrBefore(['2020-12-31', '2021-12-31'], '2021-06-30')).toBe('2020-12-31');
    expect(latestOnOrBefore(['2020-12-31'], '2019-12-31')).toBeNull();
  });

  it('combine levels: Kreis places over children summed up to the Kreis', () => {
    expect(internal('plaetze-je-100-kinder', 'kreis:99999').wert).toBeCloseTo((4000 / 13550) * 100, 10);
    expect(internal('plaetze-je-100-kinder', 'sozialraum:nordtal').status).toBe('nicht-verfuegbar');
  });

  it('are not defined on a denominator of zero', () => {
    expect(ratioCell({ wert: 3, status: 'wert', fehlend: [] }, { wert: 0, status: 'wert', fehlend: [] }, 100).status).toBe('nicht-verfuegbar');
  });

  it('carry the validity note below the threshold, and only rates do', () => {
    expect(internal('anteil-kinder', 'sozialraum:nordtal').unsicher).toBe(true); // 9,186 inhabitants (Zensus)
    expect(internal('anteil-kinder', 'sozialraum:oelsen').unsicher).toBe(false); // 12,000
    expect(internal('anteil-kinder', 'sozialregion:region-west').unsicher).toBe(true);
    expect(internal('anteil-kinder', 'planungsraum:planungsraum').unsicher).toBe(false);
    expect(internal('kinder', 'sozialraum:nordtal').unsicher).toBe(false);
  });
});

describe('means', () => {
  it('are weighted by their weight when areas are combined', () => {
    // Nordtal: 6.0 €/m² over 2,500 households, 5.0 over 40. The plain mean would be 5.5.
    const nordtal = internal('miete', 'sozialraum:nordtal');
    expect(nordtal.wert).toBeCloseTo((6 * 2500 + 5 * 40) / 2540, 10);
    expect(nordtal).toMatchObject({ nenner: 2540 });
    const kreis = internal('miete', 'kreis:99999');
    expect(kreis.wert).toBeCloseTo((6 * 2500 + 7 * 5500 + 5 * 40 + 9 * 25000 + 5.5 * 4000) / 37040, 10);
  });
});

describe('purity', () => {
  it('does not change its inputs and gives the same figures twice', () => {
    const catalogue = testkreisCatalogue();
    const hierarchy = testkreisHierarchy();
    const values = testkreisValues();
    const first = createDataset(catalogue, hierarchy, values);
    const second = createDataset(catalogue, hierarchy, values);
    for (const node of hierarchy.nodes.values()) {
      for (const id of ['einwohner', 'anteil-kinder', 'faelle-je-1000', 'miete', 'hilfen-je-1000-kinder']) {
        expect(second.value(id, node.key, '2021-12-31', 'intern')).toEqual(first.value(id, node.key, '2021-12-31', 'intern'));
      }
    }
    expect(Object.isFrozen(values[0])).toBe(true);
    const byArea = deepFreeze(new Map([['99999001', 1]]));
    expect(() => aggregateSum(hierarchy, 'gemeinde', byArea)).not.toThrow();
    expect(areasOf(hierarchy, 'gemeinde')).toHaveLength(5);
  });
});
