import type { Feature, Point, Position } from 'geojson';
import { choropleth } from '../../domain/indicators/choropleth';
import type { TerritoryFile } from '../../domain/territory/types';
import { IndicatorLayer, type IndicatorMapData } from '../../map/layers/indicator';
import { useIndicatorStore } from '../../state/indicatorStore';
import { useTerritoryStore } from '../../state/territoryStore';
import { followStores, type LayerBinding } from './binding';

/** The Kennzahlen choropleth of the open tab on the main map (Sozialräume or Gemeinden; hidden while the tab is closed). */
export function indicatorBinding(): LayerBinding<IndicatorLayer> {
  const layer = new IndicatorLayer();
  let labelsOf: { territory: TerritoryFile; points: Map<string, Position> } | null = null;
  let last: { key: unknown[]; data: IndicatorMapData | null } | null = null;

  const pointsOf = (territory: TerritoryFile) => {
    if (labelsOf?.territory !== territory) {
      // Sozialräume by id and Gemeinden by AGS: the ids of the two sources never collide.
      labelsOf = {
        territory,
        points: new Map([
          ...territory.sozialraeume.features.map((feature): [string, Position] => [feature.properties.id, feature.properties.labelPoint]),
          ...territory.gemeinden.features.map((feature): [string, Position] => [feature.properties.ags, feature.properties.labelPoint]),
        ]),
      };
    }
    return labelsOf.points;
  };

  const compute = (): IndicatorMapData | null => {
    const { active, values, method } = useIndicatorStore.getState();
    const territory = useTerritoryStore.getState().territory;
    const response = values.data;
    if (!active || !territory || !response || (response.ebene !== 'sozialraum' && response.ebene !== 'gemeinde')) return null;
    const classes = choropleth(response, method);
    const points = pointsOf(territory);
    const marks: Feature<Point, { id: string; text: string }>[] = classes.areas.flatMap((area) => {
      const point = points.get(area.id);
      // „◆“ as in the Sozialräume table: a rate of an area under the validity threshold.
      const text = area.status === 'geheim' ? '•' : area.status === 'fehlt' ? '–' : area.unsicher ? '◆' : null;
      if (!point || text === null) return [];
      return [{ type: 'Feature', properties: { id: area.id, text }, geometry: { type: 'Point', coordinates: point } }];
    });
    return { key: `${response.kennzahl.id}|${response.stichtag}|${response.ansicht}`, level: response.ebene, choropleth: classes, marks: { type: 'FeatureCollection', features: marks } };
  };

  const send = () => {
    const { active, values, method } = useIndicatorStore.getState();
    const key = [active, values.data, method, useTerritoryStore.getState().territory];
    // Same inputs, same object: the layer compares by identity.
    if (!last || key.some((part, index) => part !== last!.key[index])) last = { key, data: compute() };
    layer.update(last.data);
  };

  return { layer, bind: () => followStores(send, [useIndicatorStore, useTerritoryStore]) };
}
