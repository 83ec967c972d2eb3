import type { MapSourceDataEvent, MapStyleDataEvent } from 'maplibre-gl';
import type { BasemapId } from '../../domain/atlasView';
import { BASEMAPS } from '../basemaps';
import { ANCHORS } from '../style';
import type { LayerContext, MapLayer } from './layer';

const BASEMAP_SOURCE = 'hintergrundkarte';
const BASEMAP_LAYER = 'hintergrundkarte';

export interface BasemapEvents {
  /** The chosen online map cannot be reached: it was taken off again, the offline map shows. */
  onUnavailable(id: BasemapId, label: string): void;
}

/**
 * An optional online background map below everything else. Nothing is requested from another
 * host until the user chooses one; "keine" removes it again. When its tiles cannot be loaded
 * (offline, the service down) before any tile arrived, it is taken off at once and the events
 * say so, so the planner is not left with a blank background and no word why.
 */
export class BasemapLayer implements MapLayer<BasemapId> {
  private context: LayerContext | null = null;
  private wanted: BasemapId = 'keine';
  private shown: BasemapId = 'keine';
  /** Tiles of the shown basemap that arrived: after one, a failing tile is a gap, not an outage. */
  private tilesLoaded = 0;

  constructor(private readonly events: BasemapEvents | null = null) {}

  add(context: LayerContext): void {
    this.context = context;
    context.map.on('error', this.onError);
    context.map.on('data', this.onData);
    this.apply();
  }

  update(id: BasemapId): void {
    this.wanted = id;
    if (this.context) this.apply();
  }

  destroy(): void {
    this.context?.map.off('error', this.onError);
    this.context?.map.off('data', this.onData);
    this.context = null;
  }

  private apply(): void {
    const map = this.context!.map;
    if (this.wanted === this.shown) return;
    this.shown = this.wanted;
    this.tilesLoaded = 0;
    if (map.getLayer(BASEMAP_LAYER)) map.removeLayer(BASEMAP_LAYER);
    if (map.getSource(BASEMAP_SOURCE)) map.removeSource(BASEMAP_SOURCE);
    const source = BASEMAPS.find((basemap) => basemap.id === this.wanted)?.source;
    if (!source) return;
    map.addSource(BASEMAP_SOURCE, source);
    map.addLayer({ id: BASEMAP_LAYER, type: 'raster', source: BASEMAP_SOURCE, paint: { 'raster-opacity': 0.85 } }, ANCHORS.basemap);
  }

  private readonly onData = (event: MapSourceDataEvent | MapStyleDataEvent): void => {
    if (event.dataType === 'source' && event.sourceId === BASEMAP_SOURCE && event.tile) this.tilesLoaded++;
  };

  /** Tile errors name their source (not in MapLibre's type of the event). */
  private readonly onError = (event: object): void => {
    if ((event as { sourceId?: string }).sourceId !== BASEMAP_SOURCE || this.shown === 'keine' || this.tilesLoaded > 0) return;
    const failed = this.shown;
    const label = BASEMAPS.find((basemap) => basemap.id === failed)?.label ?? failed;
    this.wanted = 'keine';
    this.apply();
    this.events?.onUnavailable(failed, label);
  };
}
