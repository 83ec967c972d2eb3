// zod's problems in German words: what every edge shows when a schema has no message of its own.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { parseGerman, problemLines } from '../../src/domain/schemaProblems';

const problems = (schema: z.ZodType, value: unknown) => {
  const parsed = parseGerman(schema, value);
  return parsed.success ? [] : problemLines(parsed.error.issues);
};

describe('germanIssueMessage through parseGerman', () => {
  it.each([
    ['a missing field', z.object({ name: z.string() }), {}, 'name: fehlt'],
    ['a wrong type', z.object({ n: z.number() }), { n: 'drei' }, 'n: muss eine Zahl sein (ist ein Text)'],
    ['an empty text', z.object({ t: z.string().min(1) }), { t: '' }, 't: darf nicht leer sein'],
    ['a long text', z.object({ t: z.string().max(3) }), { t: 'vier' }, 't: darf höchstens 3 Zeichen lang sein'],
    ['a large number', z.object({ n: z.number().max(100_000) }), { n: 200_000 }, 'n: darf höchstens 100.000 sein'],
    ['a small number, exclusive', z.object({ n: z.number().positive() }), { n: 0 }, 'n: muss größer als 0 sein'],
    ['too few entries', z.array(z.string()).min(2), ['a'], 'braucht mindestens 2 Einträge'],
    ['a bad e-mail address', z.object({ m: z.string().email() }), { m: 'x' }, 'm: ist keine gültige E-Mail-Adresse'],
    ['a bad uuid', z.string().uuid(), 'abc', 'ist keine gültige Kennung (UUID)'],
    ['a bad pattern', z.string().regex(/^\d{5}$/), '3707', 'hat nicht die erwartete Form („3707“)'],
    ['an unknown option', z.enum(['a', 'b']), 'c', 'muss einer dieser Werte sein: „a“, „b“'],
    ['an unknown field', z.strictObject({ a: z.string() }), { a: 'x', b: 1 }, 'enthält das unbekannte Feld „b“'],
    ['no form of a union', z.union([z.string(), z.number()]), true, 'hat keine der erlaubten Formen'],
  ])('%s', (_, schema, value, expected) => {
    expect(problems(schema, value)).toEqual([expected]);
  });

  it('keeps the message a schema gives itself', () => {
    expect(problems(z.object({ plz: z.string().regex(/^\d{5}$/, 'PLZ hat fünf Ziffern') }), { plz: '1' })).toEqual(['plz: PLZ hat fünf Ziffern']);
  });
});
