// The printed map's page: where title, map, legend and footer go on A4 or A3, the scale bar and
// the nominal scale, and how legend and footer text flow. Pure and measured in PDF points (1/72
// inch), so the preview and PNG (canvas, src/ui/print/) and the PDF (pdfkit, src/server/print/)
// place everything the same way; each passes its own text measure.

export const PAPERS = ['A4', 'A3'] as const;
export type Paper = (typeof PAPERS)[number];
export const ORIENTATIONS = ['quer', 'hoch'] as const;
export type Orientation = (typeof ORIENTATIONS)[number];

/** ISO 216 sizes in points, portrait. */
export const PAPER_SIZES: Record<Paper, { width: number; height: number }> = {
  A4: { width: 595.28, height: 841.89 },
  A3: { width: 841.89, height: 1190.55 },
};

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PageLayout {
  width: number;
  height: number;
  /** 1 on A4, √2 on A3: fonts, lines and gaps grow with the sheet, so A3 is A4 enlarged. */
  unit: number;
  title: Box;
  map: Box;
  legend: Box;
  footer: Box;
}

/** Width of a text at a font size (points), in points; `bold` for headings. */
export type Measure = (text: string, size: number, bold: boolean) => number;

/** Font sizes (points on A4) of the page's texts. */
export const PRINT_FONTS = { title: 18, subtitle: 9.5, legendHeading: 8.5, legend: 8, footer: 6.5, scale: 7 } as const;
/** The sizes the legend tries, largest first, until everything fits (points on A4). */
const LEGEND_SIZES = [8, 7.2, 6.5, 5.8] as const;

const MARGIN = 28;
const TITLE_HEIGHT = 50;
/** The footer's least height; it grows with its lines up to a quarter of the page. */
const FOOTER_HEIGHT = 40;
const GAP = 12;

export function pageSize(paper: Paper, orientation: Orientation): { width: number; height: number } {
  const size = PAPER_SIZES[paper];
  return orientation === 'hoch' ? { ...size } : { width: size.height, height: size.width };
}

/**
 * The page's boxes for a map of aspect `mapAspect` (width / height of the captured map). The map
 * keeps its aspect, so the print shows what the planner saw and nothing else: on a landscape
 * sheet it fills the height and the legend takes the column beside it, on a portrait sheet it
 * fills the width and the legend takes the room below.
 */
export function pageLayout(paper: Paper, orientation: Orientation, mapAspect: number, footerHeight = 0): PageLayout {
  const { width, height } = pageSize(paper, orientation);
  const unit = pageUnit(paper);
  const margin = MARGIN * unit;
  const gap = GAP * unit;
  const inner = width - 2 * margin;
  const title: Box = { x: margin, y: margin, width: inner, height: TITLE_HEIGHT * unit };
  const footerSpace = Math.min(height / 4, Math.max(FOOTER_HEIGHT * unit, footerHeight));
  const footer: Box = { x: margin, y: height - margin - footerSpace, width: inner, height: footerSpace };
  const top = title.y + title.height;
  const bodyHeight = footer.y - gap - top;
  const aspect = Number.isFinite(mapAspect) && mapAspect > 0 ? mapAspect : 1.5;
  if (orientation === 'quer') {
    // The legend keeps at least a quarter of the width; the map is as high as the body allows.
    const mapWidth = Math.min(inner * 0.74, bodyHeight * aspect);
    const mapHeight = mapWidth / aspect;
    return {
      width,
      height,
      unit,
      title,
      map: { x: margin, y: top, width: mapWidth, height: mapHeight },
      legend: { x: margin + mapWidth + gap, y: top, width: inner - mapWidth - gap, height: bodyHeight },
      footer,
    };
  }
  const mapHeight = Math.min(bodyHeight * 0.72, inner / aspect);
  const mapWidth = mapHeight * aspect;
  return {
    width,
    height,
    unit,
    title,
    map: { x: margin + (inner - mapWidth) / 2, y: top, width: mapWidth, height: mapHeight },
    legend: { x: margin, y: top + mapHeight + gap, width: inner, height: bodyHeight - mapHeight - gap },
    footer,
  };
}

