import type { GeoJSONSource, MapGeoJSONFeature, MapMouseEvent } from 'maplibre-gl';
import type { ClickLevel } from '../../domain/atlasView';
import { bboxOf } from '../../domain/geo/geometry';
import type { AreaRef } from '../../domain/territory/summary';
import type { TerritoryFile } from '../../domain/territory/types';
import { INTERACTIVE_LAYERS, LAYER_GROUPS, TERRITORY_SOURCE, territoryFeatureId, territoryLayers, territorySource, territorySourceSpecification, type TerritoryLevel } from '../territoryLayers';
import { PANEL_WIDTH, type LayerContext, type LayerHit, type MapLayer } from './layer';

export interface TerritoryLayerData {
  territory: TerritoryFile | null;
  selection: AreaRef | null;
  /** Hovered from outside the map (the table). */
  hover: AreaRef | null;
  clickLevel: ClickLevel;
}

export interface TerritoryLayerEvents {
  onHover(ref: AreaRef | null): void;
  /** A click in browse mode on an area (null: on nothing). */
  onClick(ref: AreaRef | null): void;
  /** A territory is on the map now (the first one, or after a district switch). */
  onShown(territory: TerritoryFile): void;
}

interface AreaHit extends LayerHit {
  ref: AreaRef;
}

/** The level of the territory source whose feature stands for an area (the Kreis is never highlighted). */
const LEVEL_OF_KIND: Record<AreaRef['kind'], TerritoryLevel | null> = {
  sozialraum: 'sozialraum',
  sozialregion: 'sozialregion',
  ausserhalb: 'ausserhalb',
  kreis: null,
};

/**
 * The district's areas: Kreis, Sozialregionen, Sozialräume, municipalities and areas outside the
 * Sozialraum system, with their labels. Hover and selection are feature-state, never a re-send.
 * The sources are added with the first territory (their attribution comes from it); a district
 * switch only sets new data.
 */
export class TerritoryLayer implements MapLayer<TerritoryLayerData> {
  readonly groups = LAYER_GROUPS;
  private context: LayerContext | null = null;
  private data: TerritoryLayerData = { territory: null, selection: null, hover: null, clickLevel: 'sozialraum' };
  private shown: TerritoryFile | null = null;
  private regionOfSozialraum = new Map<string, string>();
  private hovered: AreaRef | null = null;
  private selected: AreaRef | null = null;

  constructor(private readonly events: TerritoryLayerEvents) {}

  add(context: LayerContext): void {
    this.context = context;
    context.map.on('idle', this.reportRendered);
    this.apply(null);
  }

  update(data: TerritoryLayerData): void {
    const previous = this.data;
    this.data = data;
    if (this.context) this.apply(previous);
  }

  hitTest(event: MapMouseEvent): AreaHit | null {
    const ref = this.areaAt(event);
    return ref ? { cursor: 'pointer', ref } : null;
  }

  hover(hit: LayerHit | null): void {
    this.applyHover((hit as AreaHit | null)?.ref ?? null, true);
  }

  click(hit: LayerHit | null): void {
    this.events.onClick((hit as AreaHit | null)?.ref ?? null);
  }

  /** Moves the view so the area is in sight, beside the area panel that opens with the selection. */
  focusArea(ref: AreaRef): void {
    const geometry = this.geometryOf(ref);
    if (geometry) this.context?.fitBounds(bboxOf([geometry]), { animate: true, rightInset: PANEL_WIDTH });
  }

  fitDistrict(animate = true): void {
    if (this.shown) this.context?.fitBounds(this.shown.bbox, { animate });
  }

  /** Ids of the Sozialräume currently drawn in the viewport. */
  renderedSozialraumIds(): string[] {
    const map = this.context?.map;
    if (!map?.getLayer('sozialraum-flaeche')) return [];
    const features = map.queryRenderedFeatures({ layers: ['sozialraum-flaeche'] });
    return [...new Set(features.map((feature) => String(feature.properties.id)))].sort();
  }

  destroy(): void {
    this.context?.map.off('idle', this.reportRendered);
    this.context = null;
  }

