// Long on purpose: the one PDF layout of the profile report (pdfkit), page by page; it only draws
// what domain/report/content.ts decided, and splitting the drawing of one page across files would
// scatter its coordinates.
import PDFDocument from 'pdfkit';
import { areaMap, type AreaMapDrawing } from '../../domain/report/areaMap';
import type { FigureRow, ReportDocument, ReportSection, Trend } from '../../domain/report/content';
import { ROWS_FIRST_PAGE, ROWS_NEXT_PAGE } from '../../domain/report/content';
import type { TerritoryFile } from '../../domain/territory/types';
import { PDF_FONT_BOLD, PDF_FONT_REGULAR } from '../pdfFonts';

/**
 * Lays out the report's content model (domain/report/content.ts) as an A4 PDF with pdfkit: no
 * browser, so the command line and a nightly job need nothing running. Fonts are DejaVu (embedded,
 * subset; umlauts and „•“), maps and charts are vectors drawn from the territory, and the document
 * is tagged (headings, paragraphs, tables, figures with their text alternative; header and footer
 * as artifacts), with title, language and bookmarks, declared as PDF/UA-1. The page of every
 * section is known beforehand (the model paginates), so the table of contents is written in
 * reading order and the renderer checks that it drew exactly the pages the model planned.
 */


const PAGE = { width: 595.28, height: 841.89 };
const LEFT = 40;
const RIGHT = PAGE.width - 40;
const WIDTH = RIGHT - LEFT;
const INK = '#1a1a1a';
const MUTED = '#555555';
const FOCUS_FILL = '#c6dbef';
const CONTEXT_FILL = '#eeeeee';
const BETTER = '#2166ac';
const WORSE = '#d95f02';
const NEUTRAL_MARK = '#333333';

export class ReportCancelled extends Error {
  constructor() {
    super('Der Bericht wurde abgebrochen.');
  }
}

export interface RenderOptions {
  /** After each section: sections done, of all, and the name of the one done. */
  onProgress?: (done: number, total: number, name: string) => void;
  signal?: AbortSignal;
}

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

class Writer {
  page = 0;
  constructor(
    readonly doc: Doc,
    readonly report: ReportDocument,
    readonly root: Struct,
  ) {}

  newPage(footer: readonly string[]): void {
    if (this.page > 0) this.doc.addPage();
    this.page++;
    this.artifact(() => {
      this.doc.font('regular').fontSize(7).fillColor(MUTED);
      this.doc.text(`${this.report.title} · erstellt am ${this.report.producedOnText}`, LEFT, 22, { width: WIDTH, lineBreak: false });
      this.doc.moveTo(LEFT, 34).lineTo(RIGHT, 34).lineWidth(0.4).strokeColor('#bbbbbb').stroke();
      const top = PAGE.height - 52;
      this.doc.moveTo(LEFT, top - 4).lineTo(RIGHT, top - 4).lineWidth(0.4).strokeColor('#bbbbbb').stroke();
      this.doc.font('regular').fontSize(6.2).fillColor(MUTED);
      this.doc.text(`Quellen: ${footer.join(' · ')}`, LEFT, top, { width: WIDTH - 70, height: 36, ellipsis: true });
      this.doc.font('bold').fontSize(7.5).fillColor(INK);
      this.doc.text(`Seite ${this.page} von ${this.report.pageCount}`, RIGHT - 66, top, { width: 66, align: 'right', lineBreak: false });
    });
    this.doc.x = LEFT;
    this.doc.y = 48;
  }

  artifact(draw: () => void): void {
    this.doc.markContent('Artifact', { type: 'Pagination' });
    draw();
    this.doc.endMarkedContent();
  }

  /** A tagged block under `parent`; its drawing runs at once (the parent is attached). */
  block(parent: Struct, tag: string, draw: () => void, alt?: string): Struct {
    const element = this.doc.struct(tag, alt ? { alt } : {}, draw);
    parent.add(element);
    return element;
  }