/** 1 on A4, √2 on A3. */
export function pageUnit(paper: Paper): number {
  return PAPER_SIZES[paper].width / PAPER_SIZES.A4.width;
}

/** The width of the page's text (between the margins), for the footer before the rest is placed. */
export function textWidth(paper: Paper, orientation: Orientation): number {
  return pageSize(paper, orientation).width - 2 * MARGIN * pageUnit(paper);
}

export interface SheetLayout extends PageLayout {
  footerLines: { lines: string[]; size: number; lineHeight: number };
  /** Font size of the title: the largest (down to 12 pt on A4) at which it fits on one line. */
  titleSize: number;
}

/**
 * The whole sheet: the footer's lines first (the sources and the attribution are never cut; the
 * footer grows for them), then the boxes, and the title's size.
 */
export function sheetLayout(
  paper: Paper,
  orientation: Orientation,
  mapAspect: number,
  title: string,
  footerParts: readonly string[],
  measure: Measure,
): SheetLayout {
  const unit = pageUnit(paper);
  const width = textWidth(paper, orientation);
  const footerLines = layoutFooter(footerParts, { x: 0, y: 0, width, height: pageSize(paper, orientation).height / 4 }, unit, measure);
  const layout = pageLayout(paper, orientation, mapAspect, footerLines.lines.length * footerLines.lineHeight);
  let titleSize = PRINT_FONTS.title * unit;
  while (titleSize > 12 * unit && measure(title, titleSize, true) > layout.title.width) titleSize -= 0.5 * unit;
  return { ...layout, footerLines, titleSize };
}

/** A scale bar of 1, 2 or 5 × 10^n metres no longer than `maxLength` (in the unit of `metresPerUnit`). */
export function scaleBar(metresPerUnit: number, maxLength: number): { metres: number; length: number; label: string } {
  const maxMetres = metresPerUnit * maxLength;
  const power = 10 ** Math.floor(Math.log10(maxMetres));
  const metres = [5, 2, 1].map((step) => step * power).find((value) => value <= maxMetres) ?? power;
  const label = metres >= 1000 ? `${(metres / 1000).toLocaleString('de-DE')} km` : `${metres.toLocaleString('de-DE')} m`;
  return { metres, length: metres / metresPerUnit, label };
}

const METRES_PER_POINT = 0.0254 / 72;

/**
 * The nominal scale of the printed map, 1 : n, rounded to two significant digits: at the map's
 * centre only (Web Mercator stretches north–south), so it is printed as „ca.“.
 */
export function nominalScale(metresPerImagePixel: number, imageWidth: number, printedWidth: number): number {
  const metresPerPoint = (metresPerImagePixel * imageWidth) / printedWidth;
  const exact = metresPerPoint / METRES_PER_POINT;
  const power = 10 ** (Math.floor(Math.log10(exact)) - 1);
  return Math.round(exact / power) * power;
}

export function scaleText(denominator: number): string {
  return `Maßstab ca. 1 : ${denominator.toLocaleString('de-DE')}`;
}

/** Splits `text` into lines no wider than `width`; a word longer than the line stays whole. */
export function wrapText(text: string, width: number, size: number, bold: boolean, measure: Measure): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && measure(candidate, size, bold) > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export interface LegendInput {
  title: string;
  entries: readonly { text: string }[];
}

export type LegendItem =
  | { kind: 'heading'; x: number; y: number; size: number; lines: string[]; lineHeight: number }
  | { kind: 'entry'; group: number; entry: number; x: number; y: number; size: number; lines: string[]; lineHeight: number; symbol: Box };

export interface LegendPlacement {
  items: LegendItem[];
  size: number;
  /** Entries that did not fit even at the smallest size (then the last line says so). */
  omitted: number;
}

/**
 * Flows the legend groups into columns of the legend box: headings bold, each entry with its
 * symbol and wrapped text, a heading never left alone at a column's foot. Tries smaller sizes
 * until everything fits; what still does not fit is counted in `omitted`. `y` is the top of a line.
 */
