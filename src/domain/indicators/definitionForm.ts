import { parseGerman } from '../schemaProblems';
import { definitionListProblems, type DataLevel, type IndicatorDefinition, type IndicatorKind, type Polarity, type TimeReference } from './catalog';
import { PlannerDefinitionSchema } from './schema';

/**
 * The form „Eigene Kennzahl“ as pure functions: the values of its fields (text as typed),
 * a definition from them checked with the API's own schema (PlannerDefinitionSchema) and
 * against the district's catalogue, with each problem in German at its field.
 */

export interface DefinitionFormValues {
  id: string;
  name: string;
  definition: string;
  einheit: string;
  thema: string;
  art: IndicatorKind;
  /** Counts and means: where the values are collected. */
  ebene: DataLevel;
  polaritaet: Polarity;
  zeitbezug: TimeReference;
  /** Shares and rates: the counts summed into numerator and denominator. */
  zaehler: string[];
  nenner: string[];
  faktor: string;
  /** Means: the count they are weighted with. */
  gewicht: string;
  negativZulaessig: boolean;
  hinweis: string;
  quelleTabelle: string;
  quelleHerausgeber: string;
  quelleLizenz: string;
  quelleNamensnennung: string;
}

export type DefinitionField = keyof DefinitionFormValues;

export const DEFINITION_FIELD_LABELS: Record<DefinitionField, string> = {
  id: 'Kennung (für Adressen und Dateien)',
  name: 'Name',
  definition: 'Definition (was genau gezählt wird)',
  einheit: 'Einheit',
  thema: 'Thema',
  art: 'Art',
  ebene: 'Erhoben je',
  polaritaet: 'Richtung',
  zeitbezug: 'Zeitbezug',
  zaehler: 'Zähler',
  nenner: 'Nenner',
  faktor: 'Faktor (100 für %, 1000 für „je 1.000“)',
  gewicht: 'Gewichtet mit',
  negativZulaessig: 'Darf negativ sein (z. B. ein Saldo)',
  hinweis: 'Hinweis für Lesende',
  quelleTabelle: 'Quelle: Tabelle oder Erhebung',
  quelleHerausgeber: 'Quelle: Herausgeber',
  quelleLizenz: 'Quelle: Lizenz',
  quelleNamensnennung: 'Quelle: Namensnennung',
};

export const KIND_LABELS: Record<IndicatorKind, string> = { anzahl: 'Anzahl', anteil: 'Anteil (Zähler / Nenner)', quote: 'Quote (Zähler / Nenner)', mittelwert: 'Mittelwert' };
export const LEVEL_LABELS: Record<DataLevel, string> = { gemeinde: 'Gemeinde', sozialraum: 'Sozialraum', kreis: 'Kreis' };
export const POLARITY_LABELS: Record<Polarity, string> = { 'hoeher-besser': 'höher ist besser', 'niedriger-besser': 'niedriger ist besser', neutral: 'keine Wertung' };
export const TIME_REFERENCE_LABELS: Record<TimeReference, string> = { stichtag: 'Bestand am Stichtag', jahressumme: 'Summe über das Jahr', jahresdurchschnitt: 'Durchschnitt des Jahres' };

export function emptyDefinitionValues(): DefinitionFormValues {
  return {
    id: '',
    name: '',
    definition: '',
    einheit: '',
    thema: 'Eigene Kennzahlen',
    art: 'anzahl',
    ebene: 'sozialraum',
    polaritaet: 'neutral',
    zeitbezug: 'stichtag',
    zaehler: [],
    nenner: [],
    faktor: '100',
    gewicht: '',
    negativZulaessig: false,
    hinweis: '',
    quelleTabelle: '',
    quelleHerausgeber: '',
    quelleLizenz: '',
    quelleNamensnennung: '',
  };
}

