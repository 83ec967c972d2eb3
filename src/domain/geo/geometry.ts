import type { MultiPolygon, Polygon, Position } from 'geojson';

export type Areal = Polygon | MultiPolygon;

/** The polygons of a Polygon or MultiPolygon as one list, so callers need no type switch. */
export function polygonsOf(geometry: Areal): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Applies fn to every position, returning a new geometry of the same type. */
export function mapPositions<G extends Areal>(geometry: G, fn: (p: Position) => Position): G {
  if (geometry.type === 'Polygon') {
    return { ...geometry, coordinates: geometry.coordinates.map((ring) => ring.map(fn)) };
  }
  return {
    ...geometry,
    coordinates: (geometry as MultiPolygon).coordinates.map((polygon) =>
      polygon.map((ring) => ring.map(fn)),
    ),
  } as G;
}

/** Shoelace area of a ring in the square units of its coordinates (positive for either winding). */
export function ringArea(ring: Position[]): number {
  let twiceArea = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j]!;
    const b = ring[i]!;
    twiceArea += a[0]! * b[1]! - b[0]! * a[1]!;
  }
  return Math.abs(twiceArea) / 2;
}

/**
 * Planar area of a polygon geometry in projected coordinates (square metres for UTM).
 * Holes are subtracted. Used with the district's official CRS, which keeps
 * distortion of areas below 0.1 % inside one UTM zone.
 */
export function planarArea(geometry: Areal): number {
  let total = 0;
  for (const polygon of polygonsOf(geometry)) {
    polygon.forEach((ring, index) => {
      total += index === 0 ? ringArea(ring) : -ringArea(ring);
    });
  }
  return total;
}

/** Rounds coordinates to a fixed number of decimals; 5 decimals of a degree are about 1 m. */
export function roundPosition(position: Position, decimals: number): Position {
  const factor = 10 ** decimals;
  return [Math.round(position[0]! * factor) / factor, Math.round(position[1]! * factor) / factor];
}

/** Counts vertices, for reporting how much simplification saved. */
export function vertexCount(geometry: Areal): number {
  return polygonsOf(geometry).reduce(
    (sum, polygon) => sum + polygon.reduce((inner, ring) => inner + ring.length, 0),
    0,
  );
}

/** Bounding box [west, south, east, north] of a set of geometries. */
export function bboxOf(geometries: Areal[]): [number, number, number, number] {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const geometry of geometries) {
    for (const polygon of polygonsOf(geometry)) {
      for (const [x, y] of polygon[0]!) {
        if (x! < west) west = x!;
        if (x! > east) east = x!;
        if (y! < south) south = y!;
        if (y! > north) north = y!;
      }
    }
  }
  return [west, south, east, north];
}
