// The composition root of the main map: which layers it draws (in hit order) and how the stores
// reach them. Adding a layer to the map is one new module in src/map/layers/, its binding here in
// src/app/map/, and one more entry in `bindings` below.
import { MapController } from '../../map/MapController';
import { BasemapLayer } from '../../map/layers/basemap';
import type { MapModeRequest } from '../../map/modes/mode';
import { useAtlasStore } from '../../state/atlasStore';
import { useCoverageStore } from '../../state/coverageStore';
import { useFacilityStore } from '../../state/facilityStore';
import { usePrintStore } from '../../state/printStore';
import { useTerritoryStore } from '../../state/territoryStore';
import { followStores, type LayerBinding } from './binding';
import { coverageBinding } from './coverageBinding';
import { facilityBinding } from './facilityBinding';
import { indicatorBinding } from './indicatorBinding';
import { territoryBinding } from './territoryBinding';

declare global {
  interface Window {
    /** A small handle for end-to-end tests and the browser console; no MapLibre internals. */
    sozialraumatlas?: {
      project(lngLat: [number, number]): { x: number; y: number };
      renderedSozialraumIds(): string[];
      renderedFacilityIds(): string[];
    };
  }
}

function basemapBinding(): LayerBinding<BasemapLayer> {
  const layer = new BasemapLayer({
    onUnavailable: (_id, label) => {
      // The switch goes back to the offline map, so it shows what is drawn.
      useAtlasStore.getState().setBasemap('keine');
      useAtlasStore.getState().addNotices([`Die Hintergrundkarte „${label}“ ist nicht erreichbar (keine Verbindung?); angezeigt wird wieder die Offline-Karte.`]);
    },
  });
  return { layer, bind: () => followStores(() => layer.update(useAtlasStore.getState().basemap), [useAtlasStore]) };
}

/** Adding a facility, or a hypothetical one for the what-if; otherwise the map browses. */
function requestedMode(): MapModeRequest {
  if (useFacilityStore.getState().mode === 'add') {
    return {
      kind: 'place',
      id: 'add-facility',
      onPlace: (lngLat) => useFacilityStore.getState().placeDraft(lngLat),
      onCancel: () => useFacilityStore.getState().cancelAdd(),
    };
  }
  const coverage = useCoverageStore.getState();
  if (coverage.active && coverage.placing) {
    return {
      kind: 'place',
      id: 'place-hypothetical',
      onPlace: (lngLat) => useCoverageStore.getState().placeHypothetical(lngLat),
      onCancel: () => useCoverageStore.getState().stopPlacing(),
    };
  }
  return { kind: 'browse' };
}

/**
 * Creates the main map in `element` once the district's territory is loaded (so it opens at the
 * district instead of drawing an empty map first) and keeps it in step with the stores until the
 * returned function is called. React re-renders never rebuild the map or re-send its data.
 */
export function mountMainMap(element: HTMLElement): () => void {
  let unmount: (() => void) | null = null;
  let stopWaiting: (() => void) | null = null;
  const territory = useTerritoryStore.getState().territory;
  if (territory) {
    unmount = createMainMap(element, territory.bbox);
  } else {
    stopWaiting = useTerritoryStore.subscribe((state) => {
      if (!state.territory) return;
      stopWaiting?.();
      stopWaiting = null;
      unmount = createMainMap(element, state.territory.bbox);
    });
  }
  return () => {
    stopWaiting?.();
    unmount?.();
  };
}

function createMainMap(element: HTMLElement, districtBounds: readonly [number, number, number, number]): () => void {
  let controller: MapController | null = null;
  const coverage = coverageBinding();
  const facilities = facilityBinding();
  const territory = territoryBinding((view) => controller?.setView(view));
  // Topmost concern first: a click on a coverage mark wins over a facility symbol, which wins over an area.
  // The Kennzahlen choropleth has no hits of its own: clicks go through to the areas.
  const bindings: LayerBinding[] = [coverage, facilities, indicatorBinding(), territory, basemapBinding()];
  controller = new MapController(element, {
    layers: bindings.map((binding) => binding.layer),
    initialView: useAtlasStore.getState().view,
    initialBounds: districtBounds,
    onViewChange: (view) => useAtlasStore.getState().setView(view),
  });
  const map = controller;
  window.sozialraumatlas = {
    project: (lngLat) => map.project(lngLat),
    renderedSozialraumIds: () => territory.layer.renderedSozialraumIds(),
    renderedFacilityIds: () => facilities.layer.renderedFacilityIds(),
  };
  usePrintStore.getState().setCapture({ now: () => map.pictureNow(), sharp: (ratio) => map.picture(ratio) });
  const unbinders = [
    ...bindings.map((binding) => binding.bind()),
    followStores(() => map.setLayerVisibility(useAtlasStore.getState().layers), [useAtlasStore]),
    followStores(() => map.setMode(requestedMode()), [useFacilityStore, useCoverageStore]),
  ];
  return () => {
    for (const unbind of unbinders) unbind();
    delete window.sozialraumatlas;
    usePrintStore.getState().setCapture(null);
    map.destroy();
  };
}
