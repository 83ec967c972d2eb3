import { describe, expect, it } from 'vitest';
import { layoutFooter, layoutLegend, nominalScale, pageLayout, scaleBar, sheetLayout, wrapText, type Box, type Measure } from '../../src/domain/print/layout';
import { printFileName } from '../../src/domain/print/request';

/** A monospaced stand-in for a font: every character is 0.55 em wide, bold 0.6 em. */
const measure: Measure = (text, size, bold) => text.length * size * (bold ? 0.6 : 0.55);

const inside = (inner: Box, outer: { width: number; height: number }) =>
  inner.x >= 0 && inner.y >= 0 && inner.x + inner.width <= outer.width + 1e-9 && inner.y + inner.height <= outer.height + 1e-9;
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('pageLayout', () => {
  it.each([
    ['A4', 'quer'],
    ['A4', 'hoch'],
    ['A3', 'quer'],
    ['A3', 'hoch'],
  ] as const)('%s %s: every box on the page, none over another, the map in its own aspect', (paper, orientation) => {
    for (const aspect of [0.6, 1, 1.5, 2.4]) {
      const layout = pageLayout(paper, orientation, aspect);
      const boxes = [layout.title, layout.map, layout.legend, layout.footer];
      for (const box of boxes) expect(inside(box, layout), JSON.stringify(box)).toBe(true);
      for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) expect(overlap(a, b)).toBe(false);
      expect(layout.map.width / layout.map.height).toBeCloseTo(aspect, 6);
      // The legend keeps room to be read.
      expect(layout.legend.width * layout.legend.height).toBeGreaterThan(0.06 * layout.width * layout.height);
    }
  });

  it('A3 is A4 enlarged: same proportions, √2 larger', () => {
    const a4 = pageLayout('A4', 'quer', 1.5);
    const a3 = pageLayout('A3', 'quer', 1.5);
    expect(a3.unit).toBeCloseTo(Math.SQRT2, 2);
    expect(a3.map.width / a4.map.width).toBeCloseTo(Math.SQRT2, 2);
  });
});

describe('scale', () => {
  it('chooses 1, 2 or 5 × 10^n metres that fit', () => {
    expect(scaleBar(100, 120)).toMatchObject({ metres: 10_000, length: 100, label: '10 km' });
    expect(scaleBar(3, 100)).toMatchObject({ metres: 200, label: '200 m' });
    expect(scaleBar(0.5, 100)).toMatchObject({ metres: 50, label: '50 m' });
    expect(scaleBar(30, 100).label).toBe('2 km');
  });

  it('gives the nominal scale at two significant digits', () => {
    // 100 m per pixel, 1,000 pixels printed 283.46 pt (10 cm) wide: 100 km on 10 cm = 1 : 1,000,000.
    expect(nominalScale(100, 1000, 283.46)).toBe(1_000_000);
    // 12.34 km on 400 pt (14.1 cm): 1 : 87,448, printed as 1 : 87,000.
    expect(nominalScale(10, 1234, 400)).toBe(87_000);
  });
});

