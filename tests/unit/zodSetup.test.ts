// The browser's zod (src/zodSetup.ts, which vite.config.ts puts in place of every `zod` import):
// a schema parsed anywhere in the browser, not only through parseGerman, answers in German words.
import { describe, expect, it } from 'vitest';
import { z } from '../../src/zodSetup';
import { CreateUserSchema } from '../../src/domain/facilities/schema';

const messages = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe("the browser's zod configuration", () => {
  it('words issues of a plain safeParse in German, not in zod’s English or half-German locale', () => {
    expect(messages(z.object({ name: z.string(), n: z.number().max(10) }), { n: 'drei' })).toEqual(['name: fehlt', 'n: muss eine Zahl sein (ist ein Text)']);
    expect(messages(z.object({ t: z.string().max(3) }), { t: 'vier' })).toEqual(['t: darf höchstens 3 Zeichen lang sein']);
  });

  it('words what the user administration shows under its inputs in German', () => {
    const problems = messages(CreateUserSchema, { email: 'a@example.org', name: 'A', rolle: 'kaiser', passwort: 'lang genug und eigen 2026' });
    expect(problems).toEqual(['rolle: muss einer dieser Werte sein: „koordination“, „planung“, „admin“']);
  });

  it('is jitless, so no parser is compiled with eval under the Content-Security-Policy', () => {
    expect(z.config().jitless).toBe(true);
  });
});
