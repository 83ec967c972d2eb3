// The pure helpers of the Versorgung tab: scenario edits, headline, deltas, gap squares, and the
// map layers of the analysis checked with the style specification's validator.
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { analyseCoverage, type CoverageFacilityInput } from '../../src/domain/coverage/analysis';
import { prepareCoverage } from '../../src/domain/coverage/coverage';
import { cellIndex } from '../../src/domain/coverage/raster';
import { fromLaea, toLaea } from '../../src/domain/coverage/surface';
import { surfaceFromGrid } from '../../src/domain/coverage/zensusGrid';
import { gapSquares, reachRing, settlementsInGaps, sozialraumAt, squareRing } from '../../src/domain/coverageView/gaps';
import {
  EMPTY_SCENARIO,
  addHypothetical,
  isScenarioActive,
  moveHypothetical,
  removeHypothetical,
  scenarioFacilities,
  setSwitchedOff,
  type Scenario,
} from '../../src/domain/coverageView/scenario';
import {
  categoryWording,
  coverageDeltas,
  coverageFileName,
  coverageHeadline,
  coverageSourceLines,
  emptyFindingText,
  facilityCountText,
  formatSignedInteger,
  shareClass,
} from '../../src/domain/coverageView/summary';
import { COVERAGE_SOURCES, coverageLayers } from '../../src/map/coverageLayers';
import { buildBaseStyle } from '../../src/map/style';
import { TERRITORY_SOURCE, territoryLayers } from '../../src/map/territoryLayers';
import { coverageInput } from './coverage/support';
import { deepFreeze } from './support/fixtures';
import { syntheticTerritory } from './support/syntheticDistrict';

const territory = syntheticTerritory();
const input = coverageInput();
const setup = prepareCoverage(territory, surfaceFromGrid(territory, input.grid));
const real = analyseCoverage(setup, { facilities: input.facilities, category: 'familienzentrum', radiusKm: 4.5 });
const familienzentrum = { id: 'familienzentrum', label: 'Familienzentrum' };

