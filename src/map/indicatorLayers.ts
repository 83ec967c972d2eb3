import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { MISSING_FILL } from '../domain/indicators/choropleth';
import { ANCHORS, FONT_BOLD } from './style';
import { TERRITORY_SOURCE, onLevel } from './territoryLayers';

/**
 * The map layers of the Kennzahlen tab: the choropleth of the Sozialräume or Gemeinden (feature-state
 * „kennzahlStatus“ and „kennzahlFarbe“ on the territory's source, so a new Kennzahl or
 * date sets states, never re-sends shapes), withheld areas hatched, missing ones grey, areas below
 * the validity threshold with a dashed outline and „◆“, and „•“ / „–“ at the label point of withheld
 * and missing areas. src/map/layers/indicator.ts owns the source and updates them.
 */

export const INDICATOR_SOURCE = 'kennzahl-zeichen';
export const HATCH_IMAGE = 'kennzahl-schraffur';

/** The levels of the territory source a choropleth can colour: Sozialräume, or Gemeinden for Kennzahlen collected per Gemeinde. */
export type IndicatorAreaLevel = 'sozialraum' | 'gemeinde';
export const INDICATOR_AREA_LEVELS: readonly IndicatorAreaLevel[] = ['sozialraum', 'gemeinde'];

/** The ids of the area layers drawn on one level (the marks layer is shared). */
export function indicatorLayerIds(level: IndicatorAreaLevel) {
  return { fill: `kennzahl-flaeche-${level}`, hatch: `kennzahl-schraffur-${level}`, uncertain: `kennzahl-unsicher-${level}` } as const;
}
export const INDICATOR_MARKS_LAYER = 'kennzahl-zeichen';

const status = (value: string): ExpressionSpecification => ['==', ['feature-state', 'kennzahlStatus'], value];

/** The area layers of one level. */
export function indicatorLayers(level: IndicatorAreaLevel): { layer: LayerSpecification; beforeId: string }[] {
  const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];
  const ids = indicatorLayerIds(level);
  const source = TERRITORY_SOURCE;
  const filter = onLevel(level);
  return [
    {
      beforeId: ANCHORS.fills,
      layer: {
        id: ids.fill,
        type: 'fill',
        source,
        filter,
        paint: {
          'fill-color': ['case', status('wert'), ['to-color', ['coalesce', ['feature-state', 'kennzahlFarbe'], '#ffffff']], status('fehlt'), MISSING_FILL, status('geheim'), '#ffffff', 'rgba(0, 0, 0, 0)'],
          'fill-opacity': ['case', hovered, 1, 0.9],
        },
      },
    },
    {
      beforeId: ANCHORS.fills,
      layer: {
        id: ids.hatch,
        type: 'fill',
        source,
        filter,
        paint: { 'fill-pattern': HATCH_IMAGE, 'fill-opacity': ['case', status('geheim'), 1, 0] },
      },
    },
    {
      beforeId: ANCHORS.lines,
      layer: {
        id: ids.uncertain,
        type: 'line',
        source,
        filter,
        paint: { 'line-color': '#212121', 'line-width': 1.6, 'line-dasharray': [2, 2], 'line-opacity': ['case', ['boolean', ['feature-state', 'kennzahlUnsicher'], false], 1, 0] },
      },
    },
  ];
}

export function indicatorMarksLayer(): { layer: LayerSpecification; beforeId: string } {
  return {
      beforeId: ANCHORS.labels,
      layer: {
        id: INDICATOR_MARKS_LAYER,
        type: 'symbol',
        source: INDICATOR_SOURCE,
        // The marks take part in the placement: drawn over the area name they made „Adel•sen“ of
        // „Adelebsen“. Below, above or beside the label point, wherever the name leaves room; the
        // hatching and the dashed outline say the same where no room is left.
        layout: {
          'text-field': ['get', 'text'],
          'text-font': [FONT_BOLD],
          'text-size': ['case', ['==', ['get', 'text'], '◆'], 12, 22],
          'text-variable-anchor': ['top', 'bottom', 'left', 'right'],
          'text-radial-offset': 1.1,
          'text-allow-overlap': false,
          'text-ignore-placement': false,
        },
        paint: { 'text-color': '#212121', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
      },
  };
}

/** Diagonal hatching, 8 × 8 px at the device's pixel ratio: dark lines on white, readable in grey. */
export function hatchImage(pixelRatio: number): { width: number; height: number; data: Uint8Array } {
  const size = Math.round(8 * pixelRatio);
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const onLine = (x + y) % size < Math.max(1, Math.round(1.5 * pixelRatio));
      const offset = (y * size + x) * 4;
      const shade = onLine ? 66 : 255;
      data[offset] = shade;
      data[offset + 1] = shade;
      data[offset + 2] = shade;
      data[offset + 3] = 255;
    }
  }
  return { width: size, height: size, data };
}
