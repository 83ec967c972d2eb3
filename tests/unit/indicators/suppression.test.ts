// Secondary suppression: no withheld value may follow from the published ones, by subtraction
// from a total and the other parts, at any level of the hierarchy and across years where a
// total over the years is shown. The property test draws random counts over random trees and
// attacks the result with an exact rational solver of its own.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { determinedCells, secondarySuppression, type ProtectionCell, type SumEquation } from '../../../src/domain/indicators/suppression';
import { bySubtraction, recoverable } from '../support/attacker';
import { deepFreeze } from '../support/fixtures';

const total = (totalCell: number, parts: number[]): SumEquation => ({ cells: [totalCell, ...parts], coefficients: [-1, ...parts.map(() => 1)] });
const cellsOf = (values: number[], primary: number[]): ProtectionCell[] => values.map((value, index) => ({ value, primary: primary.includes(index) }));
const withheld = (result: { suppressed: boolean[] }) => result.suppressed.flatMap((isWithheld, index) => (isWithheld ? [index] : []));

// ---- examples ---------------------------------------------------------------------------

describe('secondarySuppression', () => {
  it('withholds a second part beside a single small one: the smallest positive', () => {
    // 0: total 20 = 1: 2 (small) + 2: 0 + 3: 7 + 4: 11
    const cells = deepFreeze(cellsOf([20, 2, 0, 7, 11], [1]));
    const equations = deepFreeze([total(0, [1, 2, 3, 4])]);
    const result = secondarySuppression(cells, equations);
    expect(withheld(result)).toEqual([1, 3]);
    expect(result.secondary).toEqual([false, false, false, true, false]);
  });

  it('withholds a total that equals its single small part', () => {
    // Sozialraum (0) of one Gemeinde (1), in a Sozialregion (2) with another Sozialraum (3).
    const cells = cellsOf([2, 2, 30, 28], [0, 1]);
    const result = secondarySuppression(cells, [total(0, [1]), total(2, [0, 3])]);
    expect(withheld(result)).toEqual([0, 1, 3]);
  });

  it('takes a zero only when nothing else is left', () => {
    const result = secondarySuppression(cellsOf([2, 2, 0], [1]), [total(0, [1, 2])]);
    // The total (2) is the only positive candidate: it goes, not the known-looking zero.
    expect(withheld(result)).toEqual([0, 1]);
  });

  it('finds what the rule "two per sum" misses: a cell that a combination of sums determines', () => {
    // A 4 × 4 table with published margins; the withheld cells form two cycles joined by one cell
    // (row 2, column 3). Every row and column has two or more withheld cells, yet
    // x = row1 + row2 − column1 − column2.
    const grid = [0, 1, 2, 3].map((row) => [0, 1, 2, 3].map((column) => row * 4 + column));
    const small = [grid[0]![0]!, grid[0]![1]!, grid[1]![0]!, grid[1]![1]!, grid[2]![2]!, grid[2]![3]!, grid[3]![2]!, grid[3]![3]!, grid[1]![2]!];
    const cells = Array.from({ length: 16 }, (_, index) => ({ value: small.includes(index) ? 2 : 10 + index, primary: small.includes(index) }));
    const equations = [...grid.map((row) => ({ cells: row, coefficients: row.map(() => 1) })), ...[0, 1, 2, 3].map((column) => ({ cells: grid.map((row) => row[column]!), coefficients: [1, 1, 1, 1] }))];
    const naive = cells.map((cell) => cell.primary);
    expect(bySubtraction(equations, naive)).toEqual([]);
    expect(recoverable(equations, naive)).toEqual([grid[1]![2]!]);
    expect(determinedCells(equations, naive)).toEqual([grid[1]![2]!]);

    const result = secondarySuppression(cells, equations);
    expect(recoverable(equations, result.suppressed)).toEqual([]);
    expect(withheld(result).length).toBeGreaterThan(small.length);
  });

  it('does not change its inputs', () => {
    const cells = deepFreeze(cellsOf([5, 2, 3], [1]));
    const equations = deepFreeze([total(0, [1, 2])]);
    expect(() => secondarySuppression(cells, equations)).not.toThrow();
  });
});

// ---- the property ----------------------------------------------------------------------------

/** A random area tree (parent index per node, node 0 the Kreis) with counts at its leaves for several years. */
const trees: fc.Arbitrary<Tree> = fc
  .record({
    parents: fc.array(fc.nat(), { minLength: 1, maxLength: 24 }),
    years: fc.integer({ min: 1, max: 3 }),
    totalOverYears: fc.boolean(),
    seedCounts: fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 40 })), { minLength: 75, maxLength: 75 }),
  })
  .map(({ parents, years, totalOverYears, seedCounts }) => {
    const parent = [-1, ...parents.map((draw, index) => draw % (index + 1))];
    const children = parent.map((_, node) => parent.flatMap((p, child) => (p === node ? [child] : [])));
    return { parent, children, years, totalOverYears: totalOverYears && years > 1, seedCounts };
  });

interface Tree {
  parent: number[];
  children: number[][];
  years: number;
  totalOverYears: boolean;
  seedCounts: number[];
}

function problemOf(tree: Tree) {
  const nodes = tree.parent.length;
  const cells: ProtectionCell[] = [];
  const equations: SumEquation[] = [];
  const cellOf = (year: number, node: number) => year * nodes + node;
  let draw = 0;
  for (let year = 0; year < tree.years; year++) {
    const values = new Array<number>(nodes).fill(0);
    // Leaves first: a node's value is the sum of its children (nodes only have children after them).
    for (let node = nodes - 1; node >= 0; node--) {
      values[node] = tree.children[node]!.length === 0 ? tree.seedCounts[draw++ % tree.seedCounts.length]! : tree.children[node]!.reduce((sum, child) => sum + values[child]!, 0);
    }
    values.forEach((value) => cells.push({ value, primary: value > 0 && value < 3 }));
    tree.children.forEach((kids, node) => {
      if (kids.length > 0) equations.push(total(cellOf(year, node), kids.map((child) => cellOf(year, child))));
    });
  }
  if (tree.totalOverYears) {
    for (let node = 0; node < nodes; node++) {
      const value = Array.from({ length: tree.years }, (_, year) => cells[cellOf(year, node)]!.value).reduce((a, b) => a + b, 0);
      const index = cells.length;
      cells.push({ value, primary: value > 0 && value < 3 });
      equations.push(total(index, Array.from({ length: tree.years }, (_, year) => cellOf(year, node))));
    }
    // The totals add up the tree as well.
    const base = tree.years * nodes;
    tree.children.forEach((kids, node) => {
      if (kids.length > 0) equations.push(total(base + node, kids.map((child) => base + child)));
    });
  }
  return { cells, equations };
}

describe('secondary suppression, property', () => {
  it('over random trees, counts and years: every small count withheld, none recoverable by subtraction or any combination', () => {
    fc.assert(
      fc.property(trees, (tree) => {
        const { cells, equations } = problemOf(tree);
        const result = secondarySuppression(cells, equations);
        cells.forEach((cell, index) => {
          if (cell.primary) expect(result.suppressed[index]).toBe(true);
        });
        expect(bySubtraction(equations, result.suppressed)).toEqual([]);
        expect(recoverable(equations, result.suppressed)).toEqual([]);
      }),
      { numRuns: 300, seed: 20161101 },
    );
  });
});
