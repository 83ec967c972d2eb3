import { describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES, type SymbolShape } from '../../src/domain/facilities/catalog';
import { polygonArea, shapePath, shapeVertices } from '../../src/domain/resources/symbols';
import { CLOSED_OPACITY, ICON_SIZE, drawFacilitySymbol, iconId, parseIconId, type IconContext } from '../../src/map/facilityIcons';
import type { SymbolVariant } from '../../src/domain/resources/symbols';

const IN_OPERATION: SymbolVariant = { status: 'in Betrieb', approximate: false, unconfirmed: false };

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
    fillText: (text: string) => calls.push(`text ${text}`),
    font: '',
    textAlign: 'start' as CanvasTextAlign,
    textBaseline: 'alphabetic' as CanvasTextBaseline,
    globalAlpha: 1,
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
      drawFacilitySymbol(context, shape, '#c2185b', { status: 'geplant', approximate: true, unconfirmed: true }, 2);
      expect(points.length).toBeGreaterThan(2);
      for (const [x, y] of points) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(ICON_SIZE * 2);
        expect(y).toBeLessThanOrEqual(ICON_SIZE * 2);
      }
    }
  });

  it('says the status: in operation filled, planned only the outline, closed faded', () => {
    const operating = recordingContext();
    drawFacilitySymbol(operating.context, 'star', '#c2185b', IN_OPERATION);
    expect(operating.calls).toContain('fill #c2185b');
    expect(operating.calls).not.toContain('fill #ffffff');
    expect(operating.calls.some((call) => call.startsWith('dash'))).toBe(false);
    expect(operating.context.globalAlpha).toBe(1);

    const planned = recordingContext();
    drawFacilitySymbol(planned.context, 'star', '#c2185b', { ...IN_OPERATION, status: 'geplant' });
    expect(planned.calls).toContain('fill #ffffff');
    expect(planned.calls).toContain('stroke #c2185b');
    expect(planned.calls).not.toContain('fill #c2185b');

    const closed = recordingContext();
    drawFacilitySymbol(closed.context, 'star', '#c2185b', { ...IN_OPERATION, status: 'geschlossen' });
    expect(closed.context.globalAlpha).toBe(CLOSED_OPACITY);
    expect(closed.calls).toContain('fill #c2185b');
  });

  it('rings an approximate location with dashes and marks an unconfirmed facility with a question mark', () => {
    const approximate = recordingContext();
    drawFacilitySymbol(approximate.context, 'star', '#c2185b', { ...IN_OPERATION, approximate: true });
    expect(approximate.calls).toContain('arc');
    expect(approximate.calls.some((call) => /^dash \d/.test(call))).toBe(true);
    expect(approximate.calls).toContain('fill #c2185b');
    expect(approximate.calls.at(-1)).toBe('restore');

    const unconfirmed = recordingContext();
    drawFacilitySymbol(unconfirmed.context, 'star', '#c2185b', { ...IN_OPERATION, unconfirmed: true });
    expect(unconfirmed.calls).toContain('text ?');
    const confirmed = recordingContext();
    drawFacilitySymbol(confirmed.context, 'star', '#c2185b', IN_OPERATION);
    expect(confirmed.calls).not.toContain('text ?');
  });

  it('names images per category and variant, and reads the names back', () => {
    expect(iconId('kita', IN_OPERATION)).toBe('einrichtung-kita-betrieb-exakt');
    const planned: SymbolVariant = { status: 'geplant', approximate: true, unconfirmed: true };
    expect(iconId('weiterfuehrende-schule', planned)).toBe('einrichtung-weiterfuehrende-schule-geplant-genaehert-unbestaetigt');
    expect(parseIconId(iconId('weiterfuehrende-schule', planned))).toEqual({ categoryId: 'weiterfuehrende-schule', variant: planned });
    expect(parseIconId('einrichtung-entwurf')).toBeNull();
    const ids = new Set(
      (['in Betrieb', 'geplant', 'geschlossen'] as const).flatMap((status) =>
        [false, true].flatMap((approximate) => [false, true].map((unconfirmed) => iconId('kita', { status, approximate, unconfirmed }))),
      ),
    );
    expect(ids.size).toBe(12);
  });
});
