// The generated map style is checked with the style specification's own validator.
// src/map/style.ts and territoryLayers.ts only import types from maplibre-gl, so this runs in Node.
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { TERRITORY_LAYER_GROUP_IDS } from '../../src/domain/atlasView';
import { ANCHORS, FONT_BOLD, FONT_REGULAR, buildBaseStyle } from '../../src/map/style';
import { INTERACTIVE_LAYERS, LAYER_GROUPS, TERRITORY_SOURCE, territoryLayers } from '../../src/map/territoryLayers';
import {
  FACILITY_LAYERS,
  FACILITY_LAYER_IDS,
  FACILITY_SOURCES,
  facilityLayers,
  facilitySource,
  facilitySourceData,
  iconScaleAt,
} from '../../src/map/facilityLayers';
import { COVERAGE_LAYER_IDS, coverageLayers } from '../../src/map/coverageLayers';
import { PLACED_LABEL_SOURCES, placedLabelLayers } from '../../src/map/presentationLabels';
import { INDICATOR_AREA_LEVELS, INDICATOR_SOURCE, indicatorLayers, indicatorMarksLayer } from '../../src/map/indicatorLayers';
import { facility } from './support/facilities';

const ORIGIN = 'http://localhost:5173';

/** The style as the map ends up with it: base style, the empty territory source, layers at their anchors. */
function fullStyle(): StyleSpecification {
  const style = buildBaseStyle(ORIGIN);
  style.sources[TERRITORY_SOURCE] = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };
  for (const { layer, beforeId } of territoryLayers()) {
    const index = style.layers.findIndex((existing) => existing.id === beforeId);
    if (index < 0) throw new Error(`beforeId ${beforeId} fehlt im Grundstil`);
    style.layers.splice(index, 0, layer);
  }
  return style;
}

/** Validator messages, with the layer id added after "layers[n]" so a failure says which layer. */
const messages = (style: StyleSpecification) =>
  validateStyleMin(style).map((error) =>
    error.message.replace(/^layers\[(\d+)\]/, (match, index: string) => `${match} (${style.layers[Number(index)]?.id})`),
  );

describe('map style', () => {
  it('the base style alone is valid', () => {
    expect(messages(buildBaseStyle(ORIGIN))).toEqual([]);
  });

  it('base style, territory sources and all territory layers together are valid', () => {
    const style = fullStyle();
    expect(style.layers).toHaveLength(1 + Object.keys(ANCHORS).length + territoryLayers().length);
    expect(messages(style)).toEqual([]);
  });

  it('the validator catches a broken layer (negative control)', () => {
    const style = fullStyle();
    const broken = style.layers.find((layer) => layer.id === 'sozialraum-flaeche')!;
    (broken.paint as Record<string, unknown>)['fill-colour'] = '#ff0000';
    const sozialraumLinie = style.layers.find((layer) => layer.id === 'sozialraum-linie')!;
    (sozialraumLinie as { source: string }).source = 'gibt-es-nicht';
    const found = messages(style);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/sozialraum-flaeche.*fill-colour.*unknown property/);
    expect(found[1]).toMatch(/source "gibt-es-nicht" not found/);
  });

  it('draws fills below lines below labels', () => {
    const ids = fullStyle().layers.map((layer) => layer.id);
    const at = (id: string) => ids.indexOf(id);
    expect(at('sozialraum-flaeche')).toBeLessThan(at(ANCHORS.fills));
    expect(at(ANCHORS.fills)).toBeLessThan(at('sozialraum-linie'));
    expect(at('kreis-linie')).toBeLessThan(at(ANCHORS.lines));
    expect(at(ANCHORS.lines)).toBeLessThan(at('sozialraum-beschriftung'));
    expect(at('sozialraum-beschriftung')).toBeLessThan(at(ANCHORS.labels));
    expect(ids[0]).toBe('hintergrund');
  });

  it('every layer id of the layer panel groups and of the interactive layers exists', () => {
    const ids = new Set(territoryLayers().map(({ layer }) => layer.id));
    expect(Object.keys(LAYER_GROUPS).sort()).toEqual([...TERRITORY_LAYER_GROUP_IDS].sort());
    for (const [group, layerIds] of Object.entries(LAYER_GROUPS)) {
      expect(layerIds.length, group).toBeGreaterThan(0);
      for (const id of layerIds) expect(ids.has(id), `${group}: ${id}`).toBe(true);
    }
    for (const id of Object.keys(INTERACTIVE_LAYERS)) expect(ids.has(id), id).toBe(true);
  });

  it('layer ids are unique and every layer draws one level of the one territory source', () => {
    const layers = territoryLayers().map(({ layer }) => layer as Exclude<LayerSpecification, { type: 'background' }>);
    expect(new Set(layers.map((layer) => layer.id)).size).toBe(layers.length);
    for (const layer of layers) {
      expect(layer.source, layer.id).toBe(TERRITORY_SOURCE);
      expect(JSON.stringify(layer.filter), layer.id).toMatch(/\["==",\["get","ebene"\],"[a-z]+"\]/);
    }
  });

  it('uses only the two locally generated fonts', () => {
    const fonts = territoryLayers().flatMap(({ layer }) =>
      layer.type === 'symbol' ? ((layer.layout?.['text-font'] as string[] | undefined) ?? ['(Standardschrift)']) : [],
    );
    expect(new Set(fonts)).toEqual(new Set([FONT_REGULAR, FONT_BOLD]));
  });

  it('loads glyphs from an absolute URL of its own origin and nothing from other hosts', () => {
    const style = fullStyle();
    const glyphs = new URL(style.glyphs!.replace('{fontstack}', 'DejaVu%20Sans%20Book').replace('{range}', '0-255'));
    expect(glyphs.origin).toBe(ORIGIN);
    expect(glyphs.pathname).toBe('/fonts/DejaVu%20Sans%20Book/0-255.pbf');
    expect(style.glyphs).toBe('http://localhost:5173/fonts/{fontstack}/{range}.pbf');
    expect(style.sprite).toBeUndefined();
    for (const [id, source] of Object.entries(style.sources)) {
      const urls = [
        ...('url' in source && typeof source.url === 'string' ? [source.url] : []),
        ...('tiles' in source && Array.isArray(source.tiles) ? source.tiles : []),
        ...('data' in source && typeof source.data === 'string' ? [source.data] : []),
      ];
      for (const url of urls) expect(new URL(url, ORIGIN).origin, id).toBe(ORIGIN);
      expect(source.type, id).toBe('geojson');
    }
  });
});

