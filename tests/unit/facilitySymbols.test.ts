import { describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES, type SymbolShape } from '../../src/domain/facilities/catalog';
import { polygonArea, shapePath, shapeVertices } from '../../src/domain/resources/symbols';
import { ICON_SIZE, drawFacilitySymbol, iconId, type IconContext } from '../../src/map/facilityIcons';

const SHAPES: SymbolShape[] = ['circle', 'square', 'triangle', 'diamond', 'star', 'hexagon', 'pentagon', 'cross'];

/** A canvas context that records what is drawn. */
function recordingContext() {
  const calls: string[] = [];
  const points: [number, number][] = [];
  let scale = 1;
  let dx = 0;
  let dy = 0;
  const context = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    lineJoin: 'miter' as CanvasLineJoin,
    shadowColor: '',
    shadowBlur: 0,
    shadowOffsetY: 0,
    beginPath: () => calls.push('beginPath'),
    moveTo: (x: number, y: number) => points.push([(x + dx) * scale, (y + dy) * scale]),
    lineTo: (x: number, y: number) => points.push([(x + dx) * scale, (y + dy) * scale]),
    closePath: () => calls.push('closePath'),
    arc: () => calls.push('arc'),
    fill: () => calls.push(`fill ${context.fillStyle}`),
    stroke: () => calls.push(`stroke ${context.strokeStyle}`),
    save: () => calls.push('save'),
    restore: () => calls.push('restore'),
    setLineDash: (dash: number[]) => calls.push(`dash ${dash.join(',')}`),
    scale: (s: number) => {
      scale = s;
    },
    translate: (x: number, y: number) => {
      dx = x;
      dy = y;
    },
    clearRect: () => calls.push('clear'),
  };
  return { context: context as unknown as IconContext, calls, points };
}

describe('facility symbols', () => {
  it('every category of the catalogue has its own shape', () => {
    const shapes = DEFAULT_CATEGORIES.map((category) => category.shape);
    expect(new Set(shapes).size).toBe(shapes.length);
  });

  it('shapes are closed polygons of comparable visual weight', () => {
    const areas = SHAPES.map((shape) => polygonArea(shapeVertices(shape, 10)));
    const circle = polygonArea(shapeVertices('circle', 10));
    for (const [index, area] of areas.entries()) {
      // Within a factor of 1.9 of the circle, so no category looks much heavier than another.
      expect(area / circle, SHAPES[index]).toBeGreaterThan(0.5);
      expect(area / circle, SHAPES[index]).toBeLessThan(1.9);
    }
    expect(shapeVertices('star', 10)).toHaveLength(10);
    expect(shapeVertices('hexagon', 10)).toHaveLength(6);
    expect(shapeVertices('cross', 10)).toHaveLength(12);
    expect(shapePath('square', 10, 15, 15)).toMatch(/^M[\d.]+ [\d.]+ (L[\d.]+ [\d.]+ ){3}Z$/);
  });

  it('draws inside the icon square at the pixel ratio', () => {
    for (const shape of SHAPES) {
      const { context, points } = recordingContext();
      drawFacilitySymbol(context, shape, '#c2185b', 'exakt', 2);
      expect(points.length).toBeGreaterThan(2);
      for (const [x, y] of points) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(ICON_SIZE * 2);
        expect(y).toBeLessThanOrEqual(ICON_SIZE * 2);
      }
    }
  });

  it('fills exact locations with the category colour and draws approximate ones hollow with a dashed ring', () => {
    const exact = recordingContext();
    drawFacilitySymbol(exact.context, 'star', '#c2185b', 'exakt');
    expect(exact.calls).toContain('fill #c2185b');
    expect(exact.calls.some((call) => call.startsWith('dash'))).toBe(false);

    const approximate = recordingContext();
    drawFacilitySymbol(approximate.context, 'star', '#c2185b', 'genaehert');
    expect(approximate.calls).toContain('fill #ffffff');
    expect(approximate.calls).toContain('stroke #c2185b');
    expect(approximate.calls).toContain('arc');
    expect(approximate.calls.some((call) => /^dash \d/.test(call))).toBe(true);
    expect(approximate.calls.at(-1)).toBe('restore');
  });

  it('names images per category and variant', () => {
    expect(iconId('kita', 'exakt')).toBe('einrichtung-kita-exakt');
    expect(iconId('kita', 'genaehert')).toBe('einrichtung-kita-genaehert');
  });
});
