// The facility and session stores against the real application: `fetch` of src/state/api.ts
// goes in-process to `app.fetch` on a fresh embedded database, with the session cookie carried
// along, so loading, change records, undo by inversion, version conflicts (real 409s) and
// polling run on real versions.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/server/app';
import { loadDistricts } from '../../src/server/districts';
import type { Facility } from '../../src/domain/facilities/schema';
import { ApiError, apiRequest, setCsrfToken } from '../../src/state/api';
import { FULL_LIST_EVERY_POLLS, mergeChanges, mergeFacilities, useFacilityStore } from '../../src/state/facilityStore';
import { useSessionStore } from '../../src/state/sessionStore';
import { nextVersion } from '../unit/support/facilities';
import { browserFetch, type BrowserFetch } from './support/browserFetch';
import { Client, PASSWORD, ROOT, addUser, facilityAt, startTestApi, type TestApi } from './support/testServer';

/** The store's user may edit everything; Clara only Adelebsen; Bernd changes things meanwhile. */
const ANNA = 'anna@test.invalid';
const CLARA = 'clara@test.invalid';
const BERND = 'bernd@test.invalid';
const IN_ADELEBSEN: [number, number] = [9.75, 51.58];
const IN_ROSDORF: [number, number] = [9.865, 51.445];

let api: TestApi;
let bernd: Client;
let browser: BrowserFetch;
let kita: Facility;
let familienzentrum: Facility;

const initialState = useFacilityStore.getState();
const store = () => useFacilityStore.getState();
const current = (id: string) => store().facilities.find((item) => item.id === id)!;
const lastCall = () => browser.calls.at(-1)!;
const callsOf = (method: string) => browser.calls.filter((call) => call.method === method);

/** Someone else changes a facility on the server, on the version the server has. */
async function changeByOther(id: string, changes: Partial<Facility>): Promise<Facility> {
  const { body: onServer } = await bernd.request('GET', `/api/facilities/${id}`);
  const response = await bernd.request('PATCH', `/api/facilities/${id}`, { baseVersion: onServer.version, changes });
  expect(response.status, response.text).toBe(200);
  return response.body;
}

async function createByOther(fields: Record<string, unknown>): Promise<Facility> {
  const response = await bernd.request('POST', '/api/districts/goettingen/facilities', fields);
  expect(response.status, response.text).toBe(201);
  return response.body;
}

/** The CSRF token the server handed out with the most recent successful sign-in. */
function csrfTokenOfLastSignIn(): string {
  const signIn = browser.calls.filter((call) => call.method === 'POST' && call.url === '/api/session' && call.status === 200).at(-1)!;
  return (signIn.response as { csrfToken: string }).csrfToken;
}

beforeAll(async () => {
  api = await startTestApi();
  await addUser(api, ANNA, 'planung');
  await addUser(api, BERND, 'planung');
  await addUser(api, CLARA, 'koordination', [{ district: 'goettingen', gebiet: 'sozialraum:adelebsen' }]);
  bernd = new Client(api);
  await bernd.login(BERND);
}, 90_000);

afterAll(async () => api?.close());

beforeEach(async () => {
  // Every test starts from the same two facilities, at version 1.
  await api.db.query('TRUNCATE facility_versions, facilities');
  kita = await createByOther(facilityAt(IN_ADELEBSEN, { name: 'Kita Sonnenschein' }));
  familienzentrum = await createByOther(facilityAt(IN_ROSDORF, { name: 'Familienzentrum Rosdorf', category: 'familienzentrum' }));
  browser = browserFetch(api.app);
  vi.stubGlobal('fetch', browser.fetch);
  useFacilityStore.setState(initialState, true);
  await useSessionStore.getState().login(ANNA, PASSWORD);
  await store().load('goettingen');
});

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('api wrapper', () => {
  it('sends the CSRF token on state-changing requests only, with the session cookie', async () => {
    await store().perform({ kind: 'update', facilityId: kita.id, changes: { name: 'Kita Regenbogen' } }, kita);
    const get = browser.calls.find((call) => call.method === 'GET')!;
    const patch = browser.calls.find((call) => call.method === 'PATCH')!;
    expect(get.headers['X-CSRF-Token']).toBeUndefined();
    expect(patch.headers['X-CSRF-Token']).toBe(csrfTokenOfLastSignIn());
    // The server took cookie and token: the change is saved.
    expect(patch.status).toBe(200);
    expect(browser.calls.every((call) => call.credentials === 'same-origin')).toBe(true);
  });

  it('turns error bodies into ApiError with the German message, code and details', async () => {
    const error = await apiRequest('GET', '/api/facilities/00000000-0000-4000-8000-000000000000').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: 'not_found', message: 'Diese Einrichtung gibt es nicht.' });
  });

  it('reports a missing connection in German', async () => {
    // No server answers at all: the one case the real app cannot play.
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(apiRequest('GET', '/api/session')).rejects.toMatchObject({ status: 0, code: 'network', message: expect.stringMatching(/Keine Verbindung/) });
  });

  it('signs in, keeps the token for later requests and shows the server message when refused', async () => {
    await useSessionStore.getState().logout();
    await expect(useSessionStore.getState().login(ANNA, 'falsch')).rejects.toMatchObject({ code: 'invalid_credentials', message: 'E-Mail-Adresse oder Passwort ist falsch.' });
    const user = await useSessionStore.getState().login(ANNA, PASSWORD);
    expect(user.name).toBe('anna');
    await store().perform({ kind: 'delete', facilityId: kita.id }, kita);
    expect(lastCall().headers['X-CSRF-Token']).toBe(csrfTokenOfLastSignIn());
    expect(lastCall().status).toBe(200);
  });
});

