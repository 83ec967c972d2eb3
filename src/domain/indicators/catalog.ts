import { z } from 'zod';
import { fieldPath, parseGerman } from '../schemaProblems';
import { identifier, isoDate, list, objectOf, text } from '../territory/districtSchema';

/**
 * The Kennzahlen catalogue of a district: geodata/<id>/kennzahlen.json (reviewed like code)
 * plus the definitions planners add in the app. Every definition says what it counts, where
 * the figures come from, at which level they are collected, whether higher is better and how
 * small numbers are protected. Rates, shares and means are never stored: they are computed
 * from their counts at every level, so that an aggregate is right by construction.
 */

export const INDICATOR_KINDS = ['anzahl', 'anteil', 'quote', 'mittelwert'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
export const POLARITIES = ['hoeher-besser', 'niedriger-besser', 'neutral'] as const;
export type Polarity = (typeof POLARITIES)[number];
/** Where values are collected; the levels above are aggregated, the ones below stay empty. */
export const DATA_LEVELS = ['gemeinde', 'sozialraum', 'kreis'] as const;
export type DataLevel = (typeof DATA_LEVELS)[number];
/** A stock on a day, a flow over a year, or a year's average: decides how a date is read out. */
export const TIME_REFERENCES = ['stichtag', 'jahressumme', 'jahresdurchschnitt'] as const;
export type TimeReference = (typeof TIME_REFERENCES)[number];

const positiveInteger = (message: string) => z.number({ error: message }).int({ error: message }).min(1, { error: message });
const positiveNumber = (message: string) => z.number({ error: message }).positive({ error: message });

export const SourceSchema = objectOf(
  {
    id: identifier().optional(),
    /** Table code and title as the publisher names it: "12411-01-01-5 Bevölkerung nach Geschlecht". */
    tabelle: text(),
    herausgeber: text(),
    lizenz: text(),
    /** The attribution the licence asks for, shown beside every figure. */
    namensnennung: text(),
    /** Date of the data as published (e.g. the export's „Stand“), where the source names one. */
    stand: isoDate().optional(),
    url: z.url({ protocol: /^https?$/, error: 'muss eine http(s)-Adresse sein' }).optional(),
  },
  'muss ein Objekt {tabelle, herausgeber, lizenz, namensnennung} sein',
);
export type IndicatorSource = z.output<typeof SourceSchema>;

/** Primary suppression of small counts: values 0 < |x| < mindestwert are shown as „•“. */
export const PrivacyRuleSchema = z.union(
  [
    z.literal('keine'),
    objectOf({ mindestwert: positiveInteger('muss eine ganze Zahl ab 1 sein'), hinweis: text().optional() }, 'muss „keine“ oder {mindestwert} sein'),
  ],
  { error: 'muss „keine“ oder {mindestwert} sein' },
);
export type PrivacyRule = z.output<typeof PrivacyRuleSchema>;

/** A break in a series: values from `ab` on are not comparable with the ones before. */
export const SeriesBreakSchema = objectOf({ ab: isoDate(), hinweis: text() }, 'muss ein Objekt {ab, hinweis} sein');

const keyList = z.array(identifier(), { error: 'muss eine nicht leere Liste von Kennzahl-ids sein' }).min(1, { error: 'muss eine nicht leere Liste von Kennzahl-ids sein' });

/** The fields every kind shares; `quelle` is a source id in the file and an object in the app. */
function commonShape<Q extends z.ZodType>(quelle: Q) {
  return {
    id: identifier(),
    name: text(),
    /** One or two sentences: what exactly is counted or computed. */
    definition: text(),
    einheit: text(),
    /** Group in lists and profiles: Bevölkerung, Altersstruktur, Wanderung … */
    thema: text(),
    polaritaet: z.enum(POLARITIES, { error: 'muss „hoeher-besser“, „niedriger-besser“ oder „neutral“ sein' }),
    quelle,
    zeitbezug: z.enum(TIME_REFERENCES, { error: 'muss „stichtag“, „jahressumme“ oder „jahresdurchschnitt“ sein' }).default('stichtag'),
    nachkommastellen: z.number({ error: 'muss eine ganze Zahl 0–3 sein' }).int({ error: 'muss eine ganze Zahl 0–3 sein' }).min(0).max(3).optional(),
    /** What a reader must know (double counting, estimates …). */
    hinweis: text().optional(),
    brueche: list(SeriesBreakSchema).optional(),
  };
}

const level = () => z.enum(DATA_LEVELS, { error: 'muss „gemeinde“, „sozialraum“ oder „kreis“ sein' });

function definitionSchema<Q extends z.ZodType>(quelle: Q) {
  const common = commonShape(quelle);
  const count = objectOf(
    {
      ...common,
      art: z.literal('anzahl'),
      ebene: level(),
      /** Without a rule of its own the district's default applies. */
      geheimhaltung: PrivacyRuleSchema.optional(),
      /** A balance (Wanderungssaldo) may be negative; every other count may not. */
      negativZulaessig: z.boolean({ error: 'muss true oder false sein' }).optional(),
      /** A total over all dates is shown (flows only), so protection spans the years. */
      zeitraumSumme: z.boolean({ error: 'muss true oder false sein' }).optional(),
    },
    'ist kein Objekt',
  );
  const ratio = <Art extends 'anteil' | 'quote'>(art: Art) =>
    objectOf(
      {
        ...common,
        art: z.literal(art),
        /** Counts summed into the numerator and denominator, at the same level. */
        zaehler: keyList,
        nenner: keyList,
        /** 100 for per cent, 1000 for „je 1.000“. */
        faktor: positiveNumber('muss eine positive Zahl sein (100 für %, 1000 für „je 1.000“)'),
        /** Rates on fewer than this many in the denominator are suppressed as unreliable. */
        mindestNenner: positiveNumber('muss eine positive Zahl sein').optional(),
      },
      'ist kein Objekt',
    );
  const mean = objectOf(
    {
      ...common,
      art: z.literal('mittelwert'),
      ebene: level(),
      /** The count each mean is weighted with when areas are combined (e.g. the persons it averages over). */
      gewicht: identifier(),
      /** Means over fewer than this weight are suppressed (primary). */
      mindestGewicht: positiveNumber('muss eine positive Zahl sein').optional(),
    },
    'ist kein Objekt',
  );
  return z.discriminatedUnion('art', [count, ratio('anteil'), ratio('quote'), mean], {
    error: (issue) =>
      issue.code === 'invalid_union' && (issue as { note?: string }).note === 'No matching discriminator'
        ? 'art muss „anzahl“, „anteil“, „quote“ oder „mittelwert“ sein'
        : undefined,
  });
}

/** A definition as the app uses it: the source resolved to an object. */
export const IndicatorDefinitionSchema = definitionSchema(SourceSchema);
export type IndicatorDefinition = z.output<typeof IndicatorDefinitionSchema>;
export type IndicatorDefinitionInput = z.input<typeof IndicatorDefinitionSchema>;
export type CountDefinition = Extract<IndicatorDefinition, { art: 'anzahl' }>;
export type RatioDefinition = Extract<IndicatorDefinition, { art: 'anteil' | 'quote' }>;
export type MeanDefinition = Extract<IndicatorDefinition, { art: 'mittelwert' }>;

export const DEFAULT_PRIVACY_HINT =
  'Wie bei der Bundesagentur für Arbeit: Zahlen 1 und 2 und Werte, aus denen sie sich errechnen ließen, werden als „•“ gezeigt.';

export const CatalogueFileSchema = objectOf(
  {
    /** The district's default for counts without a rule of their own. */
    geheimhaltung: objectOf({ mindestwert: positiveInteger('muss eine ganze Zahl ab 1 sein'), hinweis: text() }, 'muss ein Objekt {mindestwert, hinweis} sein'),
    quellen: list(SourceSchema.extend({ id: identifier() })),
    kennzahlen: list(definitionSchema(identifier())),
  },
  'ist kein JSON-Objekt',
);

/** Whence a definition: reviewed in the repository, or added by a planner in the app. */
export type Origin = 'geodata' | 'eigene';

export interface CatalogueEntry {
  definition: IndicatorDefinition;
  herkunft: Origin;
}

/** A district's catalogue: the default privacy rule and every definition, shipped first. */
export interface IndicatorCatalogue {
  geheimhaltung: { mindestwert: number; hinweis: string };
  entries: CatalogueEntry[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The rules that span definitions: unique ids, components that exist, are counts and share
 * one level. `known` are definitions outside the list (a planner's new one is checked against
 * the whole catalogue). Each problem names the definition by its place and id.
 */
export function definitionListProblems(definitions: readonly unknown[], known: readonly IndicatorDefinition[] = [], where = 'kennzahlen'): string[] {
  const problems: string[] = [];
  const all = new Map<string, Record<string, unknown>>(known.map((definition) => [definition.id, definition as unknown as Record<string, unknown>]));
  definitions.forEach((definition, index) => {
    if (!isObject(definition) || typeof definition.id !== 'string') return;
    if (all.has(definition.id)) problems.push(`${where}[${index}]: id „${definition.id}“ kommt mehrfach vor`);
    else all.set(definition.id, definition);
  });
  const levelOf = (id: string): unknown => all.get(id)?.ebene;
  definitions.forEach((definition, index) => {
    if (!isObject(definition)) return;
    const place = `${where}[${index}] „${String(definition.id)}“`;
    const components: [string, unknown][] =
      definition.art === 'mittelwert'
        ? [['gewicht', [definition.gewicht]]]
        : definition.art === 'anteil' || definition.art === 'quote'
          ? [
              ['zaehler', definition.zaehler],
              ['nenner', definition.nenner],
            ]
          : [];
    const levels = new Set<unknown>(definition.art === 'mittelwert' ? [definition.ebene] : []);
    for (const [field, ids] of components) {
      if (!Array.isArray(ids)) continue;
      for (const id of ids) {
        if (typeof id !== 'string') continue;
        const component = all.get(id);
        if (!component) problems.push(`${place}: ${field} nennt die unbekannte Kennzahl „${id}“`);
        else if (component.art !== 'anzahl') problems.push(`${place}: ${field} „${id}“ ist keine Anzahl`);
        else levels.add(levelOf(id));
      }
      if (new Set(ids).size !== ids.length) problems.push(`${place}: ${field} nennt eine Kennzahl mehrfach`);
    }
    // A rate may combine levels (places per Kreis over children per Gemeinde summed up to the
    // Kreis); a mean is weighted area by area, so its weight must come where the means come.
    if (definition.art === 'mittelwert' && levels.size > 1) problems.push(`${place}: gewicht muss auf derselben Ebene erhoben sein wie der Mittelwert`);
  });
  return problems;
}

/** A problem of the file as a planner reads it: „kennzahlen[3] „anteil_u3“ …: message“. */
function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  const [listName, index] = issue.path;
  const entry = isObject(value) && Array.isArray(value[listName as string]) && typeof index === 'number' ? (value[listName as string] as unknown[])[index] : undefined;
  const id = isObject(entry) && typeof entry.id === 'string' ? ` „${entry.id}“` : '';
  const rest = issue.path.slice(2);
  const head = typeof index === 'number' ? `${String(listName)}[${index}]${id}` : fieldPath(issue.path);
  const field = typeof index === 'number' && rest.length > 0 ? ` ${fieldPath(rest)}` : '';
  return issue.path.length === 0 ? issue.message : `${head}${field}${/^[A-ZÄÖÜ]/.test(issue.message) ? ':' : ''} ${issue.message}`;
}

/**
 * Every problem of geodata/<id>/kennzahlen.json at once, and the catalogue when there are
 * none: the definitions with their sources resolved.
 */
export function catalogueFileProblems(value: unknown): { catalogue: IndicatorCatalogue | null; problems: string[] } {
  const parsed = parseGerman(CatalogueFileSchema, value);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => describeIssue(issue, value));
  if (isObject(value) && Array.isArray(value.kennzahlen)) {
    problems.push(...definitionListProblems(value.kennzahlen));
    const sourceIds = new Set(Array.isArray(value.quellen) ? value.quellen.map((source) => (isObject(source) ? source.id : undefined)) : []);
    value.kennzahlen.forEach((definition, index) => {
      if (isObject(definition) && typeof definition.quelle === 'string' && !sourceIds.has(definition.quelle)) {
        problems.push(`kennzahlen[${index}] „${String(definition.id)}“: quelle „${definition.quelle}“ steht nicht in quellen`);
      }
    });
  }
  const unique = [...new Set(problems)];
  if (!parsed.success || unique.length > 0) return { catalogue: null, problems: unique };
  const sources = new Map(parsed.data.quellen.map((source) => [source.id, source]));
  return {
    catalogue: {
      geheimhaltung: parsed.data.geheimhaltung,
      entries: parsed.data.kennzahlen.map((definition) => ({
        definition: { ...definition, quelle: sources.get(definition.quelle)! } as IndicatorDefinition,
        herkunft: 'geodata' as const,
      })),
    },
    problems: [],
  };
}

/** The definition of an id, or undefined. */
export function findDefinition(catalogue: IndicatorCatalogue, id: string): IndicatorDefinition | undefined {
  return catalogue.entries.find((entry) => entry.definition.id === id)?.definition;
}

/** The level a definition's values come at; a rate's is the coarsest of its counts'. */
export function dataLevelOf(catalogue: IndicatorCatalogue, definition: IndicatorDefinition): DataLevel {
  if (definition.art === 'anzahl' || definition.art === 'mittelwert') return definition.ebene;
  const levels = [...definition.zaehler, ...definition.nenner].map((id) => {
    const component = findDefinition(catalogue, id);
    return component && component.art === 'anzahl' ? component.ebene : 'kreis';
  });
  return levels.reduce<DataLevel>((coarsest, level) => (DATA_LEVELS.indexOf(level) > DATA_LEVELS.indexOf(coarsest) ? level : coarsest), 'gemeinde');
}

/** Whether values of this definition are stored (counts, means) or computed (rates, shares). */
export const isStored = (definition: IndicatorDefinition): definition is CountDefinition | MeanDefinition =>
  definition.art === 'anzahl' || definition.art === 'mittelwert';

/** Decimals to show: counts none, everything else one, unless the definition says. */
export const decimalsOf = (definition: IndicatorDefinition): number => definition.nachkommastellen ?? (definition.art === 'anzahl' ? 0 : 1);
