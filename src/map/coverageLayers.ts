import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { CoverageLayerGroup, MarkKind } from '../domain/coverageView/mapSources';
import { GAP_CLASS_MINIMA, SHARE_CLASS_BOUNDS } from '../domain/coverageView/summary';
import { COVERAGE_ICON_SIZE, HYPOTHETICAL_RING, SWITCHED_OFF_ICON } from './coverageIcons';
import { ANCHORS, FONT_BOLD, FONT_REGULAR } from './style';
import { SELECTION_FILL, SELECTION_LINE } from './palette';
import { TERRITORY_SOURCE, onLevel } from './territoryLayers';

/**
 * While a symbol is dragged the map's layers (shares, gaps, reach) follow the live result at most
 * this often: each change redraws the whole map, which on software WebGL takes longer than a
 * frame. The symbol itself follows the pointer at once (DragProxy), the tables every result.
 */
export const LIVE_MAP_INTERVAL_MS = 250;

/**
 * The map layers of the coverage analysis (Versorgung tab and the Kreistag view):
 *   - choropleth of the Sozialräume by share of residents in reach (feature-state "anteil" on the
 *     territory's Sozialraum source, so a recomputation only sets 18 states, never re-sends shapes)
 *   - gap layer: residents not reached in 1 km squares, and the named places in unreached cells
 *   - straight-line reach of the counted facilities (a picture only; the analysis uses cells)
 *   - hypothetical facilities (draggable), real ones switched off, suggested sites
 * Layers sit below the style's anchors like all others, so drawing order never depends on
 * when they were added. This file is the style; src/map/layers/coverage.ts is the layer that
 * owns the sources and updates them, src/domain/coverageView/mapSources.ts builds their data.
 */

/**
 * Five classes of "share of residents in reach" (ColorBrewer GnBu: colour-blind safe; light =
 * few reached). Kept light so the red gap squares on top draw the eye, not the well-served areas.
 */
export const SHARE_CLASS_COLOURS = ['#f0f9e8', '#ccebc5', '#a8ddb5', '#7bccc4', '#43a2ca'] as const;
/** Residents not reached per 1 km square (ColorBrewer Reds); the thinly settled class stays pale. */
export const GAP_CLASS_COLOURS = ['#fee0d2', '#fc9272', '#de2d26', '#a50f15'] as const;
/** Opacity per gap class: a few scattered residents must not paint whole areas red. */
export const GAP_CLASS_OPACITY = [0.85, 0.9, 0.95, 0.95] as const;
export const SUGGESTION_FILL = '#e69f00';
export const REACH_LINE = '#37474f';

export const COVERAGE_SOURCES = {
  reach: 'versorgung-reichweite',
  gaps: 'versorgung-luecken',
  places: 'versorgung-orte',
  marks: 'versorgung-marken',
  /** What a drag moves (the hypothetical facilities and their reach): small sources of their own, so the rest is not re-laid out per frame. */
  scenarioMarks: 'versorgung-szenario-marken',
  scenarioReach: 'versorgung-szenario-reichweite',
} as const;

export const COVERAGE_LAYER_IDS = {
  share: 'versorgung-anteil',
  gapFill: 'versorgung-luecken',
  gapLine: 'versorgung-luecken-linie',
  context: 'versorgung-kontext',
  reachFill: 'versorgung-reichweite-flaeche',
  reachLine: 'versorgung-reichweite-linie',
  reachLineScenario: 'versorgung-reichweite-linie-szenario',
  placeDot: 'versorgung-orte-punkt',
  placeName: 'versorgung-orte-name',
  facilityHalo: 'versorgung-einrichtung-auswahl',
  facilities: 'versorgung-einrichtungen',
  switchedOff: 'versorgung-ausgeschaltet',
  suggestionCircle: 'versorgung-vorschlag',
  suggestionNumber: 'versorgung-vorschlag-nummer',
  suggestionLabel: 'versorgung-vorschlag-text',
  hypothetical: 'versorgung-hypothetisch',
} as const;

export const COVERAGE_LAYER_GROUPS: Record<CoverageLayerGroup, string[]> = {
  anteil: [COVERAGE_LAYER_IDS.share],
  reichweite: [COVERAGE_LAYER_IDS.reachFill, COVERAGE_LAYER_IDS.reachLine, COVERAGE_LAYER_IDS.reachLineScenario],
  luecken: [COVERAGE_LAYER_IDS.gapFill, COVERAGE_LAYER_IDS.gapLine, COVERAGE_LAYER_IDS.context, COVERAGE_LAYER_IDS.placeDot, COVERAGE_LAYER_IDS.placeName],
};
/** Always on while the analysis is shown. */
export const SCENARIO_LAYERS = [
  COVERAGE_LAYER_IDS.facilityHalo,
  COVERAGE_LAYER_IDS.facilities,
  COVERAGE_LAYER_IDS.switchedOff,
  COVERAGE_LAYER_IDS.suggestionCircle,
  COVERAGE_LAYER_IDS.suggestionNumber,
  COVERAGE_LAYER_IDS.suggestionLabel,
  COVERAGE_LAYER_IDS.hypothetical,
];

