// The spine chart and the trend of a profile: quartiles of the comparison areas, the class by
// polarity with its stated rule, withheld figures left out of the protected view (never
// widening a range), and the trend over every date with the breaks of the series.
import { describe, expect, it } from 'vitest';
import { createDataset } from '../../../src/domain/indicators/dataset';
import { areasOf } from '../../../src/domain/indicators/hierarchy';
import { classify, crossesBreak, spineOf, spineStatistics, trendOf } from '../../../src/domain/indicators/spine';
import { valueText } from '../../../src/domain/indicators/views';
import { goettingenShipped, testkreisCatalogue, testkreisHierarchy, testkreisValues } from '../support/indicators';

const shipped = goettingenShipped();
const goettingen = createDataset(shipped.catalogue, shipped.hierarchy, shipped.values);
const testkreis = () => createDataset(testkreisCatalogue(), testkreisHierarchy(), testkreisValues());

describe('the spine statistics', () => {
  it('are range and quartiles (linear interpolation) of the values present', () => {
    expect(spineStatistics([5, null, 1, 3, 2, 4])).toEqual({ min: 1, q1: 2, median: 3, q3: 4, max: 5 });
    expect(spineStatistics([1, 2, 3, 4])).toEqual({ min: 1, q1: 1.75, median: 2.5, q3: 3.25, max: 4 });
    expect(spineStatistics([null, null])).toEqual({ min: null, q1: null, median: null, q3: null, max: null });
  });

  it('class a value outside the middle half by polarity, and only with enough areas', () => {
    expect(classify(10, 2, 4, 'hoeher-besser', 18)).toBe('besser');
    expect(classify(10, 2, 4, 'niedriger-besser', 18)).toBe('schlechter');
    expect(classify(1, 2, 4, 'niedriger-besser', 18)).toBe('besser');
    expect(classify(1, 2, 4, 'hoeher-besser', 18)).toBe('schlechter');
    expect(classify(10, 2, 4, 'neutral', 18)).toBe('hoeher');
    expect(classify(1, 2, 4, 'neutral', 18)).toBe('niedriger');
    // On the quartile is still inside the middle half.
    expect(classify(4, 2, 4, 'hoeher-besser', 18)).toBe('mittel');
    expect(classify(2, 2, 4, 'hoeher-besser', 18)).toBe('mittel');
    expect(classify(10, 2, 4, 'hoeher-besser', 3)).toBe('keine-wertung');
    expect(classify(null, 2, 4, 'hoeher-besser', 18)).toBe('kein-wert');
  });
});

describe('the spine of a Kennzahl in Göttingen', () => {
  it('compares Adelebsen with all 18 Sozialräume and the planning area, stating the rule', () => {
    const definition = goettingen.definition('anteil-65-und-mehr')!;
    const date = goettingen.dates('anteil-65-und-mehr').at(-1)!;
    const spine = spineOf(goettingen, definition, 'sozialraum:adelebsen', date, 'geschuetzt');
    const values = areasOf(goettingen.hierarchy, 'sozialraum').map((area) => goettingen.value('anteil-65-und-mehr', area.key, date, 'geschuetzt').wert!);
    expect(spine.vergleich).toEqual({ ebene: 'sozialraum', name: 'Sozialräume', anzahl: 18, ohneWert: 0 });
    expect(spine.min).toBe(Math.min(...values));
    expect(spine.max).toBe(Math.max(...values));
    expect(spine.min!).toBeLessThanOrEqual(spine.q1!);
    expect(spine.q1!).toBeLessThanOrEqual(spine.median!);
    expect(spine.median!).toBeLessThanOrEqual(spine.q3!);
    expect(spine.q3!).toBeLessThanOrEqual(spine.max!);
    expect(spine.gebiet).toBe(goettingen.value('anteil-65-und-mehr', 'sozialraum:adelebsen', date, 'geschuetzt').wert);
    expect(spine.planungsraum).toBe(goettingen.value('anteil-65-und-mehr', 'planungsraum:planungsraum', date, 'geschuetzt').wert);
    expect(spine.klasse).toBe(classify(spine.gebiet, spine.q1, spine.q3, definition.polaritaet, 18));
    expect(spine.regel).toMatch(/außerhalb der mittleren Hälfte der Sozialräume/);
    expect(spine.klasseText).toMatch(/Sozialräume/);
  });

  it('puts the Sozialraum with the highest share above the middle half', () => {
    const definition = goettingen.definition('anteil-65-und-mehr')!;
    const date = goettingen.dates('anteil-65-und-mehr').at(-1)!;
    const areas = areasOf(goettingen.hierarchy, 'sozialraum');
    const highest = areas.reduce((best, area) => (goettingen.value(definition.id, area.key, date, 'geschuetzt').wert! > goettingen.value(definition.id, best.key, date, 'geschuetzt').wert! ? area : best));
    expect(spineOf(goettingen, definition, highest.key, date, 'geschuetzt').klasse).toBe('hoeher');
  });

  it('compares a Sozialregion with the Sozialregionen', () => {
    const region = areasOf(goettingen.hierarchy, 'sozialregion')[0]!;
    const spine = spineOf(goettingen, goettingen.definition('bevoelkerung')!, region.key, '2015-12-31', 'geschuetzt');
    expect(spine.vergleich.ebene).toBe('sozialregion');
    expect(spine.vergleich.anzahl).toBe(areasOf(goettingen.hierarchy, 'sozialregion').length);
  });
});

