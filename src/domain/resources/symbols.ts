import type { Confidence, FacilityStatus, LocationPrecision, SymbolShape } from '../facilities/catalog';

/**
 * Outlines of the facility map symbols as polygons, so the map (canvas) and the legend (SVG)
 * draw exactly the same shape. Coordinates are relative to the centre, y pointing down, and
 * scaled so that every shape covers a similar area at the same radius (none looks "heavier").
 */
export type Vertex = [x: number, y: number];

function regular(count: number, radius: number, rotation = -Math.PI / 2): Vertex[] {
  return Array.from({ length: count }, (_, index) => {
    const angle = rotation + (index * 2 * Math.PI) / count;
    return [radius * Math.cos(angle), radius * Math.sin(angle)] as Vertex;
  });
}

/** The polygon of a shape with outer radius `radius` (circle: a 40-gon). */
export function shapeVertices(shape: SymbolShape, radius: number): Vertex[] {
  switch (shape) {
    case 'circle':
      return regular(40, radius * 0.86);
    case 'square':
      return regular(4, radius * 1.0, -Math.PI / 4).map(([x, y]) => [x * 0.88, y * 0.88] as Vertex);
    case 'diamond':
      return regular(4, radius);
    case 'triangle': {
      // Raised so the visual centre (centroid) sits on the point.
      const points = regular(3, radius * 1.08);
      return points.map(([x, y]) => [x, y + radius * 0.14] as Vertex);
    }
    case 'pentagon':
      return regular(5, radius * 0.95);
    case 'hexagon':
      return regular(6, radius * 0.92, 0);
    case 'star': {
      const outer = regular(5, radius * 1.08);
      const inner = regular(5, radius * 0.5, -Math.PI / 2 + Math.PI / 5);
      return outer.flatMap((point, index) => [point, inner[index]!]);
    }
    case 'cross': {
      const a = radius * 0.8;
      const b = radius * 0.3;
      return [
        [-b, -a], [b, -a], [b, -b], [a, -b], [a, b], [b, b],
        [b, a], [-b, a], [-b, b], [-a, b], [-a, -b], [-b, -b],
      ];
    }
  }
}

/** An SVG path (`d`) of the shape centred at (cx, cy). */
export function shapePath(shape: SymbolShape, radius: number, cx = 0, cy = 0): string {
  const points = shapeVertices(shape, radius);
  return `${points.map(([x, y], index) => `${index === 0 ? 'M' : 'L'}${(cx + x).toFixed(2)} ${(cy + y).toFixed(2)}`).join(' ')} Z`;
}

/** Area of a polygon (shoelace), used by tests to keep the shapes visually balanced. */
export function polygonArea(points: readonly Vertex[]): number {
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    const [x2, y2] = points[(i + 1) % points.length]!;
    sum += x1 * y2 - x2 * y1;
  }
  return Math.abs(sum) / 2;
}

/**
 * What a facility's symbol says besides its category: whether it operates (filled), is only
 * planned (outline) or closed (faded), whether its location is only approximate (dashed ring)
 * and whether it is unconfirmed (a question mark). Every map, legend and the Kreistag picture
 * draw these the same way, so a planned facility never looks like one in operation.
 */
export interface SymbolVariant {
  status: FacilityStatus;
  approximate: boolean;
  unconfirmed: boolean;
}

export const SYMBOL_STATUS_KEYS: Record<FacilityStatus, string> = { 'in Betrieb': 'betrieb', geplant: 'geplant', geschlossen: 'geschlossen' };

export function symbolVariantOf(facility: { status: FacilityStatus; lagegenauigkeit: LocationPrecision; bestaetigung?: Confidence }): SymbolVariant {
  return { status: facility.status, approximate: facility.lagegenauigkeit !== 'adresse', unconfirmed: facility.bestaetigung === 'unbestätigt' };
}

/** How the legends name a variant's look: „geplant (Umriss)“, „unbestätigt (mit ?)“. */
export const SYMBOL_LEGEND = {
  'in Betrieb': 'in Betrieb (gefüllt)',
  geplant: 'geplant (nur Umriss)',
  geschlossen: 'geschlossen (blass)',
  approximate: 'Lage nur genähert (gestrichelter Ring: Ortslage oder Gemeinde)',
  unconfirmed: 'unbestätigt (mit ?)',
} as const;