const kindIs = (kind: MarkKind): ExpressionSpecification => ['==', ['get', 'kind'], kind];

function shareColour(): ExpressionSpecification {
  const steps: (string | number)[] = [];
  SHARE_CLASS_BOUNDS.forEach((bound, index) => steps.push(bound, SHARE_CLASS_COLOURS[index + 1]!));
  // Before the first result a Sozialraum has no state: fully transparent, not "0 %".
  return ['step', ['coalesce', ['feature-state', 'anteil'], -1], 'rgba(0, 0, 0, 0)', 0, SHARE_CLASS_COLOURS[0], ...steps] as ExpressionSpecification;
}

function gapOpacity(): ExpressionSpecification {
  const steps: number[] = [];
  GAP_CLASS_MINIMA.slice(1).forEach((minimum, index) => steps.push(minimum, GAP_CLASS_OPACITY[index + 1]!));
  return ['step', ['get', 'einwohner'], GAP_CLASS_OPACITY[0], ...steps] as ExpressionSpecification;
}

function gapColour(): ExpressionSpecification {
  const steps: (string | number)[] = [];
  GAP_CLASS_MINIMA.slice(1).forEach((minimum, index) => steps.push(minimum, GAP_CLASS_COLOURS[index + 1]!));
  return ['step', ['get', 'einwohner'], GAP_CLASS_COLOURS[0], ...steps] as ExpressionSpecification;
}

