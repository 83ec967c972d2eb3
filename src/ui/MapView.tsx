import { useEffect, useRef } from 'react';
import { MapController } from '../map/MapController';
import { useAtlasStore } from '../state/atlasStore';
import { clearInitialView, pendingInitialView } from '../state/effects';
import { selectFilteredFacilities, useFacilityStore } from '../state/facilityStore';
import { useSessionStore } from '../state/sessionStore';
import { useTerritoryStore } from '../state/territoryStore';
import { toast } from '../state/toastStore';
import { errorMessage } from '../state/api';
import { formatFieldValue } from '../domain/resources/labels';
import { mayEditFacility } from './permissions';
import { bindCoverageMap } from './coverage/coverageMapData';

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

/** Moves a facility after a drag; the new Gemeinde/Sozialraum come back from the server. */
async function moveFacility(id: string, lngLat: [number, number]): Promise<void> {
  const store = useFacilityStore.getState();
  const facility = store.facilities.find((item) => item.id === id);
  if (!facility) return;
  const lage: [number, number] = [Number(lngLat[0].toFixed(6)), Number(lngLat[1].toFixed(6))];
  try {
    const moved = await store.perform({ kind: 'update', facilityId: id, changes: { lage } }, facility);
    if (!moved) return;
    const summary = useTerritoryStore.getState().summary;
    const sozialraum = moved.sozialraumId ? summary?.byKey.get(`sozialraum:${moved.sozialraumId}`)?.name : null;
    const gemeinde = useTerritoryStore.getState().territory?.gemeinden.features.find((f) => f.properties.ags === moved.gemeindeAgs)?.properties.name;
    toast.success(
      `„${moved.name}“ verschoben nach ${formatFieldValue('lage', moved.lage, [])}` +
        (gemeinde ? ` – Gemeinde ${gemeinde}${sozialraum ? `, Sozialraum ${sozialraum}` : ', außerhalb der Sozialräume'}` : ''),
      { label: 'Rückgängig', run: () => void useFacilityStore.getState().undo().catch((error) => toast.error(errorMessage(error))) },
    );
  } catch (error) {
    toast.error(errorMessage(error));
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
        onFacilityHover: (id) => useFacilityStore.getState().setHover(id),
        onFacilityClick: (id) => {
          const store = useFacilityStore.getState();
          // An open form stays open when the map is clicked beside a symbol.
          if (id === null && store.editingId !== null) return;
          store.select(id);
        },
        onPlaceFacility: (lngLat) => useFacilityStore.getState().placeDraft(lngLat),
        onCancelAdd: () => useFacilityStore.getState().cancelAdd(),
        onMoveFacility: moveFacility,
      },
      atlas.view,
    );
    window.sozialraumatlas = {
      project: (lngLat) => controller.project(lngLat),
      renderedSozialraumIds: () => controller.renderedSozialraumIds(),
      renderedFacilityIds: () => controller.renderedFacilityIds(),
    };
    const unbindCoverage = bindCoverageMap(controller);

    const showTerritory = async () => {
      const { territory } = useTerritoryStore.getState();
      if (!territory) return;
      const pending = pendingInitialView();
      const shown = await controller.setTerritory(territory, { fit: pending === null });
      if (!shown) return;
      // The map may have been created before the address was read: apply a shared view now.
      if (pending) controller.setView(pending);
      clearInitialView();
      controller.setSelection(useAtlasStore.getState().selection);
    };
    void showTerritory();
    controller.setLayerVisibility(atlas.layers);
    controller.setClickLevel(atlas.clickLevel);
    void controller.setBasemap(atlas.basemap);

    const updateDragPermission = () => {
      const user = useSessionStore.getState().user;
      const { territory } = useTerritoryStore.getState();
      if (!user || !territory) {
        controller.setDragPermission(null);
        return;
      }
      controller.setDragPermission((id) => {
        const store = useFacilityStore.getState();
        const facility = store.facilities.find((item) => item.id === id);
        // The facility open in the form moves through the form, so its save keeps one base version.
        return !!facility && !facility.geloescht && facility.id !== store.editingId && mayEditFacility(user, territory, facility.sozialraumId);
      });
    };
    const showFacilities = () => {
      const state = useFacilityStore.getState();
      void controller.setFacilityCategories(state.categories);
      void controller.setFacilities(state.status === 'ready' ? selectFilteredFacilities(state) : []);
      controller.setFacilitySelection(state.selectedId);
      controller.setFacilityHover(state.hoverId);
      controller.setAddMode(state.mode === 'add');
      controller.setDraft(state.draft);
    };
    showFacilities();
    updateDragPermission();

    const unsubscribeTerritory = useTerritoryStore.subscribe((state, previous) => {
      if (state.territory !== previous.territory) {
        void showTerritory();
        updateDragPermission();
      }
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
    const unsubscribeFacilities = useFacilityStore.subscribe((state, previous) => {
      showFacilities();
      if (state.focusRequest !== previous.focusRequest && state.selectedId) controller.focusFacility(state.selectedId);
    });
    const unsubscribeSession = useSessionStore.subscribe((state, previous) => {
      if (state.user !== previous.user) updateDragPermission();
    });
    return () => {
      unsubscribeTerritory();
      unsubscribeAtlas();
      unsubscribeFacilities();
      unsubscribeSession();
      unbindCoverage();
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
      aria-label="Karte der Sozialräume und Einrichtungen. Die Tabellen bieten dieselben Gebiete und Einrichtungen per Tastatur."
    />
  );
}
