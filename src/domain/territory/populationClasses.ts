/** Population classes of municipalities as in the legend of the Landkreis Göttingen slide. */
export interface PopulationClass {
  id: string;
  /** Inclusive lower bound. */
  min: number;
  /** Exclusive upper bound. */
  max: number;
  label: string;
}

export const GEMEINDE_POPULATION_CLASSES: readonly PopulationClass[] = [
  { id: 'bis-5000', min: 0, max: 5_000, label: '0 bis 5.000' },
  { id: 'bis-20000', min: 5_000, max: 20_000, label: '5.000 bis 20.000' },
  { id: 'bis-100000', min: 20_000, max: 100_000, label: '20.000 bis 100.000' },
  { id: 'bis-500000', min: 100_000, max: 500_000, label: '100.000 bis 500.000' },
];

/** The class a population falls into; values at a boundary belong to the upper class. */
export function populationClassOf(einwohner: number): PopulationClass | null {
  return GEMEINDE_POPULATION_CLASSES.find((c) => einwohner >= c.min && einwohner < c.max) ?? null;
}