describe('the spine in the protected view', () => {
  it('leaves withheld figures out and counts them, while the internal view has them', () => {
    const data = testkreis();
    const definition = data.definition('faelle')!;
    const protectedSpine = spineOf(data, definition, 'gemeinde:99999002', '2021-12-31', 'geschuetzt');
    const internalSpine = spineOf(data, definition, 'gemeinde:99999002', '2021-12-31', 'intern');
    const withheld = areasOf(data.hierarchy, 'gemeinde').filter((area) => data.value('faelle', area.key, '2021-12-31', 'geschuetzt').status === 'geheim');
    expect(withheld.map((area) => area.key)).toContain('gemeinde:99999001');
    expect(protectedSpine.vergleich.ohneWert).toBe(withheld.length);
    expect(internalSpine.vergleich.ohneWert).toBe(0);
    expect(internalSpine.min).toBe(2);
    expect(protectedSpine.min).toBeGreaterThan(2);
    // A withheld area's own marker is absent too.
    expect(spineOf(data, definition, 'gemeinde:99999001', '2021-12-31', 'geschuetzt')).toMatchObject({ gebiet: null, klasse: 'kein-wert' });
  });
});

describe('the trend', () => {
  it('has every date of the population with the break at the Zensus 2011 inside the range', () => {
    const definition = goettingen.definition('bevoelkerung')!;
    const trend = trendOf(goettingen, definition, 'sozialraum:adelebsen', 'geschuetzt', valueText);
    expect(trend.punkte.map((point) => point.stichtag)).toEqual(goettingen.dates('bevoelkerung'));
    expect(trend.punkte[0]!.wert).toBe(goettingen.value('bevoelkerung', 'sozialraum:adelebsen', '2008-12-31', 'geschuetzt').wert);
    expect(trend.punkte[0]!.planungsraum).toBe(goettingen.value('bevoelkerung', 'planungsraum:planungsraum', '2008-12-31', 'geschuetzt').wert);
    expect(trend.brueche.map((entry) => entry.ab)).toContain('2011-12-31');
    expect(crossesBreak(trend, '2010-12-31', '2011-12-31')).toBe(true);
    expect(crossesBreak(trend, '2011-12-31', '2012-12-31')).toBe(false);
  });

  it('shows a withheld figure as a gap with „•“ in the protected view', () => {
    const data = testkreis();
    const trend = trendOf(data, data.definition('faelle')!, 'gemeinde:99999001', 'geschuetzt', valueText);
    expect(trend.punkte).toEqual([{ stichtag: '2021-12-31', wert: null, planungsraum: expect.any(Number), text: '•' }]);
  });
});
