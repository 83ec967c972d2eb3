import type { DataLevel } from './catalog';

/**
 * The areas a Kennzahl is shown for, as one tree: Gemeinde → Sozialraum → Sozialregion →
 * planning area → Kreis, with the areas outside the Sozialraum system (Stadt Göttingen) as
 * children of the Kreis beside the planning area. Aggregation walks it bottom-up; secondary
 * suppression reads its sums as equations.
 */

export const AREA_LEVELS = ['gemeinde', 'sozialraum', 'ausserhalb', 'sozialregion', 'planungsraum', 'kreis'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

/** How far up a level is: values collected at one tier are summed into the tiers above. */
const TIER: Record<AreaLevel, number> = { gemeinde: 0, sozialraum: 1, ausserhalb: 1, sozialregion: 2, planungsraum: 3, kreis: 4 };
const DATA_TIER: Record<DataLevel, number> = { gemeinde: 0, sozialraum: 1, kreis: 4 };

export const tierOf = (level: AreaLevel): number => TIER[level];
export const dataTierOf = (level: DataLevel): number => DATA_TIER[level];

export interface AreaNode {
  /** `${level}:${id}`, unique in the district: "gemeinde:03159001", "sozialraum:adelebsen". */
  key: string;
  level: AreaLevel;
  /** AGS for Gemeinden and the Kreis, the definition's id otherwise, "planungsraum" for the planning area. */
  id: string;
  name: string;
  /** Zensus 2022 (from the territory): decides the validity note. */
  einwohner: number;
  children: string[];
  parent: string | null;
}

export interface AreaHierarchy {
  district: string;
  /** In tier order, children before their parents. */
  nodes: ReadonlyMap<string, AreaNode>;
  kreisKey: string;
  planningAreaKey: string;
  /** Whether the planning area is the whole Kreis (then Kreis figures are its figures too). */
  planningAreaIsKreis: boolean;
  /** Areas with fewer inhabitants carry the validity note on their rates. */
  validityThreshold: number;
}

interface Collection<P> {
  features: readonly { properties: P }[];
}

/**
 * What the hierarchy needs of a territory file (public/data/territory/<id>.json): the
 * properties only, so tests can build one without geometry.
 */
export interface HierarchySource {
  district: {
    id: string;
    name: string;
    kreisAgs: string;
    validityThreshold: { einwohner: number };
    /** The district's planning area, where district.json names one; otherwise its Sozialräume. */
    planungsraum?: { umfang: 'sozialraeume' | 'kreis'; name: string };
  };
  gemeinden: Collection<{ ags: string; name: string; einwohner: number; sozialraumId: string | null; ausserhalbId: string | null }>;
  sozialraeume: Collection<{ id: string; name: string; sozialregionId: string | null; einwohner: number }>;
  sozialregionen: Collection<{ id: string; name: string; einwohner: number }>;
  ausserhalb: Collection<{ id: string; name: string; kind: 'ausserhalb' | 'gemeindefrei'; einwohner: number }>;
  kreis: { properties: { ags: string; name: string; einwohner: number } };
}

export const areaKey = (level: AreaLevel, id: string): string => `${level}:${id}`;

/**
 * Whether the planning area is the whole Kreis or only its Sozialräume: the one place that
 * decides it, from district.json's planungsraum where present.
 */
export function planningAreaScope(source: HierarchySource): 'sozialraeume' | 'kreis' {
  return source.district.planungsraum?.umfang ?? 'sozialraeume';
}

export function buildHierarchy(source: HierarchySource): AreaHierarchy {
  const nodes = new Map<string, AreaNode>();
  const add = (level: AreaLevel, id: string, name: string, einwohner: number) => {
    const node: AreaNode = { key: areaKey(level, id), level, id, name, einwohner, children: [], parent: null };
    nodes.set(node.key, node);
    return node;
  };
  const link = (parent: AreaNode, childKey: string) => {
    const child = nodes.get(childKey);
    if (!child) return;
    parent.children.push(childKey);
    child.parent = parent.key;
  };

  for (const { properties: g } of source.gemeinden.features) add('gemeinde', g.ags, g.name, g.einwohner);
  for (const { properties: s } of source.sozialraeume.features) add('sozialraum', s.id, s.name, s.einwohner);
  // Unincorporated areas have no municipality and so no municipal figures: they stay out.
  const outside = source.ausserhalb.features.filter(({ properties }) => properties.kind === 'ausserhalb');
  for (const { properties: o } of outside) add('ausserhalb', o.id, o.name, o.einwohner);
  for (const { properties: g } of source.gemeinden.features) {
    const parentKey = g.sozialraumId ? areaKey('sozialraum', g.sozialraumId) : g.ausserhalbId ? areaKey('ausserhalb', g.ausserhalbId) : null;
    const parent = parentKey ? nodes.get(parentKey) : undefined;
    if (parent) link(parent, areaKey('gemeinde', g.ags));
  }
  for (const { properties: r } of source.sozialregionen.features) add('sozialregion', r.id, r.name, r.einwohner);
  for (const { properties: s } of source.sozialraeume.features) {
    const region = s.sozialregionId ? nodes.get(areaKey('sozialregion', s.sozialregionId)) : undefined;
    if (region) link(region, areaKey('sozialraum', s.id));
  }

  const scope = planningAreaScope(source);
  const sozialraeumeEinwohner = source.sozialraeume.features.reduce((sum, { properties }) => sum + properties.einwohner, 0);
  const planning = add(
    'planungsraum',
    'planungsraum',
    source.district.planungsraum?.name ?? `${source.sozialraeume.features.length} Sozialräume`,
    scope === 'kreis' ? source.kreis.properties.einwohner : sozialraeumeEinwohner,
  );
  const top = source.sozialregionen.features.length > 0 ? source.sozialregionen.features.map(({ properties }) => areaKey('sozialregion', properties.id)) : [];
  const unassigned = source.sozialraeume.features
    .filter(({ properties }) => !properties.sozialregionId || !nodes.has(areaKey('sozialregion', properties.sozialregionId)))
    .map(({ properties }) => areaKey('sozialraum', properties.id));
  for (const key of [...top, ...unassigned]) link(planning, key);
  const outsideKeys = outside.map(({ properties }) => areaKey('ausserhalb', properties.id));
  if (scope === 'kreis') for (const key of outsideKeys) link(planning, key);

  const kreis = add('kreis', source.kreis.properties.ags, source.kreis.properties.name, source.kreis.properties.einwohner);
  link(kreis, planning.key);
  if (scope !== 'kreis') for (const key of outsideKeys) link(kreis, key);

  const planningGemeinden = gemeindenBelow(nodes, planning.key).length;
  return {
    district: source.district.id,
    nodes,
    kreisKey: kreis.key,
    planningAreaKey: planning.key,
    planningAreaIsKreis: planningGemeinden === source.gemeinden.features.length,
    validityThreshold: source.district.validityThreshold.einwohner,
  };
}

function gemeindenBelow(nodes: ReadonlyMap<string, AreaNode>, key: string): string[] {
  const node = nodes.get(key);
  if (!node) return [];
  if (node.level === 'gemeinde') return [node.key];
  return node.children.flatMap((child) => gemeindenBelow(nodes, child));
}

/** The areas of one level in the hierarchy's order. */
export function areasOf(hierarchy: AreaHierarchy, level: AreaLevel): AreaNode[] {
  return [...hierarchy.nodes.values()].filter((node) => node.level === level);
}

/** The node of a key; throws for a key the hierarchy does not have (a programming error). */
export function nodeOf(hierarchy: AreaHierarchy, key: string): AreaNode {
  const node = hierarchy.nodes.get(key);
  if (!node) throw new Error(`Unbekanntes Gebiet ${key}`);
  return node;
}

/** The Sozialregion a Sozialraum belongs to (for "show the region's value instead"), or null. */
/** The ids of the Sozialräume an area consists of (itself for a Sozialraum; none below a Gemeinde). */
export function sozialraeumeBelow(hierarchy: AreaHierarchy, node: AreaNode): string[] {
  if (node.level === 'sozialraum') return [node.id];
  return node.children.flatMap((child) => sozialraeumeBelow(hierarchy, nodeOf(hierarchy, child)));
}

export function regionOf(hierarchy: AreaHierarchy, key: string): AreaNode | null {
  const node = hierarchy.nodes.get(key);
  const parent = node?.parent ? hierarchy.nodes.get(node.parent) : undefined;
  return parent?.level === 'sozialregion' ? parent : null;
}

/** The levels values of a data level are stored at: a Sozialraum-level Kennzahl also takes the outside areas. */
export function storedLevels(level: DataLevel): AreaLevel[] {
  return level === 'sozialraum' ? ['sozialraum', 'ausserhalb'] : [level];
}

/** Below the validity threshold: rates of this area carry the note. The Kreis and planning area never do. */
export function belowValidity(hierarchy: AreaHierarchy, node: AreaNode): boolean {
  return tierOf(node.level) < tierOf('planungsraum') && node.einwohner < hierarchy.validityThreshold;
}
