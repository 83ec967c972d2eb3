import type { FacilityCategory, SymbolShape } from '../domain/facilities/catalog';
import { shapeVertices } from '../domain/resources/symbols';

/**
 * Map symbols of the facility categories, drawn in code on a canvas (no sprite files, works
 * offline). Categories differ by shape and colour; an approximate location (Ortslage,
 * Gemeinde) is drawn hollow with a dashed ring so coordinators see what to correct.
 */

/** Logical size of an icon in CSS pixels; drawn at PIXEL_RATIO for sharp edges. */
export const ICON_SIZE = 30;
export const PIXEL_RATIO = 2;
export const SYMBOL_RADIUS = 9;
export const DRAFT_ICON = 'einrichtung-entwurf';
export const FALLBACK_SHAPE: SymbolShape = 'cross';
export const FALLBACK_COLOUR = '#546e7a';

export type IconVariant = 'exakt' | 'genaehert';

export function iconId(categoryId: string, variant: IconVariant): string {
  return `einrichtung-${categoryId}-${variant}`;
}

/** The subset of CanvasRenderingContext2D the drawing uses (a fake one records calls in tests). */
export type IconContext = Pick<
  CanvasRenderingContext2D,
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'closePath'
  | 'arc'
  | 'fill'
  | 'stroke'
  | 'save'
  | 'restore'
  | 'setLineDash'
  | 'scale'
  | 'translate'
  | 'clearRect'
> & {
  fillStyle: CanvasRenderingContext2D['fillStyle'];
  strokeStyle: CanvasRenderingContext2D['strokeStyle'];
  lineWidth: number;
  lineJoin: CanvasLineJoin;
  shadowColor: string;
  shadowBlur: number;
  shadowOffsetY: number;
};

function tracePolygon(context: IconContext, shape: SymbolShape, radius: number): void {
  const points = shapeVertices(shape, radius);
  context.beginPath();
  points.forEach(([x, y], index) => (index === 0 ? context.moveTo(x, y) : context.lineTo(x, y)));
  context.closePath();
}

/**
 * Draws one symbol centred in a square of ICON_SIZE logical pixels. The context must be
 * ICON_SIZE × pixelRatio device pixels large.
 */
export function drawFacilitySymbol(
  context: IconContext,
  shape: SymbolShape,
  colour: string,
  variant: IconVariant,
  pixelRatio = PIXEL_RATIO,
): void {
  context.save();
  context.clearRect(0, 0, ICON_SIZE * pixelRatio, ICON_SIZE * pixelRatio);
  context.scale(pixelRatio, pixelRatio);
  context.translate(ICON_SIZE / 2, ICON_SIZE / 2);
  context.lineJoin = 'round';
  if (variant === 'exakt') {
    context.shadowColor = 'rgba(0, 0, 0, 0.35)';
    context.shadowBlur = 2;
    context.shadowOffsetY = 0.5;
    tracePolygon(context, shape, SYMBOL_RADIUS);
    context.fillStyle = colour;
    context.fill();
    context.shadowColor = 'transparent';
    context.lineWidth = 1.6;
    context.strokeStyle = '#ffffff';
    context.stroke();
  } else {
    // Dashed ring: "this place is only approximately right".
    context.beginPath();
    context.arc(0, 0, SYMBOL_RADIUS + 4.2, 0, Math.PI * 2);
    context.setLineDash([3, 2.2]);
    context.lineWidth = 1.6;
    context.strokeStyle = colour;
    context.stroke();
    context.setLineDash([]);
    tracePolygon(context, shape, SYMBOL_RADIUS - 1);
    context.fillStyle = '#ffffff';
    context.fill();
    context.lineWidth = 2.6;
    context.strokeStyle = colour;
    context.stroke();
  }
  context.restore();
}

/** The marker of a facility being placed: an accent disc with a plus. */
export function drawDraftSymbol(context: IconContext, pixelRatio = PIXEL_RATIO): void {
  context.save();
  context.clearRect(0, 0, ICON_SIZE * pixelRatio, ICON_SIZE * pixelRatio);
  context.scale(pixelRatio, pixelRatio);
  context.translate(ICON_SIZE / 2, ICON_SIZE / 2);
  context.shadowColor = 'rgba(0, 0, 0, 0.4)';
  context.shadowBlur = 3;
  context.beginPath();
  context.arc(0, 0, SYMBOL_RADIUS + 2, 0, Math.PI * 2);
  context.fillStyle = '#0b5394';
  context.fill();
  context.shadowColor = 'transparent';
  context.lineWidth = 2;
  context.strokeStyle = '#ffffff';
  context.stroke();
  tracePolygon(context, 'cross', SYMBOL_RADIUS - 2);
  context.fillStyle = '#ffffff';
  context.fill();
  context.restore();
}

export interface IconImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

function render(draw: (context: IconContext) => void): IconImage {
  const size = ICON_SIZE * PIXEL_RATIO;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  // Read back at once: a CPU canvas, or the browser copies every icon back from the GPU (seconds
  // on software WebGL, once per icon).
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('Canvas 2D is not available');
  draw(context);
  const image = context.getImageData(0, 0, size, size);
  return { width: size, height: size, data: image.data };
}

/** All images a set of categories needs, by image id. */
export function renderCategoryIcons(categories: readonly FacilityCategory[]): Map<string, IconImage> {
  const images = new Map<string, IconImage>();
  for (const category of categories) {
    for (const variant of ['exakt', 'genaehert'] as const) {
      images.set(iconId(category.id, variant), render((context) => drawFacilitySymbol(context, category.shape, category.colour, variant)));
    }
  }
  images.set(DRAFT_ICON, render((context) => drawDraftSymbol(context)));
  return images;
}

/** An image for an id the categories did not cover (a category unknown to this browser). */
export function renderFallbackIcon(id: string): IconImage | null {
  const match = /^einrichtung-.+-(exakt|genaehert)$/.exec(id);
  if (!match) return null;
  return render((context) => drawFacilitySymbol(context, FALLBACK_SHAPE, FALLBACK_COLOUR, match[1] as IconVariant));
}
