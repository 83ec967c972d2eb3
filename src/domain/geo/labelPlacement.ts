/**
 * Where the name of each area goes on a map whose symbols must stay visible: a label point
 * inside every area whose text box overlaps no symbol and no other name, found in screen space
 * (pixels, y down) for one view. MapLibre's own collision detection drops a name that meets a
 * symbol; on the Kreistag map every Sozialraum must be named, so the names are placed here and
 * drawn with overlap allowed.
 */

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** A polygon as rings of [x, y] pixels, the outer ring first. */
export type PixelPolygon = readonly (readonly (readonly [number, number])[])[];

export interface LabelRequest {
  id: string;
  /** The parts of the area (a MultiPolygon has several). */
  polygons: readonly PixelPolygon[];
  /** Where the label would go on an empty map (the pole of inaccessibility). */
  preferred: readonly [number, number];
  /**
   * Sizes of the text box in pixels, halo included: one per way of breaking the name into
   * lines, the preferred first (a narrow, taller box fits where a wide one does not).
   */
  shapes: readonly { width: number; height: number }[];
}

export interface PlacedLabel {
  id: string;
  /** Centre of the text box. */
  centre: [number, number];
  box: Box;
  /** Which of the request's shapes. */
  shape: number;
  /**
   * 'inside': the box's centre lies in the area, clear of every symbol and name.
   * 'leader': no such place exists; the box is clear but beside the area, with a leader line
   * from `leader[0]` (in the area) to `leader[1]` (the box's edge).
   * 'blocked': not even that was found (the preferred point, overlaps possible).
   */
  placement: 'inside' | 'leader' | 'blocked';
  leader: [[number, number], [number, number]] | null;
}

export interface PlacementOptions {
  /** The view: boxes stay inside it. */
  bounds: Box;
  /** Extra space kept around every box (pixels). */
  gap?: number;
  /** Upper bound of candidate points tried per area (a grid over its extent). */
  candidates?: number;
}

/** Samples of a box tested against its area: centre, corners, edge midpoints. */
const SAMPLE_FRACTIONS: readonly [number, number][] = [
  [0.5, 0.5],
  [0, 0],
  [1, 0],
  [0, 1],
  [1, 1],
  [0.5, 0],
  [0.5, 1],
  [0, 0.5],
  [1, 0.5],
];
/** A sample of the box outside its area costs as much as this many pixels away from the preferred point. */
const OUTSIDE_SAMPLE_COST = 80;
/** Each shape after the preferred one costs as much as this many pixels. */
const SHAPE_COST = 12;

export const overlaps = (a: Box, b: Box): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

const within = (inner: Box, outer: Box): boolean => inner.left >= outer.left && inner.right <= outer.right && inner.top >= outer.top && inner.bottom <= outer.bottom;

function boxAround([x, y]: readonly [number, number], width: number, height: number): Box {
  return { left: x - width / 2, top: y - height / 2, right: x + width / 2, bottom: y + height / 2 };
}

function grow(box: Box, by: number): Box {
  return { left: box.left - by, top: box.top - by, right: box.right + by, bottom: box.bottom + by };
}

/**
 * The area rasterised at one pixel (even-odd rule per polygon, holes included, scanline at each
 * row's middle), so the many "is this point inside" questions of a placement are a lookup.
 */
class AreaMask {
  private readonly cells: Uint8Array;
  private readonly columns: number;
  private readonly rows: number;

  constructor(
    polygons: readonly PixelPolygon[],
    private readonly extent: Box,
  ) {
    this.columns = Math.max(1, Math.ceil(extent.right - extent.left));
    this.rows = Math.max(1, Math.ceil(extent.bottom - extent.top));
    this.cells = new Uint8Array(this.columns * this.rows);
    for (const polygon of polygons) {
      for (let row = 0; row < this.rows; row++) {
        const y = extent.top + row + 0.5;
        const crossings: number[] = [];
        for (const ring of polygon) {
          for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
            const [xi, yi] = ring[i]!;
            const [xj, yj] = ring[j]!;
            if (yi > y !== yj > y) crossings.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
          }
        }
        crossings.sort((a, b) => a - b);
        for (let k = 0; k + 1 < crossings.length; k += 2) {
          // Cells whose middle lies between an entering and a leaving crossing; a cell inside one polygon twice stays inside.
          const from = Math.max(0, Math.ceil(crossings[k]! - extent.left - 0.5));
          const to = Math.min(this.columns - 1, Math.floor(crossings[k + 1]! - extent.left - 0.5));
          for (let column = from; column <= to; column++) this.cells[row * this.columns + column] = 1;
        }
      }
    }
  }

  has([x, y]: readonly [number, number]): boolean {
    const column = Math.floor(x - this.extent.left);
    const row = Math.floor(y - this.extent.top);
    if (column < 0 || row < 0 || column >= this.columns || row >= this.rows) return false;
    return this.cells[row * this.columns + column] === 1;
  }
}

