import { z } from 'zod';
import type { TerritoryFile } from '../territory/types';
import { cellIndex, gridFor, rasterizeAreas, type RasterGrid } from './raster';
import { areaToLaea, boundsOf, type PopulationSurface, type SurfaceMethod } from './surface';

/**
 * The population grid of the Zensus 2022 as published by the statistical offices
 * ("Zensus2022_Bevoelkerungszahl_100m-Gitter.csv" and the 1 km variant): semicolon-separated,
 * one cell per line, cell midpoints in EPSG:3035, "–" (en dash) for 0 or a suppressed value.
 *
 *   GITTER_ID_100m;x_mp_100m;y_mp_100m;Einwohner
 *   CRS3035RES100mN2689100E4337000;4337050;2689150;4
 *
 * The national 100 m file has about 3 million lines, so the parser works line by line and the
 * caller streams the file.
 */
export type ZensusCellSize = 100 | 1000;

export interface ZensusGridFormat {
  cellSize: ZensusCellSize;
  /** "100 m" or "1 km", as in the file name and the titles. */
  label: string;
}

export interface ZensusCell {
  x: number;
  y: number;
  einwohner: number;
  /** True where the file says "–" (0 or a value kept secret). */
  gesperrt: boolean;
}

/** A problem with the file, in German, naming the line (1-based) where it has one. */
export class ZensusGridError extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
  ) {
    super(line === null ? message : `Zeile ${line}: ${message}`);
    this.name = 'ZensusGridError';
  }
}

const HEADERS: Record<ZensusCellSize, { columns: readonly string[]; label: string; resolutions: readonly string[] }> = {
  100: { columns: ['GITTER_ID_100m', 'x_mp_100m', 'y_mp_100m', 'Einwohner'], label: '100 m', resolutions: ['100m'] },
  1000: { columns: ['GITTER_ID_1km', 'x_mp_1km', 'y_mp_1km', 'Einwohner'], label: '1 km', resolutions: ['1km', '1000m'] },
};

const EN_DASH = '\u2013';

function fieldsOf(line: string): string[] {
  return line
    .replace(/\r$/, '')
    .split(';')
    .map((field) => field.trim().replace(/^"(.*)"$/, '$1'));
}

/**
 * Reads the first line of a grid file and says which grid it is. A leading byte order mark is
 * ignored; anything but the two published headers is an error that shows what was expected.
 */
export function parseZensusHeader(line: string): ZensusGridFormat {
  const fields = fieldsOf(line.replace(/^\uFEFF/, ''));
  for (const size of [100, 1000] as const) {
    const expected = HEADERS[size].columns;
    if (fields.length === expected.length && fields.every((field, i) => field.toLowerCase() === expected[i]!.toLowerCase())) {
      return { cellSize: size, label: HEADERS[size].label };
    }
  }
  const shown = line.replace(/^\uFEFF/, '').slice(0, 80);
  const hint = !line.includes(';') && /[,\t]/.test(line) ? ' Die Spalten müssen durch Semikolon getrennt sein.' : '';
  throw new ZensusGridError(
    `Unbekannter Dateikopf „${shown}“. Erwartet wird das Zensus-2022-Gitter mit dem Kopf ` +
      `„${HEADERS[100].columns.join(';')}“ (100 m) oder „${HEADERS[1000].columns.join(';')}“ (1 km).${hint}`,
    1,
  );
}

/**
 * One data line of the grid: the cell's midpoint and its inhabitants ("–" is 0). Returns null
 * for an empty line. Everything else that is not a cell of this grid is an error naming the
 * line: a wrong number of columns, a malformed number, a midpoint that is not the middle of a
 * cell, an id that does not match the midpoint.
 */
