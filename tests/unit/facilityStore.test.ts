// The facility and session stores against a fake API (fetch replaced): loading, change
// records, undo by inversion, version conflicts and polling.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Facility } from '../../src/domain/facilities/schema';
import { ApiError, apiRequest, setCsrfToken } from '../../src/state/api';
import { mergeFacilities, useFacilityStore } from '../../src/state/facilityStore';
import { useSessionStore } from '../../src/state/sessionStore';
import { facility, nextVersion } from './support/facilities';

interface Call {
  method: string;
  url: string;
  body: unknown;
  headers: Record<string, string>;
}

/** A tiny in-memory server for the facility endpoints, enough to drive the stores. */
function fakeServer(initial: Facility[]) {
  const facilities = new Map(initial.map((item) => [item.id, item]));
  const calls: Call[] = [];
  let user = 'Anna Koordination';
  const json = (status: number, body: unknown) =>
    new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  const conflict = (current: Facility) =>
    json(409, { error: `Die Einrichtung wurde inzwischen von ${current.geaendertVon} geändert.`, code: 'version_conflict', details: { current } });

  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, url, body, headers: (init.headers ?? {}) as Record<string, string> });
    let match: RegExpExecArray | null;
    if (method === 'GET' && url.startsWith('/api/districts/goettingen/facilities')) return json(200, { facilities: [...facilities.values()] });
    if (method === 'GET' && url === '/api/districts/goettingen/categories') return json(200, { categories: [{ id: 'kita', label: 'Kita', shape: 'circle', colour: '#ef6c00', reachKm: 2 }] });
    if (method === 'GET' && url === '/api/session') return json(200, { user: null, csrfToken: null, anonymousRead: true });
    if (method === 'POST' && url === '/api/session') {
      if (body.passwort !== 'richtig') return json(401, { error: 'E-Mail-Adresse oder Passwort ist falsch.', code: 'invalid_credentials' });
      return json(200, { user: { id: '00000000-0000-4000-8000-0000000000a1', name: 'Anna', email: body.email, rolle: 'koordination', zustaendigkeiten: [], aktiv: true }, csrfToken: 'csrf-1' });
    }
    if (method === 'POST' && url === '/api/districts/goettingen/facilities') {
      const { id: _clientId, version: _clientVersion, ...fields } = body;
      const created = facility({ ...fields, version: 1, geaendertVon: user });
      facilities.set(created.id, created);
      return json(201, created);
    }
    if ((match = /^\/api\/facilities\/([^/]+)(\/restore|\/revert)?$/.exec(url))) {
      const current = facilities.get(decodeURIComponent(match[1]!));
      if (!current) return json(404, { error: 'Diese Einrichtung gibt es nicht.', code: 'not_found' });
      if (method === 'GET') return json(200, current);
      if (body.baseVersion !== current.version) return conflict(current);
      let next: Facility;
      if (method === 'PATCH') next = nextVersion(current, body.changes, user);
      else if (method === 'DELETE') next = nextVersion(current, { geloescht: true }, user);
      else if (match[2] === '/restore') next = nextVersion(current, { geloescht: false }, user);
      else return json(400, { error: 'nicht unterstützt', code: 'bad' });
      facilities.set(next.id, next);
      return json(200, next);
    }
    return json(404, { error: 'Unbekannt', code: 'not_found' });
  });
  return {
    fetch,
    calls,
    facilities,
    /** Someone else changes a facility directly on the server. */
    changeByOther(id: string, changes: Partial<Facility>) {
      const next = nextVersion(facilities.get(id)!, changes, 'Bernd Planung');
      facilities.set(id, next);
      return next;
    },
    setUser(name: string) {
      user = name;
    },
  };
}

const initialState = useFacilityStore.getState();
let server: ReturnType<typeof fakeServer>;
let kita: Facility;
let familienzentrum: Facility;

beforeEach(async () => {
  kita = facility({ name: 'Kita Sonnenschein', lage: [9.75, 51.58] });
  familienzentrum = facility({ name: 'Familienzentrum Rosdorf', category: 'familienzentrum' });
  server = fakeServer([kita, familienzentrum]);
  vi.stubGlobal('fetch', server.fetch);
  useFacilityStore.setState(initialState, true);
  setCsrfToken('csrf-test');
  await useFacilityStore.getState().load('goettingen');
});

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

const store = () => useFacilityStore.getState();
const current = (id: string) => store().facilities.find((item) => item.id === id)!;

