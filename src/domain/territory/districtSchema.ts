import { z } from 'zod';
import { CategorySchema } from '../facilities/schema';
import { isCrsCode, type ProjectedCrsCode } from '../geo/crs';
import { fieldPath, parseGerman } from '../schemaProblems';

/**
 * geodata/<id>/district.json, the one file a planner writes to add a district, as a zod
 * schema. Messages are German and say what the value must be; `districtConfigProblems`
 * puts the field in front („sozialraeume[1].id …“) and adds the rules that span several
 * fields, so a planner sees every problem of the file in one run.
 */

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const GEMEINDE_KEY = /^\d{8}$/;
const KREIS_KEY = /^\d{5}$/;

type Issue = z.core.$ZodRawIssue;

/** A required text; blank counts as missing. */
export const text = () =>
  z
    .string({ error: 'fehlt oder ist leer' })
    .refine((value) => value.trim() !== '', { error: 'fehlt oder ist leer', abort: true });

/** An id used in URLs and file names. */
export const identifier = () => text().regex(ID_PATTERN, { error: (issue) => `„${String(issue.input)}“ darf nur a-z, 0-9 und - enthalten` });

export const isoDate = () => z.iso.date({ error: 'muss ein Datum JJJJ-MM-TT sein' });

/** A list of keys, reported once for the whole list: the planner corrects the list, not its third entry. */
const keyList = (pattern: RegExp, message: string, { nonEmpty = false } = {}) =>
  z.custom<string[]>(
    (value) =>
      Array.isArray(value) &&
      (!nonEmpty || value.length > 0) &&
      value.every((key) => typeof key === 'string' && pattern.test(key)),
    { error: message },
  );

function unknownFields(keys: readonly string[]): string {
  const quoted = keys.map((key) => `„${key}“`).join(', ');
  return keys.length === 1 ? `enthält das unbekannte Feld ${quoted}` : `enthält die unbekannten Felder ${quoted}`;
}

/**
 * An object whose unknown fields are refused: the optional lists default to empty, so a
 * misspelt „ausserhalp“ would otherwise silently drop municipalities from the definition.
 */
export const objectOf = <Shape extends z.core.$ZodLooseShape>(shape: Shape, notAnObject: string) =>
  z.strictObject(shape, {
    error: (issue: Issue) => (issue.code === 'unrecognized_keys' ? unknownFields(issue.keys) : notAnObject),
  });

export const list = <Item extends z.ZodType>(item: Item) => z.array(item, { error: 'muss eine Liste sein' });

export const SozialregionDefinitionSchema = objectOf(
  {
    id: identifier(),
    name: text(),
    beschreibung: z.string({ error: 'muss ein Text sein' }).optional(),
  },
  'ist kein Objekt',
);

export const SozialraumDefinitionSchema = objectOf(
  {
    id: identifier(),
    name: text(),
    /** Einheitsgemeinde, Samtgemeinde, Amt, amtsfreie Gemeinde … */
    art: text(),
    /** Required when the district has a region level, forbidden when not (see the cross-field rules). */
    sozialregion: z.string({ error: 'muss die id einer Sozialregion sein' }).optional(),
    gemeinden: keyList(GEMEINDE_KEY, 'muss eine nicht leere Liste achtstelliger Gemeindeschlüssel sein', { nonEmpty: true }),
  },
  'ist kein Objekt',
);

/** Municipalities of the Kreis that belong to no Sozialraum (e.g. Stadt Göttingen). */
export const OutsideDefinitionSchema = objectOf(
  {
    id: identifier(),
    name: text(),
    gemeinden: keyList(GEMEINDE_KEY, 'muss eine Liste achtstelliger Gemeindeschlüssel sein'),
    grund: text(),
  },
  'ist kein Objekt',
);

/** Unincorporated areas (gemeindefreie Gebiete), identified by their 2016 boundary key. */
export const UnincorporatedDefinitionSchema = objectOf(
  {
    id: identifier(),
    name: text(),
    ags2016: z
      .string({ error: 'fehlt' })
      .regex(GEMEINDE_KEY, { error: (issue) => `„${String(issue.input)}“ ist kein achtstelliger Gemeindeschlüssel von 2016` }),
    grund: text(),
  },
  'ist kein Objekt',
);