export function parseZensusLine(line: string, lineNumber: number, format: ZensusGridFormat): ZensusCell | null {
  if (line.trim() === '') return null;
  const fields = fieldsOf(line);
  if (fields.length !== 4) {
    throw new ZensusGridError(`${fields.length} statt 4 Spalten (Trennzeichen Semikolon) in „${line.slice(0, 80)}“.`, lineNumber);
  }
  const [id, xText, yText, einwohnerText] = fields as [string, string, string, string];
  const { cellSize } = format;
  const half = cellSize / 2;
  const hyphenated = format.label.replace(' ', '-');
  const coordinate = (text: string, column: string): number => {
    if (!/^\d+(\.\d+)?$/.test(text)) throw new ZensusGridError(`${column} „${text}“ ist keine Koordinate in Metern.`, lineNumber);
    const value = Number(text);
    if (Math.abs(((value - half) / cellSize) % 1) > 1e-9) {
      throw new ZensusGridError(`${column} ${text} ist kein Mittelpunkt einer ${hyphenated}-Gitterzelle (erwartet …${half}).`, lineNumber);
    }
    return value;
  };
  const suffix = cellSize === 100 ? '100m' : '1km';
  const x = coordinate(xText, `x_mp_${suffix}`);
  const y = coordinate(yText, `y_mp_${suffix}`);

  const idMatch = /^CRS3035RES(\d+m|1km)N(\d+)E(\d+)$/.exec(id);
  if (!idMatch) throw new ZensusGridError(`Gitter-ID „${id}“ hat nicht die Form CRS3035RES${cellSize === 100 ? '100m' : '1000m'}N…E….`, lineNumber);
  if (!HEADERS[cellSize].resolutions.includes(idMatch[1]!)) {
    throw new ZensusGridError(`Gitter-ID „${id}“ gehört nicht zum ${hyphenated}-Gitter.`, lineNumber);
  }
  if (Number(idMatch[2]) + half !== y || Number(idMatch[3]) + half !== x) {
    throw new ZensusGridError(`Gitter-ID „${id}“ passt nicht zum Mittelpunkt ${xText}/${yText}.`, lineNumber);
  }

  if (einwohnerText === EN_DASH) return { x, y, einwohner: 0, gesperrt: true };
  if (!/^\d+$/.test(einwohnerText)) {
    const hint = einwohnerText.includes('\uFFFD') ? ' (Zeichenkodierung weder UTF-8 noch Windows-1252?)' : '';
    throw new ZensusGridError(`Einwohner „${einwohnerText}“ ist keine ganze Zahl ≥ 0 und nicht „–“${hint}.`, lineNumber);
  }
  return { x, y, einwohner: Number(einwohnerText), gesperrt: false };
}

/**
 * The Kreis as a raster of the grid file's own cells: Zensus cells are aligned to multiples of
 * their size in EPSG:3035, and so is gridFor, so each Zensus cell is exactly one raster cell and
 * "inside the Kreis" means "cell midpoint inside the Kreis", as everywhere in the coverage code.
 */
export interface KreisClip {
  /** Bounding box of the Kreis in EPSG:3035: the cheap first test for each line. */
  bbox: [number, number, number, number];
  grid: RasterGrid;
  /** Raster cell of a midpoint inside the Kreis, or -1. */
  cellInKreis(x: number, y: number): number;
  /** Municipality index (territory.gemeinden) of a raster cell; -1 outside every municipality. */
  gemeindeOfCell(cell: number): number;
}

export function kreisClip(territory: TerritoryFile, cellSize: number): KreisClip {
  const kreis = areaToLaea(territory.kreis.geometry);
  const bbox = boundsOf(kreis);
  const grid = gridFor(bbox, cellSize);
  const inKreis = rasterizeAreas(grid, [kreis]);
  const gemeinde = rasterizeAreas(
    grid,
    territory.gemeinden.features.map((feature) => areaToLaea(feature.geometry)),
  );
  return {
    bbox,
    grid,
    cellInKreis(x, y) {
      if (x < bbox[0] || x > bbox[2] || y < bbox[1] || y > bbox[3]) return -1;
      const cell = cellIndex(grid, x, y);
      return cell >= 0 && inKreis[cell] === 0 ? cell : -1;
    },
    gemeindeOfCell: (cell) => gemeinde[cell]!,
  };
}

/** How a surface from a Zensus grid is described in legends, exports and the CLI. */
export function zensusGridMethod(cellSize: number): SurfaceMethod {
  const label = cellSize === 1000 ? '1 km' : `${cellSize} m`;
  const hyphenated = label.replace(' ', '-');
  return {
    kind: 'zensus-gitter',
    titel: `Zensus 2022, Gitter ${label}`,
    beschreibung:
      `Einwohner je ${hyphenated}-Gitterzelle des Zensus 2022, auf den Landkreis zugeschnitten (Zellmittelpunkt im Kreis); ` +
      'gesperrte Werte („–“) zählen als 0.',
    quelle: '© Statistische Ämter des Bundes und der Länder, Zensus 2022 (dl-de/by-2-0)',
    stand: '15.05.2022',
    // Residents of a 1 km cell all stand at its centre: distances are off by up to 700 m.
    genauigkeit: cellSize === 100 ? 'exakt' : 'naeherung',
  };
}

export const SurfaceMethodSchema = z.object({
  kind: z.enum(['zensus-gitter', 'zensus2011-verteilung', 'ersatzflaeche']),
  titel: z.string(),
  beschreibung: z.string(),
  quelle: z.string(),
  stand: z.string(),
  genauigkeit: z.enum(['exakt', 'naeherung']),
});