describe('api wrapper', () => {
  it('sends the CSRF token on state-changing requests only, with the session cookie', async () => {
    await store().perform({ kind: 'update', facilityId: kita.id, changes: { name: 'Kita Regenbogen' } }, kita);
    const get = server.calls.find((call) => call.method === 'GET')!;
    const patch = server.calls.find((call) => call.method === 'PATCH')!;
    expect(get.headers['X-CSRF-Token']).toBeUndefined();
    expect(patch.headers['X-CSRF-Token']).toBe('csrf-test');
    expect(server.fetch.mock.calls.every(([, init]) => (init as RequestInit).credentials === 'same-origin')).toBe(true);
  });

  it('turns error bodies into ApiError with the German message, code and details', async () => {
    const error = await apiRequest('GET', '/api/facilities/gibt-es-nicht').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: 'not_found', message: 'Diese Einrichtung gibt es nicht.' });
  });

  it('reports a missing connection in German', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(apiRequest('GET', '/api/session')).rejects.toMatchObject({ status: 0, code: 'network', message: expect.stringMatching(/Keine Verbindung/) });
  });

  it('signs in, keeps the token for later requests and shows the server message when refused', async () => {
    await expect(useSessionStore.getState().login('a@b.de', 'falsch')).rejects.toMatchObject({ code: 'invalid_credentials', message: 'E-Mail-Adresse oder Passwort ist falsch.' });
    const user = await useSessionStore.getState().login('a@b.de', 'richtig');
    expect(user.name).toBe('Anna');
    await store().perform({ kind: 'delete', facilityId: kita.id }, kita);
    expect(server.calls.at(-1)!.headers['X-CSRF-Token']).toBe('csrf-1');
  });
});

