// The browser's Kennzahlen import and own-Kennzahl actions against the real application: `fetch`
// of src/state/api.ts goes in-process to `app.fetch`, so every answer is checked against the
// domain's schema as in the browser. A planner creates an own Kennzahl, a stale change is a
// conflict, the wizard (the pure reducer driven by the actions) checks a synthetic file, a commit
// with the bad row kept is refused with its line and writes nothing, and with it left out writes
// the rest, after which the store's catalogue knows the new date.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OWN_TEST_INDICATOR as OWN } from '../unit/support/indicators';
import { indicatorImportReducer, initialIndicatorImportState, type IndicatorImportAction, type IndicatorImportState } from '../../src/domain/indicators/importWizard';
import { loadDistricts } from '../../src/server/districts';
import { listValues } from '../../src/server/db/indicators';
import { seedIndicators } from '../../src/server/indicators';
import { setCsrfToken } from '../../src/state/api';
import { deleteOwnDefinition, saveOwnDefinition } from '../../src/state/indicatorDefinitionActions';
import { checkIndicatorImportFile, commitIndicatorImportFile, readIndicatorImportFile } from '../../src/state/indicatorImportActions';
import { useIndicatorStore } from '../../src/state/indicatorStore';
import { useSessionStore } from '../../src/state/sessionStore';
import { useToastStore } from '../../src/state/toastStore';
import { fixturePath } from '../unit/support/fixtures';
import { browserFetch } from './support/browserFetch';
import { PASSWORD, ROOT, addUser, startTestApi, type TestApi } from './support/testServer';

let api: TestApi;


/** Runs the wizard's reducer like useReducer: each action on the latest state. */
function wizard() {
  let state = initialIndicatorImportState();
  const dispatch = (action: IndicatorImportAction) => {
    state = indicatorImportReducer(state, action);
  };
  return { dispatch, get state(): IndicatorImportState { return state; } };
}

const lastToast = () => useToastStore.getState().toasts.at(-1);

beforeAll(async () => {
  api = await startTestApi();
  await seedIndicators(api.db, loadDistricts(ROOT), ROOT);
  await addUser(api, 'planung@test.invalid', 'planung');
  vi.stubGlobal('fetch', browserFetch(api.app).fetch);
  await useSessionStore.getState().login('planung@test.invalid', PASSWORD);
  await useIndicatorStore.getState().openDistrict('goettingen');
}, 120_000);

afterAll(async () => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  await api?.close();
});

describe('own Kennzahlen from the browser', () => {
  it('creates one, and the catalogue in the store has it at once', async () => {
    expect(await saveOwnDefinition(OWN, null)).toMatchObject({ kind: 'saved', version: 1 });
    expect(lastToast()).toMatchObject({ kind: 'success', message: 'Kennzahl „Testbesuche“ angelegt.' });
    expect(useIndicatorStore.getState().catalogue.data?.kennzahlen.find((entry) => entry.id === 'testbesuche')).toMatchObject({ herkunft: 'eigene', version: 1 });
  });

  it('a taken id is said, and a change on a stale version is a conflict that saves nothing', async () => {
    expect(await saveOwnDefinition(OWN, null)).toMatchObject({ kind: 'failed', idTaken: true, message: 'Die Kennzahl-id „testbesuche“ ist schon vergeben.' });
    expect(await saveOwnDefinition({ ...OWN, einheit: 'Besuche je Woche' }, 1)).toMatchObject({ kind: 'saved', version: 2 });
    expect(await saveOwnDefinition({ ...OWN, einheit: 'Besuche je Monat' }, 1)).toEqual({ kind: 'conflict', message: expect.stringMatching(/^Jemand anderes hat diese Kennzahl inzwischen geändert \(jetzt Version 2\)\. Ihre Änderung wurde nicht gespeichert/) });
    expect(await deleteOwnDefinition('testbesuche', 'Testbesuche', 1)).toMatchObject({ kind: 'conflict' });
    expect(useIndicatorStore.getState().catalogue.data?.kennzahlen.find((entry) => entry.id === 'testbesuche')?.einheit).toBe('Besuche je Woche');
  });

  it('a shipped Kennzahl cannot be changed', async () => {
    const shipped = useIndicatorStore.getState().catalogue.data!.kennzahlen.find((entry) => entry.id === 'bevoelkerung')!;
    expect(await saveOwnDefinition({ ...shipped.kennzahl, name: 'Anders' }, shipped.version)).toMatchObject({ kind: 'failed', message: expect.stringMatching(/wird mit dem Atlas ausgeliefert/) });
  });
});