/** A stored population grid as the API sends it: compact parallel arrays (EPSG:3035 midpoints). */
export const PopulationGridSchema = z.object({
  method: SurfaceMethodSchema,
  cellSize: z.number().int().positive(),
  x: z.array(z.number()),
  y: z.array(z.number()),
  einwohner: z.array(z.number()),
});
export type PopulationGridData = z.infer<typeof PopulationGridSchema>;

/**
 * The same grid for the wire (`GET …/population?format=kompakt`): the cells as indices of a
 * lattice (row * cols + col, lower-left corner x0/y0), sorted and sent as differences to the one
 * before, so most are one or two digits instead of two seven-digit coordinates per cell.
 */
export const CompactPopulationGridSchema = z.object({
  method: SurfaceMethodSchema,
  cellSize: z.number().int().positive(),
  format: z.literal('kompakt'),
  x0: z.number(),
  y0: z.number(),
  cols: z.number().int().positive(),
  /** Sorted cell indices as differences: the first to 0, each next one to its predecessor. */
  zellen: z.array(z.number().int().nonnegative()),
  einwohner: z.array(z.number()),
});
export type CompactPopulationGrid = z.infer<typeof CompactPopulationGridSchema>;

/**
 * The compact form of a grid, or null when its points are not the midpoints of one lattice (then
 * the plain arrays are sent). Decoding gives back every point exactly (checked here).
 */
export function encodePopulationGrid(grid: PopulationGridData): CompactPopulationGrid | null {
  const { cellSize, x, y } = grid;
  if (x.length === 0) return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  for (let i = 0; i < x.length; i++) {
    minX = Math.min(minX, x[i]!);
    maxX = Math.max(maxX, x[i]!);
    minY = Math.min(minY, y[i]!);
  }
  const x0 = minX - cellSize / 2;
  const y0 = minY - cellSize / 2;
  const cols = Math.round((maxX - minX) / cellSize) + 1;
  const cells = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const col = Math.round((x[i]! - x0) / cellSize - 0.5);
    const row = Math.round((y[i]! - y0) / cellSize - 0.5);
    if (x0 + (col + 0.5) * cellSize !== x[i] || y0 + (row + 0.5) * cellSize !== y[i]) return null;
    cells[i] = row * cols + col;
  }
  const order = Array.from(cells.keys()).sort((a, b) => cells[a]! - cells[b]!);
  let previous = 0;
  const zellen = order.map((index) => {
    const difference = cells[index]! - previous;
    previous = cells[index]!;
    return difference;
  });
  return { method: grid.method, cellSize, format: 'kompakt', x0, y0, cols, zellen, einwohner: order.map((index) => grid.einwohner[index]!) };
}

/** The plain arrays of a compact grid (points in cell order). */
export function decodePopulationGrid(compact: CompactPopulationGrid): PopulationGridData {
  const { cellSize, x0, y0, cols } = compact;
  const x: number[] = [];
  const y: number[] = [];
  let cell = 0;
  for (const difference of compact.zellen) {
    cell += difference;
    const row = Math.floor(cell / cols);
    x.push(x0 + (cell - row * cols + 0.5) * cellSize);
    y.push(y0 + (row + 0.5) * cellSize);
  }
  if (compact.einwohner.length !== x.length) throw new Error('Bevölkerungsgitter: zellen und einwohner sind unterschiedlich lang.');
  return { method: compact.method, cellSize, x, y, einwohner: [...compact.einwohner] };
}

/**
 * A population surface from grid cells of a district (from the API or the database), with the
 * municipality of each cell computed the same way as at import, so the browser, the server and
 * the command line all get identical surfaces.
 */
export function surfaceFromGrid(territory: TerritoryFile, data: PopulationGridData): PopulationSurface {
  if (data.x.length !== data.y.length || data.x.length !== data.einwohner.length) {
    throw new Error('Bevölkerungsgitter: x, y und einwohner sind unterschiedlich lang.');
  }
  const clip = kreisClip(territory, data.cellSize);
  const gemeinde = Int32Array.from(data.x, (x, i) => {
    const cell = cellIndex(clip.grid, x, data.y[i]!);
    return cell < 0 ? -1 : clip.gemeindeOfCell(cell);
  });
  return {
    cellSize: data.cellSize,
    x: Float64Array.from(data.x),
    y: Float64Array.from(data.y),
    einwohner: Float64Array.from(data.einwohner),
    gemeinde,
    method: { ...data.method },
  };
}

/** The compact JSON form of a surface (the inverse of surfaceFromGrid, without municipalities). */
export function gridDataOf(surface: PopulationSurface): PopulationGridData {
  return {
    method: { ...surface.method },
    cellSize: surface.cellSize,
    x: Array.from(surface.x),
    y: Array.from(surface.y),
    einwohner: Array.from(surface.einwohner),
  };
}
