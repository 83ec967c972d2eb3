/**
 * The map as the planner sees it, for printing: its pixels and what a scale bar and the text
 * alternative need. Made by the main map (src/map/MapController.ts), composed into the sheet by
 * src/ui/print/; only the canvas's type comes from the browser.
 */
export interface MapPicture {
  /** A copy of the map's pixels (no controls). */
  canvas: HTMLCanvasElement;
  /** Metres per picture pixel at the map's centre. */
  metresPerPixel: number;
  /** Degrees clockwise from north (0 while rotation is off). */
  bearing: number;
  center: [number, number];
  zoom: number;
}

/** How the sheet gets the map: at once (Ctrl+P cannot wait) or sharper, once everything is drawn. */
export interface MapCapture {
  now(): MapPicture;
  sharp(pixelRatio: number): Promise<MapPicture>;
}