  text(parent: Struct, tag: string, text: string, x: number, y: number, options: PDFKit.Mixins.TextOptions & { font?: 'regular' | 'bold'; size?: number; colour?: string } = {}): void {
    const { font = 'regular', size = 8, colour = INK, ...rest } = options;
    this.block(parent, tag, () => {
      this.doc.font(font).fontSize(size).fillColor(colour).text(text, x, y, rest);
    });
  }
}

// --- maps -------------------------------------------------------------------------------------

function drawMap(writer: Writer, parent: Struct, drawing: AreaMapDrawing, x: number, y: number, width: number, height: number, labels: 'focus' | 'all'): void {
  const { doc } = writer;
  writer.block(
    parent,
    'Figure',
    () => {
      doc.save();
      doc.rect(x, y, width, height).lineWidth(0.5).strokeColor('#999999').stroke();
      doc.rect(x, y, width, height).clip();
      for (const pass of [false, true]) {
        for (const area of drawing.areas) {
          if (area.focus !== pass) continue;
          for (const ring of area.rings) {
            ring.forEach(([px, py], index) => (index === 0 ? doc.moveTo(x + px, y + py) : doc.lineTo(x + px, y + py)));
            doc.closePath();
          }
          doc.lineWidth(area.focus ? 0.9 : 0.4);
          doc.fillAndStroke(area.focus ? FOCUS_FILL : CONTEXT_FILL, area.focus ? '#08519c' : '#aaaaaa');
        }
      }
      for (const point of drawing.points) {
        doc.circle(x + point.x, y + point.y, 2.2).lineWidth(0.6);
        if (point.hollow) doc.fillAndStroke('#ffffff', point.colour);
        else doc.fillAndStroke(point.colour, '#ffffff');
      }
      doc.font('regular').fontSize(labels === 'all' ? 5.5 : 6.5).fillColor(INK);
      for (const area of drawing.areas) {
        if (labels === 'focus' && !area.focus) continue;
        const labelWidth = 80;
        doc.text(area.name, x + area.label[0] - labelWidth / 2, y + area.label[1] - 3, { width: labelWidth, align: 'center', lineBreak: false });
      }
      doc.restore();
      // Scale bar and north arrow.
      const barX = x + 8;
      const barY = y + height - 10;
      doc.rect(barX, barY, drawing.scaleBar.length, 2.5).fill(INK);
      doc.font('regular').fontSize(6).fillColor(INK).text(drawing.scaleBar.label, barX, barY - 8, { lineBreak: false });
      const arrowX = x + width - 12;
      const arrowY = y + 8;
      doc.moveTo(arrowX, arrowY).lineTo(arrowX + 4, arrowY + 10).lineTo(arrowX - 4, arrowY + 10).closePath().fill(INK);
      doc.font('bold').fontSize(6).text('N', arrowX - 2.2, arrowY + 11, { lineBreak: false });
    },
    drawing.description,
  );
}

// --- charts -----------------------------------------------------------------------------------

const ONE_DECIMAL = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 });

function spineDescription(row: FigureRow, referenceName: string): string {
  const spine = row.spine!;
  const format = ONE_DECIMAL;
  return (
    `Spine-Diagramm ${row.name}: ${spine.stats.count} ${spine.comparison} von ${format.format(spine.stats.min)} bis ${format.format(spine.stats.max)}, ` +
    `mittlere Hälfte ${format.format(spine.stats.q1)} bis ${format.format(spine.stats.q3)}` +
    `${spine.reference !== null ? `, ${referenceName} ${format.format(spine.reference)}` : ''}` +
    `${spine.value !== null ? `, dieses Gebiet ${row.value}: ${spine.judgementLong}` : ', dieses Gebiet ohne veröffentlichten Wert'}.`
  );
}

