// The names of the Kreistag map: one label point per area, inside it, clear of every symbol and
// of every other name (synthetic areas in screen pixels).
import { describe, expect, it } from 'vitest';
import { labelLines, overlaps, placeLabels, type Box, type LabelRequest, type PixelPolygon } from '../../src/domain/geo/labelPlacement';
import { deepFreeze } from './support/fixtures';

const rectangle = (left: number, top: number, right: number, bottom: number): PixelPolygon => [
  [
    [left, top],
    [right, top],
    [right, bottom],
    [left, bottom],
    [left, top],
  ],
];
const symbolAt = (x: number, y: number, half = 10): Box => ({ left: x - half, top: y - half, right: x + half, bottom: y + half });
const bounds: Box = { left: 0, top: 0, right: 400, bottom: 300 };
const request = (id: string, polygon: PixelPolygon, preferred: [number, number], shapes = [{ width: 60, height: 16 }]): LabelRequest => ({
  id,
  polygons: [polygon],
  preferred,
  shapes,
});
const centreIn = (label: { centre: [number, number] }, [left, top, right, bottom]: [number, number, number, number]) =>
  label.centre[0] > left && label.centre[0] < right && label.centre[1] > top && label.centre[1] < bottom;

describe('placeLabels', () => {
  it('keeps the preferred point when nothing is in the way', () => {
    const [label] = placeLabels([request('a', rectangle(0, 0, 200, 100), [100, 50])], [], { bounds });
    expect(label).toMatchObject({ id: 'a', placement: 'inside', centre: [100, 50], leader: null });
  });

  it('moves a name off a symbol at its preferred point, staying inside its area', () => {
    const symbol = symbolAt(100, 50);
    const [label] = placeLabels([request('a', rectangle(0, 0, 200, 100), [100, 50])], [symbol], { bounds });
    expect(label!.placement).toBe('inside');
    expect(overlaps(label!.box, symbol)).toBe(false);
    expect(centreIn(label!, [0, 0, 200, 100])).toBe(true);
    // As near as it can: just beside the symbol, not somewhere in a corner.
    expect(Math.hypot(label!.centre[0] - 100, label!.centre[1] - 50)).toBeLessThan(25);
  });

  it('names two small neighbours that would collide at their preferred points', () => {
    // Two 70 × 40 areas side by side, both preferring the shared border region.
    const labels = placeLabels(
      [request('west', rectangle(0, 0, 70, 40), [60, 20]), request('east', rectangle(70, 0, 140, 40), [80, 20])],
      [],
      { bounds, gap: 1 },
    );
    expect(labels.map((label) => label.placement)).toEqual(['inside', 'inside']);
    expect(overlaps(labels[0]!.box, labels[1]!.box)).toBe(false);
    expect(centreIn(labels[0]!, [0, 0, 70, 40])).toBe(true);
    expect(centreIn(labels[1]!, [70, 0, 140, 40])).toBe(true);
  });

  it('takes a narrower shape (more lines) where the wide one meets a symbol', () => {
    // A 70 px wide strip with symbols left and right of the middle: 64 px of text do not fit between them, 20 px do.
    const symbols = [symbolAt(10, 50, 12), symbolAt(60, 50, 12)];
    const [label] = placeLabels([request('a', rectangle(0, 30, 70, 70), [35, 50], [{ width: 64, height: 16 }, { width: 20, height: 30 }])], symbols, { bounds });
    expect(label).toMatchObject({ placement: 'inside', shape: 1 });
    for (const symbol of symbols) expect(overlaps(label!.box, symbol)).toBe(false);
  });

  it('places the most constrained area first, so every area keeps a name', () => {
    // A tiny area with exactly one clear place, whose box the big neighbour's preferred place would take.
    const tiny = request('tiny', rectangle(100, 100, 130, 120), [115, 110], [{ width: 40, height: 14 }]);
    const big = request('big', rectangle(0, 0, 300, 200), [115, 110], [{ width: 40, height: 14 }]);
    const labels = placeLabels([big, tiny], [], { bounds });
    expect(labels.map((label) => [label.id, label.placement])).toEqual([
      ['big', 'inside'],
      ['tiny', 'inside'],
    ]);
    expect(centreIn(labels[1]!, [100, 100, 130, 120])).toBe(true);
    expect(overlaps(labels[0]!.box, labels[1]!.box)).toBe(false);
  });

  it('puts a name beside an area covered by symbols, with a leader line into the area, clear of everything', () => {
    const area = rectangle(100, 100, 140, 130);
    const symbols = [symbolAt(110, 110), symbolAt(130, 110), symbolAt(110, 125), symbolAt(130, 125)];
    const [label] = placeLabels([request('voll', area, [120, 115])], symbols, { bounds });
    expect(label!.placement).toBe('leader');
    for (const symbol of symbols) expect(overlaps(label!.box, symbol)).toBe(false);
    const [from, to] = label!.leader!;
    expect(from).toEqual([120, 115]);
    // The line ends on the box's border.
    expect(to[0] >= label!.box.left && to[0] <= label!.box.right && to[1] >= label!.box.top && to[1] <= label!.box.bottom).toBe(true);
  });

  it('keeps every box inside the view', () => {
    const [label] = placeLabels([request('rand', rectangle(-50, -50, 40, 40), [0, 0])], [], { bounds });
    expect(label!.box.left).toBeGreaterThanOrEqual(0);
    expect(label!.box.top).toBeGreaterThanOrEqual(0);
    expect(label!.placement).toBe('inside');
  });

  it('treats a hole as outside the area', () => {
    // A ring 0..200 with a hole 40..160: the preferred point lies in the hole.
    const withHole: PixelPolygon = [...rectangle(0, 0, 200, 200), ...rectangle(40, 40, 160, 160)];
    const [label] = placeLabels([request('ring', withHole, [100, 100], [{ width: 30, height: 12 }])], [], { bounds });
    expect(label!.placement).toBe('inside');
    expect(centreIn(label!, [40, 40, 160, 160])).toBe(false);
  });

  it('does not mutate its input', () => {
    const requests = deepFreeze([request('a', rectangle(0, 0, 200, 100), [100, 50]), request('b', rectangle(200, 0, 400, 100), [300, 50])]);
    const obstacles = deepFreeze([symbolAt(100, 50)]);
    expect(() => placeLabels(requests, obstacles, deepFreeze({ bounds }))).not.toThrow();
  });
});

describe('labelLines', () => {
  const measure = (text: string) => text.length * 7;

  it('breaks at spaces within the width', () => {
    expect(labelLines('Bad Lauterberg im Harz', measure, 100)).toEqual(['Bad Lauterberg', 'im Harz']);
    expect(labelLines('Samtgemeinde Hattorf am Harz', measure, 70)).toEqual(['Samtgemeinde', 'Hattorf am', 'Harz']);
  });

  it('keeps a given line break and breaks after a hyphen', () => {
    expect(labelLines('Stadt Göttingen\n(außerhalb der Sozialräume)', measure, 1000)).toEqual(['Stadt Göttingen', '(außerhalb der Sozialräume)']);
    expect(labelLines('Wiesenburg-Mark', measure, 70)).toEqual(['Wiesenburg-', 'Mark']);
  });

  it('leaves a word wider than the width on its own line', () => {
    expect(labelLines('Samtgemeinde', measure, 20)).toEqual(['Samtgemeinde']);
  });
});
