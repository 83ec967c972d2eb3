/**
 * Secondary suppression on a system of published sums, pure and deterministic. Cells are the
 * figures that may be withheld; equations say which of them add up (a total and its parts,
 * with the published, unprotected figures of an equation left out as known constants). A
 * withheld value must not follow from the published ones:
 *
 * 1. Subtraction: no equation may have exactly one withheld cell (total minus the other parts
 *    would give it). Such an equation gets a second cell withheld, the smallest positive one,
 *    so little is lost and no published total of the Kreis goes first.
 * 2. Any linear combination of equations: with the withheld cells as unknowns, a cell is
 *    determined when its column of the reduced row echelon form is a pivot without free
 *    variables in its row. Then one more cell is withheld near it, and both steps repeat.
 *
 * Withholding more never determines a cell that was free, so this ends (at worst with all
 * cells withheld). Bounds from non-negativity (a published 3 over two withheld parts) are not
 * considered; neither are they by the „total minus parts“ rule of the Bundesagentur für Arbeit.
 */

export interface ProtectionCell {
  value: number;
  /** Withheld by the primary rule (a small count, a mean over too few). */
  primary: boolean;
}

/** Σ coefficient × cell = a published constant. */
export interface SumEquation {
  cells: readonly number[];
  coefficients: readonly number[];
}

export interface SuppressionResult {
  suppressed: boolean[];
  /** Withheld only to protect others. */
  secondary: boolean[];
}

export class UnprotectableError extends Error {
  constructor(readonly cell: number) {
    super(`Wert ${cell} lässt sich nicht schützen: keine weitere Zelle in seinen Summen`);
  }
}

const EPSILON = 1e-9;

/** Smaller positive values first; zeros last (an attacker may know a zero); then the earlier cell. */
function cost(cell: ProtectionCell): number {
  return cell.value === 0 ? Number.POSITIVE_INFINITY : Math.abs(cell.value);
}

function cheapest(cells: readonly ProtectionCell[], candidates: Iterable<number>, suppressed: readonly boolean[]): number | null {
  let best: number | null = null;
  for (const index of candidates) {
    if (suppressed[index]) continue;
    if (best === null || cost(cells[index]!) < cost(cells[best]!) || (cost(cells[index]!) === cost(cells[best]!) && index < best)) best = index;
  }
  return best;
}

export function secondarySuppression(cells: readonly ProtectionCell[], equations: readonly SumEquation[]): SuppressionResult {
  const suppressed = cells.map((cell) => cell.primary);
  const equationsOf: number[][] = cells.map(() => []);
  equations.forEach((equation, index) => {
    for (const cell of equation.cells) equationsOf[cell]!.push(index);
  });

  for (;;) {
    closeSingletons(cells, equations, equationsOf, suppressed);
    const determined = determinedCells(equations, suppressed);
    if (determined.length === 0) break;
    const cell = determined[0]!;
    const near = equationsOf[cell]!.flatMap((index) => equations[index]!.cells);
    const pick = cheapest(cells, near, suppressed) ?? cheapest(cells, componentCells(cell, equations, equationsOf), suppressed);
    if (pick === null) throw new UnprotectableError(cell);
    suppressed[pick] = true;
  }
  return { suppressed, secondary: suppressed.map((withheld, index) => withheld && !cells[index]!.primary) };
}

/** Step 1: until no equation has a single withheld cell. */
function closeSingletons(cells: readonly ProtectionCell[], equations: readonly SumEquation[], equationsOf: readonly number[][], suppressed: boolean[]): void {
  const queue = equations.map((_, index) => index);
  const queued = new Set(queue);
  while (queue.length > 0) {
    const index = queue.shift()!;
    queued.delete(index);
    const equation = equations[index]!;
    const withheld = equation.cells.filter((cell) => suppressed[cell]);
    if (withheld.length !== 1) continue;
    const pick = cheapest(cells, equation.cells, suppressed);
    if (pick === null) throw new UnprotectableError(withheld[0]!);
    suppressed[pick] = true;
    for (const next of equationsOf[pick]!) {
      if (!queued.has(next)) {
        queued.add(next);
        queue.push(next);
      }
    }
  }
}