describe('text flow', () => {
  it('wraps at word boundaries within the width', () => {
    const lines = wrapText('Einwohner je Quadratkilometer im Sozialraum', 60, 10, false, measure);
    expect(lines.join(' ')).toBe('Einwohner je Quadratkilometer im Sozialraum');
    for (const line of lines) if (line.includes(' ')) expect(measure(line, 10, false)).toBeLessThanOrEqual(60);
    expect(lines.length).toBeGreaterThan(1);
  });

  const groups = (count: number, entries: number) =>
    Array.from({ length: count }, (_, g) => ({ title: `Gruppe ${g}`, entries: Array.from({ length: entries }, (_, e) => ({ text: `Eintrag ${g}.${e} mit etwas Text` })) }));

  it('places every legend entry inside the box, in reading order, at the largest size that fits', () => {
    const box = { x: 600, y: 80, width: 190, height: 440 };
    const placement = layoutLegend(groups(3, 5), box, 1, measure);
    expect(placement.omitted).toBe(0);
    expect(placement.size).toBe(8);
    const entries = placement.items.filter((item) => item.kind === 'entry');
    expect(entries).toHaveLength(15);
    for (const item of placement.items) {
      expect(item.x).toBeGreaterThanOrEqual(box.x);
      expect(item.y + item.lines.length * item.lineHeight).toBeLessThanOrEqual(box.y + box.height + 1e-9);
    }
    expect(entries.map((item) => (item.kind === 'entry' ? `${item.group}.${item.entry}` : ''))).toEqual(groups(3, 5).flatMap((group, g) => group.entries.map((_, e) => `${g}.${e}`)));
  });

  it('shrinks a long legend and counts what still does not fit', () => {
    const box = { x: 0, y: 0, width: 190, height: 200 };
    const smaller = layoutLegend(groups(2, 6), box, 1, measure);
    expect(smaller.size).toBeLessThan(8);
    expect(smaller.omitted).toBe(0);
    const tooMany = layoutLegend(groups(10, 10), box, 1, measure);
    expect(tooMany.omitted).toBeGreaterThan(0);
    expect(tooMany.items.filter((item) => item.kind === 'entry').length + tooMany.omitted).toBe(100);
  });

  it('uses columns where the box is wide (portrait sheets)', () => {
    const placement = layoutLegend(groups(3, 6), { x: 0, y: 0, width: 540, height: 150 }, 1, measure);
    expect(new Set(placement.items.map((item) => (item.kind === 'entry' ? item.symbol.x : item.x))).size).toBeGreaterThan(1);
    expect(placement.omitted).toBe(0);
  });

  it('footer: every source line when there is room, else says how many are left out', () => {
    const box = { x: 0, y: 0, width: 500, height: 54 };
    expect(layoutFooter(['Quelle A', 'Quelle B'], box, 1, measure).lines).toEqual(['Quelle A', 'Quelle B']);
    const crowded = layoutFooter(Array.from({ length: 30 }, (_, i) => `Quelle ${i}`), box, 1, measure);
    expect(crowded.lines.at(-1)).toMatch(/weitere Zeilen der Quellenangaben nicht gedruckt/);
    expect(crowded.lines.length * crowded.lineHeight).toBeLessThanOrEqual(54);
  });
});

describe('sheetLayout', () => {
  it('gives the footer the room its lines need, so sources and attribution are never cut', () => {
    const few = sheetLayout('A4', 'quer', 1.5, 'Titel', ['Quelle A', '© Namensnennung'], measure);
    const many = sheetLayout('A4', 'quer', 1.5, 'Titel', [Array.from({ length: 60 }, (_, i) => `Quelle Nummer ${i}, Stand 31.12.2015`).join(' · '), '© Namensnennung'], measure);
    expect(many.footerLines.lines.at(-1)).toBe('© Namensnennung');
    expect(many.footer.height).toBeGreaterThan(few.footer.height);
    expect(many.footerLines.lines.length * many.footerLines.lineHeight).toBeLessThanOrEqual(many.footer.height + 1e-9);
    expect(many.map.y + many.map.height).toBeLessThanOrEqual(many.footer.y);
  });

  it('shrinks a long title to one line', () => {
    const short = sheetLayout('A4', 'hoch', 1.5, 'Kurz', [], measure);
    const long = sheetLayout('A4', 'hoch', 1.5, 'Ein sehr langer Titel für die Karte des Landkreises mit Zusatz', [], measure);
    expect(short.titleSize).toBe(18);
    expect(long.titleSize).toBeLessThan(18);
    expect(measure('Ein sehr langer Titel für die Karte des Landkreises mit Zusatz', long.titleSize, true)).toBeLessThanOrEqual(long.title.width);
  });
});

it('names the file after district, view and date, without umlauts', () => {
  expect(printFileName('Landkreis Göttingen', 'Sozialräume', '2026-12-03', 'pdf')).toBe('karte-landkreis-goettingen-sozialraeume-2026-12-03.pdf');
});
