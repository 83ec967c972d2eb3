// What the coverage layer sends to the map, built by the pure functions of
// src/domain/coverageView/mapSources.ts from the synthetic district.
import { describe, expect, it } from 'vitest';
import { analyseCoverage } from '../../src/domain/coverage/analysis';
import { prepareCoverage } from '../../src/domain/coverage/coverage';
import { fromLaea } from '../../src/domain/coverage/surface';
import { surfaceFromGrid } from '../../src/domain/coverage/zensusGrid';
import { gapSquares } from '../../src/domain/coverageView/gaps';
import { gapSourceData, marksSourceData, reachSourceData, type CoverageMapData, type MarkIcons } from '../../src/domain/coverageView/mapSources';
import { addHypothetical, EMPTY_SCENARIO, setSwitchedOff } from '../../src/domain/coverageView/scenario';
import { DEFAULT_CATEGORIES } from '../../src/domain/facilities/catalog';
import type { Facility } from '../../src/domain/facilities/schema';
import { coverageInput } from './coverage/support';
import { facility } from './support/facilities';
import { deepFreeze } from './support/fixtures';
import { syntheticTerritory } from './support/syntheticDistrict';

const territory = syntheticTerritory();
const input = coverageInput();
const setup = prepareCoverage(territory, surfaceFromGrid(territory, input.grid));
const facilities: Facility[] = [
  ...input.facilities.map((item) =>
    facility({ id: item.id, name: `Einrichtung ${item.id}`, district: territory.district.id, category: item.category, status: item.status, geloescht: item.geloescht, lage: [item.lage[0]!, item.lage[1]!] }),
  ),
  // In Teststadt D, outside the planning area: shown as context, never counted.
  facility({ id: 'f-stadt', name: 'Einrichtung in Teststadt D', district: territory.district.id, category: 'familienzentrum', lage: fromLaea([4317550, 3158750]) as [number, number] }),
];
const category = DEFAULT_CATEGORIES.find((item) => item.id === 'familienzentrum')!;
const icons: MarkIcons = {
  facility: (categoryId, variant) => `symbol:${categoryId}:${variant.status}:${variant.approximate ? 'genaehert' : 'exakt'}${variant.unconfirmed ? ':?' : ''}`,
  hypothetical: (categoryId) => `neu:${categoryId}`,
};
const IN_NORDTAL = fromLaea([4310050, 3160250]);

function mapData(overrides: Partial<CoverageMapData> = {}): CoverageMapData {
  const scenario = overrides.scenario ?? EMPTY_SCENARIO;
  const counted = facilities.filter((item) => !scenario.switchedOff.includes(item.id));
  const analysis = analyseCoverage(setup, { facilities: counted, category: category.id, radiusKm: 5, distances: false, best: 1 });
  return {
    setup,
    analysis,
    radiusKm: 5,
    category,
    facilities,
    scenario,
    selectedHypotheticalId: null,
    selectedFacilityId: null,
    siedlungen: [],
    layers: { anteil: true, reichweite: true, luecken: true },
    empty: false,
    ...overrides,
  };
}

