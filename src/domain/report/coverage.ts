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
