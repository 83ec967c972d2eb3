// Small numbers in the dataset that every view reads: withheld counts and the rates built on
// them are absent from the protected view at every level; the internal view shows them marked;
// and whatever the protected view publishes, no withheld figure can be computed back from it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredValue } from '../../../src/domain/indicators/aggregate';
import { createDataset } from '../../../src/domain/indicators/dataset';
import { areasOf, buildHierarchy, type AreaHierarchy } from '../../../src/domain/indicators/hierarchy';
import type { SumEquation } from '../../../src/domain/indicators/suppression';
import type { TerritoryFile } from '../../../src/domain/territory/types';
import { bySubtraction, recoverable } from '../support/attacker';
import { testkreisCatalogue, testkreisHierarchy, testkreisValues } from '../support/indicators';

const DATE = '2021-12-31';
const dataset = () => createDataset(testkreisCatalogue(), testkreisHierarchy(), testkreisValues());

describe('primary and secondary suppression in the dataset', () => {
  it('withholds a count of 2 and a second Gemeinde of the same Sozialraum, keeps the Sozialraum total', () => {
    const data = dataset();
    // Hilfefälle: A 2, C 10 → Nordtal 12.
    expect(data.value('faelle', 'gemeinde:99999001', DATE, 'geschuetzt')).toMatchObject({ wert: null, status: 'geheim', geheim: true, grund: null });
    expect(data.value('faelle', 'gemeinde:99999003', DATE, 'geschuetzt')).toMatchObject({ wert: null, status: 'geheim' });
    expect(data.value('faelle', 'sozialraum:nordtal', DATE, 'geschuetzt')).toMatchObject({ wert: 12, status: 'wert', geheim: false });
    expect(data.value('faelle', 'kreis:99999', DATE, 'geschuetzt').wert).toBe(359);
  });

  it('withholds the rates of withheld counts, with their numerator and denominator', () => {
    const data = dataset();
    expect(data.value('faelle-je-1000', 'gemeinde:99999001', DATE, 'geschuetzt')).toMatchObject({ wert: null, status: 'geheim', zaehler: null, nenner: null });
    expect(data.value('faelle-je-1000', 'gemeinde:99999003', DATE, 'geschuetzt').status).toBe('geheim');
    expect(data.value('faelle-je-1000', 'sozialraum:nordtal', DATE, 'geschuetzt')).toMatchObject({ status: 'wert', zaehler: 12, nenner: 9000 });
  });

  it('shows planners the withheld figures in the internal view, marked, with the reason', () => {
    const data = dataset();
    expect(data.value('faelle', 'gemeinde:99999001', DATE, 'intern')).toMatchObject({ wert: 2, status: 'wert', geheim: true, grund: 'primaer' });
    expect(data.value('faelle', 'gemeinde:99999003', DATE, 'intern')).toMatchObject({ wert: 10, geheim: true, grund: 'sekundaer' });
    expect(data.value('faelle-je-1000', 'gemeinde:99999001', DATE, 'intern')).toMatchObject({ geheim: true, grund: 'primaer', zaehler: 2 });
  });

  it('protects the parts of a summed numerator: from counts, sums and rates together nothing withheld comes back', () => {
    const data = dataset();
    const hierarchy = testkreisHierarchy();
    // Testgemeinde A: 1 ambulant + 2 stationär.
    expect(data.value('hilfen-ambulant', 'gemeinde:99999001', DATE, 'geschuetzt').status).toBe('geheim');
    expect(data.value('hilfen-stationaer', 'gemeinde:99999001', DATE, 'geschuetzt').status).toBe('geheim');
    // What is published: both counts, and the numerator of the rate (shown with it).
    const nodes = [...hierarchy.nodes.values()];
    const quantities = ['hilfen-ambulant', 'hilfen-stationaer', 'summe'] as const;
    const indexOf = new Map(quantities.flatMap((quantity, q) => nodes.map((node, n) => [`${quantity}|${node.key}`, q * nodes.length + n] as const)));
    const withheld = quantities.flatMap((quantity) =>
      nodes.map((node) => {
        if (quantity !== 'summe') return data.value(quantity, node.key, DATE, 'geschuetzt').status === 'geheim';
        const rate = data.value('hilfen-je-1000-kinder', node.key, DATE, 'geschuetzt');
        if (rate.status === 'wert') expect(rate.zaehler).toBe(data.value('hilfen-je-1000-kinder', node.key, DATE, 'intern').zaehler);
        return rate.status === 'geheim';
      }),
    );
    const equations: SumEquation[] = [];
    for (const quantity of quantities) {
      const index = new Map(nodes.map((node) => [node.key, indexOf.get(`${quantity}|${node.key}`)!]));
      equations.push(...treeEquations(hierarchy, index));
    }
    for (const node of nodes) {
      equations.push({ cells: quantities.map((quantity) => indexOf.get(`${quantity}|${node.key}`)!), coefficients: [1, 1, -1] });
    }
    expect(bySubtraction(equations, withheld)).toEqual([]);
    expect(recoverable(equations, withheld)).toEqual([]);
  });

  it('leaves counts published unprotected (rule „keine“) alone, even 1 and 2', () => {
    const data = createDataset(testkreisCatalogue(), testkreisHierarchy(), [...testkreisValues(), { kennzahl: 'kinder', gebiet: '99999001', stichtag: '2022-12-31', wert: 2 }]);
    expect(data.value('kinder', 'gemeinde:99999001', '2022-12-31', 'geschuetzt')).toMatchObject({ wert: 2, geheim: false });
  });

  it('applies a rule of the Kennzahl and a minimum denominator of a rate', () => {
    const catalogue = testkreisCatalogue((file) => {
      const faelle = file.kennzahlen.find((entry: { id: string }) => entry.id === 'faelle');
      faelle.geheimhaltung = { mindestwert: 8 };
      const rate = file.kennzahlen.find((entry: { id: string }) => entry.id === 'anteil-kinder');
      rate.mindestNenner = 5000;
    });
    const data = createDataset(catalogue, testkreisHierarchy(), testkreisValues());
    expect(data.value('faelle', 'gemeinde:99999005', DATE, 'geschuetzt').status).toBe('geheim'); // 7 < 8
    expect(data.value('anteil-kinder', 'gemeinde:99999003', DATE, 'geschuetzt').status).toBe('geheim'); // 3,000 < 5,000
    expect(data.value('anteil-kinder', 'gemeinde:99999003', DATE, 'intern').grund).toBe('mindestnenner');
    expect(data.value('kinder', 'gemeinde:99999003', DATE, 'geschuetzt').wert).toBe(150);
  });

  it('withholds means over too small a weight, and a second one so the sum cannot give it back', () => {
    const catalogue = testkreisCatalogue((file) => {
      file.kennzahlen.find((entry: { id: string }) => entry.id === 'miete').mindestGewicht = 50;
    });
    const data = createDataset(catalogue, testkreisHierarchy(), testkreisValues());
    expect(data.value('miete', 'gemeinde:99999003', DATE, 'geschuetzt').status).toBe('geheim'); // 40 households
    expect(data.value('miete', 'gemeinde:99999003', DATE, 'intern').grund).toBe('primaer');
    const nordtal = data.value('miete', 'sozialraum:nordtal', DATE, 'geschuetzt');
    const a = data.value('miete', 'gemeinde:99999001', DATE, 'geschuetzt');
    expect([nordtal.status, a.status]).toContain('geheim');
  });

  it('protects a total over the years with the years', () => {
    const catalogue = testkreisCatalogue((file) => {
      file.kennzahlen.find((entry: { id: string }) => entry.id === 'faelle').zeitraumSumme = true;
    });
    // Testgemeinde E: 7 in 2020 and 2 in 2021: the total 9 minus 7 would give the 2.
    const values: StoredValue[] = [...testkreisValues().filter((value) => !(value.kennzahl === 'faelle' && value.gebiet === '99999005')),
      { kennzahl: 'faelle', gebiet: '99999005', stichtag: DATE, wert: 2 },
      ...['99999001', '99999002', '99999003', '99999004'].map((gebiet, index) => ({ kennzahl: 'faelle', gebiet, stichtag: '2020-12-31', wert: 20 + index })),
      { kennzahl: 'faelle', gebiet: '99999005', stichtag: '2020-12-31', wert: 7 },
    ];
    const data = createDataset(catalogue, testkreisHierarchy(), values);
    const e2021 = data.value('faelle', 'gemeinde:99999005', DATE, 'geschuetzt');
    const e2020 = data.value('faelle', 'gemeinde:99999005', '2020-12-31', 'geschuetzt');
    const eTotal = data.value('faelle', 'gemeinde:99999005', 'zeitraum', 'geschuetzt');
    expect(e2021.status).toBe('geheim');
    expect([e2020.status, eTotal.status]).toContain('geheim');
    // Without zeitraumSumme there is no total to show.
    expect(dataset().value('faelle', 'gemeinde:99999005', 'zeitraum', 'intern').status).toBe('fehlt');
  });
});

