import type { GeoJSONSource, LayerSpecification } from 'maplibre-gl';
import type { FeatureCollection, Point } from 'geojson';
import type { Choropleth } from '../../domain/indicators/choropleth';
import {
  HATCH_IMAGE,
  hatchImage,
  INDICATOR_AREA_SOURCES,
  INDICATOR_MARKS_LAYER,
  INDICATOR_SOURCE,
  indicatorLayerIds,
  indicatorLayers,
  indicatorMarksLayer,
  type IndicatorAreaSource,
} from '../indicatorLayers';
import { SOURCES } from '../territoryLayers';
import type { LayerContext, MapLayer } from './layer';

export interface IndicatorMapData {
  /** The Kennzahl and date shown, for tests and the container's attributes. */
  key: string;
  /** The territory source whose areas the choropleth colours. */
  source: IndicatorAreaSource;
  choropleth: Choropleth;
  /** „•“ at withheld areas, „–“ at missing ones, „◆“ under the validity threshold (at the areas' label points). */
  marks: FeatureCollection<Point, { id: string; text: string }>;
}

const empty = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });

/**
 * The Kennzahlen choropleth on the main map. `update(null)` hides it; `update(data)` sets the
 * Sozialräume's feature-state (colour, status, validity) and the marks. Added once the
 * territory's Sozialraum source exists, like the coverage choropleth.
 */
export class IndicatorLayer implements MapLayer<IndicatorMapData | null> {
  private context: LayerContext | null = null;
  private added = false;
  private data: IndicatorMapData | null = null;
  private sent: IndicatorMapData | null = null;
  private stated: { source: IndicatorAreaSource; ids: string[] } | null = null;

  add(context: LayerContext): void {
    this.context = context;
    this.refresh();
  }

  refresh(): void {
    const context = this.context;
    if (!context || this.added || !context.map.getSource(SOURCES.sozialraeume) || !context.map.getSource(SOURCES.gemeinden) || !this.data) return;
    this.added = true;
    const { map } = context;
    if (!map.hasImage(HATCH_IMAGE)) {
      const ratio = Math.max(1, Math.round(window.devicePixelRatio || 1));
      map.addImage(HATCH_IMAGE, hatchImage(ratio), { pixelRatio: ratio });
    }
    if (!map.getSource(INDICATOR_SOURCE)) map.addSource(INDICATOR_SOURCE, { type: 'geojson', data: empty() });
    for (const { layer, beforeId } of [...INDICATOR_AREA_SOURCES.flatMap(indicatorLayers), indicatorMarksLayer()]) {
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
      const { source, ids } = this.stated;
      for (const id of ids) map.setFeatureState({ source, id }, { kennzahlStatus: null, kennzahlFarbe: null, kennzahlUnsicher: false });
    }
    this.stated = null;
    if (data) {
      for (const area of data.choropleth.areas) {
        map.setFeatureState({ source: data.source, id: area.id }, { kennzahlStatus: area.status, kennzahlFarbe: area.colour, kennzahlUnsicher: area.unsicher });
      }
      this.stated = { source: data.source, ids: data.choropleth.areas.map((area) => area.id) };
    }
    map.getSource<GeoJSONSource>(INDICATOR_SOURCE)?.setData(data ? data.marks : empty());
    const show = (id: string, shown: boolean) => {
      if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', shown ? 'visible' : 'none');
    };
    for (const source of INDICATOR_AREA_SOURCES) for (const id of Object.values(indicatorLayerIds(source))) show(id, data?.source === source);
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
