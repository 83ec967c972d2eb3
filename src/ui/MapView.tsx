import { useEffect, useRef } from 'react';
import { MapController } from '../map/MapController';
import { useAtlasStore } from '../state/atlasStore';
import { clearInitialView, pendingInitialView } from '../state/effects';
import { useTerritoryStore } from '../state/territoryStore';

declare global {
  interface Window {
    /** A small handle for end-to-end tests and the browser console; no MapLibre internals. */
    sozialraumatlas?: {
      project(lngLat: [number, number]): { x: number; y: number };
      renderedSozialraumIds(): string[];
    };
  }
}

/**
 * Hosts the map. The controller is created once; store changes reach it through
 * subscriptions so React re-renders never rebuild or re-send map data.
 */
export function MapView() {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const atlas = useAtlasStore.getState();
    const controller = new MapController(
      element,
      {
        onHover: (ref) => useAtlasStore.getState().setHover(ref),
        onClick: (ref) => useAtlasStore.getState().select(ref),
        onViewChange: (view) => useAtlasStore.getState().setView(view),
      },
      atlas.view,
    );
    window.sozialraumatlas = {
      project: (lngLat) => controller.project(lngLat),
      renderedSozialraumIds: () => controller.renderedSozialraumIds(),
    };

    const showTerritory = async () => {
      const { territory } = useTerritoryStore.getState();
      if (!territory) return;
      const shown = await controller.setTerritory(territory, { fit: pendingInitialView() === null });
      if (!shown) return;
      clearInitialView();
      controller.setSelection(useAtlasStore.getState().selection);
    };
    void showTerritory();
    controller.setLayerVisibility(atlas.layers);
    controller.setClickLevel(atlas.clickLevel);
    void controller.setBasemap(atlas.basemap);

    const unsubscribeTerritory = useTerritoryStore.subscribe((state, previous) => {
      if (state.territory !== previous.territory) void showTerritory();
    });
    const unsubscribeAtlas = useAtlasStore.subscribe((state, previous) => {
      if (state.selection !== previous.selection) controller.setSelection(state.selection);
      if (state.hover !== previous.hover) controller.setHover(state.hover);
      if (state.layers !== previous.layers) controller.setLayerVisibility(state.layers);
      if (state.clickLevel !== previous.clickLevel) controller.setClickLevel(state.clickLevel);
      if (state.basemap !== previous.basemap) void controller.setBasemap(state.basemap);
      if (state.focusRequest !== previous.focusRequest) {
        if (state.selection) controller.focusArea(state.selection);
        else controller.fitDistrict();
      }
    });
    return () => {
      unsubscribeTerritory();
      unsubscribeAtlas();
      delete window.sozialraumatlas;
      controller.destroy();
    };
  }, []);

  return (
    <div
      ref={container}
      className="map"
      data-testid="map"
      role="region"
      aria-label="Karte der Sozialräume. Die Tabelle bietet dieselben Gebiete per Tastatur."
    />
  );
}
