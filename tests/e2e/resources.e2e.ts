// The resource maps end to end: real server (API + embedded database), real Chromium.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { booleanPointInPolygon } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectionFor } from '../../src/domain/geo/projection';
import type { TerritoryFile } from '../../src/domain/territory/types';
import { DEFAULT_CATEGORIES } from '../../src/domain/facilities/catalog';
import { driversFor, type AppDrivers } from './support/app';
import { consoleErrors, foreignRequests, launchBrowser, newPage, pageErrors } from './support/browser';
import { hexToRgb } from './support/png';
import { facilitiesOnServer, facilityOnServer } from './support/resources';
import { apiSession } from './support/session';
import { TEST_ADMIN, startAppServer, type AppServer } from './support/server';

const goettingen: TerritoryFile = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/data/territory/goettingen.json'), 'utf8'));
const inSozialraum = (id: string, point: [number, number]) =>
  booleanPointInPolygon(point, goettingen.sozialraeume.features.find((f) => f.properties.id === id)!);

const FIXTURES = join(import.meta.dirname, '../fixtures/import');
const ADMIN = { email: TEST_ADMIN.email, password: TEST_ADMIN.password };
const PLANER = { email: 'bernd.planung@test.invalid', password: 'Planung-Passwort-1', name: 'Bernd Planung' };
/**
 * Two places 2 km apart on either side of the Rosdorf/Friedland border, and a view showing both
 * unclustered, left of the details panel.
 */
const IN_ROSDORF: [number, number] = [9.865, 51.445];
const IN_FRIEDLAND: [number, number] = [9.895, 51.445];
const VIEW = '?landkreis=goettingen&karte=13.00/51.44500/9.90000';
const HOSTILE = '<img src=x onerror=alert(1)>';

let browser: Browser;
let server: AppServer;
const pages: Page[] = [];
const dialogs: string[] = [];

/** The map colour of a category's symbol. */
const colourOf = (category: string) => hexToRgb(DEFAULT_CATEGORIES.find((entry) => entry.id === category)!.colour);
/** Close enough to a symbol's colour: its 5×5 centre, anti-aliased and shaded. */
const ON_SYMBOL = 70;

/** A fresh page (own cookies) with the atlas opened at `query`. */
async function openAtlas(query = '', baseUrl = server.url): Promise<AppDrivers> {
  const page = await newPage(browser, baseUrl, { viewport: { width: 1440, height: 900 } });
  // Any alert/confirm would be a script running from data: record and refuse it.
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  pages.push(page);
  const app = driversFor(page);
  await app.atlas.open(baseUrl, query);
  return app;
}