function extentOf(polygons: readonly PixelPolygon[]): Box {
  const box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
  for (const polygon of polygons) {
    for (const [x, y] of polygon[0] ?? []) {
      box.left = Math.min(box.left, x);
      box.right = Math.max(box.right, x);
      box.top = Math.min(box.top, y);
      box.bottom = Math.max(box.bottom, y);
    }
  }
  return box;
}

interface Candidate {
  centre: [number, number];
  box: Box;
  shape: number;
  cost: number;
}

/** Every clear place for the label whose centre lies in the area, cheapest first. */
function candidatesFor(request: LabelRequest, obstacles: readonly Box[], options: Required<PlacementOptions>): Candidate[] {
  const extent = extentOf(request.polygons);
  const area = Math.max(1, (extent.right - extent.left) * (extent.bottom - extent.top));
  const step = Math.max(2, Math.sqrt(area / options.candidates));
  const points: [number, number][] = [[request.preferred[0], request.preferred[1]]];
  for (let y = extent.top + step / 2; y < extent.bottom; y += step) {
    for (let x = extent.left + step / 2; x < extent.right; x += step) points.push([x, y]);
  }
  const mask = new AreaMask(request.polygons, extent);
  const inArea = (point: readonly [number, number]) => mask.has(point);
  const found: Candidate[] = [];
  for (const centre of points) {
    if (!inArea(centre)) continue;
    request.shapes.forEach(({ width, height }, shape) => {
      const box = boxAround(centre, width, height);
      if (!within(box, options.bounds)) return;
      const padded = grow(box, options.gap);
      if (obstacles.some((obstacle) => overlaps(padded, obstacle))) return;
      const outside = SAMPLE_FRACTIONS.filter(([fx, fy]) => !inArea([box.left + fx * width, box.top + fy * height])).length;
      const distance = Math.hypot(centre[0] - request.preferred[0], centre[1] - request.preferred[1]);
      found.push({ centre, box, shape, cost: outside * OUTSIDE_SAMPLE_COST + shape * SHAPE_COST + distance });
    });
  }
  return found.sort((a, b) => a.cost - b.cost);
}

/** The point of a box's border nearest to a point outside it. */
function nearestOnBox([x, y]: readonly [number, number], box: Box): [number, number] {
  return [Math.min(Math.max(x, box.left), box.right), Math.min(Math.max(y, box.top), box.bottom)];
}

/** A clear place beside the area, on rings around its preferred point, with a leader line. */
function besideArea(request: LabelRequest, blocked: readonly Box[], options: Required<PlacementOptions>): PlacedLabel | null {
  const [px, py] = request.preferred;
  const { width, height } = request.shapes[0]!;
  const reach = Math.max(width, height) * 4;
  for (let radius = height; radius <= reach; radius += height / 2) {
    for (let k = 0; k < 24; k++) {
      const angle = (k / 24) * Math.PI * 2;
      const centre: [number, number] = [px + Math.cos(angle) * radius, py + Math.sin(angle) * radius];
      const box = boxAround(centre, width, height);
      if (!within(box, options.bounds)) continue;
      const padded = grow(box, options.gap);
      if (blocked.some((other) => overlaps(padded, other))) continue;
      return { id: request.id, centre, box, shape: 0, placement: 'leader', leader: [[px, py], nearestOnBox(request.preferred, box)] };
    }
  }
  return null;
}

/** Rounds of placement: the names left without a place inside go first in the next round. */
const MAX_ROUNDS = 6;

