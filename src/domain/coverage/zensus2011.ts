import { z } from 'zod';
import type { TerritoryFile } from '../territory/types';
import { cellCentre, cellIndex } from './raster';
import type { PopulationSurface, SurfaceMethod } from './surface';
import { kreisClip, parseZensusLine, ZensusGridError } from './zensusGrid';

/**
 * The default population surface: where people lived at the Zensus 2011 (09.05.2011), scaled so
 * that each municipality holds exactly its Zensus 2022 inhabitants (15.05.2022).
 *
 *   1 km grid, Einwohner            → how many lived in each square kilometre
 *   100 m grid, children under 10   → where inside that square kilometre (the settlement pattern)
 *   Zensus 2022 per municipality    → how many live there today
 *
 * Within an inhabited 1 km cell the inhabitants are spread over its 100 m cells in proportion to
 * their children under 10; where the 1 km cell has no published 100 m cell (fewer than 3 children
 * in each), evenly over its 100 cells. A 1 km cell without inhabitants gives none to any of its
 * 100 m cells. Each 100 m cell then belongs to the municipality its centre lies in (the coverage
 * raster's rule), and each municipality's cells are scaled to its Zensus 2022 total. The result is
 * a 100 m surface whose municipal totals are exact and whose distribution is eleven years old:
 * an approximation, so figures from it are rounded.
 */

export const ZENSUS2011_FORMAT = 'sozialraumatlas-zensus2011/1';

const midpoints = z.array(z.number());
const counts = z.array(z.number().int().min(0));

/** The Zensus 2011 grid extract of a district (public/data/territory/<id>-zensus2011.json), cell midpoints in EPSG:3035. */
export const Zensus2011GridSchema = z.object({
  format: z.literal(ZENSUS2011_FORMAT),
  district: z.string(),
  /** The inhabited 1 km cells. */
  einwohner1km: z.object({ x: midpoints, y: midpoints, einwohner: counts }),
  /** The 100 m cells with at least 3 children under 10 (smaller counts are not published). */
  unter10_100m: z.object({ x: midpoints, y: midpoints, anzahl: counts }),
});
export type Zensus2011Grid = z.infer<typeof Zensus2011GridSchema>;

const SOURCES = {
  '1km': { header: 'GITTER_ID_1km;x_mp_1km;y_mp_1km;Einwohner', cellSize: 1000, label: '1 km' },
  '100m': { header: 'GITTER_ID_100m;x_mp_100m;y_mp_100m;unter10', cellSize: 100, label: '100 m' },
} as const;

/**
 * Reads one of the two grid extracts kept in geodata/<id>/ (zensus2011-1km.csv with Einwohner,
 * zensus2011-100m-unter10.csv with children under 10): `;`-separated, cell midpoints in
 * EPSG:3035, an empty value where the Zensus published none (no inhabitants or fewer than 3).
 * Cells with a value of 0 are left out. Errors name the line, as for the Zensus 2022 files.
 */
export function parseZensus2011Csv(text: string, kind: keyof typeof SOURCES): { x: number[]; y: number[]; value: number[] } {
  const source = SOURCES[kind];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== source.header) {
    throw new ZensusGridError(`Unbekannter Dateikopf „${(lines[0] ?? '').slice(0, 80)}“, erwartet „${source.header}“.`, 1);
  }
  const format = { cellSize: source.cellSize, label: source.label } as const;
  const out = { x: [] as number[], y: [] as number[], value: [] as number[] };
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === '') return;
    // An empty value means "none published": parse it as 0 with the 2022 reader's checks of id and midpoint.
    const cell = parseZensusLine(line.replace(/;\s*$/, ';0'), index + 2, format);
    if (!cell || cell.einwohner === 0) return;
    out.x.push(cell.x);
    out.y.push(cell.y);
    out.value.push(cell.einwohner);
  });
  return out;
}

/** The shipped form of both extracts of a district. */
export function zensus2011Grid(district: string, einwohner1km: string, unter10_100m: string): Zensus2011Grid {
  const km = parseZensus2011Csv(einwohner1km, '1km');
  const hundred = parseZensus2011Csv(unter10_100m, '100m');
  return {
    format: ZENSUS2011_FORMAT,
    district,
    einwohner1km: { x: km.x, y: km.y, einwohner: km.value },
    unter10_100m: { x: hundred.x, y: hundred.y, anzahl: hundred.value },
  };
}

/** How the surface is named wherever its figures appear: both dates, and that it is an approximation. */
export function zensus2011Method(): SurfaceMethod {
  return {
    kind: 'zensus2011-verteilung',
    titel: 'Verteilung nach Zensus-2011-Gitter, Summen Zensus 2022',
    beschreibung:
      'Einwohner je Gemeinde aus dem Zensus 2022 (15.05.2022), verteilt wie im Zensus 2011 (09.05.2011): nach den Einwohnern je ' +
      '1-km-Gitterzelle und innerhalb jeder Zelle nach den Kindern unter 10 Jahren je 100-m-Zelle (wo keine veröffentlicht sind, ' +
      'gleichmäßig). Die Summen je Gemeinde stimmen genau, die Verteilung ist eine Näherung; Zahlen sind daher auf Hunderte gerundet.',
    quelle: '© Statistische Ämter des Bundes und der Länder, Zensus 2011 (Gitter) und Zensus 2022 (Gemeindesummen), dl-de/by-2-0',
    stand: 'Gitter 09.05.2011, Summen 15.05.2022',
    genauigkeit: 'naeherung',
  };
}