describe('facility layers', () => {
  function styleWithFacilities(): StyleSpecification {
    const style = fullStyle();
    const empty = { type: 'FeatureCollection' as const, features: [] };
    style.sources[FACILITY_SOURCES.facilities] = facilitySource(empty);
    style.sources[FACILITY_SOURCES.marks] = { type: 'geojson', data: empty };
    for (const { layer, beforeId } of facilityLayers()) {
      const index = style.layers.findIndex((existing) => existing.id === beforeId);
      style.layers.splice(index, 0, layer);
    }
    return style;
  }

  it('are valid together with the territory layers and use only the local fonts', () => {
    const style = styleWithFacilities();
    expect(messages(style)).toEqual([]);
    const fonts = facilityLayers().flatMap(({ layer }) => (layer.type === 'symbol' ? ((layer.layout?.['text-font'] as string[] | undefined) ?? []) : []));
    expect(new Set(fonts).size).toBeGreaterThan(0);
    for (const font of fonts) expect([FONT_REGULAR, FONT_BOLD]).toContain(font);
  });

  it('draw above the area lines and the area labels, so labels give way to them; clusters below single symbols', () => {
    const ids = styleWithFacilities().layers.map((layer) => layer.id);
    const at = (id: string) => ids.indexOf(id);
    expect(at('kreis-linie')).toBeLessThan(at(FACILITY_LAYER_IDS.cluster));
    expect(at(ANCHORS.lines)).toBeLessThan(at(FACILITY_LAYER_IDS.cluster));
    // MapLibre places symbols from the top layer down: the area labels, below, avoid the facility symbols.
    expect(at('sozialraum-beschriftung')).toBeLessThan(at(ANCHORS.labels));
    expect(at(ANCHORS.labels)).toBeLessThan(at(FACILITY_LAYER_IDS.cluster));
    expect(at(FACILITY_LAYER_IDS.cluster)).toBeLessThan(at(FACILITY_LAYER_IDS.symbol));
    // Facility names are placed after the symbols, so a name never runs through another facility's symbol.
    expect(at(FACILITY_LAYER_IDS.name)).toBeLessThan(at(FACILITY_LAYER_IDS.symbol));
    expect(at(FACILITY_LAYER_IDS.symbol)).toBeLessThan(at(FACILITY_LAYER_IDS.markSymbol));
    expect(at(FACILITY_LAYER_IDS.markSymbol)).toBeLessThan(at(ANCHORS.facilities));
    expect(FACILITY_LAYERS.every((id) => ids.includes(id))).toBe(true);
  });

  it('let every facility and coverage symbol take part in label placement, so no label is drawn through a symbol', () => {
    const layout = (layer: LayerSpecification) => (layer.layout ?? {}) as Record<string, unknown>;
    const iconLayers = [...facilityLayers().map(({ layer }) => layer), ...coverageLayers().map(({ layer }) => layer)].filter(
      (layer) => layer.type === 'symbol' && layout(layer)['icon-image'] !== undefined && layer.id !== FACILITY_LAYER_IDS.markSymbol,
    );
    expect(iconLayers.map((layer) => layer.id)).toEqual(
      expect.arrayContaining([FACILITY_LAYER_IDS.symbol, COVERAGE_LAYER_IDS.facilities, COVERAGE_LAYER_IDS.hypothetical, COVERAGE_LAYER_IDS.switchedOff]),
    );
    for (const layer of iconLayers) {
      expect(layout(layer)['icon-allow-overlap'], layer.id).toBe(true);
      expect(layout(layer)['icon-ignore-placement'], layer.id).toBe(false);
    }
    // The cluster disc has no collision box of its own: its count, padded to the disc, keeps labels off it.
    const count = layout(facilityLayers().find(({ layer }) => layer.id === FACILITY_LAYER_IDS.clusterCount)!.layer);
    expect(count['text-ignore-placement']).toBe(false);
    expect(count['text-padding']).toBeGreaterThanOrEqual(10);
    // The coverage marks sit on top of everything: placed first of all symbols.
    expect(coverageLayers().find(({ layer }) => layer.id === COVERAGE_LAYER_IDS.facilities)!.beforeId).toBeNull();
  });

  it('scale symbols down in the overview, as the hit test assumes', () => {
    expect(iconScaleAt(5)).toBe(0.75);
    expect(iconScaleAt(8)).toBe(0.75);
    expect(iconScaleAt(9.5)).toBeCloseTo(0.825, 6);
    expect(iconScaleAt(12)).toBeCloseTo(0.95, 6);
    expect(iconScaleAt(16)).toBe(1);
    const symbol = facilityLayers().find(({ layer }) => layer.id === FACILITY_LAYER_IDS.symbol)!.layer;
    expect((symbol.layout as Record<string, unknown>)['icon-size']).toEqual(['interpolate', ['linear'], ['zoom'], 8, 0.75, 11, 0.9, 13, 1]);
  });

  it('leave deleted facilities out and give status, approximate location and confirmation their own image', () => {
    const exact = facility({ category: 'kita' });
    const approximate = facility({ category: 'familienzentrum', lagegenauigkeit: 'gemeinde' });
    const planned = facility({ category: 'familienzentrum', status: 'geplant', bestaetigung: 'unbestätigt' });
    const deleted = facility({ geloescht: true });
    const data = facilitySourceData([exact, approximate, planned, deleted]);
    expect(data.features.map((feature) => feature.properties.icon)).toEqual([
      'einrichtung-kita-betrieb-exakt',
      'einrichtung-familienzentrum-betrieb-genaehert',
      'einrichtung-familienzentrum-geplant-exakt-unbestaetigt',
    ]);
    expect(data.features[0]!.geometry.coordinates).toEqual(exact.lage);
  });

  it('draw the Kreistag map’s placed names and leader lines with a valid style, always shown, text as broken in code', () => {
    const style = fullStyle();
    for (const id of Object.values(PLACED_LABEL_SOURCES)) style.sources[id] = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };
    style.layers.push(...placedLabelLayers());
    expect(messages(style)).toEqual([]);
    const negative = fullStyle();
    negative.layers.push(...placedLabelLayers());
    expect(messages(negative).length).toBeGreaterThan(0);
    for (const layer of placedLabelLayers().filter((candidate) => candidate.type === 'symbol')) {
      const layout = layer.layout as Record<string, unknown>;
      expect(layout['text-allow-overlap'], layer.id).toBe(true);
      expect(layout['text-ignore-placement'], layer.id).toBe(false);
      expect(layout['text-max-width'], layer.id).toBeGreaterThanOrEqual(100);
    }
  });
});

describe('Kennzahlen layers', () => {
  it('are valid together with the territory layers, one set per level of the territory source', () => {
    const style = fullStyle();
    style.sources[INDICATOR_SOURCE] = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };
    for (const { layer, beforeId } of [...INDICATOR_AREA_LEVELS.flatMap(indicatorLayers), indicatorMarksLayer()]) {
      const index = style.layers.findIndex((existing) => existing.id === beforeId);
      expect(index, layer.id).toBeGreaterThanOrEqual(0);
      style.layers.splice(index, 0, layer);
    }
    expect(messages(style)).toEqual([]);
    const areaLayers = INDICATOR_AREA_LEVELS.flatMap(indicatorLayers).map(({ layer }) => layer as Exclude<LayerSpecification, { type: 'background' }>);
    for (const layer of areaLayers) expect(layer.source, layer.id).toBe(TERRITORY_SOURCE);
    // Without the marks' source the style is invalid (negative control).
    delete style.sources[INDICATOR_SOURCE];
    expect(messages(style).length).toBeGreaterThan(0);
  });
});

