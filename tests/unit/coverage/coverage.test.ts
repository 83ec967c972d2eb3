// Coverage on the synthetic "Landkreis Testkreis" with a hand-made surface
// (tests/fixtures/in/coverage-synthetic.geojson): population points at 100 m cell centres at
// known distances from two family centres, so every figure below can be checked by hand.
import { describe, expect, it } from 'vitest';
import {
  COVERAGE_TABLE_HEADERS,
  activeFacilities,
  analyseCoverage,
  coverageTableCsv,
  populationSurface,
} from '../../../src/domain/coverage/analysis';
import { computeCoverage, prepareCoverage, type CoverageResult, type CoverageRow } from '../../../src/domain/coverage/coverage';
import { straightLineReach } from '../../../src/domain/coverage/reach';
import { surfaceFromGrid } from '../../../src/domain/coverage/zensusGrid';
import { deepFreeze, expectToMatchJsonFixture, expectToMatchTextFixture } from '../support/fixtures';
import { syntheticTerritory } from '../support/syntheticDistrict';
import { coverageInput } from './support';

const territory = syntheticTerritory();
const input = coverageInput();
const surface = surfaceFromGrid(territory, input.grid);
const setup = prepareCoverage(territory, surface);
const RADIUS_KM = 4.5;
const analysis = analyseCoverage(setup, { facilities: input.facilities, category: 'familienzentrum', radiusKm: RADIUS_KM });
const { result } = analysis;
const row = (id: string) => [...result.sozialraeume, ...result.sozialregionen, result.kreis].find((r) => r.id === id)!;

/** The binned median is the upper bound of the 100 m bin holding the true weighted median, less half a bin. */
function expectMedianNear(actual: number | null, trueMedian: number) {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - trueMedian)).toBeLessThanOrEqual(100);
}

