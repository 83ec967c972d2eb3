import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRecords } from '../../src/domain/csv';

describe('parseCsv', () => {
  it('splits plain fields and lines', () => {
    expect(parseCsv('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('reads quoted fields with delimiters, line breaks and doubled quotes inside', () => {
    expect(parseCsv('name,notiz\n"Testgemeinde A, Flecken","sagt ""Hallo""\nzweite Zeile"')).toEqual([
      ['name', 'notiz'],
      ['Testgemeinde A, Flecken', 'sagt "Hallo"\nzweite Zeile'],
    ]);
  });

  it('keeps an empty quoted field and empty unquoted fields', () => {
    expect(parseCsv('a,"",c\n,,\n')).toEqual([
      ['a', '', 'c'],
      ['', '', ''],
    ]);
  });

  it('accepts CRLF, LF and lone CR line ends alike', () => {
    const expected = [
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ];
    expect(parseCsv('a,b\r\n1,2\r\n3,4\r\n')).toEqual(expected);
    expect(parseCsv('a,b\n1,2\r3,4')).toEqual(expected);
  });

  it('uses the semicolon of German spreadsheet exports when asked, and keeps commas inside', () => {
    expect(parseCsv('ags;name;anteil\n99999001;Testgemeinde A;12,5', ';')).toEqual([
      ['ags', 'name', 'anteil'],
      ['99999001', 'Testgemeinde A', '12,5'],
    ]);
    expect(parseCsv('a;b\n1;"x;y"', ';')).toEqual([
      ['a', 'b'],
      ['1', 'x;y'],
    ]);
  });

  it('strips a UTF-8 byte order mark so the first header is not "\\uFEFFags"', () => {
    expect(parseCsv('\uFEFFags,name\n99999001,Ölsen')).toEqual([
      ['ags', 'name'],
      ['99999001', 'Ölsen'],
    ]);
  });

  it('drops blank lines', () => {
    expect(parseCsv('a\n\n1\n\n')).toEqual([['a'], ['1']]);
  });

  it('throws when a quote is never closed', () => {
    expect(() => parseCsv('a,b\n1,"offen\n2,3')).toThrow('CSV: Anführungszeichen wird nicht geschlossen.');
  });

  it('returns no rows for an empty text', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\uFEFF')).toEqual([]);
  });
});

describe('parseCsvRecords', () => {
  it('keys each row by the trimmed header', () => {
    expect(parseCsvRecords(' ags ;name\n99999001;Testgemeinde A\n99999002;Testgemeinde B', ';')).toEqual([
      { ags: '99999001', name: 'Testgemeinde A' },
      { ags: '99999002', name: 'Testgemeinde B' },
    ]);
  });

  it('names the line of a row with too few or too many fields', () => {
    const text = 'ags,name\n99999001,Testgemeinde A\n99999002\n';
    expect(() => parseCsvRecords(text)).toThrow('CSV: Zeile 3 hat 1 Felder, die Kopfzeile aber 2.');
    expect(() => parseCsvRecords('ags,name\n99999001,A,zu viel')).toThrow(/Zeile 2 hat 3 Felder, die Kopfzeile aber 2/);
  });

  it('returns nothing for an empty text and no records for a header alone', () => {
    expect(parseCsvRecords('')).toEqual([]);
    expect(parseCsvRecords('ags,name\n')).toEqual([]);
  });
});
