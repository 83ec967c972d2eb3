import PDFDocument from 'pdfkit';
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
} from '../../domain/print/layout';
import { footerParts, type PrintMapRequest, type PrintSymbol } from '../../domain/print/request';
import { PDF_FONT_BOLD, PDF_FONT_REGULAR } from '../pdfFonts';

/**
 * The printed map as PDF (pdfkit): the page of domain/print/layout.ts with the map picture the
 * browser captured, and title, legend, scale bar, north arrow, sources and attribution as real,
 * searchable text and vectors in DejaVu. Tagged (heading, figure with its text alternative,
 * legend as a list, footer as paragraphs), with title and language.
 */

const INK = '#1a1a1a';
const MUTED = '#555555';

type Doc = PDFKit.PDFDocument;

function decodeImage(dataUrl: string): Buffer {
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

/** A picture the PDF cannot read: the route answers 400 with this message. */
export class PrintImageInvalid extends Error {}

/**
 * An image pdfkit has parsed: `doc.image` takes it like a Buffer (it is pdfkit's own image object,
 * which its type declarations omit), so a broken picture is found before anything is drawn.
 */
type Picture = Buffer;

function openImage(doc: Doc, dataUrl: string, what: string): Picture {
  try {
    return (doc as Doc & { openImage(source: Buffer): Picture }).openImage(decodeImage(dataUrl));
  } catch {
    throw new PrintImageInvalid(`${what} lässt sich nicht lesen (kein gültiges PNG- oder JPEG-Bild).`);
  }
}

export async function renderMapPdf(request: PrintMapRequest, madeOn: string): Promise<Buffer> {
  const size = pageSize(request.papier, request.ausrichtung);
  const doc = new PDFDocument({
    size: [size.width, size.height],
    margin: 0,
    tagged: true,
    lang: 'de-DE',
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: request.titel, Subject: request.untertitel || request.titel, Author: 'Sozialraumatlas', Keywords: 'Karte, Sozialraum, Sozialplanung' },
  });
  doc.registerFont('regular', PDF_FONT_REGULAR);
  doc.registerFont('bold', PDF_FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const measure: Measure = (text, fontSize, bold) => doc.font(bold ? 'bold' : 'regular').fontSize(fontSize).widthOfString(text);
  const parts = footerParts(request, madeOn);
  const layout = sheetLayout(request.papier, request.ausrichtung, request.karte.breite / request.karte.hoehe, request.titel, parts, measure);
  const u = layout.unit;
  const root = doc.struct('Document');
  doc.addStructure(root);

  // Title and subtitle.
  const { title } = layout;
  root.add(
    doc.struct('H1', {}, () => {
      doc.font('bold').fontSize(layout.titleSize).fillColor(INK);
      doc.text(request.titel, title.x, title.y + (PRINT_FONTS.title * u - layout.titleSize) / 2, { lineBreak: false });
    }),
  );
  if (request.untertitel) {
    const subtitleSize = PRINT_FONTS.subtitle * u;
    const lines = wrapText(request.untertitel, title.width, subtitleSize, false, measure).slice(0, 2);
    root.add(
      doc.struct('P', {}, () => {
        doc.font('regular').fontSize(subtitleSize).fillColor(MUTED);
        lines.forEach((line, index) => doc.text(line, title.x, title.y + PRINT_FONTS.title * u * 1.35 + index * subtitleSize * 1.3, { lineBreak: false }));
      }),
    );
  }

  // The map, its frame, scale bar and north arrow.
  const map = layout.map;
  const picture = openImage(doc, request.karte.bild, 'Das Kartenbild');
  root.add(doc.struct('Figure', { alt: request.karte.beschreibung }, () => doc.image(picture, map.x, map.y, { width: map.width, height: map.height })));
  const denominator = nominalScale(request.karte.meterProPixel, request.karte.breite, map.width);
  const scale = scaleText(denominator);
  artifact(doc, () => {
    doc.rect(map.x, map.y, map.width, map.height).lineWidth(0.6 * u).strokeColor('#333333').stroke();
    drawScaleBar(doc, map, u, (request.karte.meterProPixel * request.karte.breite) / map.width, scale);
    drawNorthArrow(doc, map, u, request.karte.drehung);
  });

  // Legend.
  const legend = layoutLegend(
    request.legende.map((group) => ({ title: group.titel, entries: group.eintraege })),
    layout.legend,
    u,
    measure,
  );
  const symbols = request.legende.map((group) => group.eintraege.map((entry) => (entry.symbol.art === 'bild' ? openImage(doc, entry.symbol.bild, `Das Legendensymbol „${entry.text}“`) : null)));
  const list = doc.struct('L');
  root.add(list);
  for (const item of legend.items) {
    if (item.kind === 'heading') {
      list.add(
        doc.struct('Caption', {}, () => {
          doc.font('bold').fontSize(item.size).fillColor(INK);
          item.lines.forEach((line, index) => doc.text(line, item.x, item.y + index * item.lineHeight, { lineBreak: false }));
        }),
      );
      continue;
    }
    const entry = request.legende[item.group]!.eintraege[item.entry]!;
    artifact(doc, () => drawSymbol(doc, entry.symbol, symbols[item.group]![item.entry] ?? null, item.symbol, u));
    list.add(
      doc.struct('LI', {}, () => {
        doc.font('regular').fontSize(item.size).fillColor(INK);
        item.lines.forEach((line, index) => doc.text(line, item.x, item.y + index * item.lineHeight, { lineBreak: false }));
      }),
    );
  }
  if (legend.omitted > 0) {
    const box = layout.legend;
    list.add(
      doc.struct('P', {}, () => {
        doc.font('regular').fontSize(legend.size).fillColor(MUTED);
        doc.text(`… ${legend.omitted} weitere Legendeneinträge passen nicht auf das Blatt (größeres Format wählen).`, box.x, box.y + box.height - legend.size * 1.4, { width: box.width, lineBreak: false, ellipsis: true });
      }),
    );
  }

  // Footer: sources with their dates, notes, attribution, scale and the date it was made.
  const footer = layout.footer;
  artifact(doc, () => {
    doc.moveTo(footer.x, footer.y - 4 * u).lineTo(footer.x + footer.width, footer.y - 4 * u).lineWidth(0.4 * u).strokeColor('#bbbbbb').stroke();
  });
  const lines = layout.footerLines;
  root.add(
    doc.struct('P', {}, () => {
      doc.font('regular').fontSize(lines.size).fillColor(MUTED);
      lines.lines.forEach((line, index) => doc.text(line, footer.x, footer.y + index * lines.lineHeight, { lineBreak: false }));
    }),
  );
  doc.end();
  return finished;
}

function artifact(doc: Doc, draw: () => void): void {
  doc.markContent('Artifact', { type: 'Layout' });
  draw();
  doc.endMarkedContent();
}

/** Bottom left inside the map: alternating bar of at most a fifth of the map's width, its length and the scale. */
function drawScaleBar(doc: Doc, map: Box, u: number, metresPerPoint: number, scale: string): void {
  const bar = scaleBar(metresPerPoint, Math.min(120 * u, map.width / 5));
  const fontSize = PRINT_FONTS.scale * u;
  const x = map.x + 8 * u;
  const y = map.y + map.height - 10 * u;
  const boxWidth = Math.max(bar.length + 14 * u + doc.font('regular').fontSize(fontSize).widthOfString(bar.label), doc.widthOfString(scale)) + 10 * u;
  doc.save();
  doc.rect(x - 4 * u, y - 19 * u, boxWidth, 25 * u).fillOpacity(0.85).fill('#ffffff');
  doc.restore();
  const thickness = 3.2 * u;
  const half = bar.length / 2;
  doc.rect(x, y - thickness, half, thickness).fill('#1a1a1a');
  doc.rect(x + half, y - thickness, half, thickness).fill('#ffffff');
  doc.rect(x, y - thickness, bar.length, thickness).lineWidth(0.5 * u).strokeColor('#1a1a1a').stroke();
  doc.font('regular').fontSize(fontSize).fillColor(INK);
  doc.text(bar.label, x + bar.length + 4 * u, y - fontSize * 0.95, { lineBreak: false });
  doc.text(scale, x, y - thickness - fontSize * 1.55, { lineBreak: false });
}

/** Top right inside the map: an arrow to grid north, turned with the map. */
function drawNorthArrow(doc: Doc, map: Box, u: number, bearing: number): void {
  const cx = map.x + map.width - 18 * u;
  const cy = map.y + 22 * u;
  doc.save();
  doc.circle(cx, cy, 13 * u).fillOpacity(0.85).fill('#ffffff');
  doc.restore();
  doc.save();
  doc.translate(cx, cy).rotate(-bearing);
  doc.polygon([0, -10 * u], [5 * u, 6 * u], [0, 3 * u], [-5 * u, 6 * u]).lineWidth(0.6 * u).fillAndStroke('#1a1a1a', '#1a1a1a');
  doc.font('bold').fontSize(7 * u).fillColor(INK);
  doc.text('N', -2.6 * u, -19.5 * u, { lineBreak: false });
  doc.restore();
}

function drawSymbol(doc: Doc, symbol: PrintSymbol, picture: Picture | null, box: Box, u: number): void {
  doc.save();
  switch (symbol.art) {
    case 'flaeche': {
      if (symbol.muster === 'leer') doc.rect(box.x, box.y, box.width, box.height).fill('#ffffff');
      else doc.rect(box.x, box.y, box.width, box.height).fill(symbol.farbe);
      if (symbol.muster === 'schraffiert') {
        doc.save();
        doc.rect(box.x, box.y, box.width, box.height).clip();
        for (let offset = -box.height; offset < box.width; offset += 3 * u) {
          doc.moveTo(box.x + offset, box.y + box.height).lineTo(box.x + offset + box.height, box.y);
        }
        doc.lineWidth(0.6 * u).strokeColor('#555555').stroke();
        doc.restore();
      }
      doc.rect(box.x, box.y, box.width, box.height).lineWidth(0.5 * u).strokeColor(symbol.rand ?? '#888888').stroke();
      break;
    }
    case 'linie': {
      const y = box.y + box.height / 2;
      doc.moveTo(box.x, y).lineTo(box.x + box.width, y).lineWidth(symbol.breite * 0.75 * u).strokeColor(symbol.farbe);
      if (symbol.gestrichelt) doc.dash(2.5 * u, { space: 1.8 * u });
      doc.stroke();
      doc.undash();
      break;
    }
    case 'bild': {
      const side = Math.min(box.width, box.height * 1.5);
      if (picture) doc.image(picture, box.x + (box.width - side) / 2, box.y + (box.height - side) / 2, { fit: [side, side], align: 'center', valign: 'center' });
      break;
    }
  }
  doc.restore();
}