describe('the import of values from the browser', () => {
  const file = () => new File([readFileSync(fixturePath('indicators/eigene-kennzahl-werte.csv'))], 'eigene-kennzahl-werte.csv', { type: 'text/csv' });

  it('reads, checks on the server and refuses the commit while the bad row is kept; nothing is written', async () => {
    const run = wizard();
    await readIndicatorImportFile(file(), run.dispatch);
    expect(run.state.zuordnung).toEqual({ Testbesuche: 'testbesuche' });
    await checkIndicatorImportFile(run.state, run.dispatch, new AbortController().signal);
    expect(run.state.step.kind).toBe('report');
    expect(await commitIndicatorImportFile(run.state, run.dispatch)).toBe(false);
    expect(run.state.commitError).toMatch(/^1 Fehler in „eigene-kennzahl-werte\.csv“; nichts wurde importiert\. Zeile 5: Unbekanntes Gebiet „nirgendwo-testgebiet“/);
    expect(await listValues(api.db, 'goettingen', { kennzahl: 'testbesuche' })).toEqual([]);
  });

  it('with the bad row left out writes the rest, says how many, and the store knows the new date', async () => {
    const run = wizard();
    await readIndicatorImportFile(file(), run.dispatch);
    await checkIndicatorImportFile(run.state, run.dispatch, new AbortController().signal);
    run.dispatch({ type: 'skipErrorsSet', skipErrors: true });
    expect(await commitIndicatorImportFile(run.state, run.dispatch)).toBe(true);
    expect(run.state.imported).toEqual({ geschrieben: 3, neu: 3, geaendert: 0 });
    expect(lastToast()).toMatchObject({ kind: 'success', message: '3 Werte importiert (3 neu) aus „eigene-kennzahl-werte.csv“.' });
    expect((await listValues(api.db, 'goettingen', { kennzahl: 'testbesuche' })).map((value) => [value.gebiet, value.wert]).sort()).toEqual([
      ['adelebsen', 1111],
      ['bovenden', 2222],
      ['rosdorf', 3333],
    ]);
    expect(useIndicatorStore.getState().catalogue.data?.kennzahlen.find((entry) => entry.id === 'testbesuche')?.stichtage).toEqual(['2025-12-31']);
  });

  it('a file that cannot be read is said in German and nothing is sent', async () => {
    const run = wizard();
    await readIndicatorImportFile(new File(['Name;Wert\nA;1\n'], 'falsch.csv'), run.dispatch);
    expect(run.state).toMatchObject({ step: { kind: 'file' }, fileName: 'falsch.csv', fileError: expect.stringMatching(/^Keine Spalte mit dem Gebiet gefunden/) });
  });

  it('deletes the own Kennzahl on its current version; the catalogue no longer lists it', async () => {
    const current = useIndicatorStore.getState().catalogue.data!.kennzahlen.find((entry) => entry.id === 'testbesuche')!;
    expect(await deleteOwnDefinition('testbesuche', 'Testbesuche', current.version)).toEqual({ kind: 'deleted' });
    expect(lastToast()).toMatchObject({ kind: 'success', message: 'Kennzahl „Testbesuche“ gelöscht.' });
    expect(useIndicatorStore.getState().catalogue.data!.kennzahlen.some((entry) => entry.id === 'testbesuche')).toBe(false);
  });
});