/** The form's values for a stored definition (to edit it). */
export function definitionValues(definition: IndicatorDefinition): DefinitionFormValues {
  const values = emptyDefinitionValues();
  return {
    ...values,
    id: definition.id,
    name: definition.name,
    definition: definition.definition,
    einheit: definition.einheit,
    thema: definition.thema,
    art: definition.art,
    ebene: definition.art === 'anzahl' || definition.art === 'mittelwert' ? definition.ebene : values.ebene,
    polaritaet: definition.polaritaet,
    zeitbezug: definition.zeitbezug,
    zaehler: definition.art === 'anteil' || definition.art === 'quote' ? [...definition.zaehler] : [],
    nenner: definition.art === 'anteil' || definition.art === 'quote' ? [...definition.nenner] : [],
    faktor: definition.art === 'anteil' || definition.art === 'quote' ? String(definition.faktor) : values.faktor,
    gewicht: definition.art === 'mittelwert' ? definition.gewicht : '',
    negativZulaessig: definition.art === 'anzahl' && definition.negativZulaessig === true,
    hinweis: definition.hinweis ?? '',
    quelleTabelle: definition.quelle.tabelle,
    quelleHerausgeber: definition.quelle.herausgeber,
    quelleLizenz: definition.quelle.lizenz,
    quelleNamensnennung: definition.quelle.namensnennung,
  };
}

/**
 * A suggested id from the name: lower case, umlauts spelt out, everything else a hyphen.
 *
 * @example idFromName('Schulabgänger ohne Abschluss') // 'schulabgaenger-ohne-abschluss'
 */
export function idFromName(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** The fields the form shows for a kind. */
export function fieldsFor(art: IndicatorKind): DefinitionField[] {
  const common: DefinitionField[] = ['name', 'id', 'definition', 'einheit', 'thema', 'art'];
  const own: DefinitionField[] =
    art === 'anzahl' ? ['ebene', 'negativZulaessig'] : art === 'mittelwert' ? ['ebene', 'gewicht'] : ['zaehler', 'nenner', 'faktor'];
  return [...common, ...own, 'polaritaet', 'zeitbezug', 'hinweis', 'quelleTabelle', 'quelleHerausgeber', 'quelleLizenz', 'quelleNamensnennung'];
}

const trimmed = (text: string) => text.trim();
const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());
/** A German number as typed („1.000“, „0,5“); NaN when it is none, so the schema names the field. */
const numberOf = (text: string) => {
  const normal = text.trim().replace(/\./g, '').replace(',', '.');
  return normal === '' ? Number.NaN : Number(normal);
};

/** What a definition may carry that the form does not show (set in the catalogue file or through the API): kept on a change. */
const KEPT_FIELDS = ['nachkommastellen', 'brueche', 'geheimhaltung', 'zeitraumSumme', 'mindestNenner', 'mindestGewicht'] as const;

/** The definition the API gets, before it is checked; `base` is the stored one being changed. */
function rawDefinition(values: DefinitionFormValues, base: IndicatorDefinition | null): Record<string, unknown> {
  const stored = (base ?? {}) as Record<string, unknown>;
  const kept = base && base.art === values.art ? Object.fromEntries(KEPT_FIELDS.filter((field) => stored[field] !== undefined).map((field) => [field, stored[field]])) : {};
  const common = {
    ...kept,
    id: trimmed(values.id),
    name: trimmed(values.name),
    definition: trimmed(values.definition),
    einheit: trimmed(values.einheit),
    thema: trimmed(values.thema),
    polaritaet: values.polaritaet,
    zeitbezug: values.zeitbezug,
    hinweis: optional(values.hinweis),
    quelle: {
      ...(base?.quelle ?? {}),
      tabelle: trimmed(values.quelleTabelle),
      herausgeber: trimmed(values.quelleHerausgeber),
      lizenz: trimmed(values.quelleLizenz),
      namensnennung: trimmed(values.quelleNamensnennung),
    },
  };
  switch (values.art) {
    case 'anzahl':
      return { ...common, art: 'anzahl', ebene: values.ebene, ...(values.negativZulaessig ? { negativZulaessig: true } : {}) };
    case 'mittelwert':
      return { ...common, art: 'mittelwert', ebene: values.ebene, gewicht: trimmed(values.gewicht) };
    case 'anteil':
    case 'quote':
      return { ...common, art: values.art, zaehler: values.zaehler, nenner: values.nenner, faktor: numberOf(values.faktor) };
  }
}

