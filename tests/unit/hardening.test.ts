// The pure parts of the hardening: field rules of the registry, the shared password rules, the
// CSP's online map origins, the log's redaction and the throttle's back-off.
import { describe, expect, it } from 'vitest';
import { BASEMAPS } from '../../src/map/basemaps';
import { FacilityFieldsSchema, FacilityFilterSchema } from '../../src/domain/facilities/schema';
import { safeWebAddress } from '../../src/domain/facilities/fields';
import { passwordProblems } from '../../src/domain/facilities/passwordPolicy';
import { backOffSeconds, throttlePolicy } from '../../src/server/auth/loginThrottle';
import { passwordPolicyProblems } from '../../src/server/auth/passwordPolicy';
import { redact } from '../../src/server/errors';
import { BASEMAP_ORIGINS, CONTENT_SECURITY_POLICY } from '../../src/server/security';

const base = { category: 'kita', name: 'Kita', lage: [9.9, 51.5], lagegenauigkeit: 'adresse' };
const problemsOf = (changes: Record<string, unknown>) => {
  const result = FacilityFieldsSchema.safeParse({ ...base, ...changes });
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('field rules of the registry', () => {
  it('refuses control characters in one-line text and keeps line breaks and tabs in Angebote', () => {
    expect(problemsOf({ name: 'A\u0000B' })).toEqual(['name: enthält Steuerzeichen (z. B. Tabulator, Zeilenumbruch oder NUL), bitte entfernen']);
    expect(problemsOf({ ort: 'a\tb' })).toHaveLength(1);
    expect(problemsOf({ quelle: 'kaputt\ud800' })).toHaveLength(1);
    expect(problemsOf({ angebote: 'eins\r\nzwei\tdrei' })).toEqual([]);
    expect(FacilityFieldsSchema.parse({ ...base, angebote: 'eins\r\nzwei' }).angebote).toBe('eins\nzwei');
    expect(problemsOf({ angebote: 'eins\u0001' })).toHaveLength(1);
  });

  it('takes only calendar dates between 1900 and 2100', () => {
    for (const geprueftAm of ['2024-02-30', '0000-00-00', '2023-02-29', '1899-12-31', '2024-1-01']) expect(problemsOf({ geprueftAm }), geprueftAm).not.toEqual([]);
    expect(problemsOf({ geprueftAm: '2024-02-29' })).toEqual([]);
    expect(problemsOf({ foerderung: { programm: 'Plus', seit: '2019-13' } })).not.toEqual([]);
    expect(problemsOf({ foerderung: { programm: 'Plus', seit: '2019-08' } })).toEqual([]);
  });

  it('stores web addresses only with http:, https: or mailto:', () => {
    for (const web of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'data:text/html,x', 'vbscript:x', 'java\tscript:alert(1)', 'file:///etc/passwd']) {
      expect(safeWebAddress(web), web).toBeNull();
      expect(problemsOf({ web }), web).not.toEqual([]);
    }
    for (const web of ['https://example.org/', 'http://example.org/a?b=c', 'mailto:kita@example.org']) expect(problemsOf({ web }), web).toEqual([]);
  });

  it('bounds lists and the filter', () => {
    expect(problemsOf({ zielgruppen: ['Eltern', 'Eltern'] })).toEqual(['zielgruppen: jede Zielgruppe nur einmal']);
    expect(FacilityFilterSchema.safeParse({ category: 'kita; DROP' }).success).toBe(false);
    expect(FacilityFilterSchema.safeParse({ q: 'x'.repeat(201) }).success).toBe(false);
  });
});

describe('password rules', () => {
  it('say in German what is wrong without the dictionary, and the server adds the common passwords', () => {
    expect(passwordProblems('kurz', { email: 'a@b.de' })).toEqual(['Passwort braucht mindestens 12 Zeichen']);
    expect(passwordProblems('anna.meier@kreis.de', { email: 'anna.meier@kreis.de' })).toEqual(['Das Passwort darf nicht die E-Mail-Adresse sein oder nur aus ihr bestehen']);
    expect(passwordProblems('annameier2024', { email: 'anna.meier@kreis.de' })).toHaveLength(1);
    expect(passwordProblems('ababababababab', { email: 'x@y.de' })).toEqual(['Das Passwort besteht nur aus einem oder zwei verschiedenen Zeichen']);
    expect(passwordProblems('Kaffeetasse unter dem Regenbogen', { email: 'anna.meier@kreis.de', name: 'Anna Meier' })).toEqual([]);
    for (const common of ['123456789012', 'passwort1234', 'qwertzuiop12', 'iloveyou1234', 'passwordpassword']) {
      expect(passwordPolicyProblems(common, { email: 'x@y.de' }), common).toHaveLength(1);
    }
    expect(passwordPolicyProblems('Kaffeetasse unter dem Regenbogen', { email: 'x@y.de' })).toEqual([]);
  });
});

describe('the Content-Security-Policy', () => {
  it('lets MapLibre fetch the tiles of every online background map the layer panel offers', () => {
    const origins = BASEMAPS.flatMap((basemap) => (basemap.source?.tiles ?? []).map((url: string) => new URL(url.replace(/[{}]/g, '')).origin));
    expect(origins.length).toBeGreaterThan(0);
    for (const origin of origins) {
      expect(BASEMAP_ORIGINS).toContain(origin);
      expect(CONTENT_SECURITY_POLICY.connectSrc).toContain(origin);
      expect(CONTENT_SECURITY_POLICY.imgSrc).toContain(origin);
    }
    expect(CONTENT_SECURITY_POLICY.scriptSrc).toEqual(["'self'"]);
  });
});

describe('log redaction', () => {
  it('removes hashes, tokens, cookies, passwords and quoted values but keeps ids', () => {
    const id = '0b6f8a4e-7c2d-4e8f-9a1b-2c3d4e5f6a7b';
    const line = redact(
      `Fehler bei PATCH /api/users/${id}: params: ["scrypt$32768$8$1$c2FsdA==$aGFzaA=="] cookie: sra_session=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcd passwort=Geheim123 value "Anna"`,
    );
    expect(line).toContain(id);
    for (const secret of ['scrypt$32768', 'AbCdEfGhIjKlMnOpQrStUvWxYz', 'Geheim123', 'Anna']) expect(line).not.toContain(secret);
  });
});

describe('back-off', () => {
  it('waits nothing within the allowance, then 30 s doubling up to the longest wait', () => {
    const policy = throttlePolicy({ maxLoginFailures: 5, loginWindowMinutes: 15 });
    expect([4, 5, 6, 7, 10, 11, 20].map((failures) => backOffSeconds(policy, failures, 5))).toEqual([0, 30, 60, 120, 900, 900, 900]);
  });
});
