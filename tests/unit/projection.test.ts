import { describe, expect, it } from 'vitest';
import { CRS_DEFINITIONS, isCrsCode, projectionFor, type ProjectedCrsCode } from '../../src/domain/geo/projection';
import { utmForwardReference } from './support/utmReference';

const GAENSELIESEL = [9.9356, 51.5328] as const;

describe('projectionFor', () => {
  it('EPSG:25832 puts the Gänseliesel in Göttingen at E 564 895 m, N 5 709 492 m', () => {
    const [easting, northing] = projectionFor('EPSG:25832').forward([...GAENSELIESEL]);
    expect(Math.round(easting!)).toBe(564_895);
    expect(Math.round(northing!)).toBe(5_709_492);
  });

  it.each([
    { crs: 'EPSG:25832', zone: 32, position: GAENSELIESEL },
    { crs: 'EPSG:25832', zone: 32, position: [7.0, 53.5] },
    { crs: 'EPSG:25833', zone: 33, position: [12.55, 52.25] },
    { crs: 'EPSG:25833', zone: 33, position: [14.4, 51.0] },
  ] as const)('$crs agrees with an independent Krüger series at $position within 1 mm', ({ crs, zone, position }) => {
    const [easting, northing] = projectionFor(crs).forward([...position]);
    const [expectedEasting, expectedNorthing] = utmForwardReference(position[0], position[1], zone);
    expect(Math.abs(easting! - expectedEasting)).toBeLessThan(0.001);
    expect(Math.abs(northing! - expectedNorthing)).toBeLessThan(0.001);
  });

  it('EPSG:25832 has its central meridian at 9° E (easting 500 000 m)', () => {
    const [easting, northing] = projectionFor('EPSG:25832').forward([9.0, 51.0]);
    expect(Math.abs(easting! - 500_000)).toBeLessThan(0.01);
    expect(Math.round(northing!)).toBe(5_649_825);
  });

  it('EPSG:25833 has its central meridian at 15° E (easting 500 000 m)', () => {
    const [easting] = projectionFor('EPSG:25833').forward([15.0, 52.0]);
    expect(Math.abs(easting! - 500_000)).toBeLessThan(0.01);
  });

  it.each(['EPSG:25832', 'EPSG:25833', 'EPSG:31467', 'EPSG:31468', 'EPSG:3035'] as ProjectedCrsCode[])(
    '%s: inverse(forward(p)) returns p within 1e-7 degrees',
    (crs) => {
      const projection = projectionFor(crs);
      expect(projection.crs).toBe(crs);
      for (const position of [[...GAENSELIESEL], [12.55, 52.25], [10.5, 51.0]]) {
        const [longitude, latitude] = projection.inverse(projection.forward(position));
        expect(Math.abs(longitude! - position[0]!)).toBeLessThan(1e-7);
        expect(Math.abs(latitude! - position[1]!)).toBeLessThan(1e-7);
      }
    },
  );

  it('Gauss-Krüger zone 3 (Bessel, datum shift) puts the Gänseliesel at R 3 564 994 m, H 5 711 337 m', () => {
    // Regression values; plausible against UTM: about +100 m east and +1.85 km north,
    // mostly the UTM scale factor 0.9996 against 1.0.
    const [rechtswert, hochwert] = projectionFor('EPSG:31467').forward([...GAENSELIESEL]);
    expect(Math.round(rechtswert!)).toBe(3_564_994);
    expect(Math.round(hochwert!)).toBe(5_711_337);
  });

  it('does not mutate the position it is given', () => {
    const position = Object.freeze([9.9356, 51.5328]);
    projectionFor('EPSG:25832').forward(position as number[]);
    expect(position).toEqual([9.9356, 51.5328]);
  });
});

describe('isCrsCode', () => {
  it('accepts every defined code', () => {
    expect(Object.keys(CRS_DEFINITIONS).filter(isCrsCode)).toEqual(Object.keys(CRS_DEFINITIONS));
    expect(isCrsCode('EPSG:4326')).toBe(true);
  });

  it('rejects unknown codes, other spellings and inherited object keys', () => {
    for (const value of ['EPSG:3857', 'epsg:25832', 'EPSG:25832 ', '25832', '', 'toString', '__proto__', 'constructor']) {
      expect(isCrsCode(value), value).toBe(false);
    }
  });
});
