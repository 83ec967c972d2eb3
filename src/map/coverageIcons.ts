import type { FacilityCategory } from '../domain/facilities/catalog';
import { shapeVertices } from '../domain/resources/symbols';
import { PIXEL_RATIO, type IconImage } from './facilityIcons';

/**
 * Symbols of the coverage analysis, drawn in code like the facility symbols: a hypothetical
 * facility (white disc, thick dashed black ring, the category's shape inside: it must never be
 * mistaken for a real one, not even for an approximate one with its thin coloured ring) and the
 * mark of a real facility switched off in the scenario.
 */

/** Logical size (CSS pixels) of the coverage icons. */
export const COVERAGE_ICON_SIZE = 40;
export const HYPOTHETICAL_RING = '#111111';
export const SWITCHED_OFF_ICON = 'versorgung-ausgeschaltet';

export function hypotheticalIconId(categoryId: string): string {
  return `versorgung-hypothetisch-${categoryId}`;
}

type Context = CanvasRenderingContext2D;

function traceShape(context: Context, category: Pick<FacilityCategory, 'shape'>, radius: number): void {
  context.beginPath();
  shapeVertices(category.shape, radius).forEach(([x, y], index) => (index === 0 ? context.moveTo(x, y) : context.lineTo(x, y)));
  context.closePath();
}

/** Draws the hypothetical symbol centred at (0, 0) of the context (logical pixels). */
export function drawHypotheticalSymbol(context: Context, category: Pick<FacilityCategory, 'shape' | 'colour'>, scale = 1): void {
  context.save();
  context.scale(scale, scale);
  context.beginPath();
  context.arc(0, 0, 15, 0, Math.PI * 2);
  context.fillStyle = 'rgba(255, 255, 255, 0.92)';
  context.fill();
  context.setLineDash([4.2, 3]);
  context.lineWidth = 2.8;
  context.strokeStyle = HYPOTHETICAL_RING;
  context.stroke();
  context.setLineDash([]);
  traceShape(context, category, 8.5);
  context.fillStyle = category.colour;
  context.fill();
  context.lineWidth = 1.4;
  context.strokeStyle = '#ffffff';
  context.stroke();
  context.restore();
}

/** A grey disc with a white cross: "does not count in this scenario". */
export function drawSwitchedOffSymbol(context: Context, scale = 1): void {
  context.save();
  context.scale(scale, scale);
  context.beginPath();
  context.arc(0, 0, 12, 0, Math.PI * 2);
  context.fillStyle = 'rgba(70, 70, 70, 0.82)';
  context.fill();
  context.lineWidth = 1.5;
  context.strokeStyle = '#ffffff';
  context.stroke();
  context.beginPath();
  context.moveTo(-5.5, -5.5);
  context.lineTo(5.5, 5.5);
  context.moveTo(5.5, -5.5);
  context.lineTo(-5.5, 5.5);
  context.lineWidth = 2.6;
  context.lineCap = 'round';
  context.stroke();
  context.restore();
}

function render(draw: (context: Context) => void): IconImage {
  const size = COVERAGE_ICON_SIZE * PIXEL_RATIO;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  // Read back at once: a CPU canvas, or the browser copies every icon back from the GPU (seconds
  // on software WebGL, once per icon).
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('Canvas 2D is not available');
  context.scale(PIXEL_RATIO, PIXEL_RATIO);
  context.translate(COVERAGE_ICON_SIZE / 2, COVERAGE_ICON_SIZE / 2);
  draw(context);
  const image = context.getImageData(0, 0, size, size);
  return { width: size, height: size, data: image.data };
}

/** The images the coverage layers need for one category, by image id. */
export function renderCoverageIcons(category: Pick<FacilityCategory, 'id' | 'shape' | 'colour'>): Map<string, IconImage> {
  return new Map([
    [hypotheticalIconId(category.id), render((context) => drawHypotheticalSymbol(context, category))],
    [SWITCHED_OFF_ICON, render((context) => drawSwitchedOffSymbol(context))],
  ]);
}