/** Where a problem of the schema belongs in the form. */
function fieldOfPath(path: readonly PropertyKey[]): DefinitionField | null {
  const [first, second] = path;
  if (first === 'quelle') {
    const sub = { tabelle: 'quelleTabelle', herausgeber: 'quelleHerausgeber', lizenz: 'quelleLizenz', namensnennung: 'quelleNamensnennung' } as const;
    return typeof second === 'string' && second in sub ? sub[second as keyof typeof sub] : 'quelleTabelle';
  }
  return typeof first === 'string' && first in DEFINITION_FIELD_LABELS ? (first as DefinitionField) : null;
}

export type DefinitionCheck =
  | { ok: true; definition: IndicatorDefinition }
  | { ok: false; errors: Partial<Record<DefinitionField, string>>; /** Problems of the definition as a whole. */ general: string[] };

/**
 * The definition from the form, checked as the server checks it: the schema (German messages
 * at their fields) and the catalogue (components that exist, are counts and share one level;
 * a new id not taken). `others` are the district's other definitions.
 */
export function checkDefinition(values: DefinitionFormValues, others: readonly IndicatorDefinition[], { base }: { /** The stored definition being changed; null for a new one. */ base: IndicatorDefinition | null }): DefinitionCheck {
  const isNew = base === null;
  const errors: Partial<Record<DefinitionField, string>> = {};
  const general: string[] = [];
  if (isNew && others.some((definition) => definition.id === values.id.trim())) errors.id = `„${values.id.trim()}“ ist schon vergeben`;
  if (values.art === 'anteil' || values.art === 'quote') {
    if (values.zaehler.length === 0) errors.zaehler = 'bitte mindestens eine Anzahl wählen';
    if (values.nenner.length === 0) errors.nenner = 'bitte mindestens eine Anzahl wählen';
    else if (values.nenner.some((id) => values.zaehler.includes(id))) errors.nenner = 'darf keine Kennzahl des Zählers enthalten';
  }
  const parsed = parseGerman(PlannerDefinitionSchema, rawDefinition(values, base));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path);
      if (field === null) general.push(issue.message);
      else errors[field] ??= issue.message;
    }
    return { ok: false, errors, general };
  }
  for (const problem of definitionListProblems([parsed.data], others.filter((definition) => definition.id !== parsed.data.id), 'kennzahl')) {
    const text = problem.replace(/^kennzahl\[0\] „[^“]*“:?\s*/, '');
    const field = (['zaehler', 'nenner', 'gewicht'] as const).find((name) => text.startsWith(`${name} `));
    if (field) errors[field] ??= text.slice(field.length + 1).replace(/^„[^“]*“ /, '');
    else general.push(text);
  }
  if (Object.keys(errors).length > 0 || general.length > 0) return { ok: false, errors, general };
  return { ok: true, definition: parsed.data };
}

/**
 * What the form says when someone else changed or deleted the definition since it was opened
 * (the server's 409 names the current version).
 *
 * @example definitionConflictMessage({ version: 3, geloescht: false }) // 'Jemand anderes hat diese Kennzahl inzwischen geändert (jetzt Version 3). …'
 */
export function definitionConflictMessage(current: { version?: unknown; geloescht?: unknown } | null | undefined): string {
  const advice = 'Ihre Änderung wurde nicht gespeichert. Laden Sie die aktuelle Fassung neu und tragen Sie Ihre Änderung dann noch einmal ein.';
  if (current?.geloescht === true) return `Jemand anderes hat diese Kennzahl inzwischen gelöscht. ${advice}`;
  const version = typeof current?.version === 'number' ? ` (jetzt Version ${current.version})` : '';
  return `Jemand anderes hat diese Kennzahl inzwischen geändert${version}. ${advice}`;
}