  private apply(previous: TerritoryLayerData | null): void {
    const { territory } = this.data;
    if (territory && territory !== this.shown) {
      this.showTerritory(territory);
      return;
    }
    if (!this.shown) return;
    if (!previous || previous.selection !== this.data.selection) this.applySelection(this.data.selection);
    if (!previous || previous.hover !== this.data.hover) this.applyHover(this.data.hover, false);
  }

  private showTerritory(territory: TerritoryFile): void {
    const { map, container } = this.context!;
    this.shown = territory;
    container.dataset.mapReady = 'false';
    container.dataset.district = territory.district.id;
    this.regionOfSozialraum = new Map(
      territory.sozialraeume.features
        .filter((f) => f.properties.sozialregionId !== null)
        .map((f) => [f.properties.id, f.properties.sozialregionId!]),
    );
    this.hovered = null;
    this.selected = null;
    // The same for every district, so a district switch (setData) never leaves a stale credit.
    const attribution = territory.sources
      .filter((source) => source.id === 'grenzen' || source.id === 'bevoelkerung')
      .map((source) => source.attribution)
      .join(' · ');
    const existing = map.getSource<GeoJSONSource>(TERRITORY_SOURCE);
    if (existing) existing.setData(territorySource(territory));
    else map.addSource(TERRITORY_SOURCE, territorySourceSpecification(territory, attribution));
    if (!map.getLayer('sozialraum-flaeche')) {
      for (const { layer, beforeId } of territoryLayers()) map.addLayer(layer, beforeId);
    }
    this.events.onShown(territory);
    this.applySelection(this.data.selection);
    this.applyHover(this.data.hover, false);
    // Layers that draw on the territory's sources (the coverage choropleth) can follow now.
    this.context!.changed();
    map.triggerRepaint();
  }

  private applySelection(ref: AreaRef | null): void {
    if (sameArea(ref, this.selected)) return;
    this.setFeatureState(this.selected, { selected: false });
    this.selected = ref;
    this.setFeatureState(ref, { selected: true });
  }

  private applyHover(ref: AreaRef | null, fromMap: boolean): void {
    if (sameArea(ref, this.hovered)) return;
    this.setFeatureState(this.hovered, { hover: false });
    this.hovered = ref;
    this.setFeatureState(ref, { hover: true });
    if (fromMap) this.events.onHover(ref);
  }

  private readonly reportRendered = (): void => {
    if (!this.shown || !this.context) return;
    this.context.container.dataset.mapReady = 'true';
  };

  private areaAt(event: MapMouseEvent): AreaRef | null {
    const map = this.context?.map;
    if (!map) return null;
    const layers = Object.keys(INTERACTIVE_LAYERS).filter((id) => map.getLayer(id));
    if (layers.length === 0) return null;
    const [top] = map.queryRenderedFeatures(event.point, { layers }) as MapGeoJSONFeature[];
    if (!top) return null;
    const kind = INTERACTIVE_LAYERS[top.layer.id as keyof typeof INTERACTIVE_LAYERS];
    const id = String(top.properties.id);
    if (kind === 'sozialraum' && this.data.clickLevel === 'sozialregion') {
      const region = this.regionOfSozialraum.get(id);
      if (region) return { kind: 'sozialregion', id: region };
    }
    return { kind, id };
  }

  private setFeatureState(ref: AreaRef | null, state: Record<string, boolean>): void {
    const map = this.context?.map;
    if (!ref || !map) return;
    const level = LEVEL_OF_KIND[ref.kind];
    if (!level || !map.getSource(TERRITORY_SOURCE)) return;
    map.setFeatureState({ source: TERRITORY_SOURCE, id: territoryFeatureId(level, ref.id) }, state);
  }

  private geometryOf(ref: AreaRef) {
    const territory = this.shown;
    if (!territory) return null;
    const collections = {
      sozialraum: territory.sozialraeume.features,
      sozialregion: territory.sozialregionen.features,
      ausserhalb: territory.ausserhalb.features,
      kreis: [territory.kreis],
    } as const;
    const features: { properties: { id?: string; ags?: string }; geometry: TerritoryFile['kreis']['geometry'] }[] = [...collections[ref.kind]];
    return features.find((f) => (f.properties.id ?? f.properties.ags) === ref.id)?.geometry ?? null;
  }
}

function sameArea(a: AreaRef | null, b: AreaRef | null): boolean {
  return a?.kind === b?.kind && a?.id === b?.id;
}
