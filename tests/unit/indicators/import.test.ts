// Import of Kennzahlen values: the Regionalstatistik / GENESIS export (header rows, `;`, the
// symbols, old keys through the crosswalk, merged municipalities summed) and CSV as German Excel
// saves it, with the per-row report (unknown area, unknown Kennzahl, not a number, negative count,
// numerator larger than denominator, duplicate area and date). Synthetic values on the real
// Göttingen tree and crosswalk.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAreaResolver } from '../../../src/domain/indicators/areaKeys';
import { checkImport, type ImportContext } from '../../../src/domain/indicators/importCheck';
import { readImportFile } from '../../../src/domain/indicators/importFile';
import { decodeText } from '../../../src/domain/import/decode';
import { fixturePath } from '../support/fixtures';
import { goettingenShipped } from '../support/indicators';

const GENESIS = decodeText(readFileSync(fixturePath('indicators/genesis-13211-01-03-5-arbeitslose-2015.csv')));
const shipped = goettingenShipped();
const context = (extra: Partial<ImportContext> = {}): ImportContext => ({ ...shipped, stored: shipped.values, ...extra });
const valueOf = (report: ReturnType<typeof checkImport>['report'], kennzahl: string, gebiet: string) =>
  report.werte.find((value) => value.kennzahl === kennzahl && value.gebiet === gebiet)?.wert;

