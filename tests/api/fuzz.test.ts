// Property test over every route of the OpenAPI document (fast-check): random and hostile values
// for every path parameter, query parameter and body field (control characters, NUL, huge and
// deeply nested values, dates outside the calendar, script addresses, wrong types, wrong content
// types), as an administrator and anonymously. The property: never a 5xx, every refusal is JSON
// with a message, and the server still answers afterwards. Bounded to about 20 s.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, POINTS, addUser, facilityAt, startTestApi, type TestApi } from './support/testServer';

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

interface Operation {
  method: string;
  path: string;
  parameters: { in: string; name: string; schema?: JsonSchema }[];
  body: JsonSchema | null;
}

let api: TestApi;
let admin: Client;
const anonymous = () => new Client(api, { address: '192.0.2.99' });
const ids = { facility: '', user: '', session: '' };
let operations: Operation[] = [];

const ADMIN = 'fuzz-admin@test.invalid';

beforeAll(async () => {
  api = await startTestApi();
  await addUser(api, ADMIN, 'admin');
  admin = new Client(api, { address: '10.9.9.9' });
  await admin.login(ADMIN);
  const created = await admin.request('POST', '/api/districts/goettingen/facilities', facilityAt(POINTS.adelebsen));
  ids.facility = created.body.id;
  ids.user = (await addUser(api, 'fuzz-ziel@test.invalid', 'koordination')).id;
  ids.session = (await admin.request('GET', '/api/session/sessions')).body.sessions[0].id;
  const doc = (await admin.request('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, { parameters?: Operation['parameters']; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>> };
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path: path,
      parameters: operation.parameters ?? [],
      body: operation.requestBody?.content['application/json']?.schema ?? null,
    })),
  );
  operations.push({ method: 'GET', path: '/api/session', parameters: [], body: null }, { method: 'GET', path: '/api/health', parameters: [], body: null });
}, 60_000);

afterAll(async () => api?.close());

const CONTROL = fc.constantFrom('\u0000', '\u0001', '\u0007', '\b', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u2028', '\ud800', '\udfff', '\ufeff');

/** Strings a careless or hostile client sends. */
const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  { weight: 3, arbitrary: fc.tuple(fc.string({ maxLength: 10 }), CONTROL, fc.string({ maxLength: 10 })).map(([a, c, b]) => a + c + b) },
  { weight: 2, arbitrary: fc.constantFrom(
    '',
    ' ',
    '%00',
    "' OR 1=1 --",
    '"; DROP TABLE facilities; --',
    '<script>alert(1)</script>',
    'javascript:alert(1)',
    'data:text/html,<b>x</b>',
    'vbscript:msgbox(1)',
    '2024-02-30',
    '0000-00-00',
    '9999-12-31',
    '2024-13',
    '__proto__',
    'constructor',
    '../../etc/passwd',
    'ä'.repeat(300),
    'x'.repeat(5000),
    '\u0000'.repeat(50),
    '𝄞'.repeat(100),
    'NaN',
    '-1',
    '1e309',
  ) },
);

const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, -1, 2 ** 31, 2 ** 31 - 1, 2 ** 53, -(2 ** 53), 1e308, -1e308, 0.5, 5e-324),
);

const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  hostileString,
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant(Array(3000).fill('Eltern')),
);

const typesOf = (schema: JsonSchema) => (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []);

/** A value for a schema: mostly plausible, often hostile, sometimes of another type altogether. */
function valueFor(schema: JsonSchema, name: string, depth = 0): fc.Arbitrary<unknown> {
  const variants = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (variants) return fc.oneof(...variants.map((variant) => valueFor(variant, name, depth)));
  if (name === 'lage') return fc.oneof(fc.constantFrom(...Object.values(POINTS)), anyJson);
  let plausible: fc.Arbitrary<unknown>;
  const types = typesOf(schema);
  if (schema.enum) plausible = fc.constantFrom(...schema.enum);
  else if (types.includes('object') && schema.properties && depth < 3) {
    const entries = Object.entries(schema.properties).map(([key, property]) => [key, valueFor(property, key, depth + 1)] as const);
    plausible = fc.record(Object.fromEntries(entries), { requiredKeys: [] });
  } else if (types.includes('array') && schema.prefixItems) plausible = fc.tuple(...schema.prefixItems.map((item) => valueFor(item, name, depth + 1)));
  else if (types.includes('array') && schema.items && depth < 3) plausible = fc.array(valueFor(schema.items, name, depth + 1), { maxLength: 3 });
  else if (types.includes('integer') || types.includes('number')) plausible = hostileNumber;
  else if (types.includes('boolean')) plausible = fc.boolean();
  else if (types.includes('null')) plausible = fc.constant(null);
  else plausible = hostileString;
  return fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 1, arbitrary: anyJson });
}

/** A path segment as sent: percent-encoded, a lone surrogate as the bytes it would have in UTF-8. */
const encodeSegment = (value: string) =>
  [...value]
    .map((character) => {
      try {
        return encodeURIComponent(character);
      } catch {
        return '%ED%A0%80';
      }
    })
    .join('');

function pathValue(name: string): fc.Arbitrary<string> {
  const known = name === 'district' ? ['goettingen', 'potsdam-mittelmark', 'unbekannt'] : [ids.facility, ids.user, ids.session, '00000000-0000-4000-8000-000000000000'];
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...known) },
    { weight: 1, arbitrary: hostileString.filter((value) => value !== '').map(encodeSegment) },
    // Broken percent-encodings, sent as they are.
    { weight: 1, arbitrary: fc.constantFrom('%', '%ZZ', '%C0%AF', '%00', '%E0%A4%A', '..%2F..%2F') },
  );
}

