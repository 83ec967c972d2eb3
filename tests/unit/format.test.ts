import { describe, expect, it } from 'vitest';
import { formatDecimal, formatInteger, formatIsoDate, formatPercent } from '../../src/domain/format';

describe('German number and date formatting', () => {
  it('formats integers with a dot for thousands and rounds', () => {
    expect(formatInteger(6186)).toBe('6.186');
    expect(formatInteger(325_699)).toBe('325.699');
    expect(formatInteger(999.6)).toBe('1.000');
    expect(formatInteger(0)).toBe('0');
  });

  it('formats one decimal with a comma', () => {
    expect(formatDecimal(1234.5)).toBe('1.234,5');
    expect(formatDecimal(12)).toBe('12,0');
    expect(formatDecimal(0.04)).toBe('0,0');
    expect(formatDecimal(46.25)).toBe('46,3');
  });

  it('formats a share as percent with one decimal and a space before %', () => {
    expect(formatPercent(0.123)).toBe('12,3 %');
    expect(formatPercent(1)).toBe('100,0 %');
    expect(formatPercent(0.000_4)).toBe('0,0 %');
  });

  it('turns an ISO date into the German form', () => {
    expect(formatIsoDate('2022-05-15')).toBe('15.05.2022');
    expect(formatIsoDate('2016-01-01')).toBe('01.01.2016');
  });
});
