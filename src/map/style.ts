import type { StyleSpecification } from 'maplibre-gl';
import { BACKGROUND } from './palette';

export const FONT_REGULAR = 'DejaVu Sans Book';
export const FONT_BOLD = 'DejaVu Sans Bold';

/**
 * Anchor layers fix the drawing order: every module inserts its layers before one of these,
 * so toggling or re-adding a layer never changes what is drawn above what.
 */
export const ANCHORS = {
  basemap: 'anchor-basemap',
  fills: 'anchor-fills',
  lines: 'anchor-lines',
  labels: 'anchor-labels',
  /**
   * Facility symbols: above the area labels. MapLibre places symbols from the top layer down,
   * so the labels placed after them move aside (variable anchors) or give way instead of
   * running through a symbol.
   */
  facilities: 'anchor-facilities',
} as const;

/**
 * The base style, built in code so nothing is fetched from elsewhere. Glyphs are generated
 * locally (scripts/build-glyphs.mjs) and served by the app itself; the URL must be absolute.
 */
export function buildBaseStyle(origin: string): StyleSpecification {
  return {
    version: 8,
    name: 'Sozialraumatlas',
    glyphs: `${origin}/fonts/{fontstack}/{range}.pbf`,
    sources: {},
    layers: [
      { id: 'hintergrund', type: 'background', paint: { 'background-color': BACKGROUND } },
      ...Object.values(ANCHORS).map((id) => ({
        id,
        type: 'background' as const,
        layout: { visibility: 'none' as const },
      })),
    ],
  };
}
