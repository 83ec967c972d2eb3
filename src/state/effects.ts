// Effects that span stores live here, not in components: startup from the address, keeping
// the address in step with what is shown, and switching districts.
import { areaKey } from '../domain/territory/summary';
import { parseAtlasUrl, serializeAtlasUrl, type MapView } from '../domain/urlState';
import { useAtlasStore } from './atlasStore';
import { useTerritoryStore } from './territoryStore';

let initialView: MapView | null = null;

/**
 * The view a shared link asked for. While it is pending the map keeps it instead of fitting
 * the district; it is cleared once the first territory is on the map.
 */
export function pendingInitialView(): MapView | null {
  return initialView;
}

export function clearInitialView(): void {
  initialView = null;
}

export async function startAtlas(location: Location = window.location): Promise<void> {
  const territoryStore = useTerritoryStore.getState();
  const districts = await territoryStore.loadIndex();
  if (districts.length === 0) return;
  const { state, problems } = parseAtlasUrl(
    location.search,
    districts.map((district) => district.id),
    districts[0]!.id,
  );
  const atlas = useAtlasStore.getState();
  atlas.addNotices(problems);
  initialView = state.view;
  atlas.select(state.selection);
  if (state.view) atlas.setView(state.view);
  await useTerritoryStore.getState().loadDistrict(state.district);
  dropUnknownSelection();
  keepAddressInStep();
}

export async function switchDistrict(id: string): Promise<void> {
  useAtlasStore.getState().select(null);
  useAtlasStore.getState().setHover(null);
  await useTerritoryStore.getState().loadDistrict(id);
}

/** A link may name an area that does not exist (typo, other district): say so, select nothing. */
function dropUnknownSelection(): void {
  const { summary, territory } = useTerritoryStore.getState();
  const { selection } = useAtlasStore.getState();
  if (!selection || !summary || !territory) return;
  if (!summary.byKey.has(areaKey(selection))) {
    useAtlasStore.getState().addNotices([
      `Die Auswahl „${selection.kind}:${selection.id}“ aus der Adresse gibt es im ${territory.district.name} nicht.`,
    ]);
    useAtlasStore.getState().select(null);
  }
}

let addressSubscribed = false;

function keepAddressInStep(): void {
  if (addressSubscribed) return;
  addressSubscribed = true;
  const write = () => {
    const district = useTerritoryStore.getState().districtId;
    if (!district) return;
    const { selection, view } = useAtlasStore.getState();
    const search = serializeAtlasUrl({ district, selection, view });
    if (search !== window.location.search) window.history.replaceState(null, '', `${window.location.pathname}${search}`);
  };
  useAtlasStore.subscribe(write);
  useTerritoryStore.subscribe(write);
  write();
}
