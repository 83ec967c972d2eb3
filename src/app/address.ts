// The address bar and the stores: startup from a shared link, keeping the address in step with
// what is shown, and switching districts.
import { areaKey } from '../domain/territory/summary';
import { parseAtlasUrl, serializeAtlasUrl } from '../domain/urlState';
import { useAtlasStore } from '../state/atlasStore';
import { useTerritoryStore } from '../state/territoryStore';

/**
 * Reads district, selection and view from the address, loads the district and from then on keeps
 * the address in step. Broken parts of the link become notices and are ignored.
 * @returns a function that stops keeping the address in step
 */
export async function startFromAddress(location: Location = window.location): Promise<() => void> {
  const districts = await useTerritoryStore.getState().loadIndex();
  if (districts.length === 0) return () => {};
  const { state, problems } = parseAtlasUrl(
    location.search,
    districts.map((district) => district.id),
    districts[0]!.id,
  );
  const atlas = useAtlasStore.getState();
  atlas.addNotices(problems);
  atlas.select(state.selection);
  atlas.openWithView(state.view);
  await useTerritoryStore.getState().loadDistrict(state.district);
  dropUnknownSelection();
  return keepAddressInStep();
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

function keepAddressInStep(): () => void {
  const write = () => {
    const district = useTerritoryStore.getState().districtId;
    if (!district) return;
    const { selection, view } = useAtlasStore.getState();
    const search = serializeAtlasUrl({ district, selection, view });
    if (search !== window.location.search) window.history.replaceState(null, '', `${window.location.pathname}${search}`);
  };
  const unsubscribers = [useAtlasStore.subscribe(write), useTerritoryStore.subscribe(write)];
  write();
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
