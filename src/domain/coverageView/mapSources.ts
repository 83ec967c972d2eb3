import type { Feature, FeatureCollection, Point, Polygon, Position } from 'geojson';
import type { CoverageAnalysis } from '../coverage/analysis';
import type { CoverageSetup } from '../coverage/coverage';
import { fromLaea, type Settlement } from '../coverage/surface';
import { formatResidentChange } from '../coverage/precision';
import type { FacilityCategory } from '../facilities/catalog';
import type { Facility } from '../facilities/schema';
import { symbolVariantOf, type SymbolVariant } from '../resources/symbols';
import { gapSquares, reachRing, settlementsInGaps, squareRing } from './gaps';

export { squareRing } from './gaps';
import { isHypotheticalId, type Scenario } from './scenario';

/**
 * The coverage analysis as GeoJSON for a map: gap squares, places in gaps, reach circles and the
 * marks (facilities of the category, switched-off ones, suggested sites, hypothetical ones).
 * Pure; the map layer (src/map/layers/coverage.ts) sends these to its sources.
 */

/** Layer groups of the coverage analysis a planner switches. */
export type CoverageLayerGroup = 'anteil' | 'reichweite' | 'luecken';

/** What a map needs to draw an analysis; identities are compared to skip unchanged parts. */
export interface CoverageMapData {
  setup: CoverageSetup;
  analysis: CoverageAnalysis;
  radiusKm: number;
  category: FacilityCategory;
  /** All facilities of the district (for places of switched-off ones and the symbols of counted ones). */
  facilities: readonly Facility[];
  scenario: Scenario;
  selectedHypotheticalId: string | null;
  /** The real facility selected in the resource map (highlighted). */
  selectedFacilityId: string | null;
  siedlungen: readonly Settlement[];
  layers: Record<CoverageLayerGroup, boolean>;
  /**
   * Nothing of the category is recorded in the planning area: no shares, gaps or reach to draw
   * (they would only show missing data), only what lies outside.
   */
  empty: boolean;
}

export type MarkKind = 'einrichtung' | 'ausgeschaltet' | 'vorschlag' | 'hypothetisch';

/**
 * Of a facility of the category: counted, switched off in the scenario, not counted (planned,
 * closed, unconfirmed: the symbol says which), or outside the planning area (context, faded).
 */
export type FacilityMarkState = 'zaehlt' | 'aus' | 'zaehlt-nicht' | 'ausserhalb';

export interface MarkProperties {
  kind: MarkKind;
  id: string;
  icon: string;
  label: string;
  selected: boolean;
  rank: number;
  state: FacilityMarkState | '';
}

/** How the map names its symbol images; the domain only passes the names on. */
export interface MarkIcons {
  facility(categoryId: string, variant: SymbolVariant): string;
  hypothetical(categoryId: string): string;
}

/**
 * The gap squares of a result (residents rounded to whole people). `ringOf` may hand out a
 * cached ring per square id: the squares are fixed geography (EPSG:3035) and never go stale.
 */
export function gapSourceData(
  setup: CoverageSetup,
  analysis: CoverageAnalysis,
  ringOf: (x: number, y: number, id: string) => Position[] = (x, y) => squareRing(x, y),
): FeatureCollection<Polygon> {
  return {
    type: 'FeatureCollection',
    features: gapSquares(setup.grid, analysis.result.unversorgtProZelle).map((square) => ({
      type: 'Feature',
      properties: { id: square.id, einwohner: Math.round(square.einwohner) },
      geometry: { type: 'Polygon', coordinates: [ringOf(square.x, square.y, square.id)] },
    })),
  };
}

/** The named places in unreached cells. */
export function placesSourceData(setup: CoverageSetup, analysis: CoverageAnalysis, siedlungen: readonly Settlement[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: settlementsInGaps(setup, analysis.result, siedlungen).map((place) => ({
      type: 'Feature',
      properties: { name: place.name, einwohner: place.einwohner },
      geometry: { type: 'Point', coordinates: [place.lng, place.lat] },
    })),
  };
}

/** The straight-line reach of every counted facility (a picture only; the analysis uses cells). */
export function reachSourceData(analysis: CoverageAnalysis, radiusKm: number): FeatureCollection<Polygon> {
  return {
    type: 'FeatureCollection',
    features: analysis.facilities.map((facility) => ({
      type: 'Feature',
      properties: { id: facility.id, hypothetisch: isHypotheticalId(facility.id) },
      geometry: { type: 'Polygon', coordinates: [reachRing(fromLaea([facility.x, facility.y]), radiusKm * 1000)] },
    })),
  };
}

/**
 * The marks of an analysis. `drawFacilities`: the category's facilities with their symbols (the
 * Kreistag map has no facility layers of its own). `dragged`: where a hypothetical facility being
 * dragged is right now, ahead of the store.
 */
export function marksSourceData(
  data: CoverageMapData,
  options: { drawFacilities: boolean; dragged: { id: string; lngLat: [number, number] } | null; icons: MarkIcons },
): FeatureCollection<Point, MarkProperties> {
  const features: Feature<Point, MarkProperties>[] = [];
  const mark = (kind: MarkKind, id: string, lngLat: readonly number[], extra: Partial<MarkProperties> = {}) =>
    features.push({
      type: 'Feature',
      properties: { kind, id, icon: '', label: '', selected: false, rank: 0, state: '', ...extra },
      geometry: { type: 'Point', coordinates: [lngLat[0]!, lngLat[1]!] },
    });
  const byId = new Map(data.facilities.map((facility) => [facility.id, facility]));
  if (options.drawFacilities) {
    const counted = new Set(data.analysis.facilities.map((facility) => facility.id));
    const off = new Set(data.scenario.switchedOff);
    const states = data.analysis.bestand.states;
    const stateOf = (id: string): FacilityMarkState => {
      if (counted.has(id)) return 'zaehlt';
      if (off.has(id)) return 'aus';
      return states.get(id) === 'ausserhalb' ? 'ausserhalb' : 'zaehlt-nicht';
    };
    for (const facility of data.facilities) {
      if (facility.geloescht || facility.category !== data.category.id) continue;
      mark('einrichtung', facility.id, facility.lage, {
        icon: options.icons.facility(facility.category, symbolVariantOf(facility)),
        label: facility.name,
        state: stateOf(facility.id),
        selected: facility.id === data.selectedFacilityId,
      });
    }
  }
  for (const id of data.scenario.switchedOff) {
    const facility = byId.get(id);
    if (facility && !facility.geloescht) mark('ausgeschaltet', id, facility.lage);
  }
  data.analysis.suggestions.forEach((suggestion, index) =>
    mark('vorschlag', `vorschlag-${index + 1}`, suggestion.lngLat, {
      rank: index + 1,
      label: `${formatResidentChange(suggestion.zusaetzlichVersorgt, data.analysis.precision.erreicht)} Einw.`,
    }),
  );
  for (const facility of data.scenario.hypothetical) {
    const lngLat = options.dragged?.id === facility.id ? options.dragged.lngLat : facility.lngLat;
    mark('hypothetisch', facility.id, lngLat, {
      icon: options.icons.hypothetical(data.category.id),
      label: `Neu ${facility.nummer}`,
      selected: facility.id === data.selectedHypotheticalId,
    });
  }
  return { type: 'FeatureCollection', features };
}
