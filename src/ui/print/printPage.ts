// The printed sheet drawn on a canvas: the preview, the PNG and what Ctrl+P prints. The boxes come
// from domain/print/layout.ts (as for the server's PDF), measured with the canvas's own fonts, so
// the preview shows the page that comes out. Everything is synchronous, because a browser that is
// about to print (beforeprint) does not wait.
import {
  layoutLegend,
  nominalScale,
  pageSize,
  sheetLayout,
  PRINT_FONTS,
  scaleBar,
  scaleText,
  wrapText,
  type Box,
  type Measure,
  type Orientation,
  type Paper,
} from '../../domain/print/layout';
import type { MapPicture } from '../../domain/print/picture';
import { footerParts, type PrintMapInput, type PrintSymbol } from '../../domain/print/request';
import type { SheetContent, SheetSymbol } from './printContent';

export interface SheetSettings {
  paper: Paper;
  orientation: Orientation;
  title: string;
}

const FONT = '"DejaVu Sans", "Verdana", "Segoe UI", Arial, sans-serif';
const INK = '#1a1a1a';
const MUTED = '#555555';

const font = (size: number, bold: boolean) => `${bold ? 'bold ' : ''}${size}px ${FONT}`;

function measureWith(context: CanvasRenderingContext2D): Measure {
  return (text, size, bold) => {
    context.font = font(size, bold);
    return context.measureText(text).width;
  };
}

/** Draws the sheet at `pixelsPerPoint` (150 dpi: 150 / 72) on a new canvas. */
export function drawSheet(content: SheetContent, picture: MapPicture, settings: SheetSettings, madeOn: string, pixelsPerPoint: number): HTMLCanvasElement {
  const size = pageSize(settings.paper, settings.orientation);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(size.width * pixelsPerPoint);
  canvas.height = Math.round(size.height * pixelsPerPoint);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('Canvas 2D ist in diesem Browser nicht verfügbar.');
  const measure = measureWith(context);
  const parts = footerParts({ quellen: content.sources, hinweise: content.notes, zuschreibung: content.attribution }, madeOn);
  const layout = sheetLayout(settings.paper, settings.orientation, picture.canvas.width / picture.canvas.height, settings.title, parts, measure);
  const u = layout.unit;
  context.scale(pixelsPerPoint, pixelsPerPoint);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, layout.width, layout.height);
  context.textBaseline = 'top';

  // Title and subtitle.
  const { title } = layout;
  context.fillStyle = INK;
  context.font = font(layout.titleSize, true);
  context.fillText(settings.title, title.x, title.y + (PRINT_FONTS.title * u - layout.titleSize) / 2, title.width);
  if (content.subtitle) {
    const size = PRINT_FONTS.subtitle * u;
    context.font = font(size, false);
    context.fillStyle = MUTED;
    wrapText(content.subtitle, title.width, size, false, measure)
      .slice(0, 2)
      .forEach((line, index) => context.fillText(line, title.x, title.y + PRINT_FONTS.title * u * 1.35 + index * size * 1.3));
  }

  // The map with frame, scale bar and north arrow.
  const map = layout.map;
  context.drawImage(picture.canvas, map.x, map.y, map.width, map.height);
  context.strokeStyle = '#333333';
  context.lineWidth = 0.6 * u;
  context.strokeRect(map.x, map.y, map.width, map.height);
  const scale = scaleText(nominalScale(picture.metresPerPixel, picture.canvas.width, map.width));
  drawScaleBar(context, map, u, (picture.metresPerPixel * picture.canvas.width) / map.width, scale);
  drawNorthArrow(context, map, u, picture.bearing);

  // Legend.
  const legend = layoutLegend(
    content.legend.map((group) => ({ title: group.titel, entries: group.eintraege })),
    layout.legend,
    u,
    measure,
  );
  for (const item of legend.items) {
    context.fillStyle = INK;
    context.font = font(item.size, item.kind === 'heading');
    item.lines.forEach((line, index) => context.fillText(line, item.x, item.y + index * item.lineHeight));
    if (item.kind === 'entry') drawSymbol(context, content.legend[item.group]!.eintraege[item.entry]!.symbol, item.symbol, u);
  }
  if (legend.omitted > 0) {
    const box = layout.legend;
    context.fillStyle = MUTED;
    context.font = font(legend.size, false);
    context.fillText(`… ${legend.omitted} weitere Legendeneinträge passen nicht auf das Blatt (größeres Format wählen).`, box.x, box.y + box.height - legend.size * 1.4, box.width);
  }

  // Footer.
  const footer = layout.footer;
  context.strokeStyle = '#bbbbbb';
  context.lineWidth = 0.4 * u;
  context.beginPath();
  context.moveTo(footer.x, footer.y - 4 * u);
  context.lineTo(footer.x + footer.width, footer.y - 4 * u);
  context.stroke();
  const lines = layout.footerLines;
  context.fillStyle = MUTED;
  context.font = font(lines.size, false);
  lines.lines.forEach((line, index) => context.fillText(line, footer.x, footer.y + index * lines.lineHeight));
  return canvas;
}

