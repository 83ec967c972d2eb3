import type { z } from 'zod';

/**
 * German problem lists from zod, shared by every edge that reads data (district.json, the
 * territory files, API responses in the browser, API requests on the server). Schemas give
 * their own German message where a planner must understand it; `germanIssueMessage` words
 * everything else, in German words only: zod's own German locale still says „erwartet string,
 * erhalten undefined“. Browser (src/zodSetup.ts) and server (src/server/app.ts) install it as
 * zod's configuration, so no message a user sees is English or half German; parseGerman also
 * passes it per parse, for tests and scripts that run without either. zod is imported for its
 * types only, so src/zodSetup.ts (the browser's `zod`) can import this module without a cycle.
 */

const TYPE_NAMES: Record<string, string> = {
  string: 'ein Text',
  number: 'eine Zahl',
  int: 'eine ganze Zahl',
  bigint: 'eine ganze Zahl',
  boolean: 'wahr oder falsch',
  array: 'eine Liste',
  object: 'ein Objekt',
  date: 'ein Datum',
  null: 'leer (null)',
  nan: 'eine Zahl',
  tuple: 'eine Liste',
  record: 'ein Objekt',
  map: 'eine Zuordnung',
  set: 'eine Menge',
};

const FORMAT_NAMES: Record<string, string> = {
  email: 'keine gültige E-Mail-Adresse',
  url: 'keine gültige Web-Adresse',
  uuid: 'keine gültige Kennung (UUID)',
  guid: 'keine gültige Kennung (GUID)',
  date: 'kein Datum (JJJJ-MM-TT)',
  datetime: 'kein Zeitpunkt (JJJJ-MM-TTThh:mm:ss)',
  time: 'keine Uhrzeit (hh:mm:ss)',
  ipv4: 'keine IPv4-Adresse',
  ipv6: 'keine IPv6-Adresse',
  base64: 'kein Base64-Text',
  json_string: 'kein JSON-Text',
};

const quote = (value: unknown) => `„${typeof value === 'string' ? value : JSON.stringify(value)}“`;

/** What a value is, for „muss eine Zahl sein (ist ein Text)“. */
function kindOf(input: unknown): string {
  if (input === null) return 'ist leer (null)';
  if (Array.isArray(input)) return 'ist eine Liste';
  switch (typeof input) {
    case 'string':
      return 'ist ein Text';
    case 'number':
      return Number.isNaN(input) ? 'ist keine Zahl' : 'ist eine Zahl';
    case 'boolean':
      return 'ist wahr oder falsch';
    case 'object':
      return 'ist ein Objekt';
    default:
      return `ist vom Typ ${typeof input}`;
  }
}

/** The bound of a size check in words: „höchstens 200 Zeichen“, „mindestens 1 Eintrag“. */
function sized(origin: string, bound: number | bigint, inclusive: boolean, direction: 'max' | 'min'): string {
  const n = Number(bound);
  if (origin === 'string') {
    if (direction === 'min' && n === 1) return 'darf nicht leer sein';
    return direction === 'max' ? `darf höchstens ${n} Zeichen lang sein` : `muss mindestens ${n} Zeichen lang sein`;
  }
  if (origin === 'array' || origin === 'set' || origin === 'map') {
    const items = (count: number) => `${count} ${count === 1 ? 'Eintrag' : 'Einträge'}`;
    return direction === 'max' ? `darf höchstens ${items(n)} haben` : `braucht mindestens ${items(n)}`;
  }
  const value = n.toLocaleString('de-DE');
  if (direction === 'max') return inclusive ? `darf höchstens ${value} sein` : `muss kleiner als ${value} sein`;
  return inclusive ? `muss mindestens ${value} sein` : `muss größer als ${value} sein`;
}

/**
 * zod's issues in German words, for every check a schema has no message of its own for. The
 * field comes in front where the message is shown („name: fehlt“).
 *
 * @example germanIssueMessage({ code: 'invalid_type', expected: 'string', input: undefined }) // 'fehlt'
 */
export function germanIssueMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'fehlt';
      return `muss ${TYPE_NAMES[issue.expected] ?? issue.expected} sein (${kindOf(issue.input)})`;
    case 'too_big':
      return sized(issue.origin, issue.maximum, issue.inclusive ?? true, 'max');
    case 'too_small':
      return sized(issue.origin, issue.minimum, issue.inclusive ?? true, 'min');
    case 'invalid_format':
      if (issue.format === 'regex') return `hat nicht die erwartete Form${typeof issue.input === 'string' ? ` (${quote(issue.input)})` : ''}`;
      if (issue.format === 'starts_with') return `muss mit ${quote((issue as { prefix?: string }).prefix)} beginnen`;
      if (issue.format === 'ends_with') return `muss auf ${quote((issue as { suffix?: string }).suffix)} enden`;
      if (issue.format === 'includes') return `muss ${quote((issue as { includes?: string }).includes)} enthalten`;
      return `ist ${FORMAT_NAMES[issue.format] ?? `nicht im Format ${issue.format}`}`;
    case 'not_multiple_of':
      return `muss ein Vielfaches von ${Number(issue.divisor).toLocaleString('de-DE')} sein`;
    case 'invalid_value':
      if (issue.values.length === 1) return `muss ${quote(issue.values[0])} sein`;
      return `muss einer dieser Werte sein: ${issue.values.map(quote).join(', ')}`;
    case 'unrecognized_keys':
      return issue.keys.length === 1 ? `enthält das unbekannte Feld ${quote(issue.keys[0])}` : `enthält die unbekannten Felder ${issue.keys.map(quote).join(', ')}`;
    case 'invalid_union':
      return 'hat keine der erlaubten Formen';
    case 'invalid_key':
      return 'enthält einen ungültigen Schlüssel';
    case 'invalid_element':
      return 'enthält einen ungültigen Wert';
    default:
      return 'ist ungültig';
  }
}

const GERMAN_FALLBACK = (issue: z.core.$ZodRawIssue) => germanIssueMessage(issue);

export interface ParseOptions {
  /**
   * For a value parsed once (a territory file per district): skip compiling zod's fast path,
   * which costs more than it saves on a single parse (Göttingen, best of nine: 24 ms compiled,
   * 4.5 ms without).
   */
  once?: boolean;
}

/** safeParse with German messages for every issue whose schema brings none of its own. */
export function parseGerman<S extends z.ZodType>(schema: S, value: unknown, options: ParseOptions = {}): z.ZodSafeParseResult<z.output<S>> {
  return schema.safeParse(value, { error: GERMAN_FALLBACK, jitless: options.once === true });
}

/** The place of a problem as written in the file: `sozialraeume[1].gemeinden`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text === '' ? String(key) : `${text}.${String(key)}`;
  }, '');
}

/** Every issue as one line „place: message“, in the order zod found them, each line once. */
export function problemLines(issues: readonly z.core.$ZodIssue[]): string[] {
  const lines = issues.map((issue) => (issue.path.length === 0 ? issue.message : `${fieldPath(issue.path)}: ${issue.message}`));
  return [...new Set(lines)];
}