describe('facility store', () => {
  it('loads the facilities and categories of the district', () => {
    expect(store().status).toBe('ready');
    // In the server's order (by name).
    expect(store().facilities.map((item) => item.name)).toEqual(['Familienzentrum Rosdorf', 'Kita Sonnenschein']);
    expect(store().categories.map((category) => category.id)).toEqual(loadDistricts(ROOT).get('goettingen')!.categories.map((category) => category.id));
  });

  it('records each change as {before, after} and undoes it with the inverse on the current version', async () => {
    const moved = await store().perform({ kind: 'update', facilityId: kita.id, changes: { lage: [9.8, 51.6] } }, kita);
    expect(moved).toMatchObject({ version: 2, lage: [9.8, 51.6] });
    expect(store().undoStack).toHaveLength(1);
    expect(store().undoStack[0]).toMatchObject({ facilityId: kita.id, before: kita, after: moved });

    const undone = await store().undo();
    expect(undone).toMatchObject({ version: 3, lage: [9.75, 51.58] });
    expect(lastCall()).toMatchObject({ method: 'PATCH', body: { baseVersion: 2, changes: { lage: [9.75, 51.58] } } });
    expect(store().undoStack).toHaveLength(0);
    expect(current(kita.id).version).toBe(3);
  });

  it('undoes create by deleting and delete by restoring', async () => {
    const created = await store().perform({ kind: 'create', fields: { ...kita, name: 'Neue Kita' } });
    expect(store().facilities).toHaveLength(3);
    await store().perform({ kind: 'delete', facilityId: familienzentrum.id }, familienzentrum);
    expect(current(familienzentrum.id).geloescht).toBe(true);

    await store().undo();
    expect(lastCall()).toMatchObject({ method: 'POST', url: `/api/facilities/${familienzentrum.id}/restore`, body: { baseVersion: 2 } });
    expect(current(familienzentrum.id).geloescht).toBe(false);

    await store().undo();
    expect(lastCall()).toMatchObject({ method: 'DELETE', url: `/api/facilities/${created!.id}`, body: { baseVersion: 1 } });
    expect(current(created!.id).geloescht).toBe(true);
    expect(store().undoStack).toEqual([]);
  });

  it('keeps changes of others to other fields when undoing', async () => {
    await store().perform({ kind: 'update', facilityId: kita.id, changes: { name: 'Kita Regenbogen' } }, kita);
    await changeByOther(kita.id, { telefon: '0551 4711' });
    await store().refresh();
    const undone = await store().undo();
    expect(undone).toMatchObject({ name: 'Kita Sonnenschein', telefon: '0551 4711', version: 4 });
    expect(lastCall().body).toEqual({ baseVersion: 3, changes: { name: 'Kita Sonnenschein' } });
  });

  it('opens the conflict dialog instead of overwriting a newer version, and re-applies on request', async () => {
    const theirs = await changeByOther(kita.id, { name: 'Kita Sternschnuppe', telefon: '0551 1' });
    // The user still sees version 1 and saves a change based on it.
    const result = await store().perform({ kind: 'update', facilityId: kita.id, changes: { name: 'Kita Regenbogen' } }, kita);
    expect(result).toBeNull();
    expect(lastCall().status).toBe(409);
    expect(store().conflict).toMatchObject({ origin: 'edit', base: kita, current: theirs, operation: { changes: { name: 'Kita Regenbogen' } } });
    // The store shows the newer version meanwhile; nothing was overwritten.
    expect(current(kita.id).name).toBe('Kita Sternschnuppe');
    expect((await bernd.request('GET', `/api/facilities/${kita.id}`)).body.name).toBe('Kita Sternschnuppe');

    const applied = await store().resolveConflict('mine');
    expect(applied).toMatchObject({ name: 'Kita Regenbogen', telefon: '0551 1', version: 3 });
    expect(lastCall().body).toEqual({ baseVersion: 2, changes: { name: 'Kita Regenbogen' } });
    expect(store().conflict).toBeNull();
    // The re-applied change is undoable, back to the other person's version.
    expect(store().undoStack.at(-1)).toMatchObject({ before: theirs });
  });

  it('discards the own change when the newer version is taken', async () => {
    const theirs = await changeByOther(kita.id, { name: 'Kita Sternschnuppe' });
    await store().perform({ kind: 'update', facilityId: kita.id, changes: { name: 'Kita Regenbogen' } }, kita);
    const kept = await store().resolveConflict('theirs');
    expect(kept).toEqual(theirs);
    expect(store().conflict).toBeNull();
    expect(current(kita.id)).toEqual(theirs);
    expect(callsOf('PATCH')).toHaveLength(1);
    expect(store().undoStack).toEqual([]);
  });

  it('asks before undoing over a change of someone else to the same field', async () => {
    await store().perform({ kind: 'update', facilityId: kita.id, changes: { name: 'Kita Regenbogen' } }, kita);
    await changeByOther(kita.id, { name: 'Kita Sternschnuppe' });
    await store().refresh();
    const patches = callsOf('PATCH').length;
    expect(await store().undo()).toBeNull();
    expect(store().conflict).toMatchObject({ origin: 'undo', current: { name: 'Kita Sternschnuppe' } });
    expect(callsOf('PATCH')).toHaveLength(patches);
    // Taking their version drops the undo step.
    await store().resolveConflict('theirs');
    expect(store().undoStack).toEqual([]);
  });

  it('rejects other errors with the server message and records nothing', async () => {
    // Clara coordinates Adelebsen only; the Familienzentrum is in Rosdorf.
    await useSessionStore.getState().login(CLARA, PASSWORD);
    await expect(store().perform({ kind: 'delete', facilityId: familienzentrum.id }, familienzentrum)).rejects.toMatchObject({
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
    const theirs = await changeByOther(familienzentrum.id, { ort: 'Rosdorf-Dramfeld' });
    await store().refresh();
    expect(store().facilities).not.toBe(before);
    expect(current(kita.id)).toBe(before.find((item) => item.id === kita.id));
    expect(current(familienzentrum.id)).toEqual(theirs);
  });

  it('polls only what changed since the last stand, new, changed and deleted facilities, and the whole list now and then', async () => {
    const polled = () => browser.calls.at(-1)!.url;
    await store().refresh();
    expect(polled()).toMatch(/^\/api\/districts\/goettingen\/facilities\/changes\?seit=\d+$/);
    const before = store().facilities;
    const added = await createByOther(facilityAt(IN_ROSDORF, { name: 'Kita Neuland' }));
    const renamed = await changeByOther(kita.id, { name: 'Kita Umbenannt' });
    const deleted = await bernd.request('DELETE', `/api/facilities/${familienzentrum.id}`, { baseVersion: current(familienzentrum.id).version });
    expect(deleted.status, deleted.text).toBe(200);
    await store().refresh();
    expect(polled()).toContain('/facilities/changes?seit=');
    expect((browser.calls.at(-1)!.response as { facilities: Facility[] }).facilities.map((facility) => facility.id).sort()).toEqual(
      [added.id, renamed.id, familienzentrum.id].sort(),
    );
    expect(current(added.id)).toEqual(added);
    expect(current(kita.id)).toEqual(renamed);
    expect(current(familienzentrum.id).geloescht).toBe(true);
    expect(store().facilities).toHaveLength(before.length + 1);
    // Nothing changed since: nothing comes, the list stays the same object.
    const unchanged = store().facilities;
    await store().refresh();
    expect((browser.calls.at(-1)!.response as { facilities: Facility[] }).facilities).toEqual([]);
    expect(store().facilities).toBe(unchanged);
    // Every FULL_LIST_EVERY_POLLS-th poll fetches the whole list.
    const urls: string[] = [];
    for (let poll = 0; poll < FULL_LIST_EVERY_POLLS; poll++) {
      await store().refresh();
      urls.push(polled());
    }
    expect(urls.filter((url) => url.startsWith('/api/districts/goettingen/facilities?'))).toHaveLength(1);
    // The whole list comes in the server's order; each facility stays the same object.
    for (const facility of unchanged) expect(current(facility.id)).toBe(facility);
    expect(store().facilities).toHaveLength(unchanged.length);
  });

  it('takes over changes by version only: never back to an older one, the same list for the same version', () => {
    const newer = nextVersion(kita, { name: 'Neu' });
    expect(mergeChanges([newer, familienzentrum], [kita])[0]).toBe(newer);
    const list = [kita, familienzentrum];
    expect(mergeChanges(list, [])).toBe(list);
    expect(mergeChanges(list, [{ ...kita }])).toBe(list);
    expect(mergeChanges(list, [newer])).toEqual([newer, familienzentrum]);
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
    await useSessionStore.getState().logout();
    browser.useApp(createApp({ db: api.db, districts: loadDistricts(ROOT), options: { anonymousRead: false, secureCookies: false, maxLoginFailures: 5, loginWindowMinutes: 15 } }));
    await store().load('goettingen');
    // The list, not the categories fetched beside it (whichever answers last).
    expect(browser.calls.findLast((call) => call.url.includes('/facilities'))!.status).toBe(401);
    expect(store().status).toBe('signin-required');
    expect(store().facilities).toEqual([]);
  });
});