/** Every cell linked to `start` through equations, in index order. */
function componentCells(start: number, equations: readonly SumEquation[], equationsOf: readonly number[][]): number[] {
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length > 0) {
    const cell = stack.pop()!;
    for (const index of equationsOf[cell]!) {
      for (const other of equations[index]!.cells) {
        if (!seen.has(other)) {
          seen.add(other);
          stack.push(other);
        }
      }
    }
  }
  return [...seen].sort((a, b) => a - b);
}

/**
 * Step 2: the withheld cells that the equations determine, found per group of withheld cells
 * linked by equations, in index order.
 */
export function determinedCells(equations: readonly SumEquation[], suppressed: readonly boolean[]): number[] {
  const groups = new Map<number, number[]>();
  const parent = suppressed.map((_, index) => index);
  const find = (cell: number): number => {
    while (parent[cell] !== cell) cell = parent[cell] = parent[parent[cell]!]!;
    return cell;
  };
  const touching = equations.filter((equation) => equation.cells.some((cell) => suppressed[cell]));
  for (const equation of touching) {
    const withheld = equation.cells.filter((cell) => suppressed[cell]);
    for (const cell of withheld.slice(1)) parent[find(cell)] = find(withheld[0]!);
  }
  touching.forEach((equation, index) => {
    const first = equation.cells.find((cell) => suppressed[cell])!;
    const root = find(first);
    groups.set(root, [...(groups.get(root) ?? []), index]);
  });
  const determined: number[] = [];
  for (const equationIndices of groups.values()) {
    determined.push(...determinedInGroup(equationIndices.map((index) => touching[index]!), suppressed));
  }
  return determined.sort((a, b) => a - b);
}

function determinedInGroup(equations: readonly SumEquation[], suppressed: readonly boolean[]): number[] {
  const columns = [...new Set(equations.flatMap((equation) => equation.cells.filter((cell) => suppressed[cell])))].sort((a, b) => a - b);
  const columnOf = new Map(columns.map((cell, index) => [cell, index]));
  const rows = equations.map((equation) => {
    const row = new Array<number>(columns.length).fill(0);
    equation.cells.forEach((cell, index) => {
      const column = columnOf.get(cell);
      if (column !== undefined) row[column]! += equation.coefficients[index]!;
    });
    return row;
  });
  const pivots = reduceRows(rows, columns.length);
  const pivotColumns = new Set(pivots.map(([, column]) => column));
  const determined: number[] = [];
  for (const [row, column] of pivots) {
    const free = rows[row]!.some((value, other) => other !== column && !pivotColumns.has(other) && Math.abs(value) > EPSILON);
    if (!free) determined.push(columns[column]!);
  }
  return determined;
}

/** Gauss-Jordan elimination in place with partial pivoting; returns [row, column] of each pivot. */
function reduceRows(rows: number[][], width: number): [number, number][] {
  const pivots: [number, number][] = [];
  let row = 0;
  for (let column = 0; column < width && row < rows.length; column++) {
    let best = row;
    for (let candidate = row + 1; candidate < rows.length; candidate++) {
      if (Math.abs(rows[candidate]![column]!) > Math.abs(rows[best]![column]!)) best = candidate;
    }
    if (Math.abs(rows[best]![column]!) <= EPSILON) continue;
    [rows[row], rows[best]] = [rows[best]!, rows[row]!];
    const pivotRow = rows[row]!;
    const pivot = pivotRow[column]!;
    for (let k = column; k < width; k++) pivotRow[k]! /= pivot;
    for (let other = 0; other < rows.length; other++) {
      if (other === row) continue;
      const factor = rows[other]![column]!;
      if (Math.abs(factor) <= EPSILON) continue;
      const target = rows[other]!;
      for (let k = column; k < width; k++) target[k]! -= factor * pivotRow[k]!;
    }
    pivots.push([row, column]);
    row++;
  }
  return pivots;
}