describe('the GENESIS export', () => {
  it('is read in Windows-1252 with its table, title, copyright and date of the export', () => {
    expect(GENESIS.encoding).toBe('windows-1252');
    const file = readImportFile(GENESIS.text);
    expect(file).toMatchObject({
      format: 'genesis',
      tabelle: '13211-01-03-5',
      titel: 'Arbeitslose nach ausgewählten Personengruppen - Jahresdurchschnitt -',
      copyright: '© Statistische Ämter des Bundes und der Länder, Deutschland, 2017',
      stand: '2017-10-10',
      problems: [],
    });
    expect(file.columns.map((column) => column.label)).toEqual(['Arbeitslose · insgesamt', 'Arbeitslose · Ausländer', 'Arbeitslose · Langzeitarbeitslose']);
  });

  it('suggests Kennzahlen for the columns by name, id or the table’s „insgesamt“; the planner may leave a column out', () => {
    expect(checkImport(GENESIS.text, context()).report.spalten).toEqual([
      { spalte: 'Arbeitslose · insgesamt', kennzahl: 'arbeitslose', vorschlag: true },
      { spalte: 'Arbeitslose · Ausländer', kennzahl: 'arbeitslose-auslaender', vorschlag: true },
      { spalte: 'Arbeitslose · Langzeitarbeitslose', kennzahl: 'langzeitarbeitslose', vorschlag: true },
    ]);
    const { report } = checkImport(GENESIS.text, context({ mapping: { 'Arbeitslose · Ausländer': null } }));
    expect(report.spalten[1]).toEqual({ spalte: 'Arbeitslose · Ausländer', kennzahl: null, vorschlag: false });
    expect(report.hinweise).toContain('Spalte „Arbeitslose · Ausländer“ ist keiner Kennzahl zugeordnet und wird nicht importiert.');
    expect(report.werte.some((value) => value.kennzahl === 'arbeitslose-auslaender')).toBe(false);
  });

  it('maps old keys and 11-digit member keys to today’s AGS, sums merged municipalities, skips aggregates and other Kreise', () => {
    const { report, source } = checkImport(GENESIS.text, context({ mapping: { 'Arbeitslose · Ausländer': 'arbeitslose-auslaender' } }));
    expect(report.fehler).toBe(0);
    expect(valueOf(report, 'arbeitslose', '03159001')).toBe(211); // 03152001 Adelebsen
    expect(valueOf(report, 'arbeitslose', '03159008')).toBe(123); // 03152401005 Dransfeld
    expect(valueOf(report, 'arbeitslose', '03159002')).toBe(101 + 52); // Bad Grund (Harz): two former members
    expect(valueOf(report, 'arbeitslose', '03159036')).toBe(40 + 20 + 15); // Walkenried, Wieda, Zorge
    expect(report.werte.every((value) => value.stichtag === '2015-12-31')).toBe(true);
    // Deutschland, Niedersachsen, the two former Kreise, the Samtgemeinde and the Hildesheim row: 6 rows × 3 columns.
    expect(report.hinweise).toContain('18 Werte anderer Gebiete (andere Kreise, Land, Gemeindeverbände, frühere Kreise) übersprungen.');
    expect(report.werte.some((value) => value.gebiet.startsWith('03254'))).toBe(false);
    expect(source).toMatchObject({ tabelle: '13211-01-03-5 Arbeitslose nach ausgewählten Personengruppen - Jahresdurchschnitt -', stand: '2017-10-10' });
  });

  it('reads „-“ as nothing (0) and gives no value for „.“ and „x“, saying why', () => {
    const { report } = checkImport(GENESIS.text, context({ mapping: { 'Arbeitslose · Ausländer': 'arbeitslose-auslaender' } }));
    expect(valueOf(report, 'arbeitslose-auslaender', '03159005')).toBe(0); // Bilshausen „-“
    expect(valueOf(report, 'arbeitslose-auslaender', '03159006')).toBeUndefined(); // Bodensee „.“
    expect(valueOf(report, 'arbeitslose-auslaender', '03159007')).toBeUndefined(); // Bovenden „x“
    const bodensee = report.zeilen.find((row) => row.gebiet === '03159006' && row.kennzahl === 'arbeitslose-auslaender')!;
    expect(bodensee.hinweise).toContain('Kein Wert: Zahlenwert unbekannt oder geheim zu halten („.“)');
    expect(bodensee.fehler).toEqual([]);
  });

  it('reports unknown keys of the district, words, negative counts and numerators above denominators, and then writes nothing', () => {
    const footer = GENESIS.text.indexOf('__________');
    const bad = ['2015;03159999;      Unbekannt;5;1;2', '2015;03152005;      Ebergötzen;viele;1;2', '2015;03152006;      Friedland;-4;1;2', '2015;03152007;      Gleichen;10;1;12'];
    const text = `${GENESIS.text.slice(0, footer)}${bad.join('\r\n')}\r\n${GENESIS.text.slice(footer)}`;
    const { report } = checkImport(text, context());
    const errorsOf = (line: number) => report.zeilen.filter((row) => row.zeile === line).flatMap((row) => row.fehler);
    const firstBad = text.slice(0, footer).split('\r\n').length;
    expect(errorsOf(firstBad)[0]).toBe('Gemeindeschlüssel „03159999“ gibt es im Landkreis Göttingen nicht (auch nicht unter den früheren Schlüsseln)');
    expect(errorsOf(firstBad + 1)).toEqual(['„viele“ ist keine Zahl']);
    expect(errorsOf(firstBad + 2)).toEqual(['Negative Anzahl -4: „Arbeitslose“ kann nicht negativ sein']);
    expect(errorsOf(firstBad + 3)).toEqual(['Zähler größer als Nenner bei „Anteil Langzeitarbeitsloser an den Arbeitslosen“: 12 > 10']);
    expect(report.fehler).toBe(3 + 1 + 1 + 1); // the unknown key in all three columns
    expect(report.werte).toEqual([]);
  });
});