describe('scenario edits', () => {
  it('add, move and remove hypothetical facilities without touching the input', () => {
    const start = deepFreeze<Scenario>({ hypothetical: [], switchedOff: [] });
    const first = addHypothetical(start, [9.9, 51.5]);
    const second = addHypothetical(first.scenario, [10.0, 51.6], 'vorschlag');
    expect(start.hypothetical).toEqual([]);
    expect(second.scenario.hypothetical.map((facility) => [facility.id, facility.nummer, facility.herkunft])).toEqual([
      ['hypothetisch-1', 1, 'gesetzt'],
      ['hypothetisch-2', 2, 'vorschlag'],
    ]);
    const frozen = deepFreeze(second.scenario);
    const moved = moveHypothetical(frozen, 'hypothetisch-1', [9.95, 51.55]);
    expect(moved.hypothetical[0]!.lngLat).toEqual([9.95, 51.55]);
    expect(frozen.hypothetical[0]!.lngLat).toEqual([9.9, 51.5]);
    // No change: the same object, so stores and maps see nothing new.
    expect(moveHypothetical(moved, 'hypothetisch-1', [9.95, 51.55])).toBe(moved);
    expect(moveHypothetical(moved, 'gibt-es-nicht', [1, 2])).toBe(moved);
    const removed = removeHypothetical(moved, 'hypothetisch-1');
    expect(removed.hypothetical.map((facility) => facility.id)).toEqual(['hypothetisch-2']);
    // Numbers keep counting up: "Neu 1" is never reused for another place.
    expect(addHypothetical(removed, [1, 1]).added.nummer).toBe(3);
  });

  it('keeps positions to the 5 decimals a link writes, so the link reproduces the figures', () => {
    const placed = addHypothetical(EMPTY_SCENARIO, [9.912345678, 51.487654321]).scenario;
    expect(placed.hypothetical[0]!.lngLat).toEqual([9.91235, 51.48765]);
    const moved = moveHypothetical(placed, 'hypothetisch-1', [10.000004, 51.499996]);
    expect(moved.hypothetical[0]!.lngLat).toEqual([10, 51.5]);
    // Less than the 5th decimal is no move at all.
    expect(moveHypothetical(moved, 'hypothetisch-1', [10.000001, 51.500001])).toBe(moved);
  });

  it('switches real facilities off and on, never a hypothetical one', () => {
    const off = setSwitchedOff(EMPTY_SCENARIO, 'f1', true);
    expect(off.switchedOff).toEqual(['f1']);
    expect(setSwitchedOff(off, 'f1', true)).toBe(off);
    expect(setSwitchedOff(off, 'f1', false).switchedOff).toEqual([]);
    expect(setSwitchedOff(EMPTY_SCENARIO, 'hypothetisch-1', true)).toBe(EMPTY_SCENARIO);
    expect(isScenarioActive(EMPTY_SCENARIO)).toBe(false);
    expect(isScenarioActive(off)).toBe(true);
  });

  it('lays the scenario over the real facilities for the analysis without changing them', () => {
    const facilities = deepFreeze(input.facilities.map((facility) => ({ ...facility })));
    const scenario = addHypothetical(setSwitchedOff(EMPTY_SCENARIO, 'f1', true), fromLaea([4318050, 3153250])).scenario;
    const laid = scenarioFacilities(facilities, scenario, 'familienzentrum');
    expect(laid.map((facility) => facility.id)).toEqual([...facilities.map((facility) => facility.id).filter((id) => id !== 'f1'), 'hypothetisch-1']);
    expect(laid.at(-1)).toMatchObject({ category: 'familienzentrum', status: 'in Betrieb', geloescht: false });
    // f1 switched off and a hypothetical one at its very place: the same coverage as the real state.
    const analysis = analyseCoverage(setup, { facilities: laid, category: 'familienzentrum', radiusKm: 4.5 });
    expect(analysis.result.kreis.versorgt).toBe(real.result.kreis.versorgt);
    expect([...coverageDeltas(real.result, analysis.result).values()].every((delta) => delta === 0)).toBe(true);
  });
});

