import type { BasemapId } from '../../domain/atlasView';
import { BASEMAPS } from '../basemaps';
import { ANCHORS } from '../style';
import type { LayerContext, MapLayer } from './layer';

const BASEMAP_SOURCE = 'hintergrundkarte';
const BASEMAP_LAYER = 'hintergrundkarte';

/**
 * An optional online background map below everything else. Nothing is requested from another
 * host until the user chooses one; "keine" removes it again.
 */
export class BasemapLayer implements MapLayer<BasemapId> {
  private context: LayerContext | null = null;
  private wanted: BasemapId = 'keine';
  private shown: BasemapId = 'keine';

  add(context: LayerContext): void {
    this.context = context;
    this.apply();
  }

  update(id: BasemapId): void {
    this.wanted = id;
    if (this.context) this.apply();
  }

  destroy(): void {
    this.context = null;
  }

  private apply(): void {
    const map = this.context!.map;
    if (this.wanted === this.shown) return;
    this.shown = this.wanted;
    if (map.getLayer(BASEMAP_LAYER)) map.removeLayer(BASEMAP_LAYER);
    if (map.getSource(BASEMAP_SOURCE)) map.removeSource(BASEMAP_SOURCE);
    const source = BASEMAPS.find((basemap) => basemap.id === this.wanted)?.source;
    if (!source) return;
    map.addSource(BASEMAP_SOURCE, source);
    map.addLayer({ id: BASEMAP_LAYER, type: 'raster', source: BASEMAP_SOURCE, paint: { 'raster-opacity': 0.85 } }, ANCHORS.basemap);
  }
}
