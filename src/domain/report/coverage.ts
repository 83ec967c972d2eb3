import { analyseCoverage, type CoverageFacilityInput } from '../coverage/analysis';
import { prepareCoverage, type CoverageSetup } from '../coverage/coverage';
import { formatShare } from '../coverage/precision';
import type { PopulationSurface } from '../coverage/surface';
import type { FacilityCategory } from '../facilities/catalog';
import type { TerritoryFile } from '../territory/types';

/**
 * The coverage per category for the report: the share of residents with a counted facility
 * within the category's reach, per Sozialraum, Sozialregion and the planning area, from the same
 * analysis as the tab „Versorgung“ and `npm run atlas -- coverage` (domain/coverage/analysis.ts),
 * rounded as they round it („ca. 87 %“ on an approximate surface).
 */

export interface ReportCoverage {
  /** Per category id: the reach („5 km Luftlinie“) and the share as shown per area key („sozialraum:adelebsen“). */
  byCategory: Record<string, { reach: string; shares: Record<string, string> }>;
  /** What the residents rest on, for the note and the sources. */
  method: string;
}

/** `setup`: prepared once per district and surface (prepareCoverage costs about a second for Göttingen); made here when absent. */
export function reportCoverage(
  territory: TerritoryFile,
  surface: PopulationSurface,
  facilities: readonly CoverageFacilityInput[],
  categories: readonly Pick<FacilityCategory, 'id' | 'reachKm'>[],
  setup: CoverageSetup = prepareCoverage(territory, surface),
): ReportCoverage {
  const byCategory: ReportCoverage['byCategory'] = {};
  for (const category of categories) {
    if (!facilities.some((facility) => facility.category === category.id && !facility.geloescht)) continue;
    const analysis = analyseCoverage(setup, { facilities, category: category.id, radiusKm: category.reachKm, distances: false });
    const shares: Record<string, string> = {};
    const { result, precision } = analysis;
    for (const row of [...result.sozialraeume, ...result.sozialregionen, result.planungsraum]) {
      shares[`${row.kind}:${row.id}`] = formatShare(row.anteilVersorgt, precision.erreicht);
    }
    byCategory[category.id] = { reach: analysis.reach.label, shares };
  }
  return { byCategory, method: `${surface.method.titel} (${surface.method.stand}; ${surface.method.quelle})` };
}

/** A facility category in one area: what is recorded there and the share of its residents within reach. */
export interface CategoryRow {
  category: string;
  label: string;
  colour: string;
  inOperation: number;
  planned: number;
  closed: number;
  /** Share of the area's residents within the category's reach („ca. 87 %“), or null without a facility in operation anywhere. */
  covered: string | null;
}

/** A facility as the rows count it. */
export interface CountedFacility {
  category: string;
  status: string;
}

const NOTHING_COVERED = /^(ca\. )?0(,0)? %$/;

/**
 * The categories of an area (report section and profile page alike): `facilities` are those in the
 * area, `key` the area's key in the coverage („sozialraum:adelebsen“). A category with nothing
 * recorded here is kept when its facilities nearby still reach some of the area's residents.
 */
export function categoryRows(
  categories: readonly Pick<FacilityCategory, 'id' | 'label' | 'colour'>[],
  facilities: readonly CountedFacility[],
  coverage: ReportCoverage | null,
  key: string,
): CategoryRow[] {
  return categories
    .map((category) => {
      const own = facilities.filter((facility) => facility.category === category.id);
      return {
        covered: coverage?.byCategory[category.id]?.shares[key] ?? null,
        category: category.id,
        label: category.label,
        colour: category.colour,
        inOperation: own.filter((facility) => facility.status === 'in Betrieb').length,
        planned: own.filter((facility) => facility.status === 'geplant').length,
        closed: own.filter((facility) => facility.status === 'geschlossen').length,
      };
    })
    .filter((row) => row.inOperation + row.planned + row.closed > 0 || (row.covered !== null && !NOTHING_COVERED.test(row.covered)));
}

/** What „versorgt“ means, with each category's reach and the residents' basis; null when nothing was computed. */
export function coverageNote(coverage: ReportCoverage | null, categories: readonly Pick<FacilityCategory, 'id' | 'label'>[]): string | null {
  if (!coverage || Object.keys(coverage.byCategory).length === 0) return null;
  const reaches = Object.entries(coverage.byCategory)
    .map(([id, entry]) => `${categories.find((category) => category.id === id)?.label ?? id} ${entry.reach}`)
    .join(', ');
  return `Versorgt: Anteil der Einwohner mit einer Einrichtung der Kategorie (in Betrieb, bestätigt, im Planungsraum) in ihrer Reichweite (${reaches}), wie im Reiter „Versorgung“. Einwohner: ${coverage.method}.`;
}
