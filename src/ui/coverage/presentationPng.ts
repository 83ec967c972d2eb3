// Composes the Kreistag picture: title, the map's own pixels, headline figures, legend, scale bar,
// sources and attribution on one canvas, saved as PNG (and printed from the same picture).
import type { SourceLine } from '../../domain/coverageView/summary';
import type { Box } from '../../domain/geo/labelPlacement';
import type { MapSnapshot } from '../../map/CoveragePresentationMap';
import { drawHypotheticalSymbol, drawSwitchedOffSymbol } from '../../map/coverageIcons';
import { drawFacilitySymbol, ICON_SIZE } from '../../map/facilityIcons';
import type { LegendEntry, LegendGroup } from './presentationContent';

/** Size of the picture and where the map goes (device-independent pixels of the PNG). */
export const PNG_LAYOUT = {
  // Close to A4 landscape (1.41), with room beside the map for figures and the whole legend.
  width: 1800,
  height: 1290,
  margin: 40,
  map: { x: 40, y: 150, width: 1180, height: 900 },
  side: { x: 1260, width: 500 },
  footerY: 1100,
} as const;

export interface PresentationPicture {
  title: string;
  subtitle: string;
  /** Shown in a coloured band when a scenario is on the map. */
  scenarioNote: string | null;
  figures: { value: string; text: string; tone?: 'alarm' | 'good' | 'neutral' }[];
  /** Under the figures: what they rest on (surface with both dates, rounding). */
  figureNote: string;
  legend: LegendGroup[];
  sources: SourceLine[];
  attribution: string;
  snapshot: MapSnapshot;
}

const FONT = '"DejaVu Sans", "Segoe UI", Arial, sans-serif';
const INK = '#1f2933';
const MUTED = '#5f6b7a';
const TONE: Record<'alarm' | 'good' | 'neutral', string> = { alarm: '#a50f15', good: '#253494', neutral: '#16324f' };

/** Splits text into lines no wider than maxWidth. */
function wrap(context: CanvasRenderingContext2D, text: string, maxWidth: number): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (context.measureText(candidate).width > maxWidth && line) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Longest scale bar (PNG pixels) and the white box around it, relative to the bar (drawPresentation). */
const SCALE_BAR = { maxPixels: 220, box: { left: -10, top: -30, extraWidth: 90, height: 44 }, x: 18, fromBottom: 26 } as const;
/** The north arrow and its „N“, relative to the map's top right corner (PNG pixels). */
const NORTH_ARROW = { left: -46, right: -14, top: 12, bottom: 66 } as const;

/**
 * What the picture draws over its map (scale bar bottom left, north arrow top right), in CSS
 * pixels of a map of `width` × `height`, so the map's names keep clear of them.
 */
export function pngOverlayBoxes(width: number, height: number): Box[] {
  // PNG pixels per CSS pixel of the map, as drawPresentation scales it into its frame.
  const scale = Math.min(PNG_LAYOUT.map.width / width, PNG_LAYOUT.map.height / height);
  const barLeft = SCALE_BAR.x + SCALE_BAR.box.left;
  const barTop = height * scale - SCALE_BAR.fromBottom + SCALE_BAR.box.top;
  return [
    { left: barLeft / scale, top: barTop / scale, right: (barLeft + SCALE_BAR.maxPixels + SCALE_BAR.box.extraWidth) / scale, bottom: (barTop + SCALE_BAR.box.height) / scale },
    { left: width + NORTH_ARROW.left / scale, top: NORTH_ARROW.top / scale, right: width + NORTH_ARROW.right / scale, bottom: NORTH_ARROW.bottom / scale },
  ];
}

/** A bar length of 1, 2 or 5 × 10^n metres that fits into maxPixels. */
export function scaleBar(metresPerPixel: number, maxPixels: number): { metres: number; pixels: number; label: string } {
  const maxMetres = metresPerPixel * maxPixels;
  const power = 10 ** Math.floor(Math.log10(maxMetres));
  const metres = [5, 2, 1].map((step) => step * power).find((value) => value <= maxMetres) ?? power;
  const label = metres >= 1000 ? `${(metres / 1000).toLocaleString('de-DE')} km` : `${metres} m`;
  return { metres, pixels: metres / metresPerPixel, label };
}

