import type { CoverageLayerGroup } from '../../domain/coverageView/mapSources';
import type { Box } from '../../domain/geo/labelPlacement';
import type { TerritoryFile } from '../../domain/territory/types';
import { CoveragePresentationMap, type MapSnapshot } from '../../map/CoveragePresentationMap';
import type { RenderedLabel } from '../../map/presentationLabels';
import { useCoverageStore } from '../../state/coverageStore';
import { useFacilityStore } from '../../state/facilityStore';
import { coverageMapData } from './coverageMapData';

declare global {
  interface Window {
    /** The Kreistag map for end-to-end tests: where a place is drawn, which gap squares are. */
    sozialraumatlasPresentation?: {
      project(lngLat: [number, number]): { x: number; y: number };
      renderedGapSquareIds(): string[];
      /** The area names as placed (CSS pixels of the map) and the ids of those drawn now. */
      placedLabels(): RenderedLabel[];
      renderedLabelIds(): string[];
    };
  }
}

/** The council map shows the gaps, not the planner's reach circles. */
const PRESENTATION_LAYERS: Record<CoverageLayerGroup, boolean> = { anteil: true, luecken: true, reichweite: false };

export interface PresentationMapHandle {
  /** The drawn map with what a legend needs, once everything is drawn (for the PNG). */
  snapshot(): Promise<MapSnapshot>;
  unmount(): void;
}

/**
 * Creates the Kreistag view's own map in `element` and keeps it in step with the analysis.
 * `reserved`: what the picture draws over a map of that size, kept clear of names.
 */
export function mountPresentationMap(element: HTMLElement, territory: TerritoryFile, reserved: (width: number, height: number) => Box[]): PresentationMapHandle {
  const map = new CoveragePresentationMap(element, territory, useFacilityStore.getState().categories, reserved);
  const show = () => void map.update(coverageMapData(PRESENTATION_LAYERS));
  show();
  const unsubscribe = useCoverageStore.subscribe((state, previous) => {
    if (state.analysis !== previous.analysis || state.scenarios !== previous.scenarios || state.categoryId !== previous.categoryId) show();
  });
  window.sozialraumatlasPresentation = {
    project: (lngLat) => map.project(lngLat),
    renderedGapSquareIds: () => map.renderedGapSquareIds(),
    placedLabels: () => map.placedLabels(),
    renderedLabelIds: () => map.renderedLabelIds(),
  };
  return {
    snapshot: () => map.snapshot(),
    unmount() {
      unsubscribe();
      delete window.sozialraumatlasPresentation;
      map.destroy();
    },
  };
}
