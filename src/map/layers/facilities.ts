import type { GeoJSONSource, MapMouseEvent } from 'maplibre-gl';
import type { FacilityCategory } from '../../domain/facilities/catalog';
import type { Facility } from '../../domain/facilities/schema';
import { DRAFT_ICON, PIXEL_RATIO, SYMBOL_RADIUS, renderDraftIcon, renderIconFor } from '../facilityIcons';
import {
  FACILITY_LAYER_IDS,
  FACILITY_LAYERS,
  FACILITY_SOURCES,
  FOCUS_ZOOM,
  draftMark,
  facilityFeature,
  facilityLayers,
  facilitySource,
  facilitySourceData,
  iconScaleAt,
  markFeature,
  symbolFilter,
  type MarkFeatureProperties,
} from '../facilityLayers';
import { enableFacilityDrag } from '../modes/dragFacility';
import { PANEL_WIDTH, type LayerContext, type LayerHit, type MapLayer } from './layer';

export interface FacilityLayerData {
  categories: readonly FacilityCategory[];
  /** The facilities to draw (the current filter); deleted ones are left out. */
  facilities: readonly Facility[];
  selectedId: string | null;
  /** Hovered from outside the map (the table). */
  hoverId: string | null;
  /** Where the facility being added is (null: none). */
  draft: [number, number] | null;
  /** Which facilities the user may drag (null: none). */
  canDrag: ((id: string) => boolean) | null;
}

export interface FacilityLayerEvents {
  onHover(id: string | null): void;
  /** A click on a facility symbol in browse mode (null: a click that hit no facility). */
  onClick(id: string | null): void;
  /** A facility was dragged to a new place; the promise settles when the server answered. */
  onMove(id: string, lngLat: [number, number]): Promise<void>;
}

type FacilityTarget = { kind: 'facility'; id: string } | { kind: 'cluster'; clusterId: number; center: [number, number] };
type FacilityHit = LayerHit & FacilityTarget;

const EMPTY: FacilityLayerData = { categories: [], facilities: [], selectedId: null, hoverId: null, draft: null, canDrag: null };

/**
 * The resource map's facilities: one clustered source with a symbol per category, and a small
 * unclustered overlay (hovered, selected, dragged, new) above it, so these show even inside a
 * cluster and never need a re-send of all facilities.
 */
export class FacilityLayer implements MapLayer<FacilityLayerData> {
  readonly groups = { einrichtungen: FACILITY_LAYERS };
  private context: LayerContext | null = null;
  private data: FacilityLayerData = EMPTY;
  private sent: FacilityLayerData | null = null;
  private facilityById = new Map<string, Facility>();
  private facilitiesIndexed: readonly Facility[] | null = null;
  private hoveredId: string | null = null;
  /** The facility being dragged (or saved after a drag) and where it is now. */
  private moving: { id: string; lngLat: [number, number] } | null = null;
  private disableDrag: (() => void) | null = null;
  /** The symbol images drawn so far (drawn when the map first needs them). */
  private readonly images = new Set<string>();

  constructor(private readonly events: FacilityLayerEvents) {}

  /**
   * The symbols follow once the areas are drawn: on software WebGL every source and frame before
   * the first complete picture delays it, and the areas are what a planner looks at first.
   */
  add(context: LayerContext): void {
    context.map.once('idle', () => this.addNow(context));
  }

