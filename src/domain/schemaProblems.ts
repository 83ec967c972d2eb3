import { z } from 'zod';
import { de } from 'zod/locales';

/**
 * German problem lists from zod, shared by every edge that reads data it did not write
 * (district.json, the territory files, API responses). Schemas give their own German
 * message where a planner must understand it; zod's German locale covers the rest, per
 * parse, so the server's validation messages (the global zod configuration) stay as they are.
 */

const GERMAN_FALLBACK = de().localeError;

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
