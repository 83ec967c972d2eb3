// The Kennzahlen store and its effects against the real application: `fetch` of src/state/api.ts
// goes in-process to `app.fetch` with the shipped Kennzahlen seeded, so the tab loads its
// catalogue and values, a profile loads with the compared areas, the year reloads them, similar
// areas come from the server, and a viewer who may not see the internal view is put back into
// the protected one when the session changes.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startIndicatorEffects } from '../../src/app/indicators';
import { loadDistricts } from '../../src/server/districts';
import { seedIndicators } from '../../src/server/indicators';
import { setCsrfToken } from '../../src/state/api';
import { useAtlasStore } from '../../src/state/atlasStore';
import { useIndicatorStore } from '../../src/state/indicatorStore';
import { useSessionStore } from '../../src/state/sessionStore';
import { useTerritoryStore } from '../../src/state/territoryStore';
import { browserFetch, type BrowserFetch } from './support/browserFetch';
import { PASSWORD, ROOT, addUser, startTestApi, type TestApi } from './support/testServer';

let api: TestApi;
let browser: BrowserFetch;
let stop: () => void;
const store = () => useIndicatorStore.getState();
const initialIndicators = useIndicatorStore.getState();

/** Resolves once `check` holds for the store (the effects load asynchronously). */
function until(check: () => boolean): Promise<void> {
  return vi.waitFor(() => expect(check()).toBe(true), { timeout: 20_000, interval: 20 });
}

beforeAll(async () => {
  api = await startTestApi();
  await seedIndicators(api.db, loadDistricts(ROOT), ROOT);
  await addUser(api, 'planung@test.invalid', 'planung');
  await addUser(api, 'koord@test.invalid', 'koordination', [{ district: 'goettingen', gebiet: 'sozialraum:adelebsen' }]);
  browser = browserFetch(api.app);
  vi.stubGlobal('fetch', browser.fetch);
  useIndicatorStore.setState(initialIndicators, true);
  // The district as the address would set it: only its id matters to the Kennzahlen.
  useTerritoryStore.setState({ districtId: 'goettingen' });
  stop = startIndicatorEffects();
}, 120_000);

afterAll(async () => {
  stop?.();
  vi.unstubAllGlobals();
  setCsrfToken(null);
  await api?.close();
});

afterEach(() => useAtlasStore.getState().setTab('kennzahlen'));

describe('the Kennzahlen tab', () => {
  it('loads nothing until it is opened, then the catalogue and the first Kennzahl per Sozialraum', async () => {
    expect(store().catalogue.status).toBe('idle');
    useAtlasStore.getState().setTab('kennzahlen');
    await until(() => store().values.status === 'ready');
    expect(store().kennzahl).toBe('anteil-65-und-mehr');
    expect(store().values.data).toMatchObject({ ebene: 'sozialraum', stand: 'Stand 31.12.2015', ansicht: 'geschuetzt' });
    expect(browser.calls.some((call) => call.url.startsWith('/api/districts/goettingen/indicators/anteil-65-und-mehr/values?ebene=sozialraum'))).toBe(true);
  });

  it('reloads for another Kennzahl, date and level; a Kennzahl not collected per Gemeinde stays per Sozialraum', async () => {
    store().chooseIndicator('bevoelkerung');
    store().chooseLevel('gemeinde');
    store().chooseDate('2012-12-31');
    await until(() => store().values.data?.stichtag === '2012-12-31' && store().values.data?.ebene === 'gemeinde');
    expect(store().values.data!.kennzahl.id).toBe('bevoelkerung');
    store().chooseIndicator('kita-plaetze');
    expect(store().level).toBe('sozialraum');
    await until(() => store().values.data?.kennzahl.id === 'kita-plaetze' && store().values.status === 'ready');
    expect(store().values.data!.ebene).toBe('sozialraum');
  });

  it('loads a profile with the compared areas, and again for another year', async () => {
    store().openProfile('sozialraum:adelebsen');
    store().addCompared('sozialraum:bovenden');
    await until(() => store().profiles['sozialraum:adelebsen']?.status === 'ready' && store().profiles['sozialraum:bovenden']?.status === 'ready');
    const population = () => store().profiles['sozialraum:adelebsen']!.data!.kennzahlen.find((entry) => entry.id === 'bevoelkerung')!;
    expect(population().stand).toBe('Stand 15.05.2022');
    store().setProfileYear('2012');
    await until(() => store().profiles['sozialraum:adelebsen']?.status === 'ready' && store().profiles['sozialraum:bovenden']?.status === 'ready');
    expect(population().stand).toBe('Stand 31.12.2012');
    expect(browser.calls.filter((call) => call.url.includes('/areas/sozialraum%3Abovenden/profile?stichtag=2012'))).toHaveLength(1);
    store().setProfileYear(null);
  });

  it('asks the server for similar areas on the chosen Kennzahlen', async () => {
    await store().findSimilar();
    expect(store().similar.status).toBe('ready');
    expect(store().similar.data!.nachbarn).toHaveLength(3);
    expect(store().similar.data!.kennzahlen.map((entry) => entry.id)).toEqual(['anteil-unter-18', 'anteil-65-und-mehr', 'wanderungssaldo-je-1000', 'arbeitslose-je-1000']);
  });

  it('gives the internal view to Planung only, and takes it back when someone else signs in', async () => {
    await useSessionStore.getState().login('planung@test.invalid', PASSWORD);
    store().setView('intern');
    await until(() => store().values.data?.ansicht === 'intern');
    expect(store().values.data!.hinweisIntern).toMatch(/^Interne Ansicht/);
    await useSessionStore.getState().logout();
    await useSessionStore.getState().login('koord@test.invalid', PASSWORD);
    await until(() => store().view === 'geschuetzt' && store().values.data?.ansicht === 'geschuetzt');
  });

  it('says in German what went wrong when the server refuses', async () => {
    store().chooseIndicator('gibt-es-nicht');
    await until(() => store().values.status === 'error');
    expect(store().values.error).toMatch(/Kennzahl „gibt-es-nicht“ gibt es in diesem Landkreis nicht/);
  });
});
