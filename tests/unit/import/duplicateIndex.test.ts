// The spatial duplicate index: the same rule as the pairwise scan (same normalised name, closer
// than 250 m by turf), the nearest match first, and "earlier rows only" through accept.
import { describe, expect, it } from 'vitest';
import { distance } from '@turf/turf';
import { DUPLICATE_DISTANCE_M, createDuplicateIndex, findDuplicate, type NamedPlace } from '../../../src/domain/facilities/duplicates';
import { random } from '../../../scripts/lib/random';

const at = (name: string, lng: number, lat = 51.53): NamedPlace => ({ name, lage: [lng, lat] });
// Longitude that is `metres` east of 9.93 at latitude 51.53.
const east = (metres: number) => 9.93 + metres / (111_320 * Math.cos((51.53 * Math.PI) / 180));

describe('createDuplicateIndex', () => {
  it('finds the nearest place of the same normalised name within 250 m, and none beyond', () => {
    const places = [at('Kita Sonne', east(200)), at('Kita Mond', east(10)), at('KITA  sonne!', east(40)), at('Kita Sonne', east(260))];
    const index = createDuplicateIndex(places);
    expect(index.nearest(at('Kita Sonne', 9.93))).toEqual({ index: 2, metres: expect.closeTo(40, 0) });
    expect(index.nearest(at('Kita Sonne', 9.93), (i) => i !== 2)?.index).toBe(0);
    expect(index.nearest(at('Kita Sonne', 9.93), (i) => i === 3)).toBeNull();
    expect(index.nearest(at('Hort', 9.93))).toBeNull();
    expect(index.nearest(at('', 9.93))).toBeNull();
    expect(createDuplicateIndex([]).nearest(at('Kita Sonne', 9.93))).toBeNull();
  });

  it('decides at 250 m exactly as turf measures, like the pairwise scan', () => {
    const near = at('Kita Rand', east(249.5));
    const far = at('Kita Rand', east(250.5));
    expect(distance(near.lage, [9.93, 51.53], { units: 'meters' })).toBeLessThan(DUPLICATE_DISTANCE_M);
    expect(createDuplicateIndex([near]).nearest(at('Kita Rand', 9.93))).not.toBeNull();
    expect(createDuplicateIndex([far]).nearest(at('Kita Rand', 9.93))).toBeNull();
  });

  it('flags the same rows as the pairwise scan on a crowded random file', () => {
    const rand = random(7);
    const names = ['Kita A', 'Kita B', 'Familienzentrum', 'Hort'];
    const rows = Array.from({ length: 600 }, () => at(names[Math.floor(rand() * names.length)]!, 9.9 + rand() * 0.05, 51.5 + rand() * 0.03));
    const index = createDuplicateIndex(rows);
    const pairwise = rows.map((row, i) => findDuplicate(row, rows.slice(0, i)) !== null);
    const indexed = rows.map((row, i) => index.nearest(row, (j) => j < i) !== null);
    expect(indexed.filter(Boolean).length).toBeGreaterThan(50);
    expect(indexed).toEqual(pairwise);
  });
});
