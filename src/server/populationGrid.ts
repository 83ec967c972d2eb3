import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable, Transform } from 'node:stream';
import type { PopulationSurface } from '../domain/coverage/surface';
import {
  ZensusGridError,
  kreisClip,
  parseZensusHeader,
  parseZensusLine,
  surfaceFromGrid,
  zensusGridMethod,
  type PopulationGridData,
  type ZensusGridFormat,
} from '../domain/coverage/zensusGrid';
import type { TerritoryFile } from '../domain/territory/types';
import type { Database, Queryable } from './db/database';

export { ZensusGridError };

export interface GridReadOptions {
  /** Called as the file is read: bytes read so far and the file's size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** A Zensus grid file clipped to one Kreis. */
export interface ClippedGrid {
  format: ZensusGridFormat;
  encoding: 'utf-8' | 'windows-1252';
  surface: PopulationSurface;
  /** Data lines of the file (without header and empty lines). */
  cellsRead: number;
  /** Cells whose midpoint lies in the Kreis, including those with "–". */
  cellsInKreis: number;
  /** Of those, cells with "–" (0 or kept secret); they are not stored. */
  cellsGesperrt: number;
  einwohner: number;
}

const SNIFF_BYTES = 1 << 20;

/**
 * The file's encoding: UTF-8 (with or without byte order mark) when its first megabyte is valid
 * UTF-8, otherwise Windows-1252 (Excel's "CSV" in Germany). Only the en dash "–" is not ASCII
 * in a grid file, and it appears on the first pages of any real one.
 */
function sniffEncoding(file: string): 'utf-8' | 'windows-1252' {
  const buffer = Buffer.alloc(SNIFF_BYTES);
  const fd = openSync(file, 'r');
  let length: number;
  try {
    length = readSync(fd, buffer, 0, SNIFF_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  try {
    // stream: true tolerates a character cut off at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, length), { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

function decoderStream(encoding: 'utf-8' | 'windows-1252'): Transform {
  const decoder = new TextDecoder(encoding);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, decoder.decode(chunk, { stream: true }));
    },
    flush(callback) {
      callback(null, decoder.decode());
    },
  });
}

/**
 * Streams a Zensus 2022 grid file (never held in memory: the national 100 m file has about
 * 3 million lines) and keeps the cells of one Kreis: first by the Kreis' bounding box in
 * EPSG:3035, then exactly by the Kreis raster at the file's cell size (midpoint inside the
 * Kreis). Any malformed line, a wrong header or no cell inside the Kreis is a ZensusGridError
 * in German naming the problem.
 */
export async function readZensusGrid(file: string, territory: TerritoryFile, options: GridReadOptions = {}): Promise<ClippedGrid> {
  let totalBytes: number;
  try {
    totalBytes = statSync(file).size;
  } catch {
    throw new ZensusGridError(`Die Datei „${file}“ gibt es nicht oder sie ist nicht lesbar.`);
  }
  if (totalBytes === 0) throw new ZensusGridError(`Die Datei „${file}“ ist leer.`);
  const encoding = sniffEncoding(file);
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  let bytesRead = 0;
  raw.on('data', (chunk) => {
    bytesRead += chunk.length;
    options.onProgress?.(bytesRead, totalBytes);
  });
  const text: Readable = raw.pipe(decoderStream(encoding));
  raw.on('error', (error) => text.destroy(error));
  const lines = createInterface({ input: text, crlfDelay: Infinity });

  let format: ZensusGridFormat | null = null;
  let clip: ReturnType<typeof kreisClip> | null = null;
  let seen: Uint8Array | null = null;
  let lineNumber = 0;
  let cellsRead = 0;
  let cellsInKreis = 0;
  let cellsGesperrt = 0;
  let einwohner = 0;
  const xs: number[] = [];
  const ys: number[] = [];
  const values: number[] = [];
  try {
    for await (const line of lines) {
      lineNumber++;
      if (!format) {
        format = parseZensusHeader(line);
        clip = kreisClip(territory, format.cellSize);
        seen = new Uint8Array(clip.grid.cols * clip.grid.rows);
        continue;
      }
      const cell = parseZensusLine(line, lineNumber, format);
      if (!cell) continue;
      cellsRead++;
      const rasterCell = clip!.cellInKreis(cell.x, cell.y);
      if (rasterCell < 0) continue;
      if (seen![rasterCell]) throw new ZensusGridError(`Die Zelle ${cell.x}/${cell.y} kommt mehrfach vor.`, lineNumber);
      seen![rasterCell] = 1;
      cellsInKreis++;
      if (cell.gesperrt) cellsGesperrt++;
      if (cell.einwohner <= 0) continue;
      xs.push(cell.x);
      ys.push(cell.y);
      values.push(cell.einwohner);
      einwohner += cell.einwohner;
    }
  } finally {
    lines.close();
    text.destroy();
    raw.destroy();
  }
  if (!format) throw new ZensusGridError(`Die Datei „${file}“ enthält keine Zeile.`);
  if (cellsRead === 0) throw new ZensusGridError('Die Datei enthält nur den Kopf, keine Gitterzellen.');
  if (cellsInKreis === 0) {
    throw new ZensusGridError(
      `Keine der ${cellsRead.toLocaleString('de-DE')} Gitterzellen liegt im ${territory.kreis.properties.name}. ` +
        'Ist es das Gitter des richtigen Gebiets?',
    );
  }
  if (xs.length === 0) {
    throw new ZensusGridError(
      `Alle ${cellsInKreis.toLocaleString('de-DE')} Gitterzellen im ${territory.kreis.properties.name} haben 0 Einwohner oder „–“; ` +
        'ein solches Gitter ersetzt die Ersatzfläche nicht.',
    );
  }
  options.onProgress?.(totalBytes, totalBytes);
  const data: PopulationGridData = { method: zensusGridMethod(format.cellSize), cellSize: format.cellSize, x: xs, y: ys, einwohner: values };
  return { format, encoding, surface: surfaceFromGrid(territory, data), cellsRead, cellsInKreis, cellsGesperrt, einwohner };
}

export interface StoredGridInfo {
  district: string;
  cellSize: number;
  titel: string;
  quelle: string;
  stand: string;
  importedAt: string;
  cells: number;
  einwohner: number;
}

/** Rows per INSERT: large enough to be quick, small enough for any parameter limit. */
export const INSERT_BATCH = 1_000;

/**
 * Replaces the district's stored grid with the given surface in one transaction: the old cells
 * stay until every new cell is written, so a failed import never leaves half a grid.
 */
export async function storePopulationGrid(
  db: Database,
  district: string,
  surface: PopulationSurface,
  options: { batchSize?: number } = {},
): Promise<StoredGridInfo> {
  const batchSize = options.batchSize ?? INSERT_BATCH;
  const total = surface.einwohner.reduce((sum, value) => sum + value, 0);
  return db.transaction(async (tx) => {
    await tx.query('DELETE FROM population_cells WHERE district = $1', [district]);
    for (let start = 0; start < surface.x.length; start += batchSize) {
      const end = Math.min(start + batchSize, surface.x.length);
      await tx.query(
        `INSERT INTO population_cells (district, x, y, einwohner, geom)
         SELECT $1, c.x, c.y, c.einwohner, ST_SetSRID(ST_MakePoint(c.x, c.y), 3035)
         FROM unnest($2::double precision[], $3::double precision[], $4::double precision[]) AS c(x, y, einwohner)`,
        [district, Array.from(surface.x.subarray(start, end)), Array.from(surface.y.subarray(start, end)), Array.from(surface.einwohner.subarray(start, end))],
      );
    }
    const rows = await tx.query<GridRow>(
      `INSERT INTO population_grids (district, cell_size, titel, quelle, stand, imported_at, cells, einwohner)
       VALUES ($1, $2, $3, $4, $5, now(), $6, $7)
       ON CONFLICT (district) DO UPDATE SET cell_size = excluded.cell_size, titel = excluded.titel, quelle = excluded.quelle,
         stand = excluded.stand, imported_at = excluded.imported_at, cells = excluded.cells, einwohner = excluded.einwohner
       RETURNING ${GRID_COLUMNS}`,
      [district, surface.cellSize, surface.method.titel, surface.method.quelle, surface.method.stand, surface.x.length, total],
    );
    return toInfo(rows[0]!);
  });
}

interface GridRow {
  district: string;
  cell_size: number;
  titel: string;
  quelle: string;
  stand: string;
  imported_at: Date | string;
  cells: number;
  einwohner: number;
}

const GRID_COLUMNS = 'district, cell_size, titel, quelle, stand, imported_at, cells, einwohner';

const toInfo = (row: GridRow): StoredGridInfo => ({
  district: row.district,
  cellSize: Number(row.cell_size),
  titel: row.titel,
  quelle: row.quelle,
  stand: row.stand,
  importedAt: new Date(row.imported_at).toISOString(),
  cells: Number(row.cells),
  einwohner: Number(row.einwohner),
});

export async function storedGridInfo(db: Queryable, district: string): Promise<StoredGridInfo | null> {
  const rows = await db.query<GridRow>(`SELECT ${GRID_COLUMNS} FROM population_grids WHERE district = $1`, [district]);
  return rows[0] ? toInfo(rows[0]) : null;
}

/** The district's stored grid in the API's compact form, or null when none is loaded. */
export async function loadPopulationGrid(db: Queryable, district: string): Promise<PopulationGridData | null> {
  const info = await storedGridInfo(db, district);
  if (!info) return null;
  const cells = await db.query<{ x: number; y: number; einwohner: number }>(
    'SELECT x, y, einwohner FROM population_cells WHERE district = $1 ORDER BY y, x',
    [district],
  );
  return {
    method: { ...zensusGridMethod(info.cellSize), titel: info.titel, quelle: info.quelle, stand: info.stand },
    cellSize: info.cellSize,
    x: cells.map((cell) => Number(cell.x)),
    y: cells.map((cell) => Number(cell.y)),
    einwohner: cells.map((cell) => Number(cell.einwohner)),
  };
}

export interface GridImportSummary extends StoredGridInfo {
  file: string;
  encoding: ClippedGrid['encoding'];
  cellsRead: number;
  cellsInKreis: number;
  cellsGesperrt: number;
}

/** Reads, clips and stores a grid file for a district: all of it or, on any problem, nothing. */
export async function importPopulationGrid(
  db: Database,
  district: { id: string; territory: TerritoryFile },
  file: string,
  options: GridReadOptions & { batchSize?: number } = {},
): Promise<GridImportSummary> {
  const clipped = await readZensusGrid(file, district.territory, options);
  const stored = await storePopulationGrid(db, district.id, clipped.surface, options);
  return {
    ...stored,
    file,
    encoding: clipped.encoding,
    cellsRead: clipped.cellsRead,
    cellsInKreis: clipped.cellsInKreis,
    cellsGesperrt: clipped.cellsGesperrt,
  };
}
