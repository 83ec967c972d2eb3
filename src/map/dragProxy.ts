import { Marker, type Map as MapLibreMap } from 'maplibre-gl';
import type { FacilityCategory } from '../domain/facilities/catalog';
import { COVERAGE_ICON_SIZE, drawHypotheticalSymbol } from './coverageIcons';

/**
 * What the hand moves while a hypothetical facility is dragged: its symbol, label and reach ring
 * as a page element above the map. Moving it costs the browser a transform, not a redraw of the
 * map, so it follows the pointer at the display's rate even where WebGL is slow; the map's own
 * symbol and ring are hidden meanwhile and take over again at the drop.
 */
export class DragProxy {
  private readonly marker: Marker;
  private readonly ring: HTMLDivElement;

  constructor(
    private readonly map: MapLibreMap,
    category: Pick<FacilityCategory, 'shape' | 'colour'>,
    label: string,
    private readonly radiusM: number,
    lngLat: [number, number],
  ) {
    const element = document.createElement('div');
    element.className = 'coverage-drag-proxy';
    element.dataset.testid = 'coverage-drag-proxy';
    this.ring = document.createElement('div');
    this.ring.className = 'coverage-drag-proxy__ring';
    const ratio = Math.max(1, Math.round(window.devicePixelRatio || 1));
    const icon = document.createElement('canvas');
    icon.className = 'coverage-drag-proxy__icon';
    icon.width = COVERAGE_ICON_SIZE * ratio;
    icon.height = COVERAGE_ICON_SIZE * ratio;
    const context = icon.getContext('2d');
    if (context) {
      context.scale(ratio, ratio);
      context.translate(COVERAGE_ICON_SIZE / 2, COVERAGE_ICON_SIZE / 2);
      drawHypotheticalSymbol(context, category);
    }
    const text = document.createElement('span');
    text.className = 'coverage-drag-proxy__label';
    text.textContent = label;
    element.append(this.ring, icon, text);
    this.marker = new Marker({ element, anchor: 'center' }).setLngLat(lngLat).addTo(map);
    this.sizeRing(lngLat);
  }

  moveTo(lngLat: [number, number]): void {
    this.marker.setLngLat(lngLat);
  }

  remove(): void {
    this.marker.remove();
  }

  /** The reach in screen pixels at the start (the map does not move or zoom while a symbol is dragged). */
  private sizeRing(lngLat: [number, number]): void {
    const metresPerDegree = 111_320 * Math.cos((lngLat[1] * Math.PI) / 180);
    const east = this.map.project([lngLat[0] + this.radiusM / metresPerDegree, lngLat[1]]);
    const centre = this.map.project(lngLat);
    const diameter = 2 * Math.hypot(east.x - centre.x, east.y - centre.y);
    this.ring.style.width = `${diameter}px`;
    this.ring.style.height = `${diameter}px`;
  }
}
