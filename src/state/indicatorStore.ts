import { create } from 'zustand';
import type { ClassMethod } from '../domain/indicators/choropleth';
import type { View } from '../domain/indicators/dataset';
import type { AreaFacilitiesResponse, CatalogueResponse, LevelValuesResponse, ProfileResponse, SimilarResponse } from '../domain/indicators/schema';
import type { IndicatorUrlState } from '../domain/urlState';
import { errorMessage } from './api';

// The endpoint module (with the Kennzahlen schemas) loads with the tab's first request, not with the first view.
const endpoints = () => import('./indicatorApi');

type Status = 'idle' | 'loading' | 'ready' | 'error';
export type MapLevel = 'sozialraum' | 'gemeinde';

interface Loaded<T> {
  status: Status;
  data: T | null;
  error: string | null;
}

const idle = <T>(): Loaded<T> => ({ status: 'idle', data: null, error: null });

/** Kennzahlen the similar-areas search starts with: age structure, migration, unemployment. */
export const DEFAULT_SIMILAR = ['anteil-unter-18', 'anteil-65-und-mehr', 'wanderungssaldo-je-1000', 'arbeitslose-je-1000'];

interface IndicatorState {
  district: string | null;
  /** Whether the Kennzahlen tab is open (the map layer shows only then). */
  active: boolean;
  catalogue: Loaded<CatalogueResponse>;
  kennzahl: string | null;
  /** JJJJ-MM-TT or a year; null: the newest date. */
  stichtag: string | null;
  method: ClassMethod;
  /** Where the map and table show the Kennzahl: Sozialräume, or Gemeinden for Kennzahlen collected per Gemeinde. */
  level: MapLevel;
  /** The protected view for everyone; the internal one only for Planung and Admin (the server checks). */
  view: View;
  values: Loaded<LevelValuesResponse>;
  /** The profile open (an area key), its year (null: newest) and the areas compared beside it. */
  profileKey: string | null;
  profileYear: string | null;
  compared: string[];
  profiles: Record<string, Loaded<ProfileResponse>>;
  similarIds: string[];
  similar: Loaded<SimilarResponse>;
  /** The open profile's facilities by category with their coverage, and the area they are of. */
  areaFacilities: Loaded<AreaFacilitiesResponse> & { key: string | null };

  setActive(active: boolean): void;
  /** Loads the catalogue of a district (a new district forgets everything of the old one). */
  openDistrict(district: string): Promise<void>;
  /**
   * Loads the open district's catalogue again after a change (own Kennzahl, imported values),
   * keeping the choices; the values and profiles shown then load again. Throws when it fails
   * (the catalogue shown stays).
   */
  refresh(): Promise<void>;
  /** A shared link's view of the tab, before the catalogue is there. */
  openView(view: IndicatorUrlState): void;
  /** A Kennzahl for the map; one not collected per Gemeinde is shown per Sozialraum. */
  chooseIndicator(id: string): void;
  chooseLevel(level: MapLevel): void;
  chooseDate(date: string | null): void;
  chooseMethod(method: ClassMethod): void;
  setView(view: View): void;
  loadValues(): Promise<void>;
  openProfile(key: string): void;
  closeProfile(): void;
  setProfileYear(year: string | null): void;
  addCompared(key: string): void;
  removeCompared(key: string): void;
  loadProfiles(): Promise<void>;
  setSimilarIds(ids: string[]): void;
  findSimilar(): Promise<void>;
  /** The open profile's facilities and coverage (once per area opened). */
  loadAreaFacilities(): Promise<void>;
}