function drawSpine(doc: Doc, row: FigureRow, x: number, y: number, width: number): void {
  const spine = row.spine!;
  const values = [spine.stats.min, spine.stats.max, ...(spine.reference === null ? [] : [spine.reference]), ...(spine.value === null ? [] : [spine.value])];
  const low = Math.min(...values);
  const high = Math.max(...values);
  const span = high - low || 1;
  const at = (value: number) => x + ((value - low) / span) * width;
  doc.rect(at(spine.stats.min), y + 2, Math.max(at(spine.stats.max) - at(spine.stats.min), 0.5), 6).fill('#dddddd');
  doc.rect(at(spine.stats.q1), y + 2, Math.max(at(spine.stats.q3) - at(spine.stats.q1), 0.5), 6).fill('#9e9e9e');
  if (spine.reference !== null) doc.rect(at(spine.reference) - 0.6, y, 1.2, 10).fill(INK);
  if (spine.value !== null) {
    const colour = spine.judgement === 'besser' ? BETTER : spine.judgement === 'schlechter' ? WORSE : NEUTRAL_MARK;
    const marked = spine.judgement === 'besser' || spine.judgement === 'schlechter' || spine.judgement === 'hoeher' || spine.judgement === 'niedriger';
    doc.circle(at(spine.value), y + 5, 2.8).lineWidth(0.6).fillAndStroke(marked ? colour : '#ffffff', colour);
  }
}

function drawTrend(writer: Writer, parent: Struct, trend: Trend, referenceName: string, x: number, y: number, width: number, height: number): void {
  const { doc } = writer;
  writer.text(parent, 'H3', `Entwicklung: ${trend.name}`, x, y, { font: 'bold', size: 8.5 });
  writer.text(parent, 'P', `${trend.firstLabel}: ${trend.firstValue} · ${trend.lastLabel}: ${trend.lastValue} · Quelle ${trend.source}`, x, y + 12, { size: 6.2, colour: MUTED, width, height: 16, ellipsis: true });
  const top = y + 32;
  const chartHeight = height - 50;
  const left = x + 22;
  const chartWidth = width - 26;
  writer.block(
    parent,
    'Figure',
    () => {
      const time = (date: string) => Date.parse(date);
      const first = time(trend.points[0]!.date);
      const last = time(trend.points.at(-1)!.date);
      const indices = trend.points.flatMap((point) => [point.area, point.reference]).filter((value): value is number => value !== null);
      let low = Math.min(100, ...indices);
      let high = Math.max(100, ...indices);
      const padding = Math.max((high - low) * 0.1, 1);
      low -= padding;
      high += padding;
      const px = (date: string) => left + ((time(date) - first) / (last - first || 1)) * chartWidth;
      const py = (value: number) => top + chartHeight - ((value - low) / (high - low)) * chartHeight;
      doc.rect(left, top, chartWidth, chartHeight).lineWidth(0.4).strokeColor('#bbbbbb').stroke();
      doc.moveTo(left, py(100)).lineTo(left + chartWidth, py(100)).lineWidth(0.3).dash(1, { space: 1.5 }).strokeColor('#999999').stroke().undash();
      for (const entry of trend.breaks) {
        const bx = px(entry.date);
        doc.moveTo(bx, top).lineTo(bx, top + chartHeight).lineWidth(0.5).dash(2, { space: 2 }).strokeColor(WORSE).stroke().undash();
        doc.font('regular').fontSize(5.5).fillColor(WORSE).text('Bruch', bx + 1.5, top + 1.5, { lineBreak: false });
      }
      const line = (pick: (point: Trend['points'][number]) => number | null, colour: string, widthOf: number, dashed: boolean) => {
        let drawing = false;
        for (const point of trend.points) {
          const value = pick(point);
          if (value === null) {
            drawing = false;
            continue;
          }
          if (drawing) doc.lineTo(px(point.date), py(value));
          else doc.moveTo(px(point.date), py(value));
          drawing = true;
        }
        if (dashed) doc.dash(3, { space: 2 });
        doc.lineWidth(widthOf).strokeColor(colour).stroke();
        if (dashed) doc.undash();
        for (const point of trend.points) {
          const value = pick(point);
          if (value !== null) doc.circle(px(point.date), py(value), 1.3).fill(colour);
        }
      };
      line((point) => point.reference, '#888888', 0.8, true);
      line((point) => point.area, BETTER, 1.4, false);
      const format = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 });
      doc.font('regular').fontSize(5.8).fillColor(MUTED);
      doc.text(format.format(high), x, top - 2, { width: 20, align: 'right', lineBreak: false });
      doc.text(format.format(low), x, top + chartHeight - 5, { width: 20, align: 'right', lineBreak: false });
      doc.text(trend.points[0]!.date.slice(0, 4), left, top + chartHeight + 2, { lineBreak: false });
      doc.text(trend.points.at(-1)!.date.slice(0, 4), left + chartWidth - 18, top + chartHeight + 2, { width: 18, align: 'right', lineBreak: false });
    },
    trend.description,
  );
  const legendY = top + chartHeight + 10;
  writer.text(parent, 'P', `Index, erster Stichtag = 100. Durchgezogen: dieses Gebiet; gestrichelt: ${referenceName}.`, left, legendY, { size: 6, colour: MUTED, width: chartWidth });
}

