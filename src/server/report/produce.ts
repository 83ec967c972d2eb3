import { populationSurface } from '../../domain/coverage/analysis';
import { prepareCoverage, type CoverageSetup } from '../../domain/coverage/coverage';
import type { PopulationSurface } from '../../domain/coverage/surface';
import { buildReport, choiceProblems, type ReportDocument } from '../../domain/report/content';
import { categoryRows, coverageNote, reportCoverage } from '../../domain/report/coverage';
import { facilityStand, formatStand } from '../../domain/facilities/stand';
import { sozialraeumeBelow, type AreaNode } from '../../domain/indicators/hierarchy';
import type { IndicatorDataset } from '../../domain/indicators/dataset';
import type { AreaFacilitiesResponse } from '../../domain/indicators/schema';
import { areaRef } from '../../domain/indicators/views';
import { z } from 'zod';
import { ReportChoiceSchema, type ReportChoice } from '../../domain/report/template';
import { listTemplates, templateByName } from '../db/reportTemplates';
import type { Queryable } from '../db/database';
import { listFacilities } from '../db/facilities';
import type { DistrictRuntime } from '../districts';
import { loadDataset } from '../indicators';
import { loadPopulationGrid, storedGridInfo } from '../populationGrid';
import { renderReport, type RenderOptions } from './render';

// The profile report of a district from what is stored: the protected dataset (the same one the
// API and the command line show), the facilities of the resource map, the territory. Shared by the
// API's report jobs and the command line, so both make the same report from the same template.

/** A choice the report cannot be made from (unknown Kennzahl or area): German, for a 400 or exit code 2. */
export class ReportRefused extends Error {}

/** Today as JJJJ-MM-TT in the district's time zone (the date printed on the report). */
export function today(clock: () => Date = () => new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(clock());
}

/** The prepared coverage grid per district and stored population grid: about a second to prepare, reused by every report. */
const setups = new Map<string, { key: string; surface: PopulationSurface; setup: CoverageSetup }>();

/** The same surface as the tab „Versorgung“: the stored Zensus 2022 grid, else the Zensus 2011 distribution. */
async function coverageSetup(db: Queryable, district: DistrictRuntime): Promise<{ surface: PopulationSurface; setup: CoverageSetup }> {
  const info = await storedGridInfo(db, district.id);
  const key = info ? `gitter:${info.importedAt}:${info.cells}` : 'zensus2011';
  const known = setups.get(district.id);
  if (known && known.key === key) return known;
  const surface = populationSurface(district.territory, info ? await loadPopulationGrid(db, district.id) : null, district.zensus2011);
  const prepared = { key, surface, setup: prepareCoverage(district.territory, surface) };
  setups.set(district.id, prepared);
  return prepared;
}

export async function reportDocument(
  db: Queryable,
  district: DistrictRuntime,
  choice: ReportChoice,
  options: { producedOn: string; templateName?: string | null },
): Promise<ReportDocument> {
  const { dataset, sourceOf } = await loadDataset(db, district);
  const problems = choiceProblems(dataset, choice);
  if (problems) throw new ReportRefused(`Der Bericht lässt sich so nicht erstellen: ${problems}`);
  const facilities = await listFacilities(db, district.id, { geloescht: 'nein' });
  const { surface, setup } = await coverageSetup(db, district);
  return buildReport({
    dataset,
    sourceOf,
    territory: district.territory,
    facilities,
    categories: district.categories,
    choice,
    producedOn: options.producedOn,
    templateName: options.templateName ?? null,
    coverage: reportCoverage(district.territory, surface, facilities, district.categories, setup),
  });
}

/**
 * The facilities of an area by category with the share of its residents within reach: the rows of
 * the report's section for that area, for the profile page.
 */
export async function areaFacilities(db: Queryable, district: DistrictRuntime, dataset: IndicatorDataset, node: AreaNode): Promise<AreaFacilitiesResponse> {
  const all = await listFacilities(db, district.id, { geloescht: 'nein' });
  const { surface, setup } = await coverageSetup(db, district);
  const coverage = reportCoverage(district.territory, surface, all, district.categories, setup);
  const inArea = new Set(sozialraeumeBelow(dataset.hierarchy, node));
  const own = all.filter((facility) => facility.sozialraumId !== null && inArea.has(facility.sozialraumId));
  return {
    gebiet: areaRef(node),
    kategorien: categoryRows(district.categories, own, coverage, node.key).map((row) => ({
      id: row.category,
      name: row.label,
      inBetrieb: row.inOperation,
      geplant: row.planned,
      geschlossen: row.closed,
      versorgt: row.covered,
      reichweite: row.covered === null ? null : (coverage.byCategory[row.category]?.reach ?? null),
    })),
    hinweis: coverageNote(coverage, district.categories),
    stand: formatStand(facilityStand(own)),
  };
}

export async function produceReport(
  db: Queryable,
  district: DistrictRuntime,
  choice: ReportChoice,
  options: { producedOn: string; templateName?: string | null } & RenderOptions,
): Promise<{ document: ReportDocument; pdf: Buffer }> {
  const document = await reportDocument(db, district, choice, options);
  return { document, pdf: await renderReport(document, district.territory, options) };
}

/** What the command line asks for: a saved template by name, or a choice; either way the same report as the API's. */
export const CliReportRequestSchema = z.object({
  vorlage: z.string().min(1).max(120).nullable().default(null),
  kennzahlen: ReportChoiceSchema.shape.kennzahlen,
  gebiete: ReportChoiceSchema.shape.gebiete,
  stichtag: ReportChoiceSchema.shape.stichtag,
});
export type CliReportRequest = z.input<typeof CliReportRequestSchema>;

export const CliReportResultSchema = z.object({
  /** The PDF, base64 (through the server's JSON routes). */
  pdf: z.string(),
  seiten: z.number().int(),
  abschnitte: z.array(z.string()),
  vorlage: z.string().nullable(),
});
export type CliReportResult = z.infer<typeof CliReportResultSchema>;

/**
 * The report the command line makes: a template named `vorlage` (its choice, with the command's
 * own options on top where given), else the choice itself.
 */
export async function cliReport(db: Queryable, district: DistrictRuntime, request: CliReportRequest, producedOn: string): Promise<CliReportResult> {
  const parsed = CliReportRequestSchema.parse(request);
  let choice: ReportChoice = { kennzahlen: parsed.kennzahlen, gebiete: parsed.gebiete, stichtag: parsed.stichtag };
  let templateName: string | null = null;
  if (parsed.vorlage !== null) {
    const template = await templateByName(db, district.id, parsed.vorlage);
    if (!template) {
      const known = (await listTemplates(db, district.id)).map((each) => `„${each.name}“`);
      throw new ReportRefused(`Die Berichtsvorlage „${parsed.vorlage}“ gibt es im ${district.name} nicht. ${known.length > 0 ? `Gespeichert: ${known.join(', ')}.` : 'Es ist noch keine gespeichert.'}`);
    }
    templateName = template.name;
    choice = { kennzahlen: choice.kennzahlen ?? template.kennzahlen, gebiete: choice.gebiete ?? template.gebiete, stichtag: choice.stichtag ?? template.stichtag };
  }
  const { document, pdf } = await produceReport(db, district, choice, { producedOn, templateName });
  return { pdf: pdf.toString('base64'), seiten: document.pageCount, abschnitte: document.sections.map((section) => section.title), vorlage: templateName };
}