/**
 * One label per area: inside the area and clear of every obstacle (symbol boxes) and of every
 * other label, preferring boxes wholly inside the area and near its preferred point. Greedy, the
 * most constrained area (fewest clear places) first; if that leaves an area without a place,
 * another round places the left-out areas first, and the round with the fewest left out wins.
 * An area without a clear place inside gets one beside it with a leader line. The result keeps
 * the order of the requests.
 *
 * @example placeLabels([{ id: 'a', polygons: [[square]], preferred: [50, 50], shapes: [{ width: 40, height: 12 }] }], [symbolBox], { bounds })
 */
export function placeLabels(requests: readonly LabelRequest[], obstacles: readonly Box[], options: PlacementOptions): PlacedLabel[] {
  const settings: Required<PlacementOptions> = { gap: 1, candidates: 600, ...options };
  const candidates = new Map(requests.map((request) => [request.id, candidatesFor(request, obstacles, settings)]));
  const leftOut = (labels: readonly PlacedLabel[]) => labels.filter((label) => label.placement !== 'inside').map((label) => label.id);
  let first: string[] = [];
  let best: PlacedLabel[] | null = null;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const labels = placeRound(requests, candidates, obstacles, settings, first);
    const missing = leftOut(labels);
    if (!best || missing.length < leftOut(best).length) best = labels;
    if (missing.length === 0) break;
    first = [...missing, ...first.filter((id) => !missing.includes(id))];
  }
  return best!;
}

function placeRound(
  requests: readonly LabelRequest[],
  candidates: ReadonlyMap<string, Candidate[]>,
  obstacles: readonly Box[],
  settings: Required<PlacementOptions>,
  first: readonly string[],
): PlacedLabel[] {
  const open = new Map(requests.map((request) => [request.id, { request, candidates: candidates.get(request.id)! }]));
  const placed = new Map<string, PlacedLabel>();
  for (;;) {
    let next: { request: LabelRequest; candidates: Candidate[] } | undefined;
    for (const id of first) {
      const entry = open.get(id);
      if (entry && entry.candidates.length > 0) {
        next = entry;
        break;
      }
    }
    if (!next) {
      for (const entry of open.values()) {
        if (entry.candidates.length > 0 && (!next || entry.candidates.length < next.candidates.length)) next = entry;
      }
    }
    if (!next) break;
    const { request, candidates: [best] } = next;
    open.delete(request.id);
    placed.set(request.id, { id: request.id, centre: best!.centre, box: best!.box, shape: best!.shape, placement: 'inside', leader: null });
    const taken = grow(best!.box, settings.gap);
    for (const entry of open.values()) entry.candidates = entry.candidates.filter((candidate) => !overlaps(grow(candidate.box, settings.gap), taken));
  }
  // The rest beside their areas, clear of the symbols and of every name placed so far.
  for (const { request } of open.values()) {
    const beside = besideArea(request, [...obstacles, ...[...placed.values()].map((label) => label.box)], settings);
    placed.set(
      request.id,
      beside ?? {
        id: request.id,
        centre: [request.preferred[0], request.preferred[1]],
        box: boxAround(request.preferred, request.shapes[0]!.width, request.shapes[0]!.height),
        shape: 0,
        placement: 'blocked',
        leader: null,
      },
    );
  }
  return requests.map((request) => placed.get(request.id)!);
}

/**
 * Breaks a name into lines no wider than `maxWidth` (at spaces, and after a hyphen), so the box
 * measured here is the box drawn; a single word wider than that stays on its line.
 *
 * @example labelLines('Bad Lauterberg im Harz', (text) => text.length * 7, 100) // ['Bad Lauterberg', 'im Harz']
 */
export function labelLines(text: string, measure: (line: string) => number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const words = paragraph.split(/(?<=-)|\s+/).filter((word) => word !== '');
    let line = '';
    for (const word of words) {
      const joined = line === '' ? word : line.endsWith('-') ? `${line}${word}` : `${line} ${word}`;
      if (line !== '' && measure(joined) > maxWidth) {
        lines.push(line);
        line = word;
      } else line = joined;
    }
    lines.push(line);
  }
  return lines;
}