describe('facility store', () => {
  it('loads the facilities and categories of the district', () => {
    expect(store().status).toBe('ready');
    expect(store().facilities.map((item) => item.name)).toEqual(['Kita Sonnenschein', 'Familienzentrum Rosdorf']);
    expect(store().categories.map((category) => category.id)).toEqual(['kita']);
  });

  it('records each change as {before, after} and undoes it with the inverse on the current version', async () => {
    const moved = await store().perform({ kind: 'update', facilityId: kita.id, changes: { lage: [9.8, 51.6] } }, kita);
    expect(moved).toMatchObject({ version: 2, lage: [9.8, 51.6] });
    expect(store().undoStack).toHaveLength(1);
    expect(store().undoStack[0]).toMatchObject({ facilityId: kita.id, before: kita, after: moved });

    const undone = await store().undo();
    expect(undone).toMatchObject({ version: 3, lage: [9.75, 51.58] });
    expect(server.calls.at(-1)).toMatchObject({ method: 'PATCH', body: { baseVersion: 2, changes: { lage: [9.75, 51.58] } } });
    expect(store().undoStack).toHaveLength(0);
    expect(current(kita.id).version).toBe(3);
  });

  it('undoes create by deleting and delete by restoring', async () => {
    const created = await store().perform({ kind: 'create', fields: { ...kita, name: 'Neue Kita' } });
    expect(store().facilities).toHaveLength(3);
    await store().perform({ kind: 'delete', facilityId: familienzentrum.id }, familienzentrum);
    expect(current(familienzentrum.id).geloescht).toBe(true);

    await store().undo();
    expect(server.calls.at(-1)).toMatchObject({ method: 'POST', url: `/api/facilities/${familienzentrum.id}/restore`, body: { baseVersion: 2 } });
    expect(current(familienzentrum.id).geloescht).toBe(false);

    await store().undo();
    expect(server.calls.at(-1)).toMatchObject({ method: 'DELETE', url: `/api/facilities/${created!.id}`, body: { baseVersion: 1 } });
    expect(current(created!.id).geloescht).toBe(true);
    expect(store().undoStack).toEqual([]);
  });

  it('keeps changes of others to other fields when undoing', async () => {
    await store().perform({ kind: 'update', facilityId: kita.id, changes: { name: 'Kita Regenbogen' } }, kita);
    server.changeByOther(kita.id, { telefon: '0551 4711' });
    await store().refresh();
    const undone = await store().undo();
    expect(undone).toMatchObject({ name: 'Kita Sonnenschein', telefon: '0551 4711', version: 4 });
    expect(server.calls.at(-1)!.body).toEqual({ baseVersion: 3, changes: { name: 'Kita Sonnenschein' } });
  });

  it('opens the conflict dialog instead of overwriting a newer version, and re-applies on request', async () => {
    const theirs = server.changeByOther(kita.id, { name: 'Kita Sternschnuppe', telefon: '0551 1' });
    // The user still sees version 1 and saves a change based on it.
    const result = await store().perform({ kind: 'update', facilityId: kita.id, changes: { name: 'Kita Regenbogen' } }, kita);
    expect(result).toBeNull();
    expect(store().conflict).toMatchObject({ origin: 'edit', base: kita, current: theirs, operation: { changes: { name: 'Kita Regenbogen' } } });
    // The store shows the newer version meanwhile; nothing was overwritten.
    expect(current(kita.id).name).toBe('Kita Sternschnuppe');
    expect(server.facilities.get(kita.id)!.name).toBe('Kita Sternschnuppe');

    const applied = await store().resolveConflict('mine');
    expect(applied).toMatchObject({ name: 'Kita Regenbogen', telefon: '0551 1', version: 3 });
    expect(server.calls.at(-1)!.body).toEqual({ baseVersion: 2, changes: { name: 'Kita Regenbogen' } });
    expect(store().conflict).toBeNull();
    // The re-applied change is undoable, back to the other person's version.
    expect(store().undoStack.at(-1)).toMatchObject({ before: theirs });
  });

  it('discards the own change when the newer version is taken', async () => {
    const theirs = server.changeByOther(kita.id, { name: 'Kita Sternschnuppe' });
    await store().perform({ kind: 'update', facilityId: kita.id, changes: { name: 'Kita Regenbogen' } }, kita);
    const kept = await store().resolveConflict('theirs');
    expect(kept).toEqual(theirs);
    expect(store().conflict).toBeNull();
    expect(current(kita.id)).toEqual(theirs);
    expect(server.calls.filter((call) => call.method === 'PATCH')).toHaveLength(1);
    expect(store().undoStack).toEqual([]);
  });

  it('asks before undoing over a change of someone else to the same field', async () => {
    await store().perform({ kind: 'update', facilityId: kita.id, changes: { name: 'Kita Regenbogen' } }, kita);
    server.changeByOther(kita.id, { name: 'Kita Sternschnuppe' });
    await store().refresh();
    const patches = server.calls.filter((call) => call.method === 'PATCH').length;
    expect(await store().undo()).toBeNull();
    expect(store().conflict).toMatchObject({ origin: 'undo', current: { name: 'Kita Sternschnuppe' } });
    expect(server.calls.filter((call) => call.method === 'PATCH')).toHaveLength(patches);
    // Taking their version drops the undo step.
    await store().resolveConflict('theirs');
    expect(store().undoStack).toEqual([]);
  });

  it('rejects other errors with the server message and records nothing', async () => {
    server.fetch.mockImplementationOnce(async () =>
      new Response(JSON.stringify({ error: 'Sie dürfen Einrichtungen im Sozialraum „Rosdorf“ nicht bearbeiten.', code: 'forbidden' }), { status: 403 }),
    );
    await expect(store().perform({ kind: 'delete', facilityId: kita.id }, kita)).rejects.toMatchObject({
      status: 403,
      message: 'Sie dürfen Einrichtungen im Sozialraum „Rosdorf“ nicht bearbeiten.',
    });
    expect(store().undoStack).toEqual([]);
    expect(store().busy).toBe(false);
  });

  it('polling takes over changes by others and keeps unchanged objects', async () => {
    const before = store().facilities;
    await store().refresh();
    expect(store().facilities).toBe(before);
    const theirs = server.changeByOther(familienzentrum.id, { ort: 'Rosdorf-Dramfeld' });
    await store().refresh();
    expect(store().facilities).not.toBe(before);
    expect(current(kita.id)).toBe(before[0]);
    expect(current(familienzentrum.id)).toEqual(theirs);
  });

  it('merges lists by version: never back to an older one', () => {
    const newer = nextVersion(kita, { name: 'Neu' });
    expect(mergeFacilities([newer], [kita])[0]).toBe(newer);
    expect(mergeFacilities([kita], [newer])[0]).toBe(newer);
    const list = [kita, familienzentrum];
    expect(mergeFacilities(list, [{ ...kita }, { ...familienzentrum }])).toBe(list);
    expect(mergeFacilities(list, [kita])).toEqual([kita]);
  });

  it('a sign-in is required when the server refuses anonymous reading', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ error: 'Bitte anmelden.', code: 'not_signed_in' }), { status: 401 })));
    await store().load('goettingen');
    expect(store().status).toBe('signin-required');
    expect(store().facilities).toEqual([]);
  });
});