beforeAll(async () => {
  server = await startAppServer();
  browser = await launchBrowser();
  const setup = await browser.newContext();
  const admin = await apiSession(setup, server.url, ADMIN);
  await admin.post('/api/users', { email: PLANER.email, name: PLANER.name, rolle: 'planung', passwort: PLANER.password, zustaendigkeiten: [] });
  await setup.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('resource maps', () => {
  it('shows the facilities read-only to anonymous users, in the table and on the map', async () => {
    const { page, atlas, resources } = await openAtlas();
    await resources.open();
    await expect.poll(() => resources.countText()).toMatch(/^\d+ von \d+ Einrichtungen$/);
    const count = await resources.rowCount();
    expect(count).toBeGreaterThan(0);
    expect(await resources.countOnMap()).toBe(String(count));
    expect(await resources.isAddDisabled()).toBe(true);
    expect(await resources.legendItemCount()).toBeGreaterThanOrEqual(8);
    // The symbols say the status, and the legend says how.
    expect(await resources.statusLegend()).toEqual(['in Betrieb (gefüllt)', 'geplant (nur Umriss)', 'geschlossen (blass)', 'unbestätigt (mit ?)']);

    await resources.search('Adelebsen');
    await expect.poll(() => resources.countText()).toBe(`1 von ${count} Einrichtungen`);
    // The export buttons download the current filter from the API.
    const csvHref = (await resources.exportHref('csv'))!;
    expect(csvHref).toBe('/api/districts/goettingen/export.csv?q=Adelebsen&geloescht=nein');
    const csv = await page.request.get(new URL(csvHref, server.url).href);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain('Adelebsen');
    expect(await resources.exportHref('geojson')).toBe('/api/districts/goettingen/export.geojson?q=Adelebsen&geloescht=nein');
    await resources.openFirstFacility();
    expect(await resources.panelField('sozialraum')).toContain('Adelebsen');
    expect(await resources.isEditDisabled()).toBe(true);

    // The map has flown to it and draws its symbol there (hollow: the seeded places are approximate).
    const shown = await facilityOnServer(page.request, server.url, await resources.selectedId());
    await atlas.waitForStillMap(shown.lage);
    const around = await atlas.regionAround(shown.lage);
    await expect
      .poll(async () => (await atlas.screenshotMap('ressourcen-anonym.png')).shareOf([colourOf(shown.category)], { region: around }), { timeout: 10_000 })
      .toBeGreaterThan(0.03);
    expect(pageErrors(page)).toEqual([]);
  });

  it('signs in, adds a facility by clicking the map and shows a hostile name as plain text', async () => {
    const { page, atlas, session, resources, form } = await openAtlas(VIEW);
    await session.openSignIn();
    await session.submitSignIn({ email: ADMIN.email, password: 'falsches-Passwort' });
    expect(await session.signInError()).toBe('E-Mail-Adresse oder Passwort ist falsch.');
    await session.submitSignIn(ADMIN);
    await session.waitForSignedIn();
    expect(await session.user()).toBe(`${TEST_ADMIN.name}Administration`);

    await resources.open();
    const before = await resources.rowCount();
    // Esc leaves the add mode without adding anything.
    await resources.startAdd();
    expect(await atlas.mode()).toBe('add-facility');
    await resources.cancelAddWithEscape();
    expect(await atlas.mode()).toBeNull();
    // Validation messages from the schema appear beside the fields.
    await resources.startAdd();
    await resources.placeAt(IN_ROSDORF);
    expect(await form.location()).toContain('Sozialraum Rosdorf');
    await form.fill({ plz: '371', email: 'keine-adresse' });
    await form.save();
    expect(await form.error('name')).toBe('Name fehlt');
    expect(await form.error('plz')).toBe('PLZ hat fünf Ziffern');
    expect(await form.error('email')).toBe('keine gültige E-Mail-Adresse');
    expect(await form.error('category')).toBe('Bitte eine Kategorie wählen');
    // … and are drawn as errors (the form's error red), not as plain hints.
    const withErrors = await form.screenshot('ressourcen-formular-fehler.png');
    for (const key of ['name', 'plz', 'email', 'category']) {
      expect(withErrors.shareOf(['#b03024'], { region: await form.errorRegion(key) }), key).toBeGreaterThan(0.003);
    }

    await form.fill({ name: HOSTILE, category: 'kita', plz: '37124', email: 'kita@example.org', zielgruppen: ['Kinder'] });
    await form.save();
    await resources.waitForPanel();
    const id = await resources.selectedId();
    await resources.waitForRendered(id);

    // The name is a text node, literally; no element was created from it and no script ran.
    expect(await resources.panelField('name')).toBe(HOSTILE);
    expect(await resources.imagesInPanelOrTable()).toBe(0);
    expect(await resources.rowsNamed(HOSTILE)).toBe(1);
    expect(await resources.panelField('sozialraum')).toContain('Rosdorf');
    expect(await resources.rowCount()).toBe(before + 1);
    // The new Kita is drawn where it was placed (the only Kita in this view).
    await atlas.waitForStillMap(IN_ROSDORF);
    await expect.poll(() => atlas.colourDistanceAt(IN_ROSDORF, colourOf('kita'))).toBeLessThan(ON_SYMBOL);
    const angelegt = await atlas.screenshotMap('ressourcen-angelegt.png');
    expect(angelegt.shareOf([colourOf('kita')], { region: await atlas.regionAround(IN_ROSDORF) })).toBeGreaterThan(0.03);
    expect(dialogs).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });

  it('drags a facility into another Sozialraum and undoes the move', async () => {
    expect(inSozialraum('rosdorf', IN_ROSDORF) && inSozialraum('friedland', IN_FRIEDLAND)).toBe(true);
    const { page, atlas, session, resources } = await openAtlas(VIEW);
    await session.signIn(ADMIN);
    await resources.open();
    const id = await resources.addAt(IN_ROSDORF, { name: 'Beratung am Rand', category: 'beratungsstelle' });
    await resources.waitForRendered(id);
    expect(await resources.panelField('sozialraum')).toContain('Rosdorf');

    await resources.dragFacility(IN_ROSDORF, IN_FRIEDLAND);
    await expect.poll(() => resources.panelField('version')).toBe('2');
    expect(await resources.panelField('sozialraum')).toContain('Friedland');
    expect(await resources.panelField('gemeinde')).toBe('Friedland');
    expect(await resources.lastToast('success')).toContain('Sozialraum Friedland');
    // On the map the symbol stands at the new place and no longer at the old one.
    await atlas.waitForStillMap(IN_FRIEDLAND);
    await expect.poll(() => atlas.colourDistanceAt(IN_FRIEDLAND, colourOf('beratungsstelle'))).toBeLessThan(ON_SYMBOL);
    const moved = await atlas.screenshotMap('ressourcen-verschoben.png');
    expect(moved.shareOf([colourOf('beratungsstelle')], { region: await atlas.regionAround(IN_FRIEDLAND) })).toBeGreaterThan(0.03);
    expect(moved.shareOf([colourOf('beratungsstelle')], { region: await atlas.regionAround(IN_ROSDORF) })).toBe(0);

    // Undo with the keyboard (focus on the map, not in a text field).
    await resources.undoWithKeyboard();
    await expect.poll(() => resources.panelField('version')).toBe('3');
    expect(await resources.panelField('sozialraum')).toContain('Rosdorf');
    const facility = await facilityOnServer(page.request, server.url, id);
    expect(facility.lage[0]).toBeCloseTo(IN_ROSDORF[0], 3);
    expect(facility.lage[1]).toBeCloseTo(IN_ROSDORF[1], 3);
  });

  it('edits in the form, undoes with the button, deletes with undo and restores from the deleted ones', async () => {
    const { page, session, resources, form } = await openAtlas(VIEW);
    await session.signIn(ADMIN);
    await resources.open();
    const id = await resources.addAt(IN_FRIEDLAND, { name: 'Jugendtreff Friedland', category: 'jugendeinrichtung' });

    await resources.edit();
    await form.fill({ name: 'Jugendhaus Friedland', kapazitaet: '40', status: 'geplant', foerderungProgramm: 'Jugendförderung', foerderungSeit: '2023' });
    await form.save();
    await expect.poll(() => resources.panelField('name')).toBe('Jugendhaus Friedland');
    expect(await resources.panelText()).toContain('Jugendförderung (seit 2023)');

    // History lists both versions with the changed fields.
    await resources.openHistory();
    await expect.poll(() => resources.historyEntryCount()).toBe(2);
    expect(await resources.historyEntry(2)).toContain('Jugendtreff Friedland → Jugendhaus Friedland');

    await resources.undoWithButton();
    await expect.poll(() => resources.panelField('name')).toBe('Jugendtreff Friedland');
    expect(await resources.panelField('foerderung')).toBe('–');

    // Revert to version 2 from the history.
    await expect.poll(() => resources.historyEntryCount()).toBe(3);
    await resources.revertTo(2);
    await expect.poll(() => resources.panelField('name')).toBe('Jugendhaus Friedland');

    // Delete: gone from table and map, back with "Rückgängig" in the toast.
    const total = await resources.rowCount();
    await resources.delete();
    await expect.poll(() => resources.rowCount()).toBe(total - 1);
    await resources.undoFromToast();
    await expect.poll(() => resources.rowCount()).toBe(total);

    // Delete again and restore through "Gelöschte anzeigen".
    await resources.openFacility('Jugendhaus Friedland');
    await resources.delete();
    await expect.poll(() => resources.rowCount()).toBe(total - 1);
    await resources.showDeleted(true);
    await resources.restoreFromTable(id);
    await resources.showDeleted(false);
    await expect.poll(() => resources.rowCount()).toBe(total);
    expect(pageErrors(page)).toEqual([]);
  });

  it('shows the conflict dialog when a second browser saved first, and re-applies on request', async () => {
    const first = await openAtlas(VIEW);
    await first.session.signIn(ADMIN);
    await first.resources.open();
    const id = await first.resources.addAt(IN_ROSDORF, { name: 'Familienzentrum Rosdorf Süd', category: 'familienzentrum' });

    const second = await openAtlas(VIEW);
    await second.session.signIn({ email: PLANER.email, password: PLANER.password });
    await second.resources.open();
    await second.resources.openFacilityById(id);

    // Both open the form on version 1.
    await first.resources.edit();
    await second.resources.edit();
    await second.form.fill({ telefon: '0551 4711', name: 'Familienzentrum Rosdorf-Süd' });
    await second.form.save();
    await expect.poll(() => second.resources.panelField('version')).toBe('2');

    await first.form.fill({ name: 'FZ Rosdorf Süd' });
    await first.form.save();
    const { conflict } = first;
    await conflict.waitForOpen();
    expect(await conflict.message()).toMatch(/^Diese Einrichtung wurde inzwischen von Bernd Planung geändert \(\d\d\.\d\d\.\d{4}, \d\d:\d\d\)\./);
    expect(await conflict.row('name')).toBe('NameFamilienzentrum Rosdorf-SüdFZ Rosdorf Süd');
    expect(await conflict.text()).toContain('0551 4711');
    // Their version and mine are set apart in their own colours.
    const dialog = await conflict.screenshot('ressourcen-konflikt.png');
    expect(dialog.shareOf(['#fff8e1'], { tolerance: 4 })).toBeGreaterThan(0.02);
    expect(dialog.shareOf(['#e8f1fb'], { tolerance: 4 })).toBeGreaterThan(0.01);

    await conflict.reapplyMine();
    await conflict.waitForClosed();
    await expect.poll(() => first.resources.panelField('version')).toBe('3');
    expect(await first.resources.panelField('name')).toBe('FZ Rosdorf Süd');
    // The other person's telephone number survived.
    expect(await first.resources.panelText()).toContain('0551 4711');

    // The second browser converges on the next poll (window focus triggers one).
    await second.resources.pollNow();
    await expect.poll(() => second.resources.panelField('name')).toBe('FZ Rosdorf Süd');
    expect(pageErrors(first.page)).toEqual([]);
    expect(pageErrors(second.page)).toEqual([]);
  });

  it('imports a German Excel CSV (Windows-1252, semicolons, UTM 32N) and shows the points where they are', async () => {
    const { page, atlas, session, resources, importWizard } = await openAtlas();
    await session.signIn(ADMIN);
    await resources.open();
    const before = await resources.rowCount();

    // Bad files: the parser's own German message, nothing imported.
    await importWizard.open();
    await importWizard.chooseFile(join(FIXTURES, 'workbook.xlsx'));
    expect(await importWizard.fileError()).toContain('Die Datei ist eine Excel-Arbeitsmappe (.xlsx).');
    await importWizard.chooseFile(join(FIXTURES, 'unclosed-quote.csv'));
    expect(await importWizard.fileError()).toContain('Ein Anführungszeichen in Zeile 3 wird nicht geschlossen.');
    await importWizard.chooseFile(join(FIXTURES, 'broken.geojson'));
    expect(await importWizard.fileError()).toMatch(/Zeile 5/);
    expect(await importWizard.checkButtonCount()).toBe(0);

    await importWizard.chooseReadableFile(join(FIXTURES, 'kitas-excel-semikolon-cp1252-utm32.csv'));
    expect(await importWizard.fileErrorCount()).toBe(0);
    expect(await importWizard.fileDescription()).toContain('Windows-1252');
    expect(await importWizard.preview()).toContain('Kindertagesstätte Bärenhöhle');
    expect(await importWizard.coordinateSystem()).toBe('EPSG:25832');
    expect(await importWizard.mappedColumn('x')).toBe('6');

    await importWizard.check();
    expect(await importWizard.summary()).toBe('3 Zeilen3 ohne Fehler0 mit Fehlern0 mit Warnungen');
    expect(await importWizard.commitLabel()).toBe('3 Einrichtungen importieren');
    await importWizard.commit();
    await expect.poll(() => resources.rowCount()).toBe(before + 3);

    const utm = projectionFor('EPSG:25832');
    const expected: Record<string, [number, number]> = {
      'Kindertagesstätte Bärenhöhle': utm.inverse([565869.24, 5711417.54]) as [number, number],
      'Testkita Sonnenschein': utm.inverse([561082.67, 5705796.29]) as [number, number],
      'Kita Märchenwald': utm.inverse([577690.1, 5709360.11]) as [number, number],
    };
    const facilities = await facilitiesOnServer(page.request, server.url);
    for (const [name, lngLat] of Object.entries(expected)) {
      const imported = facilities.find((facility) => facility.name === name);
      expect(imported, name).toBeDefined();
      expect(imported!.lage[0]).toBeCloseTo(lngLat[0], 5);
      expect(imported!.lage[1]).toBeCloseTo(lngLat[1], 5);
      expect(imported!.category).toBe('kita');
    }
    const baerenhoehle = facilities.find((facility) => facility.name === 'Kindertagesstätte Bärenhöhle')!;
    expect(baerenhoehle.traeger).toBe('Förderverein „Kleine Füße“ e. V.');
    expect(facilities.find((facility) => facility.name === 'Kita Märchenwald')!.kapazitaet).toBe(1200);

    // On the map: choose it in the table, the map moves there and draws the Kita symbol on the spot.
    await resources.search('Bärenhöhle');
    await expect.poll(() => resources.rowCount()).toBe(1);
    await resources.openFirstFacility();
    await resources.waitForRendered(baerenhoehle.id);
    await atlas.waitForStillMap(baerenhoehle.lage);
    await expect.poll(() => atlas.colourDistanceAt(baerenhoehle.lage, [0xef, 0x6c, 0x00])).toBeLessThan(70);
    const imported = await atlas.screenshotMap('ressourcen-import-karte.png');
    expect(imported.shareOf([colourOf('kita')], { region: await atlas.regionAround(baerenhoehle.lage) })).toBeGreaterThan(0.03);
    expect(pageErrors(page)).toEqual([]);
  });

  it('imports a file as a batch, says so, leaves out a repeated row, and undoes and restores the batch as a whole', async () => {
    const { page, session, resources, importWizard, importBatches } = await openAtlas();
    await session.signIn(ADMIN);
    await resources.open();
    const before = await resources.rowCount();
    const names = ['Kita Wiederholung Nord', 'Kita Wiederholung Ost', 'Kita Wiederholung Mitte'];
    const onServer = async () => (await facilitiesOnServer(page.request, server.url)).filter((facility) => names.includes(facility.name)).length;

    await importWizard.open();
    await importWizard.chooseReadableFile(join(FIXTURES, 'kitas-mit-wiederholung.csv'));
    await importWizard.check();
    // Line 5 repeats line 3 exactly: listed with the line it repeats, and not ticked.
    expect(await importWizard.uncheckedLines()).toEqual([5]);
    expect(await importWizard.commitLabel()).toBe('3 Einrichtungen importieren');
    const message = await importWizard.commitAndStay();
    expect(message).toMatch(/^3 Einrichtungen importiert: Import „kitas-mit-wiederholung\.csv“ vom \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}, von /);
    const done = await importWizard.screenshot('ressourcen-import-erfolg.png');
    // The green success message is there to see.
    expect(done.shareOf(['#e3f4e5'])).toBeGreaterThan(0.02);
    await importWizard.close();
    await expect.poll(() => resources.rowCount()).toBe(before + 3);
    expect(await onServer()).toBe(3);

    // Undone as a whole from „Importe“: the facilities are gone from table and server …
    await importBatches.open();
    expect(await importBatches.rowText('kitas-mit-wiederholung.csv')).toMatch(/kitas-mit-wiederholung\.csv.*3.*3.*importiert/);
    await importBatches.undo('kitas-mit-wiederholung.csv');
    const list = await importBatches.screenshot('ressourcen-importe-rueckgaengig.png');
    expect(list.distinctColours).toBeGreaterThan(10);
    expect(await importBatches.rowText('kitas-mit-wiederholung.csv')).toContain('rückgängig gemacht');
    await importBatches.close();
    await expect.poll(() => resources.rowCount()).toBe(before);
    expect(await onServer()).toBe(0);

    // … and restorable, again as a whole.
    await importBatches.open();
    await importBatches.restore('kitas-mit-wiederholung.csv');
    await importBatches.close();
    await expect.poll(() => resources.rowCount()).toBe(before + 3);
    expect(await onServer()).toBe(3);

    // The same file again: every row now duplicates a facility in the database, shown side by side and not ticked.
    await importWizard.open();
    await importWizard.chooseReadableFile(join(FIXTURES, 'kitas-mit-wiederholung.csv'));
    await importWizard.check();
    expect(await importWizard.uncheckedLines()).toEqual([2, 3, 4, 5]);
    expect(await importWizard.duplicateComparison()).toMatch(/In der Datei \(Zeile \d\)In der Datenbank/);
    const report = await importWizard.screenshot('ressourcen-import-duplikate.png');
    expect(report.shareOf(['#fff6e0', '#f4f4f4'])).toBeGreaterThan(0.001);
    await importWizard.cancel();
    expect(await onServer()).toBe(3);
    expect(pageErrors(page)).toEqual([]);
  });

  it('lets an admin create a coordinator, whose edits outside the own area the server refuses in German', async () => {
    const { session, users, resources } = await openAtlas(VIEW);
    await session.signIn(ADMIN);
    await users.open();
    await users.startNew({ name: 'Clara Koordination', email: 'clara@test.invalid', role: 'koordination', password: 'kurz' });
    await users.create();
    expect(await users.error('passwort')).toBe('Passwort braucht mindestens 12 Zeichen');
    expect(await users.passwordRules()).toMatch(/^Mindestens 12 Zeichen, nicht die eigene E-Mail-Adresse/);
    expect(await users.error('zustaendigkeiten')).toBe('Koordination braucht mindestens ein Gebiet');
    await users.setPassword('Clara-Passwort-1');
    await users.addArea('sozialraum-rosdorf');
    await users.create();
    expect(await users.row('clara@test.invalid')).toContain('Rosdorf');
    await users.close();
    await session.signOut();
    await session.waitForSignedOut();

    await session.signIn({ email: 'clara@test.invalid', password: 'Clara-Passwort-1' });
    expect(await session.role()).toBe('Koordination');
    await resources.open();
    const id = await resources.addAt(IN_ROSDORF, { name: 'Claras Kita', category: 'kita' });
    await resources.waitForRendered(id);
    // Moving it into Friedland is outside her area: the server says no, the symbol goes back.
    await resources.dragFacility(IN_ROSDORF, IN_FRIEDLAND);
    await expect.poll(() => resources.toastCount('error')).toBe(1);
    expect(await resources.lastToast('error')).toContain('Sie dürfen Einrichtungen im Sozialraum „Friedland“ nicht bearbeiten.');
    expect(await resources.panelField('version')).toBe('1');
    // Facilities elsewhere are offered read-only.
    await resources.search('Adelebsen');
    await resources.openFirstFacility();
    expect(await resources.isEditDisabled()).toBe(true);

    // Deactivated, she cannot sign in again.
    await session.signOut();
    await session.signIn(ADMIN);
    await users.open();
    await users.toggleActive('clara@test.invalid');
    await expect.poll(() => users.row('clara@test.invalid')).toContain('deaktiviert');
  });

  it('loaded nothing from other hosts and logged no errors besides refused sign-ins', async () => {
    for (const page of pages) {
      expect(foreignRequests(page)).toEqual([]);
      // 401: refused sign-in; 403: refused move; 409: refused stale save. All answers the UI handles.
      const unexpected = consoleErrors(page).filter((message) => !/status of (401|403|409)/.test(message));
      expect(unexpected).toEqual([]);
    }
    expect(dialogs).toEqual([]);
  });
});

describe('resource maps when reading needs a sign-in', () => {
  let closed: AppServer;
  beforeAll(async () => {
    closed = await startAppServer({ ANONYMOUS_READ: 'false' });
  });
  afterAll(async () => {
    await closed?.close();
  });

  it('asks anonymous users to sign in instead of showing facilities, and shows them after sign-in', async () => {
    const { page, atlas, session, resources } = await openAtlas('', closed.url);
    await resources.openSignedOut();
    expect(await resources.countOnMap()).toBe('0');
    // The territory atlas works as before.
    await atlas.openTab('sozialraeume');
    expect(await atlas.tableRowCount()).toBe(18);
    await atlas.openTab('ressourcen');
    await resources.askToSignIn();
    await session.submitSignIn(ADMIN);
    await resources.waitForTable();
    await expect.poll(() => resources.rowCount()).toBeGreaterThan(0);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
