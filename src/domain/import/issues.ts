import type { z } from 'zod';
import { FIELD_KEYS, fieldDefinition } from '../facilities/fields';

// German names of the facility fields in import messages, by their path in FacilityFieldsSchema
// ("foerderung.seit"); from the field registry (facilities/fields.ts).
const FIELD_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  FIELD_KEYS.flatMap((key) => {
    const { label, import: reading } = fieldDefinition(key);
    const parts = Object.entries(reading.partNames ?? {}).map(([part, name]) => [`${key}.${part}`, name]);
    return [[key, reading.messageName ?? label], ...parts];
  }),
);

/** The German name of a schema path: ['foerderung', 'seit'] → "Förderung seit", ['lage', 0] → "Lage". */
export function fieldName(path: readonly PropertyKey[]): string {
  const keys = path.filter((key): key is string => typeof key === 'string');
  return FIELD_NAMES[keys.join('.')] ?? FIELD_NAMES[keys[0] ?? ''] ?? keys.join('.');
}

/**
 * Turns zod issues of FacilityFieldsSchema into German sentences that name the field the way
 * users know it ("Quelle ist zu lang (höchstens 500 Zeichen)"). Issues of fields listed in
 * `skip` are left out: the import has already reported a more specific message for them.
 *
 * @example translateIssues(FacilityFieldsSchema.safeParse(input).error.issues)
 */
export function translateIssues(issues: readonly z.core.$ZodIssue[], skip: ReadonlySet<string> = new Set()): string[] {
  const messages = new Set<string>();
  for (const issue of issues) {
    const top = issue.path[0];
    if (typeof top === 'string' && skip.has(top)) continue;
    messages.add(translateIssue(issue));
  }
  return [...messages];
}

function translateIssue(issue: z.core.$ZodIssue): string {
  const name = fieldName(issue.path);
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? `${name} fehlt` : `${name} ist zu kurz (mindestens ${issue.minimum} Zeichen)`;
      }
      return issue.origin === 'number' ? `${name} ist zu klein (mindestens ${issue.minimum})` : `${name} hat zu wenige Einträge`;
    case 'too_big':
      if (issue.origin === 'string') return `${name} ist zu lang (höchstens ${issue.maximum} Zeichen)`;
      return issue.origin === 'number' ? `${name} ist zu groß (höchstens ${issue.maximum})` : `${name} hat zu viele Einträge`;
    case 'invalid_format':
      if (issue.format === 'email') return `${name} ist keine gültige E-Mail-Adresse`;
      if (issue.format === 'url') return `${name} ist keine gültige Web-Adresse`;
      return `${name} hat ein ungültiges Format`;
    case 'invalid_value':
      return `${name}: nicht erlaubter Wert (möglich: ${issue.values.map(String).join(', ')})`;
    case 'invalid_type':
      if (issue.expected === 'int') return `${name} muss eine ganze Zahl sein`;
      return issue.input === undefined ? `${name} fehlt` : `${name} hat einen ungültigen Wert`;
    default:
      return `${name}: ${issue.message}`;
  }
}
