// An attacker on published sums that shares no code with src/domain/indicators/suppression.ts:
// exact rational linear algebra on BigInt, and plain subtraction as with a calculator.
import type { SumEquation } from '../../../src/domain/indicators/suppression';

/** Exact fractions on BigInt, enough for Gauss-Jordan on small integer systems. */
class Fraction {
  constructor(
    readonly n: bigint,
    readonly d: bigint = 1n,
  ) {}
  static of(n: bigint, d: bigint): Fraction {
    if (d < 0n) [n, d] = [-n, -d];
    const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
    const g = gcd(n, d) || 1n;
    return new Fraction(n / g, d / g);
  }
  isZero = () => this.n === 0n;
  minus = (o: Fraction) => Fraction.of(this.n * o.d - o.n * this.d, this.d * o.d);
  times = (o: Fraction) => Fraction.of(this.n * o.n, this.d * o.d);
  over = (o: Fraction) => Fraction.of(this.n * o.d, this.d * o.n);
}

function rank(matrix: Fraction[][]): number {
  const rows = matrix.map((row) => [...row]);
  let r = 0;
  const width = rows[0]?.length ?? 0;
  for (let c = 0; c < width && r < rows.length; c++) {
    const pivot = rows.findIndex((row, index) => index >= r && !row[c]!.isZero());
    if (pivot < 0) continue;
    [rows[r], rows[pivot]] = [rows[pivot]!, rows[r]!];
    for (let other = 0; other < rows.length; other++) {
      if (other === r || rows[other]![c]!.isZero()) continue;
      const factor = rows[other]![c]!.over(rows[r]![c]!);
      rows[other] = rows[other]!.map((value, k) => value.minus(factor.times(rows[r]![k]!)));
    }
    r++;
  }
  return r;
}

/** The withheld cells an attacker can compute from the published ones (exactly, by linear algebra). */
export function recoverable(equations: readonly SumEquation[], suppressed: readonly boolean[]): number[] {
  const unknown = suppressed.flatMap((isWithheld, index) => (isWithheld ? [index] : []));
  const matrix = equations.map((equation) =>
    unknown.map((cell) => {
      let coefficient = 0;
      equation.cells.forEach((other, index) => {
        if (other === cell) coefficient += equation.coefficients[index]!;
      });
      return new Fraction(BigInt(coefficient));
    }),
  );
  const full = rank(matrix);
  // A cell is determined exactly when dropping its column lowers the rank.
  return unknown.filter((_, column) => rank(matrix.map((row) => row.filter((__, k) => k !== column))) < full);
}

/** Total minus the other parts, repeated with every value so found, as someone with a calculator would. */
export function bySubtraction(equations: readonly SumEquation[], suppressed: readonly boolean[]): number[] {
  const known = suppressed.map((isWithheld) => !isWithheld);
  const found: number[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    for (const equation of equations) {
      const unknown = equation.cells.filter((cell) => !known[cell]);
      if (unknown.length !== 1) continue;
      known[unknown[0]!] = true;
      found.push(unknown[0]!);
      changed = true;
    }
  }
  return found;
}