/** The Kennzahlen tab: catalogue, the map's Kennzahl and date, profiles, comparison and similar areas. */
export const useIndicatorStore = create<IndicatorState>((set, get) => {
  let valuesRequest = 0;
  let similarRequest = 0;

  return {
    district: null,
    active: false,
    catalogue: idle(),
    kennzahl: null,
    stichtag: null,
    method: 'quantile',
    level: 'sozialraum',
    view: 'geschuetzt',
    values: idle(),
    profileKey: null,
    profileYear: null,
    compared: [],
    profiles: {},
    similarIds: DEFAULT_SIMILAR,
    similar: idle(),
    areaFacilities: { ...idle(), key: null },

    setActive: (active) => set({ active }),

    async openDistrict(district) {
      if (get().district === district && get().catalogue.status !== 'error') return;
      const changed = get().district !== null && get().district !== district;
      set({
        district,
        catalogue: { status: 'loading', data: null, error: null },
        values: idle(),
        profiles: {},
        similar: idle(),
        areaFacilities: { ...idle(), key: null },
        ...(changed ? { kennzahl: null, stichtag: null, profileKey: null, compared: [] } : {}),
      });
      try {
        const catalogue = await (await endpoints()).fetchCatalogue(district);
        if (get().district !== district) return;
        const known = catalogue.kennzahlen.some((entry) => entry.id === get().kennzahl);
        const first = catalogue.kennzahlen.find((entry) => entry.id === 'anteil-65-und-mehr' && entry.stichtage.length > 0) ?? catalogue.kennzahlen.find((entry) => entry.stichtage.length > 0);
        set({ catalogue: { status: 'ready', data: catalogue, error: null }, kennzahl: known ? get().kennzahl : (first?.id ?? null), ...(known ? {} : { stichtag: null }) });
      } catch (error) {
        if (get().district === district) set({ catalogue: { status: 'error', data: null, error: errorMessage(error) } });
      }
    },

    async refresh() {
      const district = get().district;
      if (!district) return;
      const catalogue = await (await endpoints()).fetchCatalogue(district);
      if (get().district !== district) return;
      const known = catalogue.kennzahlen.some((entry) => entry.id === get().kennzahl);
      const first = catalogue.kennzahlen.find((entry) => entry.stichtage.length > 0);
      set({
        catalogue: { status: 'ready', data: catalogue, error: null },
        profiles: {},
        similar: idle(),
        ...(known ? {} : { kennzahl: first?.id ?? null, stichtag: null }),
      });
    },

    openView: (view) =>
      set({
        kennzahl: view.kennzahl,
        stichtag: view.stichtag,
        method: view.klassen ?? 'quantile',
        level: view.ebene ?? 'sozialraum',
        profileKey: view.profil,
        compared: view.vergleich.filter((key) => key !== view.profil),
      }),

    chooseIndicator: (id) =>
      set((state) => {
        const perGemeinde = state.catalogue.data?.kennzahlen.find((entry) => entry.id === id)?.ebene === 'gemeinde';
        return { kennzahl: id, stichtag: null, level: perGemeinde ? state.level : 'sozialraum' };
      }),
    chooseLevel: (level) => set({ level }),
    chooseDate: (stichtag) => set({ stichtag }),
    chooseMethod: (method) => set({ method }),
    setView: (view) => set({ view, profiles: {}, similar: idle() }),

    async loadValues() {
      const { district, kennzahl, stichtag, view, level, catalogue } = get();
      if (!district || !kennzahl) return;
      // A link may ask for Gemeinden of a Kennzahl that has no figures per Gemeinde.
      const perGemeinde = catalogue.data?.kennzahlen.find((entry) => entry.id === kennzahl)?.ebene === 'gemeinde';
      const request = ++valuesRequest;
      set((state) => ({ values: { status: 'loading', data: state.values.data, error: null } }));
      try {
        const data = await (await endpoints()).fetchLevelValues(district, kennzahl, perGemeinde ? level : 'sozialraum', stichtag, view);
        if (request === valuesRequest) set({ values: { status: 'ready', data, error: null } });
      } catch (error) {
        if (request === valuesRequest) set({ values: { status: 'error', data: null, error: errorMessage(error) } });
      }
    },

    openProfile: (key) => set((state) => ({ profileKey: key, compared: state.compared.filter((each) => each !== key), similar: idle() })),
    closeProfile: () => set({ profileKey: null, compared: [], similar: idle() }),
    setProfileYear: (profileYear) => set({ profileYear, profiles: {} }),
    addCompared: (key) => set((state) => (state.compared.includes(key) || state.profileKey === key ? {} : { compared: [...state.compared, key] })),
    removeCompared: (key) => set((state) => ({ compared: state.compared.filter((each) => each !== key) })),

    async loadProfiles() {
      const { district, profileKey, compared, profileYear, view, profiles } = get();
      if (!district || !profileKey) return;
      const wanted = [profileKey, ...compared].filter((key) => !profiles[key] || profiles[key].status === 'error');
      if (wanted.length === 0) return;
      const pending = Object.fromEntries(wanted.map((key) => [key, { status: 'loading' as const, data: null, error: null }]));
      set((state) => ({ profiles: { ...state.profiles, ...pending } }));
      await Promise.all(
        wanted.map(async (key) => {
          let result: Loaded<ProfileResponse>;
          try {
            result = { status: 'ready', data: await (await endpoints()).fetchProfile(district, key, profileYear, view), error: null };
          } catch (error) {
            result = { status: 'error', data: null, error: errorMessage(error) };
          }
          // Only if nothing (year, view, district) changed meanwhile.
          const now = get();
          if (now.district === district && now.profileYear === profileYear && now.view === view && now.profiles[key]?.status === 'loading') {
            set((state) => ({ profiles: { ...state.profiles, [key]: result } }));
          }
        }),
      );
    },

    setSimilarIds: (similarIds) => set({ similarIds, similar: idle() }),

    async findSimilar() {
      const { district, profileKey, similarIds, profileYear, view } = get();
      if (!district || !profileKey || similarIds.length === 0) return;
      const request = ++similarRequest;
      set({ similar: { status: 'loading', data: null, error: null } });
      try {
        const data = await (await endpoints()).fetchSimilar(district, profileKey, similarIds, profileYear, view);
        if (request === similarRequest) set({ similar: { status: 'ready', data, error: null } });
      } catch (error) {
        if (request === similarRequest) set({ similar: { status: 'error', data: null, error: errorMessage(error) } });
      }
    },

    async loadAreaFacilities() {
      const { district, profileKey, areaFacilities } = get();
      if (!district || !profileKey) return;
      if (areaFacilities.key === profileKey && areaFacilities.status !== 'error') return;
      set({ areaFacilities: { status: 'loading', data: null, error: null, key: profileKey } });
      let result: Loaded<AreaFacilitiesResponse>;
      try {
        result = { status: 'ready', data: await (await endpoints()).fetchAreaFacilities(district, profileKey), error: null };
      } catch (error) {
        result = { status: 'error', data: null, error: errorMessage(error) };
      }
      const now = get();
      if (now.district === district && now.areaFacilities.key === profileKey && now.areaFacilities.status === 'loading') set({ areaFacilities: { ...result, key: profileKey } });
    },
  };
});
