import { parseCsvTable } from '../csv';
import { isCrsCode } from '../geo/projection';
import type {
  DistrictConfig,
  GemeindeRecord,
  OutsideDefinition,
  SozialraumDefinition,
  SozialregionDefinition,
  UnincorporatedDefinition,
} from './types';

/** Thrown for a district definition that cannot be used; the message names file and field. */
export class DistrictConfigError extends Error {
  constructor(
    readonly problems: string[],
    where: string,
  ) {
    super(`${where}: ${problems.join('; ')}`);
    this.name = 'DistrictConfigError';
  }
}

type Json = Record<string, unknown>;

const AGS_PATTERN = /^\d{8}$/;
const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates geodata/<id>/district.json. Reports every problem at once, so that a planner
 * editing the file sees all of them in one run instead of one per attempt.
 */
export function parseDistrictConfig(value: unknown, where = 'district.json'): DistrictConfig {
  const problems: string[] = [];
  const need = (condition: boolean, message: string) => {
    if (!condition) problems.push(message);
  };
  if (!isObject(value)) throw new DistrictConfigError(['ist kein JSON-Objekt'], where);

  const text = (key: string, object: Json = value, prefix = '') => {
    const field = object[key];
    need(typeof field === 'string' && field.trim() !== '', `${prefix}${key} fehlt oder ist leer`);
    return typeof field === 'string' ? field : '';
  };
  const list = (key: string, object: Json = value) => {
    const field = object[key];
    need(Array.isArray(field), `${key} muss eine Liste sein`);
    return Array.isArray(field) ? (field as unknown[]) : [];
  };

  const id = text('id');
  need(id === '' || ID_PATTERN.test(id), `id „${id}“ darf nur a-z, 0-9 und - enthalten`);
  text('name');
  const kreisAgs = text('kreisAgs');
  need(/^\d{5}$/.test(kreisAgs), `kreisAgs „${kreisAgs}“ ist kein fünfstelliger Kreisschlüssel`);
  const crs = text('crs');
  need(isCrsCode(crs) && crs !== 'EPSG:4326', `crs „${crs}“ ist kein unterstütztes metrisches Bezugssystem`);
  const zensusStichtag = text('zensusStichtag');
  need(/^\d{4}-\d{2}-\d{2}$/.test(zensusStichtag), 'zensusStichtag muss ein Datum JJJJ-MM-TT sein');

  const threshold = value.validityThreshold;
  need(
    isObject(threshold) && typeof threshold.einwohner === 'number' && threshold.einwohner > 0,
    'validityThreshold.einwohner muss eine positive Zahl sein',
  );
  const boundaries = value.boundaries;
  need(
    isObject(boundaries) &&
      Array.isArray(boundaries.kreisAgs2016) &&
      boundaries.kreisAgs2016.every((k) => typeof k === 'string' && /^\d{5}$/.test(k)),
    'boundaries.kreisAgs2016 muss eine Liste fünfstelliger Kreisschlüssel sein',
  );

  const regionLevel = value.regionLevel;
  need(
    regionLevel === null ||
      (isObject(regionLevel) && typeof regionLevel.singular === 'string' && typeof regionLevel.plural === 'string'),
    'regionLevel muss null oder {singular, plural} sein',
  );

  const sozialregionen = list('sozialregionen') as SozialregionDefinition[];
  const sozialraeume = list('sozialraeume') as SozialraumDefinition[];
  const ausserhalb = list('ausserhalb') as OutsideDefinition[];
  const gemeindefrei = list('gemeindefrei') as UnincorporatedDefinition[];

  const ids = new Set<string>();
  const checkUnit = (unit: unknown, kind: string, index: number) => {
    const prefix = `${kind}[${index}].`;
    if (!isObject(unit)) {
      problems.push(`${kind}[${index}] ist kein Objekt`);
      return;
    }
    const unitId = text('id', unit, prefix);
    text('name', unit, prefix);
    need(ID_PATTERN.test(unitId), `${prefix}id „${unitId}“ darf nur a-z, 0-9 und - enthalten`);
    need(!ids.has(unitId), `id „${unitId}“ kommt mehrfach vor`);
    ids.add(unitId);
  };
  sozialregionen.forEach((unit, index) => checkUnit(unit, 'sozialregionen', index));
  sozialraeume.forEach((unit, index) => {
    checkUnit(unit, 'sozialraeume', index);
    if (!isObject(unit)) return;
    const members = unit.gemeinden;
    need(
      Array.isArray(members) && members.length > 0 && members.every((a) => typeof a === 'string' && AGS_PATTERN.test(a)),
      `sozialraeume[${index}] „${String(unit.name)}“: gemeinden muss eine nicht leere Liste achtstelliger Gemeindeschlüssel sein`,
    );
    if (regionLevel === null) {
      need(unit.sozialregion === undefined, `sozialraeume[${index}]: sozialregion ohne regionLevel`);
    } else {
      need(
        typeof unit.sozialregion === 'string' && sozialregionen.some((r) => r.id === unit.sozialregion),
        `sozialraeume[${index}] „${String(unit.name)}“: unbekannte sozialregion „${String(unit.sozialregion)}“`,
      );
    }
  });
  ausserhalb.forEach((unit, index) => {
    checkUnit(unit, 'ausserhalb', index);
    if (!isObject(unit)) return;
    text('grund', unit, `ausserhalb[${index}].`);
    need(
      Array.isArray(unit.gemeinden) && unit.gemeinden.every((a) => typeof a === 'string' && AGS_PATTERN.test(a)),
      `ausserhalb[${index}].gemeinden muss eine Liste achtstelliger Gemeindeschlüssel sein`,
    );
  });
  gemeindefrei.forEach((unit, index) => {
    checkUnit(unit, 'gemeindefrei', index);
    if (isObject(unit)) need(typeof unit.ags2016 === 'string' && AGS_PATTERN.test(unit.ags2016), `gemeindefrei[${index}].ags2016 fehlt`);
  });
  if (regionLevel === null) {
    need(sozialregionen.length === 0, 'sozialregionen muss leer sein, wenn regionLevel null ist');
  } else {
    for (const region of sozialregionen) {
      need(
        sozialraeume.some((unit) => unit.sozialregion === region.id),
        `Sozialregion „${region.id}“ hat keinen Sozialraum`,
      );
    }
  }

  if (problems.length > 0) throw new DistrictConfigError(problems, where);
  return value as unknown as DistrictConfig;
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
