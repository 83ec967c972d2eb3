import { mean, sampleStandardDeviation } from 'simple-statistics';

/**
 * „Ähnliche Sozialräume“: the statistical nearest neighbours of an area on Kennzahlen the
 * planner chooses (as the ONS' "similar areas" do). Each Kennzahl is z-standardised over the
 * candidate areas that have a value (mean 0, sample standard deviation 1), so a share in per cent
 * and a count per 1,000 weigh alike; the distance is the root mean square of the differences.
 *
 * Honest about gaps: a Kennzahl the area itself has no value for, or that does not vary, is not
 * used (and said so); a candidate without a value for a used Kennzahl is not ranked but listed
 * with what it lacks. In the protected view a withheld value is a missing value, so no distance
 * ever rests on a figure the reader may not see.
 */

export interface SimilarInput {
  /** The chosen Kennzahlen, in the planner's order. */
  indicators: readonly { id: string; name: string }[];
  /** Every candidate area with its value per Kennzahl (null: none shown), the area itself among them. */
  areas: readonly { key: string; name: string; values: Readonly<Record<string, number | null>> }[];
  target: string;
  /** How many neighbours to return. */
  count: number;
}

export interface IndicatorContribution {
  id: string;
  name: string;
  /** |z(area) − z(neighbour)|: 0 means equal, 1 one standard deviation apart. */
  abstand: number;
}

export interface Neighbour {
  key: string;
  name: string;
  /** Root mean square of the standardised differences over the used Kennzahlen. */
  distanz: number;
  /** Used Kennzahlen, most alike first. */
  kennzahlen: IndicatorContribution[];
  /** The Kennzahlen that make it similar: within half a standard deviation. */
  aehnlichIn: string[];
}

export interface SimilarResult {
  used: { id: string; name: string; mittel: number; standardabweichung: number }[];
  unused: { id: string; name: string; grund: string }[];
  neighbours: Neighbour[];
  /** Candidates that could not be compared, with the Kennzahlen they have no value for. */
  notCompared: { key: string; name: string; fehlt: string[] }[];
}

/** Within this many standard deviations a Kennzahl counts as one that makes two areas similar. */
export const SIMILAR_WITHIN = 0.5;

export function similarAreas(input: SimilarInput): SimilarResult {
  const target = input.areas.find((area) => area.key === input.target);
  if (!target) throw new Error(`Unbekanntes Gebiet ${input.target}`);
  const used: SimilarResult['used'] = [];
  const unused: SimilarResult['unused'] = [];
  for (const indicator of input.indicators) {
    const present = input.areas.map((area) => area.values[indicator.id]).filter((value): value is number => value !== null && value !== undefined);
    if (target.values[indicator.id] === null || target.values[indicator.id] === undefined) {
      unused.push({ ...indicator, grund: `kein Wert für ${target.name}` });
    } else if (present.length < 3) {
      unused.push({ ...indicator, grund: 'weniger als drei Gebiete mit Wert' });
    } else {
      const sd = sampleStandardDeviation(present);
      if (sd === 0) unused.push({ ...indicator, grund: 'in allen Gebieten gleich' });
      else used.push({ ...indicator, mittel: mean(present), standardabweichung: sd });
    }
  }

  const z = (value: number, stats: SimilarResult['used'][number]) => (value - stats.mittel) / stats.standardabweichung;
  const neighbours: Neighbour[] = [];
  const notCompared: SimilarResult['notCompared'] = [];
  for (const area of input.areas) {
    if (area.key === target.key) continue;
    const lacking = used.filter((stats) => area.values[stats.id] === null || area.values[stats.id] === undefined);
    if (lacking.length > 0 || used.length === 0) {
      if (used.length > 0) notCompared.push({ key: area.key, name: area.name, fehlt: lacking.map((stats) => stats.name) });
      continue;
    }
    const kennzahlen = used
      .map((stats) => ({ id: stats.id, name: stats.name, abstand: Math.abs(z(target.values[stats.id]!, stats) - z(area.values[stats.id]!, stats)) }))
      .sort((a, b) => a.abstand - b.abstand || a.name.localeCompare(b.name, 'de'));
    const distanz = Math.sqrt(kennzahlen.reduce((sum, each) => sum + each.abstand ** 2, 0) / kennzahlen.length);
    neighbours.push({ key: area.key, name: area.name, distanz, kennzahlen, aehnlichIn: kennzahlen.filter((each) => each.abstand <= SIMILAR_WITHIN).map((each) => each.name) });
  }
  neighbours.sort((a, b) => a.distanz - b.distanz || a.name.localeCompare(b.name, 'de'));
  return { used, unused, neighbours: neighbours.slice(0, input.count), notCompared };
}
