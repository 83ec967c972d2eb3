import type { PlanningAreaDefinition, TerritoryFile } from './types';

/**
 * The planning area of a district with its figures: what every coverage headline, the total
 * row, the gap layer and the best sites are about. Areas outside it (Stadt Göttingen, with its
 * own youth office) are context on the map and never counted.
 */
export interface PlanningArea extends PlanningAreaDefinition {
  /** Inhabitants (Zensus 2022): the Sozialräume' sum, or the Kreis'. */
  einwohner: number;
  /** Ids of the Sozialräume inside it (all of them). */
  sozialraeume: string[];
  /** Ids of the outside areas with inhabitants that are not part of it (empty for "kreis"). */
  ausserhalb: string[];
}

export function planningAreaOf(territory: Pick<TerritoryFile, 'district' | 'sozialraeume' | 'ausserhalb' | 'kreis'>): PlanningArea {
  const definition = territory.district.planungsraum;
  const sozialraeume = territory.sozialraeume.features.map((feature) => feature.properties.id);
  const einwohner =
    definition.umfang === 'kreis'
      ? territory.kreis.properties.einwohner
      : territory.sozialraeume.features.reduce((sum, feature) => sum + feature.properties.einwohner, 0);
  const ausserhalb = definition.umfang === 'kreis' ? [] : territory.ausserhalb.features.map((feature) => feature.properties.id);
  return { ...definition, einwohner, sozialraeume, ausserhalb };
}
