import type { GeoJSONSource, LayerSpecification } from 'maplibre-gl';
import type { FeatureCollection, Point } from 'geojson';
import type { Choropleth } from '../../domain/indicators/choropleth';
import {
  HATCH_IMAGE,
  hatchImage,
  INDICATOR_AREA_LEVELS,
  INDICATOR_MARKS_LAYER,
  INDICATOR_SOURCE,
  indicatorLayerIds,
  indicatorLayers,
  indicatorMarksLayer,
  type IndicatorAreaLevel,
} from '../indicatorLayers';
import { TERRITORY_SOURCE, territoryFeatureId } from '../territoryLayers';
import type { LayerContext, MapLayer } from './layer';

export interface IndicatorMapData {
  /** The Kennzahl and date shown, for tests and the container's attributes. */
  key: string;
  /** The level of the territory whose areas the choropleth colours. */
  level: IndicatorAreaLevel;
  choropleth: Choropleth;
  /** „•“ at withheld areas, „–“ at missing ones, „◆“ under the validity threshold (at the areas' label points). */
  marks: FeatureCollection<Point, { id: string; text: string }>;
}

const empty = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });

/**
 * The Kennzahlen choropleth on the main map. `update(null)` hides it; `update(data)` sets the
 * Sozialräume's feature-state (colour, status, validity) and the marks. Added once the
 * territory source exists, like the coverage choropleth.
 */
export class IndicatorLayer implements MapLayer<IndicatorMapData | null> {
  private context: LayerContext | null = null;
  private added = false;
  private data: IndicatorMapData | null = null;
  private sent: IndicatorMapData | null = null;
  private stated: { level: IndicatorAreaLevel; ids: string[] } | null = null;

  add(context: LayerContext): void {
    this.context = context;
    this.refresh();
  }

  refresh(): void {
    const context = this.context;
    if (!context || this.added || !context.map.getSource(TERRITORY_SOURCE) || !this.data) return;
    this.added = true;
    const { map } = context;
    if (!map.hasImage(HATCH_IMAGE)) {
      const ratio = Math.max(1, Math.round(window.devicePixelRatio || 1));
      map.addImage(HATCH_IMAGE, hatchImage(ratio), { pixelRatio: ratio });
    }
    if (!map.getSource(INDICATOR_SOURCE)) map.addSource(INDICATOR_SOURCE, { type: 'geojson', data: empty() });
    for (const { layer, beforeId } of [...INDICATOR_AREA_LEVELS.flatMap(indicatorLayers), indicatorMarksLayer()]) {
      if (map.getLayer(layer.id)) continue;
      map.addLayer({ ...layer, layout: { ...layer.layout, visibility: 'none' } } as LayerSpecification, map.getLayer(beforeId) ? beforeId : undefined);
    }
    this.apply();
  }

  update(data: IndicatorMapData | null): void {
    this.data = data;
    if (!this.added) this.refresh();
    else this.apply();
  }

  destroy(): void {
    this.context = null;
  }

  private apply(): void {
    const context = this.context;
    if (!context) return;
    const { map, container } = context;
    const data = this.data;
    if (data === this.sent) return;
    this.sent = data;
    if (this.stated) {
      const { level, ids } = this.stated;
      for (const id of ids) map.setFeatureState({ source: TERRITORY_SOURCE, id: territoryFeatureId(level, id) }, { kennzahlStatus: null, kennzahlFarbe: null, kennzahlUnsicher: false });
    }
    this.stated = null;
    if (data) {
      for (const area of data.choropleth.areas) {
        map.setFeatureState({ source: TERRITORY_SOURCE, id: territoryFeatureId(data.level, area.id) }, { kennzahlStatus: area.status, kennzahlFarbe: area.colour, kennzahlUnsicher: area.unsicher });
      }
      this.stated = { level: data.level, ids: data.choropleth.areas.map((area) => area.id) };
    }
    map.getSource<GeoJSONSource>(INDICATOR_SOURCE)?.setData(data ? data.marks : empty());
    const show = (id: string, shown: boolean) => {
      if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', shown ? 'visible' : 'none');
    };
    for (const level of INDICATOR_AREA_LEVELS) for (const id of Object.values(indicatorLayerIds(level))) show(id, data?.level === level);
    show(INDICATOR_MARKS_LAYER, data !== null);
    if (data) {
      container.dataset.indicator = data.key;
      container.dataset.indicatorWithheld = String(data.choropleth.withheld);
    } else {
      delete container.dataset.indicator;
      delete container.dataset.indicatorWithheld;
    }
  }
}
