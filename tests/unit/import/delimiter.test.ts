import { describe, expect, it } from 'vitest';
import { detectDelimiter, separatorHint } from '../../../src/domain/import/delimiter';

describe('detectDelimiter', () => {
  it('finds the semicolon of German Excel although the data has decimal commas', () => {
    expect(detectDelimiter('Name;Rechtswert;Hochwert\r\nTestkita A;564895,12;5709492,50\r\nTestkita B;565000,5;5709000,25\r\n')).toBe(';');
  });

  it('finds the comma of international files', () => {
    expect(detectDelimiter('name,lon,lat\nTestkita A,9.93,51.53\nTestkita B,9.94,51.54\n')).toBe(',');
  });

  it('finds tabs', () => {
    expect(detectDelimiter('Name\tLänge\tBreite\nTestkita\t9,93\t51,53\n')).toBe('\t');
  });

  it('ignores delimiters inside quotes', () => {
    expect(detectDelimiter('Name,Träger,Ort\n"Kita A; Haus 2","Verein; Süd",Testdorf\n')).toBe(',');
    expect(detectDelimiter('"Name, lang";Ort\n"Kita, Haus 2";Testdorf\n')).toBe(';');
  });

  it('prefers the candidate whose count in the data lines agrees with the header', () => {
    // The header has one comma and one semicolon; only the semicolon is consistent.
    expect(detectDelimiter('Name;Ort, Kreis\nTestkita;Testdorf\nKita B;Musterort\n')).toBe(';');
  });

  it('follows an Excel "sep=" line', () => {
    expect(detectDelimiter('sep=,\r\nName;Ort,Kreis\r\n')).toBe(',');
    expect(separatorHint('sep=;\nName')).toBe(';');
    expect(separatorHint('Name;Ort')).toBeNull();
  });

  it('answers ";" for a single column and for no text', () => {
    expect(detectDelimiter('Name\nTestkita\n')).toBe(';');
    expect(detectDelimiter('')).toBe(';');
  });
});
