// The form „Eigene Kennzahl“ (domain/indicators/definitionForm.ts): values ↔ definition, the
// id from the name, and every problem in German at its field, checked with the API's schema and
// against the district's catalogue (synthetic definitions on the shipped Göttingen catalogue).
import { describe, expect, it } from 'vitest';
import { checkDefinition, definitionConflictMessage, definitionValues, emptyDefinitionValues, fieldsFor, idFromName, type DefinitionFormValues } from '../../../src/domain/indicators/definitionForm';
import { goettingenShipped } from '../support/indicators';

const others = goettingenShipped().catalogue.entries.map((entry) => entry.definition);

const filled = (extra: Partial<DefinitionFormValues> = {}): DefinitionFormValues => ({
  ...emptyDefinitionValues(),
  name: 'Testbesuche',
  id: 'testbesuche',
  definition: 'Synthetische Zählung für Tests.',
  einheit: 'Besuche',
  quelleTabelle: 'Testzählung',
  quelleHerausgeber: 'Testkreis',
  quelleLizenz: 'intern',
  quelleNamensnennung: 'Testkreis',
  ...extra,
});

describe('the own Kennzahl form', () => {
  it('makes an id of the name', () => {
    expect(idFromName('Schulabgänger ohne Abschluss')).toBe('schulabgaenger-ohne-abschluss');
    expect(idFromName('  Größe (m²) / Fläche ')).toBe('groesse-m-flaeche');
  });

  it('turns the filled form into a definition the API takes, and back', () => {
    const checked = checkDefinition(filled({ hinweis: '  ' }), others, { base: null });
    expect(checked).toEqual({
      ok: true,
      definition: {
        id: 'testbesuche',
        name: 'Testbesuche',
        definition: 'Synthetische Zählung für Tests.',
        einheit: 'Besuche',
        thema: 'Eigene Kennzahlen',
        art: 'anzahl',
        ebene: 'sozialraum',
        polaritaet: 'neutral',
        zeitbezug: 'stichtag',
        quelle: { tabelle: 'Testzählung', herausgeber: 'Testkreis', lizenz: 'intern', namensnennung: 'Testkreis' },
      },
    });
    if (checked.ok) expect(definitionValues(checked.definition)).toEqual(filled());
  });

  it('says in German what is missing, at its field', () => {
    const checked = checkDefinition(filled({ name: '', quelleLizenz: ' ', id: 'Mit Leerzeichen' }), others, { base: null });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toEqual({
      name: 'fehlt oder ist leer',
      id: '„Mit Leerzeichen“ darf nur a-z, 0-9 und - enthalten',
      quelleLizenz: 'fehlt oder ist leer',
    });
  });

  it('refuses an id that is taken, and a rate on unknown or equal counts', () => {
    const taken = checkDefinition(filled({ id: 'bevoelkerung' }), others, { base: null });
    expect(!taken.ok && taken.errors.id).toBe('„bevoelkerung“ ist schon vergeben');
    const rate = checkDefinition(filled({ art: 'anteil', zaehler: ['bevoelkerung'], nenner: ['bevoelkerung'], faktor: '100' }), others, { base: null });
    expect(!rate.ok && rate.errors.nenner).toBe('darf keine Kennzahl des Zählers enthalten');
    const noFactor = checkDefinition(filled({ art: 'quote', zaehler: ['alter-unter-3'], nenner: ['bevoelkerung'], faktor: 'viel' }), others, { base: null });
    expect(!noFactor.ok && noFactor.errors.faktor).toBe('muss eine positive Zahl sein (100 für %, 1000 für „je 1.000“)');
    const unknown = checkDefinition(filled({ art: 'mittelwert', gewicht: 'gibt-es-nicht' }), others, { base: null });
    expect(!unknown.ok && unknown.errors.gewicht).toBe('nennt die unbekannte Kennzahl „gibt-es-nicht“');
    const fine = checkDefinition(filled({ art: 'anteil', zaehler: ['alter-unter-3', 'alter-3-bis-6'], nenner: ['bevoelkerung'], faktor: '1.000' }), others, { base: null });
    expect(fine.ok && fine.definition).toMatchObject({ art: 'anteil', zaehler: ['alter-unter-3', 'alter-3-bis-6'], nenner: ['bevoelkerung'], faktor: 1000 });
  });

  it('a change keeps its own id without calling it taken', () => {
    const first = checkDefinition(filled(), others, { base: null });
    if (!first.ok) throw new Error('invalid');
    expect(checkDefinition(filled({ name: 'Testbesuche neu' }), [...others, first.definition], { base: first.definition }).ok).toBe(true);
  });

  it('keeps on a change what the form does not show (decimals, breaks, privacy rule, the source’s address) and every count of a rate', () => {
    const stored = {
      ...filled(),
      art: 'anteil',
      zaehler: ['alter-unter-3', 'alter-3-bis-6'],
      nenner: ['bevoelkerung'],
      faktor: 100,
      nachkommastellen: 2,
      mindestNenner: 50,
      brueche: [{ ab: '2011-05-09', hinweis: 'Zensus' }],
      quelle: { tabelle: 'T', herausgeber: 'H', lizenz: 'L', namensnennung: 'N', url: 'https://example.invalid/t' },
    } as unknown as import('../../../src/domain/indicators/catalog').IndicatorDefinition;
    const values = { ...definitionValues(stored), name: 'Neuer Name' };
    expect(values.zaehler).toEqual(['alter-unter-3', 'alter-3-bis-6']);
    const checked = checkDefinition(values, others, { base: stored });
    expect(checked.ok && checked.definition).toMatchObject({
      name: 'Neuer Name',
      zaehler: ['alter-unter-3', 'alter-3-bis-6'],
      nachkommastellen: 2,
      mindestNenner: 50,
      brueche: [{ ab: '2011-05-09', hinweis: 'Zensus' }],
      quelle: { tabelle: 'T', url: 'https://example.invalid/t' },
    });
    const empty = checkDefinition({ ...values, zaehler: [] }, others, { base: stored });
    expect(!empty.ok && empty.errors.zaehler).toBe('bitte mindestens eine Anzahl wählen');
  });

  it('shows the fields of the kind chosen', () => {
    expect(fieldsFor('anzahl')).toContain('negativZulaessig');
    expect(fieldsFor('anteil')).toEqual(expect.arrayContaining(['zaehler', 'nenner', 'faktor']));
    expect(fieldsFor('anteil')).not.toContain('ebene');
    expect(fieldsFor('mittelwert')).toContain('gewicht');
  });

  it('says who won a conflict: a newer version, or the Kennzahl deleted', () => {
    expect(definitionConflictMessage({ version: 3, geloescht: false })).toBe(
      'Jemand anderes hat diese Kennzahl inzwischen geändert (jetzt Version 3). Ihre Änderung wurde nicht gespeichert. Laden Sie die aktuelle Fassung neu und tragen Sie Ihre Änderung dann noch einmal ein.',
    );
    expect(definitionConflictMessage({ version: 4, geloescht: true })).toMatch(/^Jemand anderes hat diese Kennzahl inzwischen gelöscht\. Ihre Änderung/);
    expect(definitionConflictMessage(undefined)).toMatch(/^Jemand anderes hat diese Kennzahl inzwischen geändert\. /);
  });
});
