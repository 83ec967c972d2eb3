import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src/domain/import/decode';
import { ImportFileError } from '../../../src/domain/import/errors';
import { importFixture } from './support';

const bytes = (...values: number[]) => Uint8Array.from(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

function errorOf(action: () => unknown): ImportFileError {
  try {
    action();
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('no ImportFileError thrown');
}

describe('decodeText', () => {
  it('reads valid UTF-8 as UTF-8, with and without byte order mark, and removes the mark', () => {
    expect(decodeText(utf8('Träger;Straße'))).toEqual({ text: 'Träger;Straße', encoding: 'utf-8' });
    expect(decodeText(bytes(0xef, 0xbb, 0xbf, ...utf8('Träger')))).toEqual({ text: 'Träger', encoding: 'utf-8' });
  });

  it('falls back to Windows-1252 when the bytes are not valid UTF-8 (German Excel "CSV")', () => {
    // "Bärenhöhle" in Windows-1252: ä = 0xE4, ö = 0xF6; as UTF-8 these bytes are invalid.
    expect(decodeText(bytes(0x42, 0xe4, 0x72, 0x65, 0x6e, 0x68, 0xf6, 0x68, 0x6c, 0x65))).toEqual({
      text: 'Bärenhöhle',
      encoding: 'windows-1252',
    });
  });

  it('maps the Windows-1252 bytes 0x80–0x9F to their characters (€, „ “, –), not to C1 controls', () => {
    // Node 20.18.3+ decodes "windows-1252" as Latin-1 (nodejs/node#60888); browsers do not.
    const { text } = decodeText(bytes(0x80, 0x20, 0x84, 0x4b, 0x93, 0x20, 0x96, 0x20, 0xe4));
    expect(text).toBe('€ „K“ – ä');
    expect(text).not.toMatch(/[\u0080-\u009f]/);
  });

  it('decodes the Excel fixture as Windows-1252 with its umlauts and typographic quotes', () => {
    const raw = importFixture('kitas-excel-semikolon-cp1252-utm32.csv');
    // The fixture really is Windows-1252: "ä" is the single byte 0xE4, never the UTF-8 pair C3 A4.
    expect(raw.includes(0xe4)).toBe(true);
    expect(Buffer.from(raw).includes(Buffer.from([0xc3, 0xa4]))).toBe(false);
    const { text, encoding } = decodeText(raw);
    expect(encoding).toBe('windows-1252');
    expect(text).toContain('Kindertagesstätte Bärenhöhle');
    expect(text).toContain('Förderverein „Kleine Füße“ e. V.');
    expect(text.split('\r\n')[0]).toBe('Name der Einrichtung;Art;Träger;Straße;PLZ;Ort;Rechtswert;Hochwert;Plätze');
  });

  it.each([
    ['no bytes', bytes()],
    ['only a byte order mark', bytes(0xef, 0xbb, 0xbf)],
    ['only whitespace', utf8(' \r\n\t\r\n')],
  ])('refuses an empty file (%s)', (_, input) => {
    const error = errorOf(() => decodeText(input));
    expect(error.code).toBe('empty');
    expect(error.message).toBe('Die Datei ist leer.');
  });

  it('refuses an Excel workbook by its zip signature, saying how to save it as CSV', () => {
    const error = errorOf(() => decodeText(importFixture('workbook.xlsx')));
    expect(error.code).toBe('excel');
    expect(error.message).toBe('Die Datei ist eine Excel-Arbeitsmappe (.xlsx). Bitte in Excel als „CSV (Trennzeichen-getrennt)“ speichern.');
  });

  it('refuses an old .xls workbook by its OLE signature', () => {
    const error = errorOf(() => decodeText(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00)));
    expect(error.code).toBe('excel');
    expect(error.message).toMatch(/^Die Datei ist eine ältere Excel-Arbeitsmappe \(\.xls\)\./);
  });

  it('refuses binary files with NUL bytes and files full of control characters', () => {
    expect(errorOf(() => decodeText(importFixture('binary.bin'))).code).toBe('binary');
    expect(errorOf(() => decodeText(utf8('Name;Kategorie\n' + '\u0001\u0002\u0003'.repeat(10)))).code).toBe('binary');
  });

  it('refuses UTF-16 ("Unicode-Text" from Excel) with what to save instead', () => {
    const error = errorOf(() => decodeText(bytes(0xff, 0xfe, 0x4e, 0x00, 0x61, 0x00)));
    expect(error.code).toBe('unsupported-encoding');
    expect(error.message).toContain('UTF-16');
  });

  it('does not change the bytes it is given', () => {
    const input = bytes(0x42, 0xe4, 0x72);
    decodeText(input);
    expect([...input]).toEqual([0x42, 0xe4, 0x72]);
  });
});
