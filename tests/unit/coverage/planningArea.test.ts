// The planning area as the base of every figure, on the synthetic Testkreis: its three
// Sozialräume plan for 1,950 residents; Teststadt D (3,000 residents, with its own youth office)
// and the Testforst (7) are in the Kreis but outside the planning area. They are context:
// never counted, never a gap, never a suggested site; a facility there does not count either.
import { describe, expect, it } from 'vitest';
import { analyseCoverage, coverageBasis, coverageTableRows, type CoverageFacilityInput } from '../../../src/domain/coverage/analysis';
import { isEmptyFinding } from '../../../src/domain/coverage/counting';
import { prepareCoverage } from '../../../src/domain/coverage/coverage';
import { cellIndex } from '../../../src/domain/coverage/raster';
import { fromLaea, toLaea } from '../../../src/domain/coverage/surface';
import { surfaceFromGrid } from '../../../src/domain/coverage/zensusGrid';
import { gapSquares } from '../../../src/domain/coverageView/gaps';
import { planningAreaOf } from '../../../src/domain/territory/planningArea';
import { deepFreeze } from '../support/fixtures';
import { syntheticTerritory } from '../support/syntheticDistrict';
import { coverageInput } from './support';

const territory = syntheticTerritory();
const input = coverageInput();
const setup = prepareCoverage(territory, surfaceFromGrid(territory, input.grid));
const teststadt = territory.ausserhalb.features.find((feature) => feature.properties.id === 'teststadt-d')!;
/** A family centre in operation in Teststadt D, right among its 3,000 residents. */
const inTeststadt: CoverageFacilityInput = { id: 'f-stadt', category: 'familienzentrum', status: 'in Betrieb', geloescht: false, lage: fromLaea([4317550, 3158750]) };
const facilities = deepFreeze([...input.facilities, inTeststadt]);
const analysis = analyseCoverage(setup, { facilities, category: 'familienzentrum', radiusKm: 4.5, best: 3 });
const { result } = analysis;

/** Whether an EPSG:3035 point lies in Teststadt D (by the raster the analysis uses). */
const inStadt = (x: number, y: number) => {
  const cell = cellIndex(setup.grid, x, y);
  return cell >= 0 && setup.inKreis[cell] === 1 && setup.inPlanungsraum[cell] === 0;
};

describe('the planning area of the synthetic Testkreis', () => {
  it('is named by the definition and holds the Sozialräume residents only', () => {
    expect(planningAreaOf(territory)).toMatchObject({ umfang: 'sozialraeume', name: '3 Sozialräume (ohne Teststadt D)', genitiv: 'der 3 Sozialräume', einwohner: 6186 + 12000 + 3000 + 9186, ausserhalb: ['teststadt-d', 'testforst'] });
    expect(teststadt.properties.einwohner).toBe(50000);
  });

  it('is the base of the headline and the total row: 1,950 residents, not the Kreis with Teststadt D', () => {
    expect(result.planungsraum).toMatchObject({ kind: 'planungsraum', name: '3 Sozialräume (ohne Teststadt D)', einwohner: 1950, versorgt: 650 });
    expect(result.kreis.einwohner).toBe(4957);
    expect(coverageTableRows(result).at(-1)).toBe(result.planungsraum);
    expect(coverageBasis(analysis, setup)).toMatchObject({ name: '3 Sozialräume (ohne Teststadt D)', umfang: 'sozialraeume', einwohner: 1950 });
  });

  it('does not count a facility in Teststadt D, names it apart, and reaches nobody with it', () => {
    expect(analysis.facilities.map((facility) => facility.id)).toEqual(['f1', 'f2']);
    expect(analysis.bestand.states.get('f-stadt')).toBe('ausserhalb');
    expect(analysis.bestand.planungsraum).toEqual({ zaehlt: 2, geplant: 1, geschlossen: 1, unbestaetigt: 0, ausserhalb: 1 });
    const without = analyseCoverage(setup, { facilities: input.facilities, category: 'familienzentrum', radiusKm: 4.5 });
    expect(result.planungsraum.versorgt).toBe(without.result.planungsraum.versorgt);
    expect(result.kreis.einrichtungen).toBe(2);
  });

  it('draws no gap square and suggests no site inside Teststadt D', () => {
    expect(analysis.suggestions.length).toBeGreaterThan(0);
    for (const site of analysis.suggestions) {
      expect(inStadt(site.x, site.y)).toBe(false);
      expect(site.sozialraumId).not.toBeNull();
    }
    // The 1,000 unreached residents of D1 are no gap: only the planning area's unreached residents are.
    const squares = gapSquares(setup.grid, result.unversorgtProZelle);
    const total = squares.reduce((sum, square) => sum + square.einwohner, 0);
    expect(total).toBeCloseTo(result.planungsraum.einwohner - result.planungsraum.versorgt, 9);
    const d1 = toLaea(fromLaea([4317550, 3159750]));
    expect(squares.find((square) => square.x === Math.floor(d1[0] / 1000) * 1000 && square.y === Math.floor(d1[1] / 1000) * 1000)).toBeUndefined();
  });

  it('counts only confirmed facilities in operation, and an empty category is no finding', () => {
    const unconfirmed = facilities.map((facility) => (facility.id === 'f2' ? { ...facility, bestaetigung: 'unbestätigt' as const } : facility));
    const doubtful = analyseCoverage(setup, { facilities: unconfirmed, category: 'familienzentrum', radiusKm: 4.5 });
    expect(doubtful.facilities.map((facility) => facility.id)).toEqual(['f1']);
    expect(doubtful.bestand.planungsraum).toMatchObject({ zaehlt: 1, unbestaetigt: 1 });
    expect(doubtful.bestand.sozialraeume.get('puehberg')).toMatchObject({ zaehlt: 0, unbestaetigt: 1 });
    expect(isEmptyFinding(doubtful.bestand.planungsraum)).toBe(false);
    const kita = analyseCoverage(setup, { facilities, category: 'grundschule', radiusKm: 3 });
    expect(isEmptyFinding(kita.bestand.planungsraum)).toBe(true);
    // Only a facility outside the planning area: still nothing recorded where the figures are about.
    const onlyOutside = analyseCoverage(setup, { facilities: [inTeststadt], category: 'familienzentrum', radiusKm: 4.5 });
    expect(isEmptyFinding(onlyOutside.bestand.planungsraum)).toBe(true);
  });

  it('on a Kreis-wide planning area counts Teststadt D as well', () => {
    const wide = deepFreeze({ ...territory, district: { ...territory.district, planungsraum: { umfang: 'kreis' as const, name: 'Landkreis Testkreis', genitiv: 'des Landkreises Testkreis' } } });
    const wideSetup = prepareCoverage(wide, surfaceFromGrid(wide, input.grid));
    const wideAnalysis = analyseCoverage(wideSetup, { facilities, category: 'familienzentrum', radiusKm: 4.5 });
    expect(wideAnalysis.result.planungsraum.einwohner).toBe(result.kreis.einwohner);
    expect(wideAnalysis.facilities.map((facility) => facility.id)).toEqual(['f1', 'f2', 'f-stadt']);
  });
});
