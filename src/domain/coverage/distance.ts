import type { RasterGrid } from './raster';

const INF = 1e20;

/**
 * One-dimensional squared distance transform (Felzenszwalb & Huttenlocher): for each i,
 * min over j of (i - j)² + f[j]. O(n) with the lower envelope of parabolas.
 */
function transform1d(f: Float64Array, n: number, d: Float64Array, v: Int32Array, z: Float64Array): void {
  let k = 0;
  v[0] = 0;
  z[0] = -INF;
  z[1] = INF;
  for (let q = 1; q < n; q++) {
    let s = (f[q]! + q * q - (f[v[k]!]! + v[k]! * v[k]!)) / (2 * q - 2 * v[k]!);
    while (s <= z[k]!) {
      k--;
      s = (f[q]! + q * q - (f[v[k]!]! + v[k]! * v[k]!)) / (2 * q - 2 * v[k]!);
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = INF;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1]! < q) k++;
    d[q] = (q - v[k]!) * (q - v[k]!) + f[v[k]!]!;
  }
}

/**
 * Euclidean distance in metres from every cell centre to the nearest seed cell centre (exact
 * distance transform in O(cells)). Cells with no seed anywhere get Infinity. Distances are
 * between cell centres, so they are exact to within one cell size.
 */
export function distanceToSeeds(grid: RasterGrid, seeds: readonly number[]): Float32Array {
  const { cols, rows } = grid;
  const size = cols * rows;
  const result = new Float32Array(size);
  if (seeds.length === 0) return result.fill(Infinity);
  const squared = new Float64Array(size).fill(INF);
  for (const seed of seeds) if (seed >= 0 && seed < size) squared[seed] = 0;
  const longest = Math.max(cols, rows);
  const f = new Float64Array(longest);
  const d = new Float64Array(longest);
  const v = new Int32Array(longest);
  const z = new Float64Array(longest + 1);
  for (let col = 0; col < cols; col++) {
    for (let row = 0; row < rows; row++) f[row] = squared[row * cols + col]!;
    transform1d(f, rows, d, v, z);
    for (let row = 0; row < rows; row++) squared[row * cols + col] = d[row]!;
  }
  for (let row = 0; row < rows; row++) {
    const base = row * cols;
    for (let col = 0; col < cols; col++) f[col] = squared[base + col]!;
    transform1d(f, cols, d, v, z);
    for (let col = 0; col < cols; col++) result[base + col] = Math.sqrt(d[col]!) * grid.cellSize;
  }
  return result;
}
