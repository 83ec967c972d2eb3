// Where the Kreistag picture draws over its map, so the map's names keep clear of it.
import { describe, expect, it } from 'vitest';
import { PNG_LAYOUT, pngOverlayBoxes } from '../../src/ui/coverage/presentationPng';

describe('pngOverlayBoxes', () => {
  it('gives the scale bar (bottom left) and the north arrow (top right) in pixels of a map drawn 1:1', () => {
    const { width, height } = PNG_LAYOUT.map;
    expect(pngOverlayBoxes(width, height)).toEqual([
      { left: 8, top: height - 56, right: 318, bottom: height - 12 },
      { left: width - 46, top: 12, right: width - 14, bottom: 66 },
    ]);
  });

  it('shrinks them for a map the picture enlarges, by the picture’s scale', () => {
    const { width, height } = PNG_LAYOUT.map;
    const [bar, arrow] = pngOverlayBoxes(width / 2, height / 2);
    expect(bar).toEqual({ left: 4, top: height / 2 - 28, right: 159, bottom: height / 2 - 6 });
    expect(arrow).toEqual({ left: width / 2 - 23, top: 6, right: width / 2 - 7, bottom: 33 });
  });
});
