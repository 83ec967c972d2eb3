import { create } from 'zustand';
import { summarizeTerritory, type TerritorySummary } from '../domain/territory/summary';
import type { DistrictIndexEntry, TerritoryFile } from '../domain/territory/types';
import { fetchDistrictIndex, fetchTerritory } from './territoryData';

interface TerritoryState {
  districts: DistrictIndexEntry[];
  districtId: string | null;
  territory: TerritoryFile | null;
  summary: TerritorySummary | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  loadIndex(): Promise<DistrictIndexEntry[]>;
  loadDistrict(id: string): Promise<void>;
}

/** The district being looked at: its territory file and the figures derived from it. */
export const useTerritoryStore = create<TerritoryState>((set, get) => ({
  districts: [],
  districtId: null,
  territory: null,
  summary: null,
  status: 'idle',
  error: null,

  async loadIndex() {
    try {
      const districts = await fetchDistrictIndex();
      set({ districts });
      return districts;
    } catch (error) {
      set({ status: 'error', error: (error as Error).message });
      return [];
    }
  },

  async loadDistrict(id) {
    const entry = get().districts.find((district) => district.id === id);
    if (!entry) {
      set({ status: 'error', error: `Unbekannter Landkreis „${id}“.` });
      return;
    }
    set({ districtId: id, status: 'loading', error: null });
    try {
      const territory = await fetchTerritory(entry);
      // A later switch may have overtaken this request; only the latest wins.
      if (get().districtId !== id) return;
      set({ territory, summary: summarizeTerritory(territory), status: 'ready' });
    } catch (error) {
      if (get().districtId === id) set({ status: 'error', error: (error as Error).message });
    }
  },
}));
