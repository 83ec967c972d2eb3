import { FACILITY_STATUSES, type FacilityCategory, type FacilityStatus, type SymbolShape } from '../domain/facilities/catalog';
import { SYMBOL_STATUS_KEYS, shapeVertices, type SymbolVariant } from '../domain/resources/symbols';

/**
 * Map symbols of the facility categories, drawn in code on a canvas (no sprite files, works
 * offline). Categories differ by shape and colour; the symbol also says the status (in
 * operation filled, planned only the outline, closed faded), an approximate location (Ortslage,
 * Gemeinde: a dashed ring, so coordinators see what to correct) and an unconfirmed facility (a
 * question mark). Images are drawn when a map first asks for them (styleimagemissing), so only
 * the variants in use cost anything.
 */

/** Logical size of an icon in CSS pixels; drawn at PIXEL_RATIO for sharp edges. */
export const ICON_SIZE = 30;
export const PIXEL_RATIO = 2;
export const SYMBOL_RADIUS = 9;
export const DRAFT_ICON = 'einrichtung-entwurf';
export const FALLBACK_SHAPE: SymbolShape = 'cross';
export const FALLBACK_COLOUR = '#546e7a';

/** The image id of a category's symbol in a variant, e.g. einrichtung-kita-geplant-genaehert-unbestaetigt. */
export function iconId(categoryId: string, variant: SymbolVariant): string {
  return `einrichtung-${categoryId}-${SYMBOL_STATUS_KEYS[variant.status]}-${variant.approximate ? 'genaehert' : 'exakt'}${variant.unconfirmed ? '-unbestaetigt' : ''}`;
}

const STATUS_OF_KEY = new Map(FACILITY_STATUSES.map((status) => [SYMBOL_STATUS_KEYS[status], status] as const));

/**
 * What a symbol covers, in logical pixels around its centre (y down): the shape with its white
 * edge, the dashed ring of an approximate location, the „?“ badge at the upper right. Labels
 * keep clear of it (the Kreistag map's names).
 */
export function symbolExtent(variant: SymbolVariant): { left: number; top: number; right: number; bottom: number } {
  // Shape and its 1.6 px edge (2.6 px outline when planned); the ring's radius and half its line.
  const reach = variant.approximate ? SYMBOL_RADIUS + 4.2 + 0.8 : SYMBOL_RADIUS + 1.3;
  const box = { left: -reach, top: -reach, right: reach, bottom: reach };
  if (variant.unconfirmed) {
    const { x, y, radius } = UNCONFIRMED_BADGE;
    box.right = Math.max(box.right, x + radius + 0.65);
    box.top = Math.min(box.top, y - radius - 0.65);
  }
  return box;
}

/** Category and variant of an image id made by iconId, or null for any other id. */
export function parseIconId(id: string): { categoryId: string; variant: SymbolVariant } | null {
  const match = /^einrichtung-(.+)-(betrieb|geplant|geschlossen)-(exakt|genaehert)(-unbestaetigt)?$/.exec(id);
  if (!match) return null;
  const status = STATUS_OF_KEY.get(match[2]!) as FacilityStatus;
  return { categoryId: match[1]!, variant: { status, approximate: match[3] === 'genaehert', unconfirmed: match[4] !== undefined } };
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
  | 'fillText'
> & {
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  globalAlpha: number;
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

/** Opacity of a closed facility's symbol: still there to see, clearly not serving anyone. */
export const CLOSED_OPACITY = 0.4;
/** Where the question mark of an unconfirmed facility sits (logical pixels from the centre) and its radius. */
export const UNCONFIRMED_BADGE = { x: 8.6, y: -8.6, radius: 5.4 } as const;

/**
 * Draws one symbol centred in a square of ICON_SIZE logical pixels. The context must be
 * ICON_SIZE × pixelRatio device pixels large.
 */
export function drawFacilitySymbol(
  context: IconContext,
  shape: SymbolShape,
  colour: string,
  variant: SymbolVariant,
  pixelRatio = PIXEL_RATIO,
): void {
  context.save();
  context.clearRect(0, 0, ICON_SIZE * pixelRatio, ICON_SIZE * pixelRatio);
  context.scale(pixelRatio, pixelRatio);
  context.translate(ICON_SIZE / 2, ICON_SIZE / 2);
  context.lineJoin = 'round';
  if (variant.status === 'geschlossen') context.globalAlpha = CLOSED_OPACITY;
  const planned = variant.status === 'geplant';
  // The approximate location keeps room for the dashed ring around a smaller shape.
  const radius = variant.approximate ? SYMBOL_RADIUS - 1 : SYMBOL_RADIUS;
  if (variant.approximate) {
    // Dashed ring: "this place is only approximately right".
    context.beginPath();
    context.arc(0, 0, SYMBOL_RADIUS + 4.2, 0, Math.PI * 2);
    context.setLineDash([3, 2.2]);
    context.lineWidth = 1.6;
    context.strokeStyle = colour;
    context.stroke();
    context.setLineDash([]);
  }
  if (planned) {
    // Only the outline: "not there yet".
    tracePolygon(context, shape, radius);
    context.fillStyle = '#ffffff';
    context.fill();
    context.lineWidth = 2.6;
    context.strokeStyle = colour;
    context.stroke();
  } else {
    context.shadowColor = 'rgba(0, 0, 0, 0.35)';
    context.shadowBlur = 2;
    context.shadowOffsetY = 0.5;
    tracePolygon(context, shape, radius);
    context.fillStyle = colour;
    context.fill();
    context.shadowColor = 'transparent';
    context.lineWidth = 1.6;
    context.strokeStyle = '#ffffff';
    context.stroke();
  }
  if (variant.unconfirmed) drawQuestionBadge(context);
  context.restore();
}

/** A white disc with a dark ring and „?“ at the upper right: "not confirmed". */
function drawQuestionBadge(context: IconContext): void {
  const { x, y, radius } = UNCONFIRMED_BADGE;
  context.globalAlpha = 1;
  context.beginPath();
  context.arc(x, y, radius, 0, Math.PI * 2);
  context.fillStyle = '#ffffff';
  context.fill();
  context.lineWidth = 1.3;
  context.strokeStyle = '#1f2933';
  context.stroke();
  context.fillStyle = '#1f2933';
  context.font = 'bold 8.5px "DejaVu Sans", Arial, sans-serif';
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.fillText('?', x, y + 0.5);
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

/** The draft marker, the one image every facility map needs from the start. */
export function renderDraftIcon(): IconImage {
  return render((context) => drawDraftSymbol(context));
}

/**
 * The image a map asked for by id (styleimagemissing): a category's symbol in a variant, drawn
 * in the category's shape and colour, or in the fallback look for a category this browser does
 * not know. Null for ids that are no facility symbols.
 */
export function renderIconFor(id: string, categories: readonly FacilityCategory[]): IconImage | null {
  const parsed = parseIconId(id);
  if (!parsed) return null;
  const category = categories.find((item) => item.id === parsed.categoryId);
  return render((context) => drawFacilitySymbol(context, category?.shape ?? FALLBACK_SHAPE, category?.colour ?? FALLBACK_COLOUR, parsed.variant));
}