// --- tables -----------------------------------------------------------------------------------

const COLUMNS = [
  { label: 'Kennzahl', width: 168 },
  { label: 'Wert', width: 58, align: 'right' as const },
  { label: 'Vergleich', width: 58, align: 'right' as const },
  { label: 'Einordnung (Spine)', width: 118 },
  { label: 'Stand · Quelle', width: WIDTH - 168 - 58 - 58 - 118 },
];
const ROW_HEIGHT = 15;

function drawFigureTable(writer: Writer, parent: Struct, section: ReportSection, rows: readonly FigureRow[], y: number): number {
  const { doc } = writer;
  const table = doc.struct('Table');
  parent.add(table);
  const header = doc.struct('TR');
  table.add(header);
  let x = LEFT;
  doc.rect(LEFT, y, WIDTH, ROW_HEIGHT).fill('#f0f0f0');
  for (const column of COLUMNS) {
    const label = column.label === 'Vergleich' ? (section.level === 'planungsraum' ? 'Kreis' : 'Planungsraum') : column.label;
    const cellX = x;
    header.add(
      doc.struct('TH', {}, () => {
        doc.font('bold').fontSize(6.5).fillColor(INK).text(label, cellX + 2, y + 2, { width: column.width - 4, height: ROW_HEIGHT - 2, align: column.align ?? 'left', ellipsis: true });
      }),
    );
    x += column.width;
  }
  let rowY = y + ROW_HEIGHT + 2;
  for (const row of rows) {
    const tr = doc.struct('TR');
    table.add(tr);
    const cells: [string, () => void][] = [
      [
        'TD',
        () => {
          const name = `${row.name}${row.uncertain ? ' ¹' : ''}`;
          // Long names take two smaller lines rather than lose their end.
          const long = doc.font('regular').fontSize(7.2).widthOfString(name) > COLUMNS[0]!.width - 4;
          doc.fontSize(long ? 5.8 : 7.2).fillColor(INK).text(name, LEFT + 2, rowY + (long ? 0.3 : 1), { width: COLUMNS[0]!.width - 4, height: ROW_HEIGHT, ellipsis: true, lineGap: -0.8 });
        },
      ],
      [
        'TD',
        () => {
          doc.font('bold').fontSize(7.5).fillColor(INK).text(row.value, LEFT + COLUMNS[0]!.width, rowY + 1, { width: COLUMNS[1]!.width - 4, align: 'right', lineBreak: false });
          if (row.regionValue) doc.font('regular').fontSize(5.5).fillColor(MUTED).text(row.regionValue, LEFT + COLUMNS[0]!.width - 40, rowY + 9, { width: COLUMNS[1]!.width + 36, align: 'right', lineBreak: false });
        },
      ],
      [
        'TD',
        () => {
          doc.font('regular').fontSize(7.5).fillColor(INK).text(row.reference, LEFT + COLUMNS[0]!.width + COLUMNS[1]!.width, rowY + 1, { width: COLUMNS[2]!.width - 4, align: 'right', lineBreak: false });
        },
      ],
    ];
    for (const [tag, draw] of cells) tr.add(doc.struct(tag, {}, draw));
    const spineX = LEFT + COLUMNS[0]!.width + COLUMNS[1]!.width + COLUMNS[2]!.width + 4;
    const spineWidth = COLUMNS[3]!.width - 8;
    const spineCell = doc.struct('TD');
    tr.add(spineCell);
    if (row.spine) {
      spineCell.add(doc.struct('Figure', { alt: spineDescription(row, section.referenceName) }, () => drawSpine(doc, row, spineX, rowY, spineWidth)));
      if (row.judgementText) {
        spineCell.add(
          doc.struct('Span', {}, () => {
            doc.font('regular').fontSize(5.3).fillColor(MUTED).text(row.judgementText!, spineX, rowY + 9.6, { width: spineWidth, align: 'center', lineBreak: false });
          }),
        );
      }
    }
    const standX = spineX - 4 + COLUMNS[3]!.width + 2;
    tr.add(
      doc.struct('TD', {}, () => {
        doc.font('regular').fontSize(6).fillColor(MUTED).text(`${row.stand} · ${row.source}`, standX, rowY + 1.5, { width: COLUMNS[4]!.width - 2, height: ROW_HEIGHT, ellipsis: true });
      }),
    );
    writer.artifact(() => {
      doc.moveTo(LEFT, rowY + ROW_HEIGHT - 0.5).lineTo(RIGHT, rowY + ROW_HEIGHT - 0.5).lineWidth(0.3).strokeColor('#dddddd').stroke();
    });
    rowY += ROW_HEIGHT;
  }
  table.end();
  return rowY;
}

