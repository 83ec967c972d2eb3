// The benchmark's reference page (npm run bench -- erste-ansicht): MapLibre alone drawing the same
// territory as the atlas — the Sozialräume filled and outlined, the Kreis outline, the names with
// the same local glyphs — and nothing else. The atlas' first view is measured against it.
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import './page.css';

setWorkerUrl(workerUrl);

const district = new URLSearchParams(location.search).get('landkreis') ?? 'goettingen';
const territory = await (await fetch(`/data/territory/${district}.json`)).json();
const map = new MapLibreMap({
  container: 'map',
  bounds: territory.bbox,
  fitBoundsOptions: { padding: 56 },
  style: {
    version: 8,
    glyphs: `${location.origin}/fonts/{fontstack}/{range}.pbf`,
    sources: {
      sozialraeume: { type: 'geojson', data: territory.sozialraeume },
      kreis: { type: 'geojson', data: territory.kreis },
    },
    layers: [
      { id: 'hintergrund', type: 'background', paint: { 'background-color': '#f2f4f6' } },
      { id: 'flaeche', type: 'fill', source: 'sozialraeume', paint: { 'fill-color': '#cfe3f3', 'fill-opacity': 0.75 } },
      { id: 'linie', type: 'line', source: 'sozialraeume', paint: { 'line-color': '#4b5563', 'line-width': 1.2 } },
      { id: 'kreis', type: 'line', source: 'kreis', paint: { 'line-color': '#1f2933', 'line-width': 2.5 } },
      {
        id: 'namen',
        type: 'symbol',
        source: 'sozialraeume',
        layout: { 'text-field': ['get', 'name'], 'text-font': ['DejaVu Sans Bold'], 'text-size': 12 },
      },
    ],
  },
});
// The same signal the atlas gives when its map is drawn (MapController's container).
map.once('idle', () => {
  document.getElementById('map')!.dataset.mapReady = 'true';
});