/**
 * The area the district's Sozialraum system plans for, and so the base of every coverage figure:
 * the Sozialräume alone (Göttingen: Stadt Göttingen has its own youth office) or the whole Kreis.
 * Its words are the planner's, because German needs the genitive („der 18 Sozialräume“,
 * „des Landkreises Potsdam-Mittelmark“) and no rule derives that from a name.
 */
export const PlanningAreaDefinitionSchema = objectOf(
  {
    umfang: z.enum(['sozialraeume', 'kreis'], { error: 'muss „sozialraeume“ oder „kreis“ sein' }),
    /** As a label: "18 Sozialräume (ohne Stadt Göttingen)". */
    name: text(),
    /** In a sentence: "… von 201.151 Einwohnern der 18 Sozialräume". */
    genitiv: text(),
  },
  'muss ein Objekt {umfang, name, genitiv} sein',
);

/** The fields of district.json; the rules that span fields are in `districtConfigProblems`. */
export const DistrictConfigSchema = objectOf(
  {
    id: identifier(),
    name: text(),
    /** Kreisschlüssel today, e.g. "03159". */
    kreisAgs: text().regex(KREIS_KEY, { error: (issue) => `„${String(issue.input)}“ ist kein fünfstelliger Kreisschlüssel` }),
    /** Official metric CRS of the district, used for areas and simplification. */
    crs: z.custom<ProjectedCrsCode>((value) => typeof value === 'string' && isCrsCode(value) && value !== 'EPSG:4326', {
      error: (issue) => (issue.input === undefined ? 'fehlt' : `„${String(issue.input)}“ ist kein unterstütztes metrisches Bezugssystem`),
    }),
    /** Reference date of the population figures (ISO date). */
    zensusStichtag: isoDate(),
    validityThreshold: objectOf(
      {
        einwohner: z
          .number({ error: 'muss eine positive Zahl sein' })
          .positive({ error: 'muss eine positive Zahl sein' }),
        /** Shown in the area panel beside the threshold. */
        hinweis: text(),
      },
      'muss ein Objekt {einwohner, hinweis} sein',
    ),
    boundaries: objectOf(
      {
        /** Name the boundary source for readers of the file; the build always reads the 2016 package. */
        package: text().optional(),
        layer: text().optional(),
        /** Gebietsstand of the boundaries, shown in the source notes. */
        stand: isoDate(),
        /** Kreise of 2016 whose municipalities make up the district today. */
        kreisAgs2016: keyList(KREIS_KEY, 'muss eine Liste fünfstelliger Kreisschlüssel sein'),
      },
      'muss ein Objekt {stand, kreisAgs2016} sein',
    ),
    /** Null where the district has no published region level (Potsdam-Mittelmark). */
    regionLevel: z.union([z.null(), z.strictObject({ singular: text(), plural: text() })], {
      error: 'muss null oder {singular, plural} sein',
    }),
    sozialregionen: list(SozialregionDefinitionSchema).default(() => []),
    sozialraeume: list(SozialraumDefinitionSchema),
    ausserhalb: list(OutsideDefinitionSchema).default(() => []),
    gemeindefrei: list(UnincorporatedDefinitionSchema).default(() => []),
    planungsraum: PlanningAreaDefinitionSchema,
    /** Extra facility categories of the district (read by the server); one with a known id replaces the default. */
    kategorien: list(CategorySchema).optional(),
  },
  'ist kein JSON-Objekt',
);

/** What people maintain per district in geodata/<id>/district.json, with the empty lists filled in. */
export type DistrictConfig = z.output<typeof DistrictConfigSchema>;
export type SozialregionDefinition = z.output<typeof SozialregionDefinitionSchema>;
export type SozialraumDefinition = z.output<typeof SozialraumDefinitionSchema>;
export type OutsideDefinition = z.output<typeof OutsideDefinitionSchema>;
export type UnincorporatedDefinition = z.output<typeof UnincorporatedDefinitionSchema>;
export type PlanningAreaDefinition = z.output<typeof PlanningAreaDefinitionSchema>;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The objects of a list with their index in the file; whatever is not a list or object was already reported. */
function entries(config: Json, key: string): [Json, number][] {
  const value = config[key];
  if (!Array.isArray(value)) return [];
  return value.flatMap((unit, index): [Json, number][] => (isObject(unit) ? [[unit, index]] : []));
}

/**
 * The rules that span fields. They read the raw value, because they must also run when
 * some fields are broken: a planner sees a duplicate id and a malformed key in one run.
 */
