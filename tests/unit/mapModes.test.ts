// How the browse mode hands pointer input to the layers MapController composes: in their order,
// the first one hit wins, the others hear "nothing of yours". The layers here are small recording
// stand-ins: what is tested is the routing, which needs no WebGL; the real layers are exercised in
// the browser by the end-to-end tests.
import type { MapMouseEvent } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import type { LayerHit, MapLayer } from '../../src/map/layers/layer';
import { enterBrowseMode } from '../../src/map/modes/browse';

interface Recorded {
  hovers: (string | null)[];
  clicks: (string | null)[];
}

/** A layer that is hit where `hitAt` says, recording what it is told. */
function layer(name: string, hitAt: (x: number) => boolean, options: { interacting?: () => boolean; pointable?: boolean } = {}) {
  const recorded: Recorded = { hovers: [], clicks: [] };
  const instance: MapLayer = {
    add: () => {},
    update: () => {},
    destroy: () => {},
    isInteracting: options.interacting,
    ...(options.pointable === false
      ? {}
      : {
          hitTest: (event: MapMouseEvent) => (hitAt(event.point.x) ? ({ cursor: `${name}-cursor`, name } as LayerHit & { name: string }) : null),
          hover: (hit: LayerHit | null) => recorded.hovers.push(hit ? (hit as LayerHit & { name: string }).name : null),
          click: (hit: LayerHit | null) => recorded.clicks.push(hit ? (hit as LayerHit & { name: string }).name : null),
        }),
  };
  return { instance, recorded };
}

const at = (x: number) => ({ point: { x, y: 0 } }) as unknown as MapMouseEvent;
const canvas = () => ({ style: { cursor: '' } }) as unknown as HTMLElement;

describe('browse mode', () => {
  // x = 1: only the areas; x = 2: facility and area; x = 3: coverage mark, facility and area; x = 0: nothing.
  const make = (interacting = false) => {
    const coverage = layer('coverage', (x) => x >= 3, { interacting: () => interacting });
    const facilities = layer('facility', (x) => x >= 2);
    const areas = layer('area', (x) => x >= 1);
    const background = layer('background', () => true, { pointable: false });
    const target = canvas();
    const mode = enterBrowseMode([coverage.instance, facilities.instance, areas.instance, background.instance], target);
    return { mode, target, coverage: coverage.recorded, facilities: facilities.recorded, areas: areas.recorded };
  };

  it('hovers the first layer hit and tells the others the pointer is over nothing of theirs', () => {
    const { mode, target, coverage, facilities, areas } = make();
    mode.pointerMove!(at(2));
    expect([coverage.hovers, facilities.hovers, areas.hovers]).toEqual([[null], ['facility'], [null]]);
    expect(target.style.cursor).toBe('facility-cursor');
    mode.pointerMove!(at(1));
    expect([coverage.hovers.at(-1), facilities.hovers.at(-1), areas.hovers.at(-1)]).toEqual([null, null, 'area']);
    expect(target.style.cursor).toBe('area-cursor');
    mode.pointerMove!(at(0));
    expect(areas.hovers.at(-1)).toBeNull();
    expect(target.style.cursor).toBe('');
  });

  it('gives a click to the first layer hit only; the layers before it hear a click on nothing', () => {
    const { mode, coverage, facilities, areas } = make();
    mode.click!(at(3));
    expect([coverage.clicks, facilities.clicks, areas.clicks]).toEqual([['coverage'], [], []]);
    mode.click!(at(2));
    expect([coverage.clicks.at(-1), facilities.clicks.at(-1), areas.clicks]).toEqual([null, 'facility', []]);
    // Beside every symbol: the facility layer hears "nothing" (clears its selection), the area is selected.
    mode.click!(at(1));
    expect([facilities.clicks.at(-1), areas.clicks.at(-1)]).toEqual([null, 'area']);
  });

  it('leaves hover alone while a layer drags something', () => {
    const { mode, facilities, areas } = make(true);
    mode.pointerMove!(at(2));
    expect([facilities.hovers, areas.hovers]).toEqual([[], []]);
  });
});
