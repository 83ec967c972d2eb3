import { describe, expect, it } from 'vitest';
import { parseAtlasUrl, serializeAtlasUrl, type AtlasUrlState } from '../../src/domain/urlState';

const DISTRICTS = ['goettingen', 'potsdam-mittelmark'] as const;
const parse = (search: string) => parseAtlasUrl(search, DISTRICTS, 'goettingen');

describe('serializeAtlasUrl', () => {
  it('writes district, selection and rounded view in a readable form', () => {
    const state: AtlasUrlState = {
      district: 'goettingen',
      selection: { kind: 'sozialraum', id: 'adelebsen' },
      view: { zoom: 9.5, center: [10.05, 51.55] },
    };
    expect(serializeAtlasUrl(state)).toBe('?landkreis=goettingen&auswahl=sozialraum:adelebsen&karte=9.50/51.55000/10.05000');
  });

  it('rounds long coordinates and leaves out what is not set', () => {
    expect(serializeAtlasUrl({ district: 'potsdam-mittelmark', selection: null, view: null })).toBe('?landkreis=potsdam-mittelmark');
    expect(
      serializeAtlasUrl({ district: 'goettingen', selection: null, view: { zoom: 10.123_456, center: [9.935_612_34, 51.532_849_9] } }),
    ).toBe('?landkreis=goettingen&karte=10.12/51.53285/9.93561');
  });
});

describe('parseAtlasUrl', () => {
  it('reads what serializeAtlasUrl wrote (round trip)', () => {
    const state: AtlasUrlState = {
      district: 'potsdam-mittelmark',
      selection: { kind: 'ausserhalb', id: 'stadt-99999004' },
      view: { zoom: 11.25, center: [12.5, 52.25] },
    };
    expect(parse(serializeAtlasUrl(state))).toEqual({ state, problems: [] });
  });

  it('falls back to the default district with a message for an unknown one', () => {
    const { state, problems } = parse('?landkreis=testkreis&auswahl=sozialregion:region-west');
    expect(state.district).toBe('goettingen');
    expect(state.selection).toEqual({ kind: 'sozialregion', id: 'region-west' });
    expect(problems).toEqual(['Unbekannter Landkreis „testkreis“ in der Adresse; angezeigt wird der Standard.']);
  });

  it('uses the default district without a message when none is given', () => {
    expect(parse('')).toEqual({ state: { district: 'goettingen', selection: null, view: null }, problems: [] });
    expect(parse('?auswahl=')).toEqual({ state: { district: 'goettingen', selection: null, view: null }, problems: [] });
  });

  it.each(['sozialraum', 'kreis:03159', 'sozialraum:Adelebsen', 'landkreis:goettingen', 'sozialraum:a:b', ':adelebsen'])(
    'drops the malformed selection %j and says so',
    (auswahl) => {
      const { state, problems } = parse(`?landkreis=potsdam-mittelmark&auswahl=${encodeURIComponent(auswahl)}`);
      expect(state.district).toBe('potsdam-mittelmark');
      expect(state.selection).toBeNull();
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^Auswahl „.*“ in der Adresse ist ungültig \(erwartet z\. B\. sozialraum:adelebsen\)\.$/);
    },
  );

  it.each([
    ['zoom above 22', '23/51.5/10'],
    ['zoom below 0', '-1/51.5/10'],
    ['latitude beyond 85', '9/86/10'],
    ['longitude beyond 180', '9/51.5/181'],
    ['two parts', '9/51.5'],
    ['four parts', '9/51.5/10/1'],
    ['not a number', '9/abc/10'],
    ['NaN', 'NaN/51.5/10'],
    ['Infinity', '9/Infinity/10'],
    ['empty parts', '//'],
    ['an empty zoom', '/51.5/10'],
  ])('drops a view with %s and says so', (_, karte) => {
    const { state, problems } = parse(`?landkreis=goettingen&auswahl=sozialraum:adelebsen&karte=${karte}`);
    expect(state.view).toBeNull();
    expect(state.selection).toEqual({ kind: 'sozialraum', id: 'adelebsen' });
    expect(problems).toEqual([`Kartenausschnitt „${karte}“ in der Adresse ist ungültig (erwartet Zoom/Breite/Länge).`]);
  });

  it('accepts the limits of the view ranges and reads latitude before longitude', () => {
    expect(parse('?karte=22/-85/180').state.view).toEqual({ zoom: 22, center: [180, -85] });
    expect(parse('?karte=0/85/-180').state.view).toEqual({ zoom: 0, center: [-180, 85] });
    expect(parse('?karte=9.5/51.55/10.05').state.view).toEqual({ zoom: 9.5, center: [10.05, 51.55] });
  });

  it('reports several broken parts at once', () => {
    const { state, problems } = parse('?landkreis=x&auswahl=y&karte=z');
    expect(state).toEqual({ district: 'goettingen', selection: null, view: null });
    expect(problems).toHaveLength(3);
  });
});

