import type { RasterSourceSpecification } from 'maplibre-gl';
import type { BasemapId } from '../domain/atlasView';

/**
 * Optional online backgrounds. None is part of the default style: the atlas makes no request
 * to another host until the user switches one on.
 */
export interface Basemap {
  id: BasemapId;
  label: string;
  source: RasterSourceSpecification | null;
}

export const BASEMAPS: readonly Basemap[] = [
  { id: 'keine', label: 'Keine (offline)', source: null },
  {
    id: 'basemapde',
    label: 'basemap.de (online)',
    source: {
      type: 'raster',
      tiles: [
        'https://sgx.geodatenzentrum.de/wmts_basemapde/tile/1.0.0/de_basemapde_web_raster_grau/default/GLOBAL_WEBMERCATOR/{z}/{y}/{x}.png',
      ],
      tileSize: 256,
      maxzoom: 18,
      attribution: 'Hintergrund: © basemap.de / BKG (CC BY 4.0)',
    },
  },
  {
    id: 'osm',
    label: 'OpenStreetMap (online)',
    source: {
      type: 'raster',
      tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
      tileSize: 256,
      maxzoom: 19,
      attribution: 'Hintergrund: © OpenStreetMap-Mitwirkende (ODbL)',
    },
  },
];

export function isBasemapId(value: string): value is BasemapId {
  return BASEMAPS.some((basemap) => basemap.id === value);
}