function drawCategories(writer: Writer, parent: Struct, section: ReportSection, x: number, y: number, width: number): number {
  const { doc } = writer;
  writer.text(parent, 'H3', 'Einrichtungen nach Kategorie', x, y, { font: 'bold', size: 8.5 });
  let rowY = y + 13;
  if (section.categories.length === 0) {
    writer.text(parent, 'P', 'Keine Einrichtungen in der Ressourcenkarte erfasst.', x, rowY, { size: 7, colour: MUTED, width });
    rowY += 11;
  } else {
    const table = doc.struct('Table');
    parent.add(table);
    const head = doc.struct('TR');
    table.add(head);
    const columns = [
      { label: 'Kategorie', x: x + 10, width: width - 160 },
      { label: 'in Betrieb', x: x + width - 150, width: 36 },
      { label: 'geplant', x: x + width - 112, width: 30 },
      { label: 'geschlossen', x: x + width - 80, width: 38 },
      { label: 'versorgt', x: x + width - 40, width: 40 },
    ];
    for (const column of columns) {
      head.add(doc.struct('TH', {}, () => doc.font('bold').fontSize(5.6).fillColor(INK).text(column.label, column.x, rowY, { width: column.width, align: column === columns[0] ? 'left' : 'right', lineBreak: false })));
    }
    rowY += 10;
    for (const row of section.categories) {
      const tr = doc.struct('TR');
      table.add(tr);
      const cellY = rowY;
      writer.artifact(() => {
        doc.circle(x + 4, cellY + 3.5, 2.4).fill(row.colour);
      });
      const texts = [row.label, String(row.inOperation), String(row.planned), String(row.closed), row.covered ?? '–'];
      texts.forEach((text, index) => {
        const column = columns[index]!;
        tr.add(doc.struct('TD', {}, () => doc.font('regular').fontSize(6.8).fillColor(INK).text(text, column.x, cellY, { width: column.width, align: index === 0 ? 'left' : 'right', lineBreak: false, ellipsis: true })));
      });
      rowY += 10;
    }
    table.end();
  }
  writer.text(parent, 'P', `Ressourcenkarte, ${section.facilityStand}. Karte: gefüllt in Betrieb, hohl geplant.`, x, rowY + 2, { size: 6, colour: MUTED, width });
  return doc.y;
}

// --- pages ------------------------------------------------------------------------------------

