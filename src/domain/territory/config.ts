import { parseCsvTable } from '../csv';
import { districtConfigProblems } from './districtSchema';
import type { DistrictConfig, GemeindeRecord } from './types';

/** Thrown for a district definition that cannot be used; the message names file and field. */
export class DistrictConfigError extends Error {
  constructor(
    readonly problems: string[],
    /** The file, e.g. geodata/<id>/district.json */
    readonly where: string,
  ) {
    super(`${where}: ${problems.join('; ')}`);
    this.name = 'DistrictConfigError';
  }
}

const AGS_PATTERN = /^\d{8}$/;

/**
 * Validates geodata/<id>/district.json (schema: districtSchema.ts). Reports every problem at
 * once, so that a planner editing the file sees all of them in one run instead of one per attempt.
 */
export function parseDistrictConfig(value: unknown, where = 'district.json'): DistrictConfig {
  const { config, problems } = districtConfigProblems(value);
  if (!config) throw new DistrictConfigError(problems, where);
  return config;
}

/** Reads geodata/<id>/gemeinden.csv. */
export function parseGemeindenCsv(text: string, where = 'gemeinden.csv'): GemeindeRecord[] {
  const problems: string[] = [];
  const records = parseCsvTable(text).map(({ line, values: row }) => {
    const raw = (row.einwohner_zensus2022 ?? '').trim();
    const einwohner = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!AGS_PATTERN.test(row.ags ?? '')) problems.push(`Zeile ${line}: ags „${row.ags}“ ist kein Gemeindeschlüssel`);
    if (!Number.isInteger(einwohner) || einwohner < 0) {
      problems.push(`Zeile ${line}: einwohner_zensus2022 „${row.einwohner_zensus2022}“ ist keine ganze Zahl`);
    }
    const keys2016 = (row.ags_vg250_2016 ?? '').split(';').filter(Boolean);
    if (keys2016.length === 0 || !keys2016.every((key) => AGS_PATTERN.test(key))) {
      problems.push(`Zeile ${line}: ags_vg250_2016 „${row.ags_vg250_2016}“ fehlt oder ist ungültig`);
    }
    return {
      ags: row.ags ?? '',
      name: row.name ?? '',
      typ: row.typ ?? '',
      verband: row.verband ?? '',
      einwohner,
      agsVg250_2016: keys2016,
    };
  });
  if (problems.length > 0) throw new DistrictConfigError(problems, where);
  return records;
}

export interface AssignmentIssue {
  ags: string;
  message: string;
}

/**
 * Every municipality must be in exactly one Sozialraum or explicitly outside, and every key
 * named in the definition must exist. Returns the issues instead of throwing so that tests
 * and the build script can list them all.
 */
export function checkAssignment(config: DistrictConfig, gemeinden: GemeindeRecord[]): AssignmentIssue[] {
  const issues: AssignmentIssue[] = [];
  const known = new Map(gemeinden.map((g) => [g.ags, g]));
  const placements = new Map<string, string[]>();
  const place = (ags: string, where: string) => {
    placements.set(ags, [...(placements.get(ags) ?? []), where]);
  };
  for (const unit of config.sozialraeume) unit.gemeinden.forEach((ags) => place(ags, `Sozialraum „${unit.name}“`));
  for (const unit of config.ausserhalb) unit.gemeinden.forEach((ags) => place(ags, `außerhalb „${unit.name}“`));

  for (const [ags, where] of placements) {
    if (!known.has(ags)) issues.push({ ags, message: `${ags} (${where.join(', ')}) steht nicht in gemeinden.csv` });
    if (where.length > 1) issues.push({ ags, message: `${ags} ist mehrfach zugeordnet: ${where.join(', ')}` });
  }
  for (const gemeinde of gemeinden) {
    if (!gemeinde.ags.startsWith(config.kreisAgs)) {
      issues.push({ ags: gemeinde.ags, message: `${gemeinde.ags} ${gemeinde.name} liegt nicht im Kreis ${config.kreisAgs}` });
    }
    if (!placements.has(gemeinde.ags)) {
      issues.push({
        ags: gemeinde.ags,
        message: `${gemeinde.ags} ${gemeinde.name} ist weder einem Sozialraum zugeordnet noch als außerhalb markiert`,
      });
    }
  }
  return issues;
}
