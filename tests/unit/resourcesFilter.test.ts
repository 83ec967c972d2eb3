import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTER,
  NO_SOZIALRAUM,
  filterFacilities,
  filterQuery,
  isFilterActive,
  sortFacilities,
} from '../../src/domain/resources/filter';
import { facility } from './support/facilities';

const list = Object.freeze([
  facility({ name: 'Familienzentrum Rosdorf', category: 'familienzentrum', sozialraumId: 'rosdorf', ort: 'Rosdorf', angebote: 'Elterncafé, Beratung' }),
  facility({ name: 'Kita Sonnenschein', category: 'kita', sozialraumId: 'adelebsen', ort: 'Adelebsen', lagegenauigkeit: 'ortslage' }),
  facility({ name: 'Kita Münden Mitte', category: 'kita', sozialraumId: 'hann-muenden', ort: 'Hann. Münden', status: 'geplant' }),
  facility({ name: 'Beratungsstelle Stadt', category: 'beratungsstelle', sozialraumId: null, gemeindeAgs: '03159016', ort: 'Göttingen' }),
  facility({ name: 'Alte Kita', category: 'kita', sozialraumId: 'adelebsen', geloescht: true }),
]);

const names = (items: { name: string }[]) => items.map((item) => item.name);

describe('facility filter', () => {
  it('hides deleted facilities unless asked for them', () => {
    expect(filterFacilities(list, EMPTY_FILTER)).toHaveLength(4);
    expect(names(filterFacilities(list, { ...EMPTY_FILTER, geloescht: 'ja' }))).toEqual(['Alte Kita']);
    expect(filterFacilities(list, { ...EMPTY_FILTER, geloescht: 'alle' })).toHaveLength(5);
  });

  it('combines category, Sozialraum, status and precision', () => {
    expect(names(filterFacilities(list, { ...EMPTY_FILTER, category: 'kita' }))).toEqual(['Kita Sonnenschein', 'Kita Münden Mitte']);
    expect(names(filterFacilities(list, { ...EMPTY_FILTER, category: 'kita', sozialraum: 'adelebsen' }))).toEqual(['Kita Sonnenschein']);
    expect(names(filterFacilities(list, { ...EMPTY_FILTER, status: 'geplant' }))).toEqual(['Kita Münden Mitte']);
    expect(names(filterFacilities(list, { ...EMPTY_FILTER, lagegenauigkeit: 'ortslage' }))).toEqual(['Kita Sonnenschein']);
    expect(names(filterFacilities(list, { ...EMPTY_FILTER, sozialraum: NO_SOZIALRAUM }))).toEqual(['Beratungsstelle Stadt']);
  });

  it('searches words in any order, ignoring case and umlauts', () => {
    expect(names(filterFacilities(list, { ...EMPTY_FILTER, q: 'MUNDEN kita' }))).toEqual(['Kita Münden Mitte']);
    expect(names(filterFacilities(list, { ...EMPTY_FILTER, q: 'elterncafe' }))).toEqual(['Familienzentrum Rosdorf']);
    expect(filterFacilities(list, { ...EMPTY_FILTER, q: 'kita gibtsnicht' })).toEqual([]);
  });

  it('does not change its input', () => {
    const before = JSON.stringify(list);
    filterFacilities(list, { ...EMPTY_FILTER, q: 'kita' });
    sortFacilities(list, 'name', 'desc', { categoryLabel: (id) => id, sozialraumName: (id) => id ?? '' });
    expect(JSON.stringify(list)).toBe(before);
  });

  it('builds the query of the list and export endpoints', () => {
    expect(filterQuery(EMPTY_FILTER)).toBe('geloescht=nein');
    expect(filterQuery({ ...EMPTY_FILTER, category: 'kita', sozialraum: 'adelebsen', q: ' Sonne ', status: 'in Betrieb' })).toBe(
      'category=kita&sozialraum=adelebsen&status=in+Betrieb&q=Sonne&geloescht=nein',
    );
    expect(isFilterActive(EMPTY_FILTER)).toBe(false);
    expect(isFilterActive({ ...EMPTY_FILTER, q: 'x' })).toBe(true);
  });

  it('sorts in German collation with the name as tie breaker', () => {
    const context = { categoryLabel: (id: string) => ({ kita: 'Kita', familienzentrum: 'Familienzentrum', beratungsstelle: 'Beratungsstelle' })[id] ?? id, sozialraumName: (id: string | null) => id ?? '' };
    const active = filterFacilities(list, EMPTY_FILTER);
    expect(names(sortFacilities(active, 'name', 'asc', context))).toEqual([
      'Beratungsstelle Stadt',
      'Familienzentrum Rosdorf',
      'Kita Münden Mitte',
      'Kita Sonnenschein',
    ]);
    expect(names(sortFacilities(active, 'category', 'desc', context)).slice(0, 2)).toEqual(['Kita Münden Mitte', 'Kita Sonnenschein']);
    expect(names(sortFacilities(active, 'ort', 'asc', context))[0]).toBe('Kita Sonnenschein');
  });
});