function drawTitlePage(writer: Writer): void {
  const { doc, report, root } = writer;
  writer.newPage([`siehe Verzeichnis der Quellen auf dieser Seite`]);
  const part = doc.struct('Sect');
  root.add(part);
  writer.text(part, 'H1', report.title, LEFT, 150, { font: 'bold', size: 24, width: WIDTH });
  writer.text(part, 'P', report.subtitle, LEFT, doc.y + 10, { size: 12, width: WIDTH });
  writer.text(part, 'P', `Erstellt am ${report.producedOnText}${report.templateName ? ` mit der Berichtsvorlage „${report.templateName}“` : ''}. Kennzahlen: ${report.stichtag}.`, LEFT, doc.y + 14, { size: 10, width: WIDTH });
  writer.text(part, 'P', `Kleine Zahlen geschützt: ${report.privacyNote}`, LEFT, doc.y + 8, { size: 9, width: WIDTH, colour: MUTED });
  writer.text(part, 'P', report.validityNote, LEFT, doc.y + 6, { size: 9, width: WIDTH, colour: MUTED });
  writer.text(part, 'H2', 'Quellen', LEFT, doc.y + 24, { font: 'bold', size: 12 });
  const list = doc.struct('L');
  part.add(list);
  for (const line of report.sources) {
    const item = doc.struct('LI');
    list.add(item);
    const y = doc.y + 3;
    item.add(doc.struct('LBody', {}, () => doc.font('regular').fontSize(8.5).fillColor(INK).text(`– ${line}`, LEFT, y, { width: WIDTH })));
  }
  list.end();
  part.end();
}

function drawContents(writer: Writer): void {
  const { doc, report, root } = writer;
  writer.newPage(['Inhaltsverzeichnis']);
  const part = doc.struct('TOC');
  root.add(part);
  writer.text(part, 'H1', 'Inhalt', LEFT, 56, { font: 'bold', size: 16 });
  let y = 80;
  report.sections.forEach((section, index) => {
    if (section.level !== 'sozialraum') y += 6;
    const indent = section.level === 'sozialraum' && report.sections.some((other) => other.level === 'sozialregion') ? 14 : 0;
    const page = report.startPages[index]!;
    const entry = doc.struct('TOCI');
    part.add(entry);
    const rowY = y;
    entry.add(
      doc.struct('Reference', {}, () => {
        doc.font(section.level === 'sozialraum' ? 'regular' : 'bold').fontSize(9).fillColor(INK);
        doc.text(section.title, LEFT + indent, rowY, { width: WIDTH - 60 - indent, lineBreak: false, goTo: section.key });
        doc.text(String(page), RIGHT - 40, rowY, { width: 40, align: 'right', lineBreak: false });
      }),
    );
    y += 15;
  });
  part.end();
}

function drawSection(writer: Writer, territory: TerritoryFile, section: ReportSection): void {
  const { doc, root } = writer;
  writer.newPage(section.sources);
  doc.addNamedDestination(section.key);
  doc.outline.addItem(section.title);
  const part = doc.struct('Sect', { title: section.title });
  root.add(part);
  writer.text(part, 'H1', section.title, LEFT, 44, { font: 'bold', size: 15, width: WIDTH });
  writer.text(part, 'P', `${section.context}. ${new Intl.NumberFormat('de-DE').format(section.einwohner)} Einwohner (Zensus 2022). Verglichen mit: ${section.referenceName}.`, LEFT, 64, {
    size: 7.8,
    colour: MUTED,
    width: WIDTH,
    height: 20,
    ellipsis: true,
  });
  const mapTop = 86;
  const mapWidth = 262;
  const mapHeight = 218;
  const drawing = areaMap(territory, section.focus, section.facilities, { width: mapWidth, height: mapHeight });
  drawMap(writer, part, drawing, LEFT, mapTop, mapWidth, mapHeight, section.level === 'planungsraum' ? 'all' : 'focus');
  const rightX = LEFT + mapWidth + 14;
  const rightWidth = RIGHT - rightX;
  const after = drawCategories(writer, part, section, rightX, mapTop, rightWidth);
  if (section.trend) drawTrend(writer, part, section.trend, section.referenceName, rightX, Math.max(after + 8, mapTop + 100), rightWidth, mapTop + mapHeight - Math.max(after + 8, mapTop + 100));

  writer.text(part, 'H2', 'Kennzahlen', LEFT, mapTop + mapHeight + 10, { font: 'bold', size: 10 });
  let y = drawFigureTable(writer, part, section, section.figures.slice(0, ROWS_FIRST_PAGE), mapTop + mapHeight + 24);
  const notes = doc.struct('Div');
  part.add(notes);
  const drawNotes = (top: number) => {
    let noteY = top + 8;
    for (const note of section.notes) {
      writer.text(notes, 'Note', note, LEFT, noteY, { size: 6.6, colour: MUTED, width: WIDTH });
      noteY = doc.y + 2;
    }
  };
  let rest = section.figures.slice(ROWS_FIRST_PAGE);
  if (rest.length === 0) drawNotes(y);
  while (rest.length > 0) {
    writer.newPage(section.sources);
    writer.text(part, 'H2', `${section.title}: Kennzahlen (Fortsetzung)`, LEFT, 48, { font: 'bold', size: 10 });
    y = drawFigureTable(writer, part, section, rest.slice(0, ROWS_NEXT_PAGE), 64);
    rest = rest.slice(ROWS_NEXT_PAGE);
    if (rest.length === 0) drawNotes(y);
  }
  notes.end();
  if (section.level === 'planungsraum') drawAreaList(writer, part, section);
  part.end();
}