/** All coverage layers with the anchor each is placed below (null: on top of everything). */
export function coverageLayers(): { layer: LayerSpecification; beforeId: string | null }[] {
  const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];
  return [
    {
      beforeId: ANCHORS.fills,
      layer: {
        id: COVERAGE_LAYER_IDS.share,
        type: 'fill',
        source: TERRITORY_SOURCE,
        filter: onLevel('sozialraum'),
        paint: { 'fill-color': shareColour(), 'fill-opacity': ['case', hovered, 1, 0.88] },
      },
    },
    {
      beforeId: ANCHORS.fills,
      layer: {
        id: COVERAGE_LAYER_IDS.reachFill,
        type: 'fill',
        source: COVERAGE_SOURCES.scenarioReach,
        filter: ['==', ['get', 'hypothetisch'], true],
        paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.28 },
      },
    },
    {
      beforeId: ANCHORS.fills,
      layer: {
        id: COVERAGE_LAYER_IDS.gapFill,
        type: 'fill',
        source: COVERAGE_SOURCES.gaps,
        paint: { 'fill-color': gapColour(), 'fill-opacity': gapOpacity() },
      },
    },
    {
      beforeId: ANCHORS.fills,
      layer: {
        id: COVERAGE_LAYER_IDS.gapLine,
        type: 'line',
        source: COVERAGE_SOURCES.gaps,
        minzoom: 9,
        // White seams keep neighbouring squares apart without a heavy grid.
        paint: { 'line-color': '#ffffff', 'line-opacity': 0.75, 'line-width': 0.6 },
      },
    },
    {
      // The areas outside the planning area, opaque in their own grey above the gap squares: a
      // 1 km square at the border holds only the planning area's residents, and its part across
      // the border must not look like a gap in Stadt Göttingen. The layer sets its filter to
      // nothing where the planning area is the whole Kreis.
      beforeId: ANCHORS.fills,
      layer: {
        id: COVERAGE_LAYER_IDS.context,
        type: 'fill',
        source: TERRITORY_SOURCE,
        filter: onLevel('ausserhalb'),
        paint: { 'fill-color': ['get', 'fill'], 'fill-opacity': 1 },
      },
    },
    {
      beforeId: ANCHORS.lines,
      layer: {
        id: COVERAGE_LAYER_IDS.reachLine,
        type: 'line',
        source: COVERAGE_SOURCES.reach,
        paint: { 'line-color': REACH_LINE, 'line-opacity': 0.6, 'line-width': 1.2, 'line-dasharray': [3, 2] },
      },
    },
    {
      beforeId: ANCHORS.lines,
      layer: {
        id: COVERAGE_LAYER_IDS.reachLineScenario,
        type: 'line',
        source: COVERAGE_SOURCES.scenarioReach,
        paint: { 'line-color': HYPOTHETICAL_RING, 'line-opacity': 0.9, 'line-width': 2, 'line-dasharray': [3, 2] },
      },
    },
    {
      beforeId: ANCHORS.labels,
      layer: {
        id: COVERAGE_LAYER_IDS.placeDot,
        type: 'circle',
        source: COVERAGE_SOURCES.places,
        paint: { 'circle-radius': 3, 'circle-color': '#7f0000', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.2 },
      },
    },
    {
      beforeId: ANCHORS.labels,
      layer: {
        id: COVERAGE_LAYER_IDS.placeName,
        type: 'symbol',
        source: COVERAGE_SOURCES.places,
        layout: {
          'text-field': ['get', 'name'],
          'text-font': [FONT_REGULAR],
          'text-size': ['interpolate', ['linear'], ['zoom'], 8, 10.5, 12, 13],
          'text-anchor': 'top',
          'text-offset': [0, 0.5],
          'text-optional': true,
          'symbol-sort-key': ['-', 0, ['get', 'einwohner']],
        },
        paint: { 'text-color': '#7f0000', 'text-halo-color': '#ffffff', 'text-halo-width': 1.6 },
      },
    },
    {
      beforeId: null,
      layer: {
        id: COVERAGE_LAYER_IDS.facilityHalo,
        type: 'circle',
        source: COVERAGE_SOURCES.marks,
        filter: ['all', kindIs('einrichtung'), ['==', ['get', 'selected'], true]],
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 14, 13, 18],
          'circle-color': SELECTION_FILL,
          'circle-opacity': 0.75,
          'circle-stroke-color': SELECTION_LINE,
          'circle-stroke-width': 2.5,
        },
      },
    },
    {
      beforeId: null,
      layer: {
        id: COVERAGE_LAYER_IDS.facilities,
        type: 'symbol',
        source: COVERAGE_SOURCES.marks,
        filter: kindIs('einrichtung'),
        layout: {
          'icon-image': ['get', 'icon'],
          'icon-size': ['interpolate', ['linear'], ['zoom'], 8, 0.85, 12, 1.05],
          'icon-allow-overlap': true,
          // Placed first (the top layer): every label below gives way to the symbols.
          'icon-ignore-placement': false,
          'symbol-sort-key': ['case', ['==', ['get', 'state'], 'zaehlt'], 1, 0],
          'text-field': ['step', ['zoom'], '', 11.5, ['get', 'label']],
          'text-font': [FONT_REGULAR],
          'text-size': 11,
          'text-offset': [0, 1.35],
          'text-anchor': 'top',
          'text-max-width': 10,
          'text-optional': true,
        },
        paint: {
          // The symbol itself says planned, closed or unconfirmed; faded are only those switched off and those outside.
          'icon-opacity': ['match', ['get', 'state'], 'aus', 0.45, 'ausserhalb', 0.35, 1],
          'text-color': '#1f2933',
          'text-halo-color': '#ffffff',
          'text-halo-width': 1.4,
        },
      },
    },
    {
      beforeId: null,
      layer: {
        id: COVERAGE_LAYER_IDS.switchedOff,
        type: 'symbol',
        source: COVERAGE_SOURCES.marks,
        filter: kindIs('ausgeschaltet'),
        layout: { 'icon-image': SWITCHED_OFF_ICON, 'icon-size': 0.8, 'icon-allow-overlap': true, 'icon-ignore-placement': false },
      },
    },
    {
      beforeId: null,
      layer: {
        id: COVERAGE_LAYER_IDS.suggestionCircle,
        type: 'circle',
        source: COVERAGE_SOURCES.marks,
        filter: kindIs('vorschlag'),
        paint: { 'circle-radius': 13, 'circle-color': SUGGESTION_FILL, 'circle-stroke-color': '#111111', 'circle-stroke-width': 2 },
      },
    },
    {
      beforeId: null,
      layer: {
        id: COVERAGE_LAYER_IDS.suggestionNumber,
        type: 'symbol',
        source: COVERAGE_SOURCES.marks,
        filter: kindIs('vorschlag'),
        layout: {
          'text-field': ['to-string', ['get', 'rank']],
          'text-font': [FONT_BOLD],
          'text-size': 14,
          'text-allow-overlap': true,
          'text-ignore-placement': true,
        },
        paint: { 'text-color': '#111111' },
      },
    },
    {
      beforeId: null,
      layer: {
        id: COVERAGE_LAYER_IDS.suggestionLabel,
        type: 'symbol',
        source: COVERAGE_SOURCES.marks,
        filter: kindIs('vorschlag'),
        layout: {
          'text-field': ['get', 'label'],
          'text-font': [FONT_BOLD],
          'text-size': 12.5,
          'text-anchor': 'top',
          'text-offset': [0, 1.25],
          'text-allow-overlap': true,
        },
        paint: { 'text-color': '#111111', 'text-halo-color': '#ffffff', 'text-halo-width': 1.8 },
      },
    },
    {
      beforeId: null,
      layer: {
        id: COVERAGE_LAYER_IDS.hypothetical,
        type: 'symbol',
        source: COVERAGE_SOURCES.scenarioMarks,
        filter: kindIs('hypothetisch'),
        layout: {
          'icon-image': ['get', 'icon'],
          'icon-size': ['case', ['==', ['get', 'selected'], true], 1.15, 1],
          'icon-allow-overlap': true,
          'icon-ignore-placement': false,
          'text-field': ['get', 'label'],
          'text-font': [FONT_BOLD],
          'text-size': 12,
          'text-offset': [0, 1.7],
          'text-anchor': 'top',
          'text-allow-overlap': true,
        },
        paint: { 'text-color': '#111111', 'text-halo-color': '#ffffff', 'text-halo-width': 1.8 },
      },
    },
  ];
}

/** Size of the coverage icons in CSS pixels (for hit tolerances and the legend). */
export const COVERAGE_SYMBOL_SIZE = COVERAGE_ICON_SIZE;