describe('CSV as German Excel saves it', () => {
  it('reads AGS with a dropped zero, 12-digit regional keys and Sozialräume, years and dates, several Kennzahlen', () => {
    const text = '\uFEFFAGS;Name;Jahr;Arbeitslose;Langzeitarbeitslose\r\n3159001;Adelebsen;2017;200;60\r\n031590005005;Bilshausen;2017;30;9\r\n';
    const { report } = checkImport(text, context());
    expect(report.fehler).toBe(0);
    expect(report.werte).toEqual([
      { kennzahl: 'arbeitslose', gebiet: '03159001', stichtag: '2017-12-31', wert: 200, ersetzt: null },
      { kennzahl: 'langzeitarbeitslose', gebiet: '03159001', stichtag: '2017-12-31', wert: 60, ersetzt: null },
      { kennzahl: 'arbeitslose', gebiet: '03159005', stichtag: '2017-12-31', wert: 30, ersetzt: null },
      { kennzahl: 'langzeitarbeitslose', gebiet: '03159005', stichtag: '2017-12-31', wert: 9, ersetzt: null },
    ]);
  });

  it('reads a long table with Kennzahl and Wert, decimal commas, and says which stored values it replaces', () => {
    const text = 'Gemeindeschlüssel;Stichtag;Kennzahl;Wert\r\n03159001;31.12.2015;bevoelkerung;6.519,0\r\n03159001;31.12.2015;Gibt es nicht;3\r\n';
    const { report } = checkImport(text, context());
    expect(report.zeilen[0]).toMatchObject({ kennzahl: 'bevoelkerung', wert: 6519, fehler: [] });
    const stored = shipped.values.find((value) => value.kennzahl === 'bevoelkerung' && value.gebiet === '03159001' && value.stichtag === '2015-12-31')!.wert;
    expect(report.zeilen[0]!.hinweise).toEqual(stored === 6519 ? [] : [`Ersetzt den gespeicherten Wert ${stored}`]);
    expect(report.zeilen[1]!.fehler).toEqual(['Unbekannte Kennzahl „Gibt es nicht“']);
  });

  it('finds duplicates of area and date, and refuses a Kennzahl at the wrong level or one that is computed', () => {
    const text = 'AGS;Jahr;Kennzahl;Wert\r\n03159001;2017;arbeitslose;5\r\n03159001;2017;arbeitslose;6\r\nadelebsen;2017;arbeitslose;5\r\n03159001;2017;arbeitslose-je-1000;5\r\n';
    const { report } = checkImport(text, context());
    expect(report.zeilen.map((row) => row.fehler)).toEqual([
      [],
      ['Doppelt: Arbeitslose, Gebiet 03159001, Stichtag 2017-12-31 steht schon in Zeile 2'],
      ['„Arbeitslose“ wird je Gemeinde erhoben, die Zeile nennt einen Sozialraum (Adelebsen)'],
      ['„Arbeitslose je 1.000 Einwohner von 15 bis unter 65 Jahren“ wird berechnet, nicht eingelesen: bitte Zähler und Nenner importieren'],
    ]);
  });

  it('takes only the planner’s own mapping, not what every object has („constructor“)', () => {
    const { report } = checkImport('AGS;Jahr;constructor;Arbeitslose\r\n03159001;2017;1;200\r\n', context({ mapping: { Arbeitslose: 'arbeitslose' } }));
    expect(report.spalten[0]).toEqual({ spalte: 'constructor', kennzahl: null, vorschlag: true });
    expect(report.werte).toEqual([{ kennzahl: 'arbeitslose', gebiet: '03159001', stichtag: '2017-12-31', wert: 200, ersetzt: null }]);
  });

  it('says where a quote is never closed, and reads nothing', () => {
    const { report } = checkImport('"; DROP TABLE facilities; --', context());
    expect(report).toMatchObject({ fehler: 1, werte: [], hinweise: ['CSV: Anführungszeichen wird nicht geschlossen. Das Feld beginnt in Zeile 1.'] });
  });

  it('says what is missing from a file it cannot read', () => {
    expect(checkImport('Name;Wert\r\nA;1\r\n', context()).report.hinweise).toEqual([
      'Keine Spalte mit dem Gebiet gefunden (z. B. „AGS“, „Regionalschlüssel“ oder „Sozialraum“).',
      'Keine Spalte mit dem Stichtag oder Jahr gefunden (z. B. „Stichtag“ oder „Jahr“).',
    ]);
  });
});

describe('area keys', () => {
  it('resolve Sozialraum names and ids, the Kreis, and tell other Kreise from unknown keys', () => {
    const resolver = createAreaResolver(shipped.hierarchy, shipped.crosswalk);
    expect(resolver.resolve('Adelebsen')).toMatchObject({ kind: 'gebiet', level: 'sozialraum', id: 'adelebsen' });
    expect(resolver.resolve('03159')).toMatchObject({ kind: 'gebiet', level: 'kreis', id: '03159' });
    expect(resolver.resolve('03254001').kind).toBe('uebersprungen');
    expect(resolver.resolve('03159999').kind).toBe('unbekannt');
    expect(resolver.resolve('Atlantis')).toMatchObject({ kind: 'unbekannt', message: 'Unbekanntes Gebiet „Atlantis“ (weder Gemeindeschlüssel noch Sozialraum des Landkreis Göttingen)' });
  });
});