function drawScaleBar(context: CanvasRenderingContext2D, map: Box, u: number, metresPerPoint: number, scale: string): void {
  const bar = scaleBar(metresPerPoint, Math.min(120 * u, map.width / 5));
  const size = PRINT_FONTS.scale * u;
  const x = map.x + 8 * u;
  const y = map.y + map.height - 10 * u;
  context.font = font(size, false);
  const boxWidth = Math.max(bar.length + 14 * u + context.measureText(bar.label).width, context.measureText(scale).width) + 10 * u;
  context.fillStyle = 'rgba(255,255,255,0.85)';
  context.fillRect(x - 4 * u, y - 19 * u, boxWidth, 25 * u);
  const thickness = 3.2 * u;
  context.fillStyle = INK;
  context.fillRect(x, y - thickness, bar.length / 2, thickness);
  context.fillStyle = '#ffffff';
  context.fillRect(x + bar.length / 2, y - thickness, bar.length / 2, thickness);
  context.strokeStyle = INK;
  context.lineWidth = 0.5 * u;
  context.strokeRect(x, y - thickness, bar.length, thickness);
  context.fillStyle = INK;
  context.fillText(bar.label, x + bar.length + 4 * u, y - size * 0.95);
  context.fillText(scale, x, y - thickness - size * 1.55);
}

function drawNorthArrow(context: CanvasRenderingContext2D, map: Box, u: number, bearing: number): void {
  const cx = map.x + map.width - 18 * u;
  const cy = map.y + 22 * u;
  context.save();
  context.fillStyle = 'rgba(255,255,255,0.85)';
  context.beginPath();
  context.arc(cx, cy, 13 * u, 0, Math.PI * 2);
  context.fill();
  context.translate(cx, cy);
  context.rotate((-bearing * Math.PI) / 180);
  context.fillStyle = INK;
  context.beginPath();
  context.moveTo(0, -10 * u);
  context.lineTo(5 * u, 6 * u);
  context.lineTo(0, 3 * u);
  context.lineTo(-5 * u, 6 * u);
  context.closePath();
  context.fill();
  context.font = font(7 * u, true);
  context.fillText('N', -2.6 * u, -19.5 * u);
  context.restore();
}

function drawSymbol(context: CanvasRenderingContext2D, symbol: SheetSymbol, box: Box, u: number): void {
  context.save();
  switch (symbol.art) {
    case 'flaeche':
      context.fillStyle = symbol.muster === 'leer' ? '#ffffff' : symbol.farbe;
      context.fillRect(box.x, box.y, box.width, box.height);
      if (symbol.muster === 'schraffiert') {
        context.save();
        context.beginPath();
        context.rect(box.x, box.y, box.width, box.height);
        context.clip();
        context.strokeStyle = '#555555';
        context.lineWidth = 0.6 * u;
        context.beginPath();
        for (let offset = -box.height; offset < box.width; offset += 3 * u) {
          context.moveTo(box.x + offset, box.y + box.height);
          context.lineTo(box.x + offset + box.height, box.y);
        }
        context.stroke();
        context.restore();
      }
      context.strokeStyle = symbol.rand ?? '#888888';
      context.lineWidth = 0.5 * u;
      context.strokeRect(box.x, box.y, box.width, box.height);
      break;
    case 'linie':
      context.strokeStyle = symbol.farbe;
      context.lineWidth = symbol.breite * 0.75 * u;
      if (symbol.gestrichelt) context.setLineDash([2.5 * u, 1.8 * u]);
      context.beginPath();
      context.moveTo(box.x, box.y + box.height / 2);
      context.lineTo(box.x + box.width, box.y + box.height / 2);
      context.stroke();
      break;
    case 'zeichen':
      context.translate(box.x, box.y);
      symbol.draw(context, box.width, box.height);
      break;
  }
  context.restore();
}

/** The PDF request: the map as JPEG (small, embedded by the PDF as it is), map symbols as PNG pictures. */
export function pdfRequest(content: SheetContent, picture: MapPicture, settings: SheetSettings): PrintMapInput {
  const symbolPicture = (symbol: SheetSymbol): PrintSymbol => {
    if (symbol.art !== 'zeichen') return symbol;
    const canvas = document.createElement('canvas');
    canvas.width = 96;
    canvas.height = 64;
    const context = canvas.getContext('2d');
    if (context) symbol.draw(context, 96, 64);
    return { art: 'bild', bild: canvas.toDataURL('image/png') };
  };
  return {
    titel: settings.title,
    untertitel: content.subtitle,
    papier: settings.paper,
    ausrichtung: settings.orientation,
    karte: {
      bild: onWhite(picture.canvas).toDataURL('image/jpeg', 0.92),
      breite: picture.canvas.width,
      hoehe: picture.canvas.height,
      meterProPixel: picture.metresPerPixel,
      drehung: picture.bearing,
      beschreibung: content.description,
    },
    legende: content.legend.map((group) => ({ titel: group.titel, eintraege: group.eintraege.map((entry) => ({ text: entry.text, symbol: symbolPicture(entry.symbol) })) })),
    quellen: content.sources,
    hinweise: content.notes,
    zuschreibung: content.attribution,
  };
}

/** JPEG has no transparency: the map's transparent pixels become white, not black. */
function onWhite(source: HTMLCanvasElement): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = source.width;
  canvas.height = source.height;
  const context = canvas.getContext('2d');
  if (context) {
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(source, 0, 0);
  }
  return canvas;
}
