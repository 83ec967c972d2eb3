import type { CoverageFacilityInput } from '../coverage/analysis';

/**
 * What-if scenarios of the coverage analysis: facilities that do not exist (yet) and real ones
 * switched off. A scenario is plain data, changed only by the pure functions below, and never
 * touches the real facilities: it is laid over them when the analysis runs.
 */

/** A facility that exists only in the scenario. */
export interface HypotheticalFacility {
  /** "hypothetisch-<nummer>"; never the id of a real facility. */
  id: string;
  /** Shown on the map and in the list ("Neu 1", "Neu 2", …). */
  nummer: number;
  /** WGS84 longitude/latitude. */
  lngLat: [number, number];
  /** Placed by the planner or taken over from a suggested site. */
  herkunft: 'gesetzt' | 'vorschlag';
}

export interface Scenario {
  hypothetical: readonly HypotheticalFacility[];
  /** Ids of real facilities that do not count in the scenario. */
  switchedOff: readonly string[];
}

export const EMPTY_SCENARIO: Scenario = Object.freeze({ hypothetical: Object.freeze([]), switchedOff: Object.freeze([]) });

export const HYPOTHETICAL_PREFIX = 'hypothetisch-';

export function isHypotheticalId(id: string): boolean {
  return id.startsWith(HYPOTHETICAL_PREFIX);
}

/** Whether the scenario differs from the real state. */
export function isScenarioActive(scenario: Scenario): boolean {
  return scenario.hypothetical.length > 0 || scenario.switchedOff.length > 0;
}

/**
 * Positions of hypothetical facilities are kept to 5 decimals (about 1 m), the precision the
 * address writes them with: a shared link then reproduces the figures exactly, since no cell
 * at the edge of a reach can fall in or out by rounding.
 */
const toMetre = (lngLat: readonly [number, number]): [number, number] => [Math.round(lngLat[0] * 1e5) / 1e5, Math.round(lngLat[1] * 1e5) / 1e5];

/** Adds a hypothetical facility; numbers keep counting up so a label is never reused. */
export function addHypothetical(
  scenario: Scenario,
  lngLat: readonly [number, number],
  herkunft: HypotheticalFacility['herkunft'] = 'gesetzt',
): { scenario: Scenario; added: HypotheticalFacility } {
  const nummer = scenario.hypothetical.reduce((max, facility) => Math.max(max, facility.nummer), 0) + 1;
  const added: HypotheticalFacility = { id: `${HYPOTHETICAL_PREFIX}${nummer}`, nummer, lngLat: toMetre(lngLat), herkunft };
  return { scenario: { ...scenario, hypothetical: [...scenario.hypothetical, added] }, added };
}

/** Moves a hypothetical facility; returns the same scenario when nothing changes. */
export function moveHypothetical(scenario: Scenario, id: string, lngLat: readonly [number, number]): Scenario {
  const index = scenario.hypothetical.findIndex((facility) => facility.id === id);
  const current = scenario.hypothetical[index];
  const moved = toMetre(lngLat);
  if (!current || (current.lngLat[0] === moved[0] && current.lngLat[1] === moved[1])) return scenario;
  const hypothetical = [...scenario.hypothetical];
  hypothetical[index] = { ...current, lngLat: moved };
  return { ...scenario, hypothetical };
}

export function removeHypothetical(scenario: Scenario, id: string): Scenario {
  if (!scenario.hypothetical.some((facility) => facility.id === id)) return scenario;
  return { ...scenario, hypothetical: scenario.hypothetical.filter((facility) => facility.id !== id) };
}

/** Switches a real facility off (or on again) in the scenario. */
export function setSwitchedOff(scenario: Scenario, id: string, off: boolean): Scenario {
  const isOff = scenario.switchedOff.includes(id);
  if (off === isOff || isHypotheticalId(id)) return scenario;
  return { ...scenario, switchedOff: off ? [...scenario.switchedOff, id] : scenario.switchedOff.filter((item) => item !== id) };
}

/**
 * The facilities the scenario's analysis counts: the real ones without those switched off,
 * plus the hypothetical ones as active facilities of the category. The input is not changed.
 */
export function scenarioFacilities(
  facilities: readonly CoverageFacilityInput[],
  scenario: Scenario,
  category: string,
): CoverageFacilityInput[] {
  const off = new Set(scenario.switchedOff);
  return [
    ...facilities.filter((facility) => !off.has(facility.id)),
    ...scenario.hypothetical.map(
      (facility): CoverageFacilityInput => ({ id: facility.id, category, status: 'in Betrieb', geloescht: false, lage: [...facility.lngLat] }),
    ),
  ];
}