const KM = 1000;
const CELL = 100;
const PER_KM = KM / CELL;

/** The default surface of a district from its Zensus 2011 grid extract (see the top of this file). */
export function zensus2011Surface(territory: TerritoryFile, grid: Zensus2011Grid): PopulationSurface {
  const clip = kreisClip(territory, CELL);
  // EPSG:3035 kilometres stay below 10,000 in Europe, so column and row pack into one number.
  const squareOf = (x: number, y: number) => Math.floor(x / KM) * 10_000 + Math.floor(y / KM);

  // Children under 10 per 100 m cell, grouped by their 1 km cell.
  const children = new Map<number, { x: number; y: number; anzahl: number }[]>();
  const { x: childX, y: childY, anzahl } = grid.unter10_100m;
  for (let i = 0; i < childX.length; i++) {
    const key = squareOf(childX[i]!, childY[i]!);
    const list = children.get(key) ?? [];
    list.push({ x: childX[i]!, y: childY[i]!, anzahl: anzahl[i]! });
    children.set(key, list);
  }

  // 2011 inhabitants per 100 m raster cell of the Kreis.
  const weight = new Float64Array(clip.grid.cols * clip.grid.rows);
  const add = (x: number, y: number, people: number) => {
    const cell = cellIndex(clip.grid, x, y);
    if (cell >= 0) weight[cell]! += people;
  };
  const { x: kmX, y: kmY, einwohner } = grid.einwohner1km;
  for (let i = 0; i < kmX.length; i++) {
    const people = einwohner[i]!;
    if (people <= 0) continue;
    const pattern = children.get(squareOf(kmX[i]!, kmY[i]!)) ?? [];
    const total = pattern.reduce((sum, cell) => sum + cell.anzahl, 0);
    if (total > 0) {
      for (const cell of pattern) add(cell.x, cell.y, (people * cell.anzahl) / total);
      continue;
    }
    const left = kmX[i]! - KM / 2 + CELL / 2;
    const bottom = kmY[i]! - KM / 2 + CELL / 2;
    for (let row = 0; row < PER_KM; row++) {
      for (let col = 0; col < PER_KM; col++) add(left + col * CELL, bottom + row * CELL, people / (PER_KM * PER_KM));
    }
  }

  // Scale each municipality to its Zensus 2022 total; cells outside every municipality get none.
  const gemeinden = territory.gemeinden.features;
  const sums = new Float64Array(gemeinden.length);
  const cellsOf: number[] = [];
  for (let cell = 0; cell < weight.length; cell++) {
    const gemeinde = clip.gemeindeOfCell(cell);
    if (gemeinde < 0) continue;
    if (weight[cell]! > 0) {
      sums[gemeinde]! += weight[cell]!;
      cellsOf.push(cell);
    }
  }
  // A municipality whose cells hold nobody of 2011 (none today, or its area was all forest then)
  // gets its inhabitants spread evenly over its area, so its total stays exact.
  const empty = new Set(gemeinden.flatMap((feature, index) => (sums[index] === 0 && feature.properties.einwohner > 0 ? [index] : [])));
  const evenCells: number[][] = gemeinden.map(() => []);
  if (empty.size > 0) {
    for (let cell = 0; cell < weight.length; cell++) {
      const gemeinde = clip.gemeindeOfCell(cell);
      if (empty.has(gemeinde)) evenCells[gemeinde]!.push(cell);
    }
  }

  const points: { cell: number; einwohner: number; gemeinde: number }[] = [];
  for (const cell of cellsOf) {
    const gemeinde = clip.gemeindeOfCell(cell);
    points.push({ cell, einwohner: (weight[cell]! * gemeinden[gemeinde]!.properties.einwohner) / sums[gemeinde]!, gemeinde });
  }
  for (const gemeinde of empty) {
    const list = evenCells[gemeinde]!;
    for (const cell of list) points.push({ cell, einwohner: gemeinden[gemeinde]!.properties.einwohner / list.length, gemeinde });
  }
  points.sort((a, b) => a.cell - b.cell);

  const surface: PopulationSurface = {
    cellSize: CELL,
    x: new Float64Array(points.length),
    y: new Float64Array(points.length),
    einwohner: new Float64Array(points.length),
    gemeinde: new Int32Array(points.length),
    method: zensus2011Method(),
  };
  points.forEach((point, index) => {
    const [x, y] = cellCentre(clip.grid, point.cell);
    surface.x[index] = x;
    surface.y[index] = y;
    surface.einwohner[index] = point.einwohner;
    surface.gemeinde![index] = point.gemeinde;
  });
  return surface;
}
