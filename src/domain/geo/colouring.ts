import { polygonsOf, type Areal } from './geometry';

/**
 * Which areas touch: two areas are neighbours when they share at least two boundary
 * vertices. Territory units are simplified together, so shared borders have identical
 * vertices and an exact comparison is enough.
 */
export function neighbours(geometries: readonly Areal[]): Set<number>[] {
  const owners = new Map<string, Set<number>>();
  geometries.forEach((geometry, index) => {
    for (const polygon of polygonsOf(geometry)) {
      for (const ring of polygon) {
        for (const [x, y] of ring) {
          const key = `${x},${y}`;
          let set = owners.get(key);
          if (!set) owners.set(key, (set = new Set()));
          set.add(index);
        }
      }
    }
  });
  const shared = new Map<string, number>();
  for (const set of owners.values()) {
    if (set.size < 2) continue;
    const members = [...set];
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const key = `${members[i]}:${members[j]}`;
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
    }
  }
  const result = geometries.map(() => new Set<number>());
  for (const [key, count] of shared) {
    if (count < 2) continue;
    const [a, b] = key.split(':').map(Number) as [number, number];
    result[a]!.add(b);
    result[b]!.add(a);
  }
  return result;
}

/**
 * Colour index per area so that neighbours differ where the palette allows (greedy
 * Welsh-Powell: most-connected areas first). Deterministic for the same input.
 */
export function colourIndices(geometries: readonly Areal[], paletteSize: number): number[] {
  const adjacency = neighbours(geometries);
  const order = geometries.map((_, index) => index).sort((a, b) => adjacency[b]!.size - adjacency[a]!.size || a - b);
  const colours = new Array<number>(geometries.length).fill(-1);
  for (const index of order) {
    const taken = new Set([...adjacency[index]!].map((n) => colours[n]));
    let colour = 0;
    while (taken.has(colour) && colour < paletteSize - 1) colour++;
    colours[index] = colour;
  }
  return colours;
}