export function drawLegendSymbol(context: CanvasRenderingContext2D, entry: LegendEntry, x: number, y: number): void {
  context.save();
  switch (entry.kind) {
    case 'fill':
    case 'square':
      context.fillStyle = entry.colour;
      context.fillRect(x, y - 11, entry.kind === 'square' ? 22 : 30, 22);
      context.strokeStyle = 'rgba(0,0,0,0.3)';
      context.lineWidth = 1;
      context.strokeRect(x + 0.5, y - 10.5, (entry.kind === 'square' ? 22 : 30) - 1, 21);
      break;
    case 'line':
      context.strokeStyle = entry.colour;
      context.setLineDash([6, 4]);
      context.lineWidth = 2.5;
      context.beginPath();
      context.moveTo(x, y);
      context.lineTo(x + 30, y);
      context.stroke();
      break;
    case 'facility': {
      // The map's own symbol, drawn on its own canvas (the drawing clears its square).
      const icon = document.createElement('canvas');
      icon.width = ICON_SIZE * 2;
      icon.height = ICON_SIZE * 2;
      const iconContext = icon.getContext('2d');
      if (iconContext) {
        drawFacilitySymbol(iconContext, entry.category.shape, entry.category.colour, entry.variant, 2);
        if (entry.faded) context.globalAlpha = 0.35;
        context.drawImage(icon, x - 4, y - 19, 38, 38);
      }
      break;
    }
    case 'hypothetical':
      context.translate(x + 15, y);
      drawHypotheticalSymbol(context, entry.category, 0.95);
      break;
    case 'switched-off':
      context.translate(x + 15, y);
      drawSwitchedOffSymbol(context, 0.9);
      break;
    case 'suggestion':
      context.beginPath();
      context.arc(x + 15, y, 13, 0, Math.PI * 2);
      context.fillStyle = entry.colour;
      context.fill();
      context.lineWidth = 2;
      context.strokeStyle = '#111';
      context.stroke();
      context.fillStyle = '#111';
      context.font = `bold 15px ${FONT}`;
      context.textAlign = 'center';
      context.textBaseline = 'middle';
      context.fillText('1', x + 15, y + 1);
      break;
  }
  context.restore();
}

/** One legend group from `y` (its first baseline) in a column of `width`; returns where the next may start. */
function drawLegendGroup(context: CanvasRenderingContext2D, group: LegendGroup, x: number, y: number, width: number): number {
  context.font = `bold 16px ${FONT}`;
  context.fillStyle = INK;
  for (const line of wrap(context, group.title, width)) {
    context.fillText(line, x, y);
    y += 21;
  }
  y += 8;
  context.font = `16px ${FONT}`;
  for (const entry of group.entries) {
    drawLegendSymbol(context, entry, x, y - 6);
    context.fillStyle = INK;
    const lines = wrap(context, entry.label, width - 44);
    lines.forEach((line, index) => context.fillText(line, x + 44, y + index * 20));
    y += Math.max(28, lines.length * 20 + 8);
  }
  return y + 12;
}

/** Font sizes of the title, largest first. */
const TITLE_SIZES = [38, 34, 31] as const;