describe('figures in the planners’ words', () => {
  it('counts Sozialräume without a facility and residents of the planning area beyond reach, as whole people on an exact grid', () => {
    const headline = coverageHeadline(real, familienzentrum, 4.5);
    expect(headline.sozialraeume).toBe(real.result.sozialraeume.length);
    expect(headline.ohneEinrichtung).toBe(real.result.sozialraeume.filter((row) => row.einrichtungen === 0).length);
    // The base is the planning area (1,950 residents), not the Kreis with Teststadt D.
    expect(headline.einwohner).toBe(1950);
    expect(headline.unversorgt).toBe(Math.round(real.result.planungsraum.einwohner) - Math.round(real.result.planungsraum.versorgt));
    expect(headline.text).toBe('1 von 3 Sozialräumen ohne Familienzentrum · 1.300 von 1.950 Einwohnern der 3 Sozialräume (66,7 %) nicht im Umkreis von 4,5 km um ein Familienzentrum');
  });

  it('rounds to hundreds and says „ca.“ on an approximate surface, keeping the exact municipal totals', () => {
    const rounded = coverageHeadline({ ...real, precision: { erreicht: 'gerundet', einwohner: 'exakt' } }, { id: 'kita', label: 'Kita' }, 2);
    expect(rounded.unversorgtText).toBe('ca. 1.300 von 1.950 Einwohnern der 3 Sozialräume (ca. 67 %) nicht im Umkreis von 2 km um eine Kita');
    const coarse = coverageHeadline({ ...real, precision: { erreicht: 'gerundet', einwohner: 'gerundet' } }, familienzentrum, 4.5);
    expect(coarse.unversorgtText).toMatch(/^ca\. 1\.300 von ca\. 2\.000 Einwohnern der 3 Sozialräume/);
  });

  it('shows the change a scenario makes per row, signed', () => {
    const switchedOff = analyseCoverage(setup, {
      facilities: scenarioFacilities(input.facilities, setSwitchedOff(EMPTY_SCENARIO, 'f1', true), 'familienzentrum'),
      category: 'familienzentrum',
      radiusKm: 4.5,
    });
    const deltas = coverageDeltas(real.result, switchedOff.result);
    expect(deltas.get('sozialraum:oelsen')).toBe(-(10 + 20 + 30 + 40 + 50));
    expect(deltas.get(`kreis:${real.result.kreis.id}`)).toBe(Math.round(switchedOff.result.kreis.versorgt) - Math.round(real.result.kreis.versorgt));
    expect(deltas.get('planungsraum:planungsraum')).toBe(Math.round(switchedOff.result.planungsraum.versorgt) - Math.round(real.result.planungsraum.versorgt));
    expect([formatSignedInteger(1240), formatSignedInteger(-312), formatSignedInteger(0.2)]).toEqual(['+1.240', '−312', '±0']);
  });

  it('classes, wording, file names, dates and sources', () => {
    expect([0, 0.249, 0.25, 0.6, 0.75, 0.89, 0.9, 1].map(shareClass)).toEqual([0, 0, 1, 2, 3, 3, 4, 4]);
    expect(categoryWording({ id: 'kita', label: 'Kita' })).toEqual({ plural: 'Kitas', ohne: 'ohne Kita', umEin: 'um eine Kita' });
    expect(categoryWording({ id: 'hort', label: 'Hort' }).ohne).toBe('ohne Einrichtung „Hort“');
    expect(emptyFindingText({ label: 'Kita' }, real.result.planungsraum.genitiv)).toBe('Keine Einrichtungen der Kategorie Kita erfasst im Gebiet der 3 Sozialräume');
    expect(coverageFileName({ categoryId: 'familienzentrum', radiusKm: 5, districtId: 'goettingen' }, 'png')).toBe('versorgung-familienzentrum-5km-goettingen.png');
    expect(coverageFileName({ categoryId: 'kita', radiusKm: 2.5, districtId: 'goettingen', scenario: true }, 'csv')).toBe('versorgung-kita-2,5km-goettingen-szenario.csv');
    const dated = deepFreeze(
      input.facilities.map((facility, index): CoverageFacilityInput => ({ ...facility, geprueftAm: index === 0 ? '2025-03-12' : null, quelle: index === 1 ? 'Trägerliste 04/2024' : null })),
    );
    const analysis = analyseCoverage(setup, { facilities: dated, category: 'familienzentrum', radiusKm: 4.5 });
    const lines = coverageSourceLines({ method: setup.surface.method, territorySources: territory.sources, analysis, reachLabel: real.reach.label });
    expect(lines.map((line) => line.label).slice(0, 4)).toEqual(['Bezug', 'Einwohner', 'Einrichtungen', 'Reichweite']);
    expect(lines[0]!.text).toBe('3 Sozialräume (ohne Teststadt D); Gebiete außerhalb werden gezeigt, aber nicht mitgezählt');
    // The Stand comes from the facilities' own dates: one checked, one with a dated source, two without.
    expect(lines[2]!.text).toBe(
      'Ressourcenkarte: 2 gezählt (in Betrieb, bestätigt) · 1 geplant, 1 geschlossen, nicht mitgezählt · ' +
        'Stand 04.2024 bis 12.03.2025 (Geprüft am oder Datum der Quelle) · 1 von 4 geprüft · 2 ohne Datum',
    );
    expect(lines[1]!.text).toContain('Zensus 2022');
    expect(facilityCountText(9, { zaehlt: 9, geplant: 2, geschlossen: 0, unbestaetigt: 1, ausserhalb: 1 })).toBe(
      '9 gezählt (in Betrieb, bestätigt) · 2 geplant, 1 unbestätigt, nicht mitgezählt · 1 außerhalb des Planungsraums, nicht mitgezählt',
    );
  });
});

