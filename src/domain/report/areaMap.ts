import type { Position } from 'geojson';
import { projectionFor } from '../geo/projection';
import type { TerritoryFile } from '../territory/types';

/**
 * A small map of the report as plain vector paths in page units: the Sozialräume of the
 * district projected to its official CRS (UTM, metres, so the scale bar is true), fitted into
 * the box of the page, the areas of the section highlighted, their facilities as points.
 * Pure, so the PDF renderer only draws and a test can check the geometry.
 */

export interface MapBox {
  width: number;
  height: number;
}

export interface MapArea {
  id: string;
  name: string;
  /** Rings of all polygons in box units (y down), closed. */
  rings: [number, number][][];
  focus: boolean;
  /** Where its label goes (the centre of its projected box), in box units. */
  label: [number, number];
}

export interface MapPoint {
  x: number;
  y: number;
  colour: string;
  /** Planned facilities are drawn hollow. */
  hollow: boolean;
}

export interface AreaMapDrawing {
  areas: MapArea[];
  points: MapPoint[];
  scaleBar: { length: number; label: string };
  /** For the figure's text alternative. */
  description: string;
}

export interface MapFacility {
  lage: readonly [number, number];
  colour: string;
  hollow: boolean;
}

type Ring = Position[];

function ringsOf(geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] }): Ring[] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

const NICE_STEPS = [1, 2, 5];

/** The longest round length (1, 2, 5 × 10^n metres) that fits in a quarter of the map's width. */
function scaleLength(metresPerUnit: number, width: number): { metres: number; label: string } {
  const target = (width / 4) * metresPerUnit;
  let best = 100;
  for (let power = 2; power <= 6; power++) for (const step of NICE_STEPS) if (step * 10 ** power <= target) best = step * 10 ** power;
  return { metres: best, label: best >= 1000 ? `${best / 1000} km` : `${best} m` };
}

/**
 * Draws the Sozialräume of `territory` into `box`, zoomed to the areas in `focus` (all of them
 * for an empty list), with `facilities` on top. A margin of 6 % of the box stays free.
 */
export function areaMap(territory: TerritoryFile, focus: readonly string[], facilities: readonly MapFacility[], box: MapBox): AreaMapDrawing {
  const projection = projectionFor(territory.district.crs);
  const focused = new Set(focus.length > 0 ? focus : territory.sozialraeume.features.map((feature) => feature.properties.id));
  const projected = territory.sozialraeume.features.map((feature) => ({
    id: feature.properties.id,
    name: feature.properties.name,
    rings: ringsOf(feature.geometry).map((ring) => ring.map((position) => projection.forward(position))),
  }));
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const area of projected) {
    if (!focused.has(area.id)) continue;
    for (const ring of area.rings) {
      for (const [x, y] of ring) {
        minX = Math.min(minX, x!);
        maxX = Math.max(maxX, x!);
        minY = Math.min(minY, y!);
        maxY = Math.max(maxY, y!);
      }
    }
  }
  const margin = 0.06;
  const usableWidth = box.width * (1 - 2 * margin);
  const usableHeight = box.height * (1 - 2 * margin);
  const scale = Math.min(usableWidth / Math.max(maxX - minX, 1), usableHeight / Math.max(maxY - minY, 1));
  const centreX = (minX + maxX) / 2;
  const centreY = (minY + maxY) / 2;
  const toBox = (x: number, y: number): [number, number] => [box.width / 2 + (x - centreX) * scale, box.height / 2 - (y - centreY) * scale];

  const areas: MapArea[] = projected.map((area) => {
    let boxMinX = Infinity;
    let boxMaxX = -Infinity;
    let boxMinY = Infinity;
    let boxMaxY = -Infinity;
    const rings = area.rings.map((ring) =>
      ring.map(([x, y]) => {
        const point = toBox(x!, y!);
        boxMinX = Math.min(boxMinX, point[0]);
        boxMaxX = Math.max(boxMaxX, point[0]);
        boxMinY = Math.min(boxMinY, point[1]);
        boxMaxY = Math.max(boxMaxY, point[1]);
        return point;
      }),
    );
    return { id: area.id, name: area.name, rings, focus: focused.has(area.id), label: [(boxMinX + boxMaxX) / 2, (boxMinY + boxMaxY) / 2] };
  });
  const points = facilities.map((facility) => {
    const [x, y] = projection.forward([facility.lage[0], facility.lage[1]]);
    const [px, py] = toBox(x!, y!);
    return { x: px, y: py, colour: facility.colour, hollow: facility.hollow };
  });
  const bar = scaleLength(1 / scale, box.width);
  const names = areas.filter((area) => area.focus).map((area) => area.name);
  const description =
    `Karte: ${names.length === territory.sozialraeume.features.length ? `alle ${names.length} Sozialräume` : names.join(', ')}` +
    ` hervorgehoben, Nachbarräume grau${points.length > 0 ? `; ${points.length === 1 ? 'eine Einrichtung als Punkt' : `${points.length} Einrichtungen als Punkte`}` : '; keine Einrichtungen'}; Maßstabsleiste ${bar.label}.`;
  return { areas, points, scaleBar: { length: bar.metres * scale, label: bar.label }, description };
}
