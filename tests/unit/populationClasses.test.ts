import { describe, expect, it } from 'vitest';
import { GEMEINDE_POPULATION_CLASSES, populationClassOf } from '../../src/domain/territory/populationClasses';

describe('populationClassOf', () => {
  it.each([
    [0, 'bis-5000'],
    [4999, 'bis-5000'],
    [5000, 'bis-20000'],
    [19_999, 'bis-20000'],
    [20_000, 'bis-100000'],
    [99_999, 'bis-100000'],
    [100_000, 'bis-500000'],
    [499_999, 'bis-500000'],
  ])('%i inhabitants fall into %s', (einwohner, id) => {
    expect(populationClassOf(einwohner)?.id).toBe(id);
  });

  it('has no class for 500 000 and more or for negative numbers', () => {
    expect(populationClassOf(500_000)).toBeNull();
    expect(populationClassOf(1_000_000)).toBeNull();
    expect(populationClassOf(-1)).toBeNull();
  });

  it('has contiguous classes with German labels', () => {
    GEMEINDE_POPULATION_CLASSES.slice(1).forEach((populationClass, index) => {
      expect(populationClass.min).toBe(GEMEINDE_POPULATION_CLASSES[index]!.max);
    });
    expect(GEMEINDE_POPULATION_CLASSES.map((c) => c.label)).toEqual([
      '0 bis 5.000',
      '5.000 bis 20.000',
      '20.000 bis 100.000',
      '100.000 bis 500.000',
    ]);
  });
});