  private addNow(context: LayerContext): void {
    this.context = context;
    const { map } = context;
    map.on('styleimagemissing', this.addMissingImage);
    if (!map.hasImage(DRAFT_ICON)) map.addImage(DRAFT_ICON, renderDraftIcon(), { pixelRatio: PIXEL_RATIO });
    map.addSource(FACILITY_SOURCES.facilities, facilitySource(facilitySourceData([])));
    map.addSource(FACILITY_SOURCES.marks, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    for (const { layer, beforeId } of facilityLayers()) map.addLayer(layer, beforeId);
    this.apply();
  }

  update(data: FacilityLayerData): void {
    this.data = data;
    if (data.facilities !== this.facilitiesIndexed) {
      this.facilitiesIndexed = data.facilities;
      this.facilityById = new Map(data.facilities.map((facility) => [facility.id, facility]));
    }
    if (this.context) this.apply();
  }

  hitTest(event: MapMouseEvent): FacilityHit | null {
    const hit = this.facilityAt(event);
    if (!hit) return null;
    const cursor = hit.kind === 'facility' && this.data.canDrag?.(hit.id) ? 'move' : 'pointer';
    return { ...hit, cursor };
  }

  hover(hit: LayerHit | null): void {
    const facilityHit = hit as FacilityHit | null;
    this.applyHover(facilityHit?.kind === 'facility' ? facilityHit.id : null, true);
  }

  click(hit: LayerHit | null): void {
    const facilityHit = hit as FacilityHit | null;
    if (facilityHit?.kind === 'cluster') void this.expandCluster(facilityHit.clusterId, facilityHit.center);
    else this.events.onClick(facilityHit?.id ?? null);
  }

  isInteracting(): boolean {
    return this.moving !== null;
  }

  /** Brings a facility into view, unclustered, beside the details panel. */
  focusFacility(id: string): void {
    const facility = this.facilityById.get(id);
    const context = this.context;
    if (!facility || !context) return;
    const zoom = Math.max(context.map.getZoom(), FOCUS_ZOOM);
    const right = Math.min(PANEL_WIDTH, context.container.clientWidth / 3);
    context.map.easeTo({ center: facility.lage, zoom, offset: [-right / 2, 0], duration: 600 });
  }

  /** Ids of the unclustered facility symbols currently drawn (end-to-end tests). */
  renderedFacilityIds(): string[] {
    const map = this.context?.map;
    if (!map?.getLayer(FACILITY_LAYER_IDS.symbol)) return [];
    const features = map.queryRenderedFeatures({ layers: [FACILITY_LAYER_IDS.symbol] });
    return [...new Set(features.map((feature) => String(feature.properties.id)))].sort();
  }

  destroy(): void {
    this.disableDrag?.();
    this.context?.map.off('styleimagemissing', this.addMissingImage);
    this.context = null;
  }

  private apply(): void {
    const { map, container } = this.context!;
    const data = this.data;
    const sent = this.sent;
    this.sent = data;
    if (data.categories !== sent?.categories) {
      // Another catalogue may give a category another shape or colour: redraw what is on the map.
      for (const id of this.images) {
        const image = renderIconFor(id, data.categories);
        if (image && map.hasImage(id)) map.updateImage(id, image);
      }
    }
    if (data.facilities !== sent?.facilities) {
      const collection = facilitySourceData(data.facilities);
      this.ensureImages(collection.features.map((feature) => feature.properties.icon));
      map.getSource<GeoJSONSource>(FACILITY_SOURCES.facilities)?.setData(collection);
      container.dataset.facilities = String(data.facilities.filter((facility) => !facility.geloescht).length);
    }
    if (data.canDrag !== sent?.canDrag) this.enableDrag(data.canDrag);
    const marksChanged = !sent || data.facilities !== sent.facilities || data.selectedId !== sent.selectedId || data.draft !== sent.draft;
    if (marksChanged) this.updateMarks();
    // A hover from the table; one that came from the map itself is already shown.
    if (data.hoverId !== sent?.hoverId) this.applyHover(data.hoverId, false);
  }

  private enableDrag(canDrag: ((id: string) => boolean) | null): void {
    this.disableDrag?.();
    this.disableDrag = null;
    const context = this.context;
    if (!canDrag || !context) return;
    this.disableDrag = enableFacilityDrag(context.map, FACILITY_LAYER_IDS.symbol, {
      canDrag: (id) => context.mayStartDrag() && (this.data.canDrag?.(id) ?? false),
      onStart: (id, lngLat) => this.showMoving({ id, lngLat }),
      onMove: (id, lngLat) => this.showMoving({ id, lngLat }),
      onCancel: () => this.showMoving(null),
      onDrop: (id, lngLat) => {
        this.showMoving({ id, lngLat });
        context.container.dataset.moving = id;
        void this.events.onMove(id, lngLat).finally(() => {
          if (this.moving?.id === id) this.showMoving(null);
          delete context.container.dataset.moving;
        });
      },
    });
  }

  /**
   * Draws the symbols the next data need before the data go to the map. Left to
   * `styleimagemissing`, a tile laid out while another layer's request for the same image is
   * still open is built without the symbol, and it stays missing until the data are sent again
   * (a new facility showed only after the next full poll).
   */
  private ensureImages(icons: Iterable<string>): void {
    const map = this.context?.map;
    if (!map) return;
    for (const id of new Set(icons)) {
      if (this.images.has(id) || map.hasImage(id)) continue;
      const image = renderIconFor(id, this.data.categories);
      if (!image) continue;
      map.addImage(id, image, { pixelRatio: PIXEL_RATIO });
      this.images.add(id);
    }
  }

  /** Fallback for an image a layer asks for that ensureImages did not foresee. */
  private readonly addMissingImage = (event: { id: string }): void => {
    const map = this.context?.map;
    if (!map || map.hasImage(event.id)) return;
    const image = renderIconFor(event.id, this.data.categories);
    if (!image) return;
    map.addImage(event.id, image, { pixelRatio: PIXEL_RATIO });
    this.images.add(event.id);
  };

  private showMoving(moving: { id: string; lngLat: [number, number] } | null): void {
    const map = this.context?.map;
    const hiddenBefore = this.moving?.id ?? null;
    this.moving = moving;
    const hidden = moving?.id ?? null;
    if (map && hidden !== hiddenBefore && map.getLayer(FACILITY_LAYER_IDS.symbol)) {
      map.setFilter(FACILITY_LAYER_IDS.symbol, symbolFilter(hidden));
      map.setFilter(FACILITY_LAYER_IDS.name, symbolFilter(hidden));
    }
    this.updateMarks();
  }

  private applyHover(id: string | null, fromMap: boolean): void {
    if (id === this.hoveredId) return;
    this.hoveredId = id;
    this.updateMarks();
    if (fromMap) this.events.onHover(id);
  }

  /** The overlay: selected and hovered facility (above clusters), the dragged one, the draft. */
  private updateMarks(): void {
    const source = this.context?.map.getSource<GeoJSONSource>(FACILITY_SOURCES.marks);
    if (!source) return;
    const features = [];
    const { selectedId, draft } = this.data;
    const mark = (id: string | null, role: 'selected' | 'hover') => {
      if (!id || id === this.moving?.id) return;
      const facility = this.facilityById.get(id);
      if (!facility || facility.geloescht) return;
      const { icon } = facilityFeature(facility).properties;
      features.push(markFeature(id, icon, facility.lage, role));
    };
    if (this.hoveredId !== selectedId) mark(this.hoveredId, 'hover');
    mark(selectedId, 'selected');
    if (this.moving) {
      const facility = this.facilityById.get(this.moving.id);
      if (facility) features.push(markFeature(facility.id, facilityFeature(facility).properties.icon, this.moving.lngLat, 'drag'));
    }
    if (draft) features.push(draftMark(draft));
    this.ensureImages(features.map((feature) => feature.properties.icon));
    source.setData({ type: 'FeatureCollection', features });
  }

  /** The facility symbol or cluster under the mouse (a few pixels of tolerance). */
  private facilityAt(event: MapMouseEvent): FacilityTarget | null {
    const map = this.context?.map;
    if (!map) return null;
    const layers = [FACILITY_LAYER_IDS.markSymbol, FACILITY_LAYER_IDS.symbol, FACILITY_LAYER_IDS.cluster].filter(
      (id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none',
    );
    if (layers.length === 0) return null;
    const { x, y } = event.point;
    const tolerance = 3;
    const features = map.queryRenderedFeatures(
      [
        [x - tolerance, y - tolerance],
        [x + tolerance, y + tolerance],
      ],
      { layers },
    );
    // Symbols answer within a circle around their point, not their square image box, so the
    // area right beside a symbol still selects the Sozialraum.
    const hitRadius = (SYMBOL_RADIUS + 4) * iconScaleAt(map.getZoom()) + tolerance;
    for (const feature of features) {
      const center = (feature.geometry as unknown as { coordinates: [number, number] }).coordinates;
      if (feature.layer.id === FACILITY_LAYER_IDS.cluster) {
        return { kind: 'cluster', clusterId: Number(feature.properties.cluster_id), center };
      }
      const projected = map.project(center);
      if (Math.hypot(projected.x - x, projected.y - y) > hitRadius) continue;
      const id = feature.properties.id;
      // The draft mark is not a facility yet.
      if (typeof id === 'string' && (feature.properties as MarkFeatureProperties).role !== 'draft') return { kind: 'facility', id };
    }
    return null;
  }

  private async expandCluster(clusterId: number, center: [number, number]): Promise<void> {
    const map = this.context?.map;
    const source = map?.getSource<GeoJSONSource>(FACILITY_SOURCES.facilities);
    if (!map || !source) return;
    const zoom = await source.getClusterExpansionZoom(clusterId);
    map.easeTo({ center, zoom: Math.min(zoom + 0.2, map.getMaxZoom()), duration: 500 });
  }
}
