import { create } from 'zustand';
import type { AreaRef, SortDirection, SortKey } from '../domain/territory/summary';
import type { MapView } from '../domain/urlState';
import {
  DEFAULT_LAYER_VISIBILITY,
  type AtlasTab,
  type BasemapId,
  type ClickLevel,
  type LayerGroupId,
  type LayerVisibility,
} from '../domain/atlasView';

interface AtlasState {
  /** The sidebar's tab (in the address, so a link opens it). */
  tab: AtlasTab;
  selection: AreaRef | null;
  hover: AreaRef | null;
  clickLevel: ClickLevel;
  layers: LayerVisibility;
  basemap: BasemapId;
  sort: { key: SortKey; direction: SortDirection };
  view: MapView | null;
  /**
   * The view a shared link asked for. While it is pending the map keeps it instead of fitting
   * the district; it is taken once the first territory is on the map.
   */
  viewFromAddress: MapView | null;
  /** Messages about input that was not used (e.g. a broken link); shown until dismissed. */
  notices: string[];
  /** Incremented when the map should move to the selection (choices made outside the map). */
  focusRequest: number;
  setTab(tab: AtlasTab): void;
  select(ref: AreaRef | null, options?: { focus?: boolean }): void;
  setHover(ref: AreaRef | null): void;
  setClickLevel(level: ClickLevel): void;
  toggleLayer(group: LayerGroupId): void;
  setBasemap(id: BasemapId): void;
  sortBy(key: SortKey): void;
  setView(view: MapView): void;
  /** Startup from a link: the view to open with. */
  openWithView(view: MapView | null): void;
  /** Returns the pending view of the link (if any) and forgets it. */
  takeViewFromAddress(): MapView | null;
  addNotices(messages: string[]): void;
  dismissNotice(index: number): void;
}

/** What the user sees and does in the atlas, independent of which district is loaded. */
export const useAtlasStore = create<AtlasState>((set, get) => ({
  tab: 'sozialraeume',
  selection: null,
  hover: null,
  clickLevel: 'sozialraum',
  layers: DEFAULT_LAYER_VISIBILITY,
  basemap: 'keine',
  sort: { key: 'name', direction: 'asc' },
  view: null,
  viewFromAddress: null,
  notices: [],
  focusRequest: 0,

  setTab: (tab) => set({ tab }),
  select: (ref, options) =>
    set((state) => ({ selection: ref, focusRequest: options?.focus ? state.focusRequest + 1 : state.focusRequest })),
  setHover: (ref) => set({ hover: ref }),
  setClickLevel: (clickLevel) => set({ clickLevel }),
  toggleLayer: (group) => set((state) => ({ layers: { ...state.layers, [group]: !state.layers[group] } })),
  setBasemap: (basemap) => set({ basemap }),
  sortBy: (key) =>
    set((state) => {
      if (state.sort.key === key) return { sort: { key, direction: state.sort.direction === 'asc' ? 'desc' : 'asc' } };
      // Names read best A-Z; figures are usually compared largest first.
      const textual = key === 'name' || key === 'sozialregion';
      return { sort: { key, direction: textual ? 'asc' : 'desc' } };
    }),
  setView: (view) => set({ view }),
  openWithView: (view) => set(view ? { view, viewFromAddress: view } : { viewFromAddress: null }),
  takeViewFromAddress: () => {
    const view = get().viewFromAddress;
    if (view) set({ viewFromAddress: null });
    return view;
  },
  addNotices: (messages) => set((state) => ({ notices: [...state.notices, ...messages] })),
  dismissNotice: (index) => set((state) => ({ notices: state.notices.filter((_, i) => i !== index) })),
}));