function crossFieldProblems(config: unknown): string[] {
  if (!isObject(config)) return [];
  const problems: string[] = [];
  const sozialregionen = entries(config, 'sozialregionen');
  const sozialraeume = entries(config, 'sozialraeume');

  const ids = new Set<unknown>();
  for (const key of ['sozialregionen', 'sozialraeume', 'ausserhalb', 'gemeindefrei']) {
    for (const [unit] of entries(config, key)) {
      if (typeof unit.id !== 'string' || unit.id === '') continue;
      if (ids.has(unit.id)) problems.push(`id „${unit.id}“ kommt mehrfach vor`);
      ids.add(unit.id);
    }
  }

  const withoutRegionLevel = config.regionLevel === null;
  for (const [unit, index] of sozialraeume) {
    if (withoutRegionLevel) {
      if (unit.sozialregion !== undefined) problems.push(`sozialraeume[${index}]: sozialregion ohne regionLevel`);
    } else if (!sozialregionen.some(([region]) => region.id === unit.sozialregion)) {
      problems.push(`sozialraeume[${index}] „${String(unit.name)}“: unbekannte sozialregion „${String(unit.sozialregion)}“`);
    }
  }
  // Only a list can be counted; a broken one is reported by the schema already.
  if (Array.isArray(config.sozialraeume)) problems.push(...planningAreaProblems(config, config.sozialraeume.length));
  if (withoutRegionLevel) {
    if (sozialregionen.length > 0) problems.push('sozialregionen muss leer sein, wenn regionLevel null ist');
  } else {
    for (const [region] of sozialregionen) {
      if (!sozialraeume.some(([unit]) => unit.sozialregion === region.id)) {
        problems.push(`Sozialregion „${String(region.id)}“ hat keinen Sozialraum`);
      }
    }
  }
  return problems;
}

/**
 * A count of Sozialräume written into the planning area's words („der 18 Sozialräume“) must be
 * the count defined, or the headline would name a base the figures are not about.
 */
function planningAreaProblems(config: Json, sozialraumCount: number): string[] {
  const area = config.planungsraum;
  if (!isObject(area)) return [];
  const problems: string[] = [];
  for (const key of ['name', 'genitiv']) {
    const words = area[key];
    if (typeof words !== 'string') continue;
    for (const match of words.matchAll(/(\d+)\s+Sozialr(?:aum|äume|äumen)\b/g)) {
      if (Number(match[1]) !== sozialraumCount) {
        problems.push(`planungsraum.${key} „${words}“ nennt ${match[1]} Sozialräume, definiert sind ${sozialraumCount}`);
      }
    }
  }
  return problems;
}

/**
 * A field problem as the planner reads it: the field, then what is wrong. The messages of
 * this schema read on from the field name („name fehlt“); zod's German fallback messages
 * (e.g. for kategorien) are sentences of their own, capitalised, and follow a colon. A
 * Sozialraum is introduced by its name as well, since that is how people find it in a long file.
 */
function describeIssue(issue: z.core.$ZodIssue, config: unknown): string {
  const [list, index, field] = issue.path;
  const joined = (path: readonly PropertyKey[]) =>
    path.length === 0 ? issue.message : `${fieldPath(path)}${/^[A-ZÄÖÜ]/.test(issue.message) ? ':' : ''} ${issue.message}`;
  if (list === 'sozialraeume' && typeof index === 'number' && field !== undefined && field !== 'id' && field !== 'name') {
    const unit = isObject(config) && Array.isArray(config.sozialraeume) ? config.sozialraeume[index] : undefined;
    const name = isObject(unit) ? String(unit.name) : '';
    return `sozialraeume[${index}] „${name}“: ${joined(issue.path.slice(2))}`;
  }
  return joined(issue.path);
}

/** Every problem of a district definition at once, field problems first; the config when there are none. */
export function districtConfigProblems(value: unknown): { config: DistrictConfig | null; problems: string[] } {
  const parsed = parseGerman(DistrictConfigSchema, value);
  const fieldProblems = parsed.success ? [] : parsed.error.issues.map((issue) => describeIssue(issue, value));
  const problems = [...new Set([...fieldProblems, ...crossFieldProblems(value)])];
  return { config: parsed.success && problems.length === 0 ? parsed.data : null, problems };
}