describe('gap squares and places', () => {
  it('sums the residents not reached into 1 km squares of the EPSG:3035 grid', () => {
    const squares = gapSquares(setup.grid, real.result.unversorgtProZelle);
    const total = squares.reduce((sum, square) => sum + square.einwohner, 0);
    const unreached = real.result.unversorgtProZelle.reduce((sum, value) => sum + value, 0);
    expect(total).toBeCloseTo(unreached, 6);
    for (const square of squares) {
      expect(square.x % 1000).toBe(0);
      expect(square.y % 1000).toBe(0);
      expect(square.einwohner).toBeGreaterThanOrEqual(0.5);
    }
    expect(new Set(squares.map((square) => square.id)).size).toBe(squares.length);
  });

  it('draws squares and reach as closed WGS84 rings at the right places', () => {
    const ring = squareRing(4318000, 3153000);
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    expect(toLaea(ring[2]!).map((value) => Math.round(value))).toEqual([4319000, 3154000]);
    const centre = fromLaea([4318050, 3153250]);
    const circle = reachRing(centre, 4500, 36);
    expect(circle).toHaveLength(37);
    for (const position of circle) {
      const [x, y] = toLaea(position);
      expect(Math.hypot(x - 4318050, y - 3153250)).toBeCloseTo(4500, 3);
    }
  });

  it('names the places in unreached cells and the Sozialraum of a point', () => {
    const reached = fromLaea([4318050, 3153250]);
    const far = fromLaea([4318050 - 6000, 3153250]);
    const places = [
      { name: 'Nah', lng: reached[0], lat: reached[1], einwohner: 1000 },
      { name: 'Fern', lng: far[0], lat: far[1], einwohner: 1000 },
    ];
    const farCell = cellIndex(setup.grid, ...(toLaea(far) as [number, number]));
    expect([setup.inKreis[farCell], real.result.mask[farCell]]).toEqual([1, 0]);
    expect(settlementsInGaps(setup, real.result, places).map((place) => place.name)).toEqual(['Fern']);
    expect(sozialraumAt(setup, reached)?.id).toBe('oelsen');
    expect(sozialraumAt(setup, [0, 0])).toBeNull();
  });
});

describe('coverage map layers', () => {
  it('are valid together with the base style and the territory layers', () => {
    const style: StyleSpecification = buildBaseStyle('http://localhost:5173');
    for (const id of [TERRITORY_SOURCE, ...Object.values(COVERAGE_SOURCES)]) {
      style.sources[id] = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };
    }
    for (const { layer, beforeId } of [...territoryLayers(), ...coverageLayers()]) {
      const index = beforeId === null ? style.layers.length : style.layers.findIndex((existing) => existing.id === beforeId);
      expect(index).toBeGreaterThanOrEqual(0);
      style.layers.splice(index, 0, layer);
    }
    const errors = validateStyleMin(style).map((error) => error.message);
    expect(errors).toEqual([]);
    // The choropleth sits above the Sozialraum fill and below every line.
    const order = style.layers.map((layer) => layer.id);
    expect(order.indexOf('versorgung-anteil')).toBeGreaterThan(order.indexOf('sozialraum-flaeche'));
    expect(order.indexOf('versorgung-luecken')).toBeLessThan(order.indexOf('sozialraum-linie'));
  });
});

describe('inputs stay untouched', () => {
  it('scenarioFacilities and gapSquares do not mutate their input', () => {
    const facilities: CoverageFacilityInput[] = deepFreeze(input.facilities.map((facility) => ({ ...facility, lage: [...facility.lage] })));
    expect(() => scenarioFacilities(facilities, deepFreeze(addHypothetical(EMPTY_SCENARIO, [1, 2]).scenario), 'familienzentrum')).not.toThrow();
    const copy = Float64Array.from(real.result.unversorgtProZelle);
    gapSquares(setup.grid, real.result.unversorgtProZelle);
    expect(real.result.unversorgtProZelle).toEqual(copy);
  });
});