/** Draws the picture on a new canvas. */
export function drawPresentation(picture: PresentationPicture): HTMLCanvasElement {
  const { width, height, margin, map, side, footerY } = PNG_LAYOUT;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('Canvas 2D ist nicht verfügbar.');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.textBaseline = 'alphabetic';

  // Title band.
  context.fillStyle = '#16324f';
  context.fillRect(0, 0, width, 8);
  context.fillStyle = INK;
  // One line if a slightly smaller size allows it: a second title line costs the subtitle its
  // second line, and with it the Stand (Potsdam-Mittelmark's title is 80 characters long).
  const titleSize = TITLE_SIZES.find((size) => {
    context.font = `bold ${size}px ${FONT}`;
    return context.measureText(picture.title).width <= width - 2 * margin;
  }) ?? TITLE_SIZES[0];
  context.font = `bold ${titleSize}px ${FONT}`;
  const titleLines = wrap(context, picture.title, width - 2 * margin).slice(0, 2);
  titleLines.forEach((line, index) => context.fillText(line, margin, 62 + index * 44));
  context.font = `19px ${FONT}`;
  context.fillStyle = MUTED;
  // The subtitle names base, reach, what counts and the Stand: two lines where the title has one.
  const subtitleLines = wrap(context, picture.subtitle, width - 2 * margin).slice(0, titleLines.length > 1 ? 1 : 2);
  subtitleLines.forEach((line, index) => context.fillText(line, margin, (titleLines.length > 1 ? 134 : 98) + index * 24));
  if (picture.scenarioNote) {
    context.font = `bold 18px ${FONT}`;
    const noteWidth = context.measureText(picture.scenarioNote).width + 24;
    context.fillStyle = '#fff4d6';
    context.fillRect(width - margin - noteWidth, 82, noteWidth, 30);
    context.strokeStyle = '#d9a400';
    context.strokeRect(width - margin - noteWidth + 0.5, 82.5, noteWidth - 1, 29);
    context.fillStyle = '#6b4e00';
    context.fillText(picture.scenarioNote, width - margin - noteWidth + 12, 103);
  }

  // The map: its canvas scaled to fit (aspect kept), framed.
  const source = picture.snapshot.canvas;
  const scale = Math.min(map.width / source.width, map.height / source.height);
  const drawnWidth = source.width * scale;
  const drawnHeight = source.height * scale;
  const mapX = map.x + (map.width - drawnWidth) / 2;
  const mapY = map.y + (map.height - drawnHeight) / 2;
  context.drawImage(source, mapX, mapY, drawnWidth, drawnHeight);
  context.strokeStyle = '#b8c2cc';
  context.lineWidth = 1;
  context.strokeRect(mapX + 0.5, mapY + 0.5, drawnWidth - 1, drawnHeight - 1);

  // Scale bar, bottom left of the map.
  const metresPerPixel = picture.snapshot.metresPerPixel * (picture.snapshot.width / drawnWidth);
  const bar = scaleBar(metresPerPixel, SCALE_BAR.maxPixels);
  const barX = mapX + SCALE_BAR.x;
  const barY = mapY + drawnHeight - SCALE_BAR.fromBottom;
  context.fillStyle = 'rgba(255,255,255,0.88)';
  context.fillRect(barX + SCALE_BAR.box.left, barY + SCALE_BAR.box.top, bar.pixels + SCALE_BAR.box.extraWidth, SCALE_BAR.box.height);
  context.fillStyle = INK;
  context.fillRect(barX, barY, bar.pixels, 6);
  context.fillStyle = '#ffffff';
  context.fillRect(barX + bar.pixels / 2, barY + 1, bar.pixels / 2 - 1, 4);
  context.font = `16px ${FONT}`;
  context.fillStyle = INK;
  context.fillText('0', barX - 4, barY - 8);
  context.fillText(bar.label, barX + bar.pixels - 10, barY - 8);
  // North is up: a small arrow.
  context.beginPath();
  context.moveTo(mapX + drawnWidth - 30, mapY + 18);
  context.lineTo(mapX + drawnWidth - 40, mapY + 44);
  context.lineTo(mapX + drawnWidth - 30, mapY + 38);
  context.lineTo(mapX + drawnWidth - 20, mapY + 44);
  context.closePath();
  context.fill();
  context.font = `bold 15px ${FONT}`;
  context.textAlign = 'center';
  context.fillText('N', mapX + drawnWidth - 30, mapY + 62);
  context.textAlign = 'left';

  // Figures.
  let y = map.y + 34;
  for (const figure of picture.figures) {
    context.font = `bold 40px ${FONT}`;
    context.fillStyle = TONE[figure.tone ?? 'neutral'];
    context.fillText(figure.value, side.x, y);
    y += 30;
    context.font = `19px ${FONT}`;
    context.fillStyle = INK;
    for (const line of wrap(context, figure.text, side.width)) {
      context.fillText(line, side.x, y);
      y += 25;
    }
    y += 26;
  }
  context.font = `15px ${FONT}`;
  context.fillStyle = MUTED;
  for (const line of wrap(context, picture.figureNote, side.width)) {
    context.fillText(line, side.x, y - 10);
    y += 20;
  }
  y += 14;

  // Legend: the two class legends (short labels) side by side, then the others at full width.
  const [shares, gaps, ...others] = picture.legend;
  const column = (side.width - 24) / 2;
  let bottom = y;
  [shares, gaps].forEach((group, index) => {
    if (group) bottom = Math.max(bottom, drawLegendGroup(context, group, side.x + index * (column + 24), y, column));
  });
  y = bottom;
  for (const group of others) y = drawLegendGroup(context, group, side.x, y, side.width);

  // Sources and attribution.
  context.strokeStyle = '#d8dde3';
  context.beginPath();
  context.moveTo(margin, footerY - 14);
  context.lineTo(width - margin, footerY - 14);
  context.stroke();
  context.font = `14px ${FONT}`;
  context.fillStyle = MUTED;
  let footer = footerY + 6;
  const footerLines = [...picture.sources.map((line) => `${line.label}: ${line.text}`), `Kartengrundlage: ${picture.attribution}`];
  for (const text of footerLines) {
    for (const line of wrap(context, text, width - 2 * margin)) {
      if (footer > height - 8) break;
      context.fillText(line, margin, footer);
      footer += 19;
    }
  }
  return canvas;
}

export function canvasToPngBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('Das Bild konnte nicht erzeugt werden.'))), 'image/png'),
  );
}

/** Offers a file for download under the given name. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