// Valid values by field name, so that a body with one hostile field gets past the others.
const VALID: Record<string, () => unknown> = {
  baseVersion: () => 1,
  toVersion: () => 1,
  lage: () => POINTS.duderstadt,
  name: () => 'Fuzz-Kita',
  category: () => 'kita',
  lagegenauigkeit: () => 'adresse',
  email: () => 'fuzz-neu@test.invalid',
  passwort: () => 'Ein sicheres Passwort fürs Fuzzen',
  neuesPasswort: () => 'Ein anderes sicheres Passwort',
  rolle: () => 'planung',
  rows: () => [facilityAt(POINTS.duderstadt, { name: 'Fuzz-Import' })],
  dateiname: () => 'fuzz.csv',
  changes: () => ({ name: 'Fuzz-Name' }),
  key: () => 'konto:niemand@test.invalid',
  zustaendigkeiten: () => [],
};

function validBody(schema: JsonSchema): Record<string, unknown> {
  return Object.fromEntries(Object.keys(schema.properties ?? {}).flatMap((key) => (VALID[key] ? [[key, VALID[key]()]] : [])));
}

/** A valid body with one field replaced by a random or hostile value. */
function oneFieldHostile(schema: JsonSchema): fc.Arbitrary<unknown> {
  const keys = Object.keys(schema.properties ?? {});
  if (keys.length === 0) return fc.constant({});
  return fc.constantFrom(...keys).chain((key) => valueFor(schema.properties![key]!, key, 1).map((value) => ({ ...validBody(schema), [key]: value })));
}

const DEEP_JSON = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;

/** What goes over the wire: JSON of the generated body, or a broken body, with some content type. */
const wire = (body: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 6, arbitrary: body.map((value) => ({ text: JSON.stringify(value), type: 'application/json' })) },
    { weight: 1, arbitrary: fc.constantFrom('{', '{"a":', 'null', '[]', '"text"', DEEP_JSON, '{"__proto__":{"admin":true}}').map((text) => ({ text, type: 'application/json' })) },
    { weight: 1, arbitrary: fc.tuple(body, fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/json; charset=latin1', 'APPLICATION/JSON')).map(([value, type]) => ({ text: JSON.stringify(value), type })) },
  );

/** A generated value as query text: String() throws for objects with an own `toString` that is not a function. */
function asQueryText(value: unknown): string {
  try {
    return String(value);
  } catch {
    return JSON.stringify(value, (_, inner: unknown) => (typeof inner === 'bigint' ? inner.toString() : inner)) ?? '';
  }
}

function requestFor(operation: Operation) {
  const pathParameters = operation.parameters.filter((parameter) => parameter.in === 'path');
  const queryParameters = operation.parameters.filter((parameter) => parameter.in === 'query');
  return fc.record({
    path: fc.tuple(...pathParameters.map((parameter) => pathValue(parameter.name))).map((values) =>
      pathParameters.reduce((path, parameter, index) => path.replace(`{${parameter.name}}`, values[index]!), operation.path),
    ),
    query: fc.oneof(
      fc.constant({}),
      { weight: 3, arbitrary: fc.constantFrom(...queryParameters.map((parameter) => parameter.name), 'unbekannt').chain((name) =>
        valueFor(queryParameters.find((parameter) => parameter.name === name)?.schema ?? {}, name).map((value) => ({ [name]: asQueryText(value) })),
      ) },
      fc.record(Object.fromEntries(queryParameters.map((parameter) => [parameter.name, valueFor(parameter.schema ?? {}, parameter.name).map(asQueryText)])), { requiredKeys: [] }),
    ),
    body: operation.body
      ? fc.option(wire(fc.oneof(valueFor(operation.body, 'body'), { weight: 3, arbitrary: oneFieldHostile(operation.body) }, fc.constant(validBody(operation.body)))), { freq: 8 })
      : fc.constant(null),
    signedIn: fc.boolean(),
  });
}

describe('every route, random and hostile input', () => {
  it('never answers 5xx, refuses in JSON with a message, and keeps running', async () => {
    expect(operations.length).toBeGreaterThan(20);
    const seen = new Map<string, Set<number>>();
    for (const operation of operations) {
      await fc.assert(
        fc.asyncProperty(requestFor(operation), async ({ path, query, body, signedIn }) => {
          const search = new URLSearchParams(query as Record<string, string>).toString();
          const url = search ? `${path}?${search}` : path;
          const client = signedIn ? admin : anonymous();
          const headers: Record<string, string> = body ? { 'content-type': body.type } : {};
          const response = await client.request(operation.method, url, body?.text, headers);
          const label = `${operation.method} ${operation.path}`;
          if (!seen.has(label)) seen.set(label, new Set());
          seen.get(label)!.add(response.status);
          expect(response.status, `${operation.method} ${url} ${body?.text.slice(0, 200)} → ${response.text.slice(0, 300)}`).toBeLessThan(500);
          if (response.status >= 400) {
            expect(typeof response.body?.error, `${operation.method} ${url}: ${response.text.slice(0, 300)}`).toBe('string');
            expect(response.body.error.length).toBeGreaterThan(0);
          }
          // Fuzzing the own sessions may sign the administrator out: sign in again.
          if (signedIn && (await admin.request('GET', '/api/session')).body.user === null) await admin.login(ADMIN);
        }),
        { numRuns: 32 },
      );
    }
    expect((await new Client(api).request('GET', '/api/health')).status).toBe(200);
    // The fuzzing reached past validation on most routes, not only the 400 of a bad body.

    const beyondValidation = [...seen.values()].filter((statuses) => [...statuses].some((status) => status < 300 || [403, 404, 409, 422].includes(status)));
    expect(beyondValidation.length).toBeGreaterThan(operations.length / 2);
  }, 240_000);
});