/** The sums an attacker knows: every area is the sum of its children (and the Kreis its planning area). */
function treeEquations(hierarchy: AreaHierarchy, indexOf: Map<string, number>): SumEquation[] {
  const equations: SumEquation[] = [];
  for (const node of hierarchy.nodes.values()) {
    if (node.children.length === 0) continue;
    const cells = [node.key, ...node.children].map((key) => indexOf.get(key)!);
    equations.push({ cells, coefficients: [-1, ...node.children.map(() => 1)] });
  }
  if (hierarchy.planningAreaIsKreis) equations.push({ cells: [indexOf.get(hierarchy.kreisKey)!, indexOf.get(hierarchy.planningAreaKey)!], coefficients: [-1, 1] });
  return equations;
}

describe('what the protected view publishes gives nothing back, on the real Göttingen tree', () => {
  const territory = JSON.parse(readFileSync(join(import.meta.dirname, '../../../public/data/territory/goettingen.json'), 'utf8')) as TerritoryFile;
  const hierarchy = buildHierarchy(territory);
  const gemeinden = areasOf(hierarchy, 'gemeinde');

  it('for random small counts per Gemeinde: no withheld count or rate is recoverable from the published ones', () => {
    const counts = fc.array(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 60 })), { minLength: gemeinden.length, maxLength: gemeinden.length });
    fc.assert(
      fc.property(counts, (draw) => {
        const values: StoredValue[] = gemeinden.flatMap((gemeinde, index) => [
          { kennzahl: 'faelle', gebiet: gemeinde.id, stichtag: DATE, wert: draw[index]! },
          { kennzahl: 'einwohner', gebiet: gemeinde.id, stichtag: DATE, wert: 1000 + index },
        ]);
        const data = createDataset(testkreisCatalogue(), hierarchy, values);
        const nodes = [...hierarchy.nodes.values()];
        const indexOf = new Map(nodes.map((node, index) => [node.key, index]));
        const published = nodes.map((node) => data.value('faelle', node.key, DATE, 'geschuetzt'));
        const withheld = published.map((value) => value.status === 'geheim');
        nodes.forEach((node, index) => {
          const truth = data.value('faelle', node.key, DATE, 'intern').wert!;
          if (truth > 0 && truth < 3) expect(withheld[index], node.key).toBe(true);
          if (withheld[index]) {
            expect(published[index]!.wert).toBeNull();
            // The rate of a withheld count is withheld: with the published denominator it would give the count.
            expect(data.value('faelle-je-1000', node.key, DATE, 'geschuetzt').status).toBe('geheim');
          }
        });
        const equations = treeEquations(hierarchy, indexOf);
        expect(bySubtraction(equations, withheld)).toEqual([]);
        expect(recoverable(equations, withheld)).toEqual([]);
      }),
      { numRuns: 60, seed: 3159 },
    );
  });
});