function drawAreaList(writer: Writer, part: Struct, section: ReportSection): void {
  const { doc, report } = writer;
  writer.newPage(section.sources);
  writer.text(part, 'H2', 'Gebiete dieses Berichts', LEFT, 48, { font: 'bold', size: 12 });
  writer.text(part, 'P', report.validityNote, LEFT, 66, { size: 7.5, width: WIDTH, colour: MUTED });
  const table = doc.struct('Table');
  part.add(table);
  let y = doc.y + 8;
  const head = doc.struct('TR');
  table.add(head);
  const columns = [
    { label: 'Gebiet', x: LEFT, width: 250 },
    { label: 'Ebene', x: LEFT + 255, width: 90 },
    { label: 'Einwohner (Zensus 2022)', x: LEFT + 330, width: 110 },
    { label: 'Gültigkeit', x: LEFT + 445, width: WIDTH - 445 },
  ];
  const headY = y;
  for (const column of columns) head.add(doc.struct('TH', {}, () => doc.font('bold').fontSize(7.5).fillColor(INK).text(column.label, column.x, headY, { width: column.width, lineBreak: false })));
  y += 14;
  for (const area of report.areas) {
    const tr = doc.struct('TR');
    table.add(tr);
    const rowY = y;
    const texts = [area.name, area.level === 'sozialregion' ? 'Sozialregion' : 'Sozialraum', area.einwohner, area.uncertain ? 'unsicher (klein)' : '–'];
    texts.forEach((text, index) => {
      const column = columns[index]!;
      tr.add(doc.struct('TD', {}, () => doc.font(area.level === 'sozialregion' && index === 0 ? 'bold' : 'regular').fontSize(7.5).fillColor(INK).text(text, column.x, rowY, { width: column.width, lineBreak: false })));
    });
    y += 12;
  }
  table.end();
  writer.text(part, 'P', `${report.privacyNote} ${report.spineRule}`, LEFT, y + 10, { size: 7, width: WIDTH, colour: MUTED });
}

/** The report as PDF bytes; throws ReportCancelled when `signal` aborts between sections. */
export async function renderReport(report: ReportDocument, territory: TerritoryFile, options: RenderOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    tagged: true,
    lang: 'de-DE',
    displayTitle: true,
    pdfVersion: '1.7',
    subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
    info: { Title: report.title, Subject: report.subtitle, Author: `Sozialraumatlas – ${report.district.name}`, Keywords: 'Sozialraumprofil, Kennzahlen, Sozialplanung' },
  });
  doc.registerFont('regular', PDF_FONT_REGULAR);
  doc.registerFont('bold', PDF_FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);
  const writer = new Writer(doc, report, root);
  // The first page exists before anything is drawn; newPage adds the others.
  doc.addPage();
  drawTitlePage(writer);
  drawContents(writer);
  const total = report.sections.length;
  for (const [index, section] of report.sections.entries()) {
    if (options.signal?.aborted) throw new ReportCancelled();
    drawSection(writer, territory, section);
    options.onProgress?.(index + 1, total, section.name);
    await pause();
  }
  if (options.signal?.aborted) throw new ReportCancelled();
  root.end();
  if (writer.page !== report.pageCount) throw new Error(`Bericht: ${writer.page} Seiten gezeichnet, ${report.pageCount} geplant.`);
  doc.end();
  return finished;
}

