import type { AggregateCell } from './aggregate';
import type { AreaHierarchy } from './hierarchy';
import { secondarySuppression, type ProtectionCell, type SumEquation } from './suppression';

/**
 * Builds the protection problem of a district's figures (which cells, which sums) and solves
 * it with the secondary suppression of suppression.ts. A "quantity" is anything that adds up
 * the area tree: a stored count, the sum of several counts that a rate uses as numerator or
 * denominator, the products mean × weight behind a weighted mean, a total over all dates.
 * Quantities whose figures are all published unprotected (rule „keine“) take no part: they
 * are known constants in every equation.
 */

export type SuppressionReason = 'primaer' | 'sekundaer';

/** A protected quantity on one date: its cells for every area, and the primary rule. */
export interface QuantityTable {
  /** e.g. "arbeitslose", "summe:alter-15-bis-18+…", "produkt:mittleres-alter", "zeitraum:zuzuege". */
  quantity: string;
  date: string;
  cells: ReadonlyMap<string, AggregateCell>;
  /** Primary suppression of one cell (a small count; a mean over a small weight). */
  primary(areaKey: string, value: number): boolean;
}

/** Cells of several quantities that add up area by area: sum = Σ parts (a numerator of age groups, a total over years). */
export interface Composition {
  sum: { quantity: string; date: string };
  parts: { quantity: string; date: string }[];
}

export const cellId = (quantity: string, date: string, areaKey: string): string => `${quantity}|${date}|${areaKey}`;

export interface ProtectionOutcome {
  /** Withheld cells by cellId, with why. */
  withheld: ReadonlyMap<string, SuppressionReason>;
}

/**
 * Withholds every primary cell and as few others as the equations need: the sums up the tree
 * (Gemeinde → … → Kreis, and the planning area equal to the Kreis where it is the Kreis) of
 * every table, and the compositions between tables. Deterministic: the same figures give the
 * same pattern in every request, so two views can never be combined to undo it.
 */
export function protect(hierarchy: AreaHierarchy, tables: readonly QuantityTable[], compositions: readonly Composition[] = []): ProtectionOutcome {
  const cells: ProtectionCell[] = [];
  const ids: string[] = [];
  const indexOf = new Map<string, number>();
  for (const table of tables) {
    for (const node of hierarchy.nodes.values()) {
      const cell = table.cells.get(node.key);
      if (!cell || cell.status !== 'wert') continue;
      const id = cellId(table.quantity, table.date, node.key);
      indexOf.set(id, cells.length);
      ids.push(id);
      cells.push({ value: cell.wert!, primary: table.primary(node.key, cell.wert!) });
    }
  }

  const equations: SumEquation[] = [];
  const equation = (total: string, parts: readonly string[]) => {
    const totalIndex = indexOf.get(total);
    if (totalIndex === undefined) return;
    const partIndices = parts.map((part) => indexOf.get(part));
    // A part without a published value means the total was not published either (incomplete).
    if (partIndices.some((index) => index === undefined)) return;
    equations.push({ cells: [totalIndex, ...(partIndices as number[])], coefficients: [-1, ...partIndices.map(() => 1)] });
  };
  for (const table of tables) {
    for (const node of hierarchy.nodes.values()) {
      if (node.children.length === 0) continue;
      equation(
        cellId(table.quantity, table.date, node.key),
        node.children.map((child) => cellId(table.quantity, table.date, child)),
      );
    }
    if (hierarchy.planningAreaIsKreis) {
      equation(cellId(table.quantity, table.date, hierarchy.kreisKey), [cellId(table.quantity, table.date, hierarchy.planningAreaKey)]);
    }
  }
  const protectedQuantities = new Set(tables.map((table) => `${table.quantity}|${table.date}`));
  for (const composition of compositions) {
    // Published parts are constants: only the protected ones enter the equation.
    const parts = composition.parts.filter((part) => protectedQuantities.has(`${part.quantity}|${part.date}`));
    if (parts.length === 0) continue;
    for (const node of hierarchy.nodes.values()) {
      equation(
        cellId(composition.sum.quantity, composition.sum.date, node.key),
        parts.map((part) => cellId(part.quantity, part.date, node.key)),
      );
    }
  }

  const { suppressed, secondary } = secondarySuppression(cells, equations);
  const withheld = new Map<string, SuppressionReason>();
  suppressed.forEach((isWithheld, index) => {
    if (isWithheld) withheld.set(ids[index]!, secondary[index] ? 'sekundaer' : 'primaer');
  });
  return { withheld };
}

/** The primary rule for counts: 0 < |value| < minimum (default: 1 and 2 become „•“). */
export const smallCount =
  (minimum: number) =>
  (_area: string, value: number): boolean =>
    value !== 0 && Math.abs(value) < minimum;