describe('marks of the coverage map', () => {
  it('marks the category’s facilities as counted, switched off, not counted or outside; deleted ones and other categories not at all', () => {
    const scenario = setSwitchedOff(EMPTY_SCENARIO, 'f2', true);
    const data = mapData({ scenario, selectedFacilityId: 'f1' });
    const marks = marksSourceData(data, { drawFacilities: true, dragged: null, icons }).features.map((feature) => feature.properties);
    const facilityMarks = marks.filter((mark) => mark.kind === 'einrichtung');
    expect(facilityMarks.map((mark) => [mark.id, mark.state, mark.selected])).toEqual([
      ['f1', 'zaehlt', true],
      ['f2', 'aus', false],
      ['f3', 'zaehlt-nicht', false],
      ['f4', 'zaehlt-nicht', false],
      ['f-stadt', 'ausserhalb', false],
    ]);
    // The symbol says the status: f3 is planned, f4 closed.
    expect(facilityMarks.map((mark) => mark.icon)).toEqual([
      'symbol:familienzentrum:in Betrieb:exakt',
      'symbol:familienzentrum:in Betrieb:exakt',
      'symbol:familienzentrum:geplant:exakt',
      'symbol:familienzentrum:geschlossen:exakt',
      'symbol:familienzentrum:in Betrieb:exakt',
    ]);
    expect(facilityMarks[0]!.label).toBe('Einrichtung f1');
    expect(marks.filter((mark) => mark.kind === 'ausgeschaltet').map((mark) => mark.id)).toEqual(['f2']);
    expect(marks.filter((mark) => mark.kind === 'vorschlag').map((mark) => [mark.id, mark.rank])).toEqual([['vorschlag-1', 1]]);
    expect(marks.find((mark) => mark.kind === 'vorschlag')!.label).toMatch(/^\+[\d.]+ Einw\.$/);
  });

  it('leaves the facilities to the resource map when asked to (drawFacilities: false)', () => {
    const marks = marksSourceData(mapData(), { drawFacilities: false, dragged: null, icons }).features;
    expect(marks.some((feature) => feature.properties.kind === 'einrichtung')).toBe(false);
  });

  it('draws a hypothetical facility where it is being dragged, ahead of the scenario', () => {
    const { scenario, added } = addHypothetical(EMPTY_SCENARIO, IN_NORDTAL, 'gesetzt');
    const data = mapData({ scenario, selectedHypotheticalId: added.id });
    const at = (dragged: { id: string; lngLat: [number, number] } | null) =>
      marksSourceData(data, { drawFacilities: true, dragged, icons }).features.find((feature) => feature.properties.kind === 'hypothetisch')!;
    const resting = at(null);
    expect(resting.properties).toMatchObject({ id: added.id, label: 'Neu 1', icon: 'neu:familienzentrum', selected: true });
    // At rest where the scenario keeps it (to 5 decimals, the precision of a link).
    expect(resting.geometry.coordinates).toEqual(added.lngLat);
    expect(added.lngLat.map((value, index) => Math.abs(value - IN_NORDTAL[index]!))).toEqual([expect.closeTo(0, 5), expect.closeTo(0, 5)]);
    expect(at({ id: added.id, lngLat: [9.5, 51.5] }).geometry.coordinates).toEqual([9.5, 51.5]);
    expect(at({ id: 'hypothetisch-99', lngLat: [9.5, 51.5] }).geometry.coordinates).toEqual(added.lngLat);
  });

  it('does not change its input', () => {
    // The grid's typed arrays cannot be frozen; everything a caller hands in besides them is.
    const data = mapData({ scenario: deepFreeze(addHypothetical(setSwitchedOff(EMPTY_SCENARIO, 'f1', true), IN_NORDTAL, 'gesetzt').scenario) });
    const frozen = { ...data, facilities: deepFreeze(structuredClone(facilities)), category: deepFreeze({ ...category }), layers: deepFreeze({ ...data.layers }) };
    expect(() => marksSourceData(frozen, { drawFacilities: true, dragged: deepFreeze({ id: 'hypothetisch-1', lngLat: [9.5, 51.5] }), icons })).not.toThrow();
  });
});

describe('gaps and reach of the coverage map', () => {
  it('has one square per gap square with its residents rounded to whole people, ring from the given cache', () => {
    const data = mapData();
    const squares = gapSquares(setup.grid, data.analysis.result.unversorgtProZelle);
    const asked: string[] = [];
    const source = gapSourceData(setup, data.analysis, (x, y, id) => {
      asked.push(id);
      return [
        [x, y],
        [x, y],
      ];
    });
    expect(squares.length).toBeGreaterThan(0);
    expect(source.features.map((feature) => feature.properties)).toEqual(squares.map((square) => ({ id: square.id, einwohner: Math.round(square.einwohner) })));
    expect(asked).toEqual(squares.map((square) => square.id));
  });

  it('draws one closed reach ring per counted facility, hypothetical ones marked', () => {
    const { scenario } = addHypothetical(EMPTY_SCENARIO, IN_NORDTAL, 'gesetzt');
    const analysis = analyseCoverage(setup, {
      facilities: [...facilities, { id: scenario.hypothetical[0]!.id, category: category.id, status: 'in Betrieb', geloescht: false, lage: IN_NORDTAL }],
      category: category.id,
      radiusKm: 2,
      distances: false,
    });
    const rings = reachSourceData(analysis, 2).features;
    expect(rings.map((ring) => [ring.properties!.id, ring.properties!.hypothetisch])).toEqual(analysis.facilities.map((item) => [item.id, item.id.startsWith('hypothetisch-')]));
    expect(rings.some((ring) => ring.properties!.hypothetisch)).toBe(true);
    for (const ring of rings) expect(ring.geometry.coordinates[0]!.at(-1)).toEqual(ring.geometry.coordinates[0]![0]);
  });
});