describe('coverage of the synthetic Testkreis, 4.5 km straight line', () => {
  it('counts only family centres that are in operation and not deleted', () => {
    expect(analysis.facilities.map((f) => f.id)).toEqual(['f1', 'f2']);
    expect(analysis.facilities[0]!.x).toBeCloseTo(4318050, 6);
    expect(activeFacilities(input.facilities, 'kita').map((f) => f.id)).toEqual(['f6']);
    expect(analysis.reach.label).toBe('4,5 km Luftlinie');
  });

  it('puts each resident into the Sozialraum of their municipality and keeps the neighbour out', () => {
    const unitOf = (name: string) => {
      const i = input.names.indexOf(name);
      return setup.cellOfPoint[i]! < 0 ? 'nirgends' : (setup.sozialraeume[setup.sozialraumOfPoint[i]!]?.id ?? 'außerhalb');
    };
    expect(['Ö0', 'Ö8', 'N1', 'N2', 'N3', 'P1', 'P2', 'D1', 'T1', 'X1'].map(unitOf)).toEqual([
      'oelsen', 'oelsen', 'nordtal', 'nordtal', 'nordtal', 'puehberg', 'puehberg', 'außerhalb', 'außerhalb', 'nirgends',
    ]);
  });

  it('Ölsen: 150 of 450 residents within reach (the points at 0 to 4,000 m of f1)', () => {
    const oelsen = row('oelsen');
    expect(oelsen.einwohner).toBe(450);
    expect(oelsen.versorgt).toBe(10 + 20 + 30 + 40 + 50);
    expect(oelsen.unversorgt).toBe(300);
    expect(oelsen.anteilVersorgt).toBeCloseTo(1 / 3, 12);
    expect(oelsen.einrichtungen).toBe(1);
    expect(oelsen.proTausend).toBeCloseTo(1000 / 450, 12);
    // Weighted median: 10+20+…+70 = 280 ≥ 225 is first reached at 6,000 m.
    expectMedianNear(oelsen.medianDistanzM, 6000);
    expect(oelsen.maxDistanzM).toBeCloseTo(8000, 3);
  });

  it('Nordtal has no facility of its own but 100 residents within reach of f1 in Ölsen', () => {
    const nordtal = row('nordtal');
    expect([nordtal.einwohner, nordtal.versorgt, nordtal.unversorgt, nordtal.einrichtungen, nordtal.proTausend]).toEqual([600, 100, 500, 0, 0]);
    expectMedianNear(nordtal.medianDistanzM, 7000);
    expect(nordtal.maxDistanzM).toBeCloseTo(Math.hypot(8000, 7000), 1);
  });

  it('Pühberg: the resident at f2 is reached, the one 5 km away is not', () => {
    const puehberg = row('puehberg');
    expect([puehberg.einwohner, puehberg.versorgt, puehberg.einrichtungen]).toEqual([900, 400, 1]);
    expectMedianNear(puehberg.medianDistanzM, 5000);
    expect(puehberg.maxDistanzM).toBeCloseTo(5000, 3);
  });

  it('sums regions and the Kreis, with Teststadt D and the unincorporated forest only in the Kreis', () => {
    expect([row('region-west').einwohner, row('region-west').versorgt, row('region-west').einrichtungen]).toEqual([600, 100, 0]);
    expect([row('region-ost').einwohner, row('region-ost').versorgt, row('region-ost').einrichtungen]).toEqual([1350, 550, 2]);
    expectMedianNear(row('region-ost').medianDistanzM, 5000);
    const kreis = result.kreis;
    // 450 + 600 + 900 + 3,000 (Teststadt D) + 7 (Testforst); 5,000 in the neighbouring Kreis count nowhere.
    expect(kreis.einwohner).toBe(4957);
    expect(kreis.versorgt).toBe(150 + 100 + 400 + 2000);
    expect(kreis.einrichtungen).toBe(2);
    expectMedianNear(kreis.medianDistanzM, 4000);
    expect(kreis.maxDistanzM).toBeCloseTo(Math.hypot(8000, 7000), 1);
  });

  it('matches the expected table, CSV and map files', () => {
    const rounded = (r: CoverageRow) =>
      Object.fromEntries(Object.entries(r).map(([key, value]) => [key, typeof value === 'number' ? Math.round(value * 1e6) / 1e6 : value]));
    expectToMatchJsonFixture(
      { reach: result.reach, sozialraeume: result.sozialraeume.map(rounded), sozialregionen: result.sozialregionen.map(rounded), kreis: rounded(result.kreis) },
      'out/coverage-synthetic.json',
    );
    expectToMatchTextFixture(coverageTableCsv(analysis), 'out/coverage-synthetic.csv');
    const points = input.names.map((name, i) => {
      const cell = setup.cellOfPoint[i]!;
      const versorgt = cell >= 0 && result.mask[cell] === 1;
      return {
        type: 'Feature',
        properties: { name, einwohner: input.grid.einwohner[i], versorgt: cell < 0 ? null : versorgt, 'marker-color': cell < 0 ? '#9e9e9e' : versorgt ? '#2e7d32' : '#c62828' },
        geometry: { type: 'Point', coordinates: [input.grid.x[i], input.grid.y[i]] },
      };
    });
    const centres = analysis.facilities.map((f) => ({
      type: 'Feature',
      properties: { id: f.id, 'marker-color': '#c2185b', 'marker-symbol': 'star' },
      geometry: { type: 'Point', coordinates: [Math.round(f.x * 1000) / 1000, Math.round(f.y * 1000) / 1000] },
    }));
    expectToMatchJsonFixture(
      { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3035' } }, features: [...centres, ...points] },
      'out/coverage-synthetic.geojson',
    );
  });
});

describe('area shares', () => {
  it('counts the 749 cell centres within 1,550 m of a facility at a cell centre (Gauss circle, 15.5 cells)', () => {
    const reach = straightLineReach(1550);
    const covered = computeCoverage(setup, [{ id: 'f1', x: 4318050, y: 3153250 }], reach, { distances: false });
    const oelsen = setup.sozialraeume.findIndex((unit) => unit.id === 'oelsen');
    expect(covered.sozialraeume[oelsen]!.flaecheVersorgt * setup.cellsPerSozialraum[oelsen]!).toBeCloseTo(749, 9);
    expect(covered.kreis.flaecheVersorgt * setup.cellsInKreis).toBeCloseTo(749, 9);
    expect(covered.mask.reduce((sum, value) => sum + value, 0)).toBe(749);
    // The Sozialraum's cells measure its area: 91.51 km² from the territory file, within 0.5 %.
    expect(Math.abs(setup.cellsPerSozialraum[oelsen]! / 100 / 91.51 - 1)).toBeLessThan(0.005);
  });

  it('gives a Sozialraum without residents a share of 0 and no distances', () => {
    const empty = prepareCoverage(territory, { ...surface, x: new Float64Array(0), y: new Float64Array(0), einwohner: new Float64Array(0), gemeinde: new Int32Array(0) });
    const none = computeCoverage(empty, [], straightLineReach(1000));
    expect(none.kreis).toMatchObject({ einwohner: 0, versorgt: 0, anteilVersorgt: 0, flaecheVersorgt: 0, proTausend: 0, medianDistanzM: null, maxDistanzM: null });
  });
});

describe('the coverage table as CSV', () => {
  const csv = coverageTableCsv(analysis);
  const lines = csv.slice(1).split('\r\n');

  it('opens in German Excel: byte order mark, semicolons, CRLF, German headers, decimal comma', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toBe(
      'Sozialraum;Einwohner;versorgt;unversorgt;Anteil versorgt;Fläche versorgt;Einrichtungen;je 1.000 Einwohner;Median Entfernung (m);max. Entfernung (m)',
    );
    expect(lines[0]).toBe(COVERAGE_TABLE_HEADERS.join(';'));
    expect(lines.at(-1)).toBe('');
    // The total row is the planning area (Teststadt D and the forest are outside it); notes on source and date follow.
    const table = lines.slice(1, lines.indexOf(''));
    expect(table.map((line) => line.split(';')[0])).toEqual(['Nordtal', 'Ölsen', 'Pühberg', 'Testregion West', 'Testregion Ost', '3 Sozialräume (ohne Teststadt D)']);
    expect(table.at(-1)!.split(';').slice(0, 4)).toEqual(['3 Sozialräume (ohne Teststadt D)', '1950', '650', '1300']);
    expect(lines.slice(lines.indexOf('') + 1, -1).map((line) => line.split(';')[0])).toEqual(['Quelle und Stand', 'Planungsraum', 'Einwohner', 'Einrichtungen', 'Reichweite']);
    const oelsen = lines[2]!.split(';');
    expect(oelsen.slice(0, 8)).toEqual(['Ölsen', '450', '150', '300', '33,3 %', oelsen[5], '1', '2,22']);
    expect(oelsen[5]).toMatch(/^\d+,\d %$/);
    expect(oelsen[9]).toBe('8000');
  });

  it('keeps rows adding up after rounding, leaves unknown distances empty and defuses formulas', () => {
    const fake = (name: string, einwohner: number, versorgt: number): CoverageRow => ({
      kind: 'sozialraum', id: 'x', name, einwohner, versorgt, unversorgt: einwohner - versorgt,
      anteilVersorgt: versorgt / einwohner, flaecheVersorgt: 0.5, einrichtungen: 0, proTausend: 0, medianDistanzM: null, maxDistanzM: null,
    });
    const table = coverageTableCsv({ ...analysis, result: { ...result, sozialraeume: [fake('=HYPERLINK("x")', 10.4, 3.6), fake('Nord; Süd', 2.5, 0)], sozialregionen: [] } as CoverageResult });
    const rows = table.slice(1).split('\r\n');
    expect(rows[1]).toBe(`"'=HYPERLINK(""x"")";10;4;6;34,6 %;50,0 %;0;0,00;;`);
    expect(rows[2]).toBe('"Nord; Süd";3;0;3;0,0 %;50,0 %;0;0,00;;');
  });
});