describe('the view of the coverage analysis in the link', () => {
  const coverageState: AtlasUrlState = {
    district: 'goettingen',
    selection: null,
    view: null,
    tab: 'versorgung',
    coverage: {
      category: 'familienzentrum',
      radiusKm: 7.5,
      hypothetical: [
        [9.91234, 51.48765],
        [10.01, 51.5],
      ],
      switchedOff: ['0f3c2f4e-8b1a-4c2d-9e6f-1a2b3c4d5e6f'],
    },
  };

  it('keeps tab, category, reach and the scenario, readably', () => {
    const search = serializeAtlasUrl(coverageState);
    expect(search).toBe(
      '?landkreis=goettingen&ansicht=versorgung&kategorie=familienzentrum&reichweite=7.5&neu=9.91234,51.48765;10.01000,51.50000&aus=0f3c2f4e-8b1a-4c2d-9e6f-1a2b3c4d5e6f',
    );
    expect(parse(search)).toEqual({ state: coverageState, problems: [] });
  });

  it('writes the tab without coverage parts for the other tabs, and nothing for the first', () => {
    expect(serializeAtlasUrl({ ...coverageState, tab: 'ressourcen' })).toBe('?landkreis=goettingen&ansicht=ressourcen');
    expect(serializeAtlasUrl({ ...coverageState, tab: 'sozialraeume' })).toBe('?landkreis=goettingen');
    expect(parse('?landkreis=goettingen&ansicht=ressourcen&kategorie=kita').state).toEqual({ district: 'goettingen', selection: null, view: null, tab: 'ressourcen' });
  });

  it('reports and drops broken parts, keeping the rest', () => {
    const { state, problems } = parse('?ansicht=versorgung&kategorie=Kita!&reichweite=99&neu=9.9,51.5;abc;10,95&aus=1234,0f3c2f4e-8b1a-4c2d-9e6f-1a2b3c4d5e6f');
    expect(state.coverage).toEqual({ category: null, radiusKm: null, hypothetical: [[9.9, 51.5]], switchedOff: ['0f3c2f4e-8b1a-4c2d-9e6f-1a2b3c4d5e6f'] });
    expect(problems).toEqual([
      'Kategorie „Kita!“ in der Adresse ist ungültig.',
      'Reichweite „99“ in der Adresse ist ungültig (erwartet 0,5 bis 30 km).',
      'Hypothetische Einrichtung „abc“ in der Adresse ist ungültig (erwartet Länge,Breite).',
      'Hypothetische Einrichtung „10,95“ in der Adresse ist ungültig (erwartet Länge,Breite).',
      'Ausgeschaltete Einrichtung „1234“ in der Adresse ist ungültig.',
    ]);
    expect(parse('?ansicht=karte').problems).toEqual(['Ansicht „karte“ in der Adresse ist unbekannt (möglich: sozialraeume, ressourcen, versorgung, kennzahlen).']);
    expect(parse('?reichweite=2,5&ansicht=versorgung').state.coverage?.radiusKm).toBe(2.5);
  });
});

describe('the Kennzahlen tab in the address', () => {
  it('keeps Kennzahl, date, classes, profile and compared areas, and reads them back', () => {
    const indicators = { kennzahl: 'anteil-65-und-mehr', stichtag: '2012', klassen: 'natuerlich' as const, profil: 'sozialraum:adelebsen', vergleich: ['sozialraum:bovenden', 'planungsraum:planungsraum'] };
    const search = serializeAtlasUrl({ district: 'goettingen', selection: null, view: null, tab: 'kennzahlen', indicators });
    expect(search).toBe('?landkreis=goettingen&ansicht=kennzahlen&kennzahl=anteil-65-und-mehr&stichtag=2012&klassen=natuerlich&profil=sozialraum:adelebsen&vergleich=sozialraum:bovenden,planungsraum:planungsraum');
    expect(parseAtlasUrl(search, ['goettingen'], 'goettingen')).toEqual({ state: { district: 'goettingen', selection: null, view: null, tab: 'kennzahlen', indicators }, problems: [] });
  });

  it('keeps Gemeinden as the map level', () => {
    const indicators = { kennzahl: 'arbeitslose', stichtag: null, klassen: null, ebene: 'gemeinde' as const, profil: null, vergleich: [] };
    const search = serializeAtlasUrl({ district: 'goettingen', selection: null, view: null, tab: 'kennzahlen', indicators });
    expect(search).toBe('?landkreis=goettingen&ansicht=kennzahlen&kennzahl=arbeitslose&ebene=gemeinde');
    expect(parseAtlasUrl(search, ['goettingen'], 'goettingen').state.indicators).toEqual(indicators);
    expect(parseAtlasUrl('?ansicht=kennzahlen&ebene=kreis', ['goettingen'], 'goettingen').problems).toEqual(['Ebene „kreis“ in der Adresse ist unbekannt (möglich: sozialraum, gemeinde).']);
  });

  it('reports broken parts in German and keeps the rest', () => {
    const { state, problems } = parseAtlasUrl('?ansicht=kennzahlen&kennzahl=anteil-65-und-mehr&stichtag=gestern&klassen=bunt&profil=<b>', ['goettingen'], 'goettingen');
    expect(state.indicators).toEqual({ kennzahl: 'anteil-65-und-mehr', stichtag: null, klassen: null, profil: null, vergleich: [] });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^Stichtag „gestern“/);
  });
});
