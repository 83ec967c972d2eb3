import { describe, expect, it } from 'vitest';
import { parseDate, parsePartialDate } from '../../../src/domain/import/dates';
import { parseInteger, parseNumber } from '../../../src/domain/import/numbers';

describe('parseNumber', () => {
  it.each([
    ['51,5328', 51.5328],
    ['9.9356', 9.9356],
    ['564.895,12', 564895.12],
    ['564,895.12', 564895.12],
    ['564895,12', 564895.12],
    ['3 564 895', 3564895],
    ['3\u00a0564\u00a0895,5', 3564895.5],
    ['3.564.895', 3564895],
    ['3,564,895', 3564895],
    ['1.234', 1.234],
    ['5709492', 5709492],
    [' -12,5 ', -12.5],
    ['+7', 7],
    ['\u22127,5', -7.5],
    ['5,709492E+06', 5709492],
    ['1e-7', 1e-7],
    ['0', 0],
  ])('reads %j as %d', (text, expected) => {
    expect(parseNumber(text)).toBeCloseTo(expected, 10);
  });

  it.each(['', '   ', 'abc', '12a', '1,2.3', '1.2,3.4', '5.64.895,12', '12,', ',5', '.5', '1,,2', '--1', '3 56 895', '1 234 5', '9,93 51,53', 'NaN', 'Infinity', '1e999'])(
    'refuses %j',
    (text) => {
      expect(parseNumber(text)).toBeNull();
    },
  );
});

describe('parseInteger', () => {
  it('reads whole numbers, German thousands with dots included', () => {
    expect(parseInteger('45')).toBe(45);
    expect(parseInteger('1.200')).toBe(1200);
    expect(parseInteger('1 200')).toBe(1200);
    expect(parseInteger('-3')).toBe(-3);
  });

  it('refuses fractions and text', () => {
    expect(parseInteger('12,5')).toBeNull();
    expect(parseInteger('1.5')).toBeNull();
    expect(parseInteger('viele')).toBeNull();
    expect(parseInteger('')).toBeNull();
  });
});

describe('parseDate', () => {
  it('reads German and ISO dates, with or without a time', () => {
    expect(parseDate('01.05.2024')).toBe('2024-05-01');
    expect(parseDate('1.5.2024')).toBe('2024-05-01');
    expect(parseDate('2024-05-01')).toBe('2024-05-01');
    expect(parseDate('01.05.2024 00:00')).toBe('2024-05-01');
    expect(parseDate('2024-05-01T10:00:00Z')).toBe('2024-05-01');
    expect(parseDate('29.02.2024')).toBe('2024-02-29');
  });

  it('refuses impossible dates, two-digit years and other formats', () => {
    for (const text of ['31.02.2024', '29.02.2023', '00.01.2024', '01.13.2024', '1.5.24', '05/01/2024', '2024', 'gestern', '']) {
      expect(parseDate(text), text).toBeNull();
    }
  });
});

describe('parsePartialDate', () => {
  it('reads years, months and days', () => {
    expect(parsePartialDate('2019')).toBe('2019');
    expect(parsePartialDate('2019-05')).toBe('2019-05');
    expect(parsePartialDate('05.2019')).toBe('2019-05');
    expect(parsePartialDate('5/2019')).toBe('2019-05');
    expect(parsePartialDate('01.08.2019')).toBe('2019-08-01');
  });

  it('refuses what is no date', () => {
    for (const text of ['13.2019', '2019-13', '19', 'seit langem', '0001']) expect(parsePartialDate(text), text).toBeNull();
  });
});