describe('the population surface', () => {
  it('falls back to the municipal totals when no grid is loaded, Kreis total exact', () => {
    const fallback = populationSurface(territory, null);
    expect(fallback.method.kind).toBe('ersatzflaeche');
    const kreis = computeCoverage(prepareCoverage(territory, fallback), [], straightLineReach(1000), { distances: false }).kreis;
    expect(kreis.einwohner).toBeCloseTo(territory.kreis.properties.einwohner, 6);
    expect(populationSurface(territory, input.grid).method.kind).toBe('zensus-gitter');
  });
});

describe('does not mutate its input', () => {
  const copy = (arrays: ArrayLike<number>[]) => arrays.map((a) => Array.from(a));

  it('prepareCoverage, computeCoverage and analyseCoverage leave territory, surface, setup and facilities alone', () => {
    const frozenFacilities = deepFreeze(structuredClone(input.facilities));
    const surfaceBefore = copy([surface.x, surface.y, surface.einwohner, surface.gemeinde!]);
    const again = prepareCoverage(territory, surface);
    const setupBefore = copy([again.cellOfPoint, again.sozialraumOfPoint, again.sozialraumOfCell, again.inKreis, again.einwohner, again.kreisCells]);
    const first = analyseCoverage(again, { facilities: frozenFacilities, category: 'familienzentrum', radiusKm: RADIUS_KM, best: 2 });
    const second = analyseCoverage(again, { facilities: frozenFacilities, category: 'familienzentrum', radiusKm: RADIUS_KM, best: 2 });
    expect(copy([surface.x, surface.y, surface.einwohner, surface.gemeinde!])).toEqual(surfaceBefore);
    expect(copy([again.cellOfPoint, again.sozialraumOfPoint, again.sozialraumOfCell, again.inKreis, again.einwohner, again.kreisCells])).toEqual(setupBefore);
    expect(second.result.kreis).toEqual(first.result.kreis);
    expect(second.suggestions).toEqual(first.suggestions);
  });

  it('surfaceFromGrid and coverageTableCsv leave their input alone', () => {
    const grid = deepFreeze(structuredClone(input.grid));
    expect(surfaceFromGrid(territory, grid).x.length).toBe(grid.x.length);
    const rows = deepFreeze(structuredClone({ sozialraeume: result.sozialraeume, sozialregionen: result.sozialregionen, planungsraum: result.planungsraum, kreis: result.kreis }));
    expect(coverageTableCsv({ ...analysis, result: { ...result, ...rows } })).toBe(coverageTableCsv(analysis));
  });
});