export function layoutLegend(groups: readonly LegendInput[], box: Box, unit: number, measure: Measure): LegendPlacement {
  let last: LegendPlacement | null = null;
  for (const base of LEGEND_SIZES) {
    const placement = flow(groups, box, unit, base * unit, measure);
    if (placement.omitted === 0) return placement;
    last = placement;
  }
  return last!;
}

function flow(groups: readonly LegendInput[], box: Box, unit: number, size: number, measure: Measure): LegendPlacement {
  const columnGap = 12 * unit;
  const minColumn = 150 * unit;
  const columns = Math.max(1, Math.floor((box.width + columnGap) / (minColumn + columnGap)));
  const columnWidth = (box.width - columnGap * (columns - 1)) / columns;
  const symbolWidth = size * 2.2;
  const indent = symbolWidth + size * 0.8;
  const lineHeight = size * 1.3;
  const items: LegendItem[] = [];
  let column = 0;
  let y = box.y;
  const bottom = box.y + box.height;
  const x = () => box.x + column * (columnWidth + columnGap);
  const nextColumn = (): boolean => {
    column++;
    y = box.y;
    return column < columns;
  };
  let total = 0;
  groups.forEach((group) => (total += group.entries.length));
  let placed = 0;
  for (const [groupIndex, group] of groups.entries()) {
    const heading = wrapText(group.title, columnWidth, size * 1.06, true, measure);
    const headingHeight = heading.length * lineHeight * 1.06;
    const firstEntry = group.entries[0] ? wrapText(group.entries[0].text, columnWidth - indent, size, false, measure).length * lineHeight : 0;
    if (y > box.y && y + headingHeight + firstEntry > bottom && !nextColumn()) break;
    if (y + headingHeight > bottom) break;
    items.push({ kind: 'heading', x: x(), y, size: size * 1.06, lines: heading, lineHeight: lineHeight * 1.06 });
    y += headingHeight + size * 0.35;
    let stop = false;
    for (const [entryIndex, entry] of group.entries.entries()) {
      const lines = wrapText(entry.text, columnWidth - indent, size, false, measure);
      const rowHeight = Math.max(lines.length * lineHeight, size * 1.5);
      if (y + rowHeight > bottom && !nextColumn()) {
        stop = true;
        break;
      }
      if (y + rowHeight > bottom) {
        stop = true;
        break;
      }
      const symbolHeight = size * 1.25;
      items.push({
        kind: 'entry',
        group: groupIndex,
        entry: entryIndex,
        x: x() + indent,
        y,
        size,
        lines,
        lineHeight,
        symbol: { x: x(), y: y + (Math.min(rowHeight, lineHeight * 1.15) - symbolHeight) / 2, width: symbolWidth, height: symbolHeight },
      });
      placed++;
      y += rowHeight + size * 0.3;
    }
    if (stop) break;
    y += size * 0.7;
  }
  return { items, size, omitted: total - placed };
}

/** The footer's lines (sources, notes, attribution, date), wrapped to its width; as many as fit. */
export function layoutFooter(parts: readonly string[], box: Box, unit: number, measure: Measure): { lines: string[]; size: number; lineHeight: number } {
  for (const base of [PRINT_FONTS.footer, 5.8, 5.2]) {
    const size = base * unit;
    const lineHeight = size * 1.3;
    const lines = parts.flatMap((part) => wrapText(part, box.width, size, false, measure));
    if (lines.length * lineHeight <= box.height) return { lines, size, lineHeight };
  }
  const size = 5.2 * unit;
  const lineHeight = size * 1.3;
  const fit = Math.max(1, Math.floor(box.height / lineHeight));
  const lines = parts.flatMap((part) => wrapText(part, box.width, size, false, measure));
  return { lines: [...lines.slice(0, fit - 1), `… ${lines.length - fit + 1} weitere Zeilen der Quellenangaben nicht gedruckt`], size, lineHeight };
}
