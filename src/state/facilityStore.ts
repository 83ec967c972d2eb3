// Long on purpose: the one store of the resource map (list, polling with changes, selection, add mode,
// undo by change records, conflicts); its actions share one state and would not read better apart.
import { create } from 'zustand';
import { DEFAULT_CATEGORIES, type FacilityCategory } from '../domain/facilities/catalog';
import type { Facility, FacilityVersion } from '../domain/facilities/schema';
import {
  planUndo,
  type ChangeRecord,
  type FacilityOperation,
} from '../domain/resources/changes';
import {
  EMPTY_FILTER,
  filterFacilities,
  type FacilityListFilter,
  type FacilitySortDirection,
  type FacilitySortKey,
} from '../domain/resources/filter';
import { ApiError } from './api';
import { executeOperation, fetchCategories, fetchFacilities, fetchFacilityChanges, fetchFacility, fetchHistory } from './facilityApi';

/** The user's attempt that the server refused because someone else changed the facility first. */
export interface ConflictState {
  /** What the user wanted to do. */
  operation: Exclude<FacilityOperation, { kind: 'create' }>;
  /** The facility as the user saw it when starting the change (null if unknown). */
  base: Facility | null;
  /** The newer version from the server. */
  current: Facility;
  /** An undo is resolved differently: its record leaves the stack either way. */
  origin: 'edit' | 'undo';
  /** For an undo: the record being taken back. */
  undoRecord: ChangeRecord | null;
}

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error' | 'signin-required';

/** Why a new facility is being added, when it is more than "+ Einrichtung hinzufügen". */
export interface DraftOrigin {
  /** A hypothetical facility of the coverage scenario is being made real. */
  kind: 'hypothetical';
  id: string;
  categoryId: string;
}

const UNDO_LIMIT = 100;

interface FacilityState {
  districtId: string | null;
  categories: FacilityCategory[];
  /** All facilities of the district, deleted ones included; server order. */
  facilities: Facility[];
  status: LoadStatus;
  error: string | null;
  filter: FacilityListFilter;
  sort: { key: FacilitySortKey; direction: FacilitySortDirection };
  selectedId: string | null;
  hoverId: string | null;
  /** Incremented when the map should bring the selected facility into view. */
  focusRequest: number;
  /** 'add': the next click on the map places a new facility. */
  mode: 'browse' | 'add';
  /** Position of the facility being added (shown on the map, edited in the form). */
  draft: [number, number] | null;
  /** Category the form of a new facility starts with (e.g. from a hypothetical facility of the coverage analysis). */
  draftCategory: string | null;
  /** Where the facility being added comes from (null: a plain "add"). */
  draftOrigin: DraftOrigin | null;
  /** The facility the user created last, with the origin of its draft (others react to it, e.g. the scenario). */
  lastCreated: { facility: Facility; origin: DraftOrigin | null } | null;
  /** The facility whose edit form is open. */
  editingId: string | null;
  /** The user's own changes, newest last. */
  undoStack: ChangeRecord[];
  conflict: ConflictState | null;
  /** An operation is on its way to the server. */
  busy: boolean;
  /** Counts loads and resets, so that an answer to an older load is dropped. */
  generation: number;
  /** The change counter of the last list or changes fetched (null: fetch the whole list). */
  stand: number | null;
  /** Polls since the whole list was last fetched. */
  pollsSinceFull: number;

  load(districtId: string): Promise<void>;
  /** Fetches the list again and takes over what others changed (polling). */
  refresh(): Promise<void>;
  reset(status?: LoadStatus): void;
  /** The server refuses to show facilities without signing in (ANONYMOUS_READ=false). */
  requireSignIn(districtId: string): void;
  /** Another user (or none) signed in: undo takes back one's own changes only, so the stack and open edits go. */
  forgetUserChanges(): void;
  select(id: string | null, options?: { focus?: boolean }): void;
  setHover(id: string | null): void;
  setFilter(patch: Partial<FacilityListFilter>): void;
  resetFilter(): void;
  sortBy(key: FacilitySortKey): void;
  startAdd(): void;
  /** Opens the form of a new facility at a place, with the category chosen (coverage: "Als echte Einrichtung anlegen"). */
  startAddAt(lngLat: [number, number], category: string, origin?: DraftOrigin): void;
  placeDraft(lngLat: [number, number]): void;
  cancelAdd(): void;
  startEdit(id: string): void;
  stopEdit(): void;

  /**
   * Sends an operation based on `base` (the facility as the user saw it; omit for create).
   * Resolves with the new facility, or null when a version conflict opened the conflict dialog.
   * Other failures reject with an ApiError carrying the server's German message.
   */
  perform(operation: FacilityOperation, base?: Facility): Promise<Facility | null>;
  /** Takes back the user's most recent change. Null when nothing happened (conflict, empty stack). */
  undo(): Promise<Facility | null>;
  resolveConflict(choice: 'theirs' | 'mine'): Promise<Facility | null>;
  /** Facilities the server created in an import. */
  addFacilities(facilities: Facility[]): void;
  /** Replaces one facility with a newer version (e.g. fetched for the details panel). */
  upsert(facility: Facility): void;
  /** Every version of a facility, newest first (the "Verlauf"). */
  fetchHistory(id: string): Promise<FacilityVersion[]>;
}

function upsertInto(list: readonly Facility[], facility: Facility): Facility[] {
  const index = list.findIndex((item) => item.id === facility.id);
  if (index < 0) return [...list, facility];
  const existing = list[index]!;
  // Never let an older answer (a slow poll) replace a newer version.
  if (existing === facility || existing.version > facility.version) return list as Facility[];
  const copy = [...list];
  copy[index] = facility;
  return copy;
}

/**
 * Takes over a fresh list from the server but keeps the old objects where the version did not
 * change, so the map and the table see unchanged data as unchanged (no re-send, no re-render).
 * Returns the old list itself when nothing changed.
 */
export function mergeFacilities(previous: readonly Facility[], incoming: readonly Facility[]): Facility[] {
  const byId = new Map(previous.map((facility) => [facility.id, facility]));
  let changed = previous.length !== incoming.length;
  const merged = incoming.map((facility, index) => {
    const old = byId.get(facility.id);
    if (old && old.version >= facility.version) {
      if (previous[index] !== old) changed = true;
      return old;
    }
    changed = true;
    return facility;
  });
  return changed ? merged : (previous as Facility[]);
}

/** The list with the changed facilities taken over (newer versions only); returns the list itself when none is newer. */
export function mergeChanges(previous: readonly Facility[], changed: readonly Facility[]): Facility[] {
  const known = new Map(previous.map((facility) => [facility.id, facility.version]));
  // Equal versions are the same facility (the server's copy of one's own new one): keeping the old
  // object spares the map a re-send of every facility and the table a re-render.
  return changed.filter((facility) => (known.get(facility.id) ?? 0) < facility.version).reduce<Facility[]>((list, facility) => upsertInto(list, facility), previous as Facility[]);
}

function isVersionConflict(error: unknown): error is ApiError & { details: { current: Facility } } {
  return (
    error instanceof ApiError &&
    error.status === 409 &&
    typeof error.details === 'object' &&
    error.details !== null &&
    typeof (error.details as { current?: unknown }).current === 'object' &&
    (error.details as { current?: unknown }).current !== null
  );
}

const initialData = {
  districtId: null,
  categories: [...DEFAULT_CATEGORIES],
  facilities: [] as Facility[],
  status: 'idle' as LoadStatus,
  error: null,
  filter: EMPTY_FILTER,
  sort: { key: 'name' as FacilitySortKey, direction: 'asc' as FacilitySortDirection },
  selectedId: null,
  hoverId: null,
  focusRequest: 0,
  mode: 'browse' as const,
  draft: null,
  draftCategory: null,
  draftOrigin: null,
  lastCreated: null,
  editingId: null,
  undoStack: [] as ChangeRecord[],
  conflict: null,
  busy: false,
  generation: 0,
  stand: null as number | null,
  pollsSinceFull: 0,
};

/**
 * Every this many polls the whole list comes again (answered 304 when unchanged): it catches a
 * change that the change counter cannot order (see changeCursor on the server) within minutes.
 */
export const FULL_LIST_EVERY_POLLS = 20;

/**
 * The facilities of the current district with what the user does to them: filter, selection,
 * the add mode and the undo stack of change records. Kept thin: every change is one
 * operation sent to the server, and the server's answer is what the store keeps.
 */
export const useFacilityStore = create<FacilityState>((set, get) => {
  /** Sends an operation and records the change; conflicts open the dialog. */
  async function send(
    operation: FacilityOperation,
    base: Facility | null,
    options: { record: boolean; undoRecord: ChangeRecord | null },
  ): Promise<Facility | null> {
    const district = get().districtId;
    if (!district) throw new ApiError(0, 'no_district', 'Kein Landkreis geladen.');
    set({ busy: true });
    try {
      const after = await executeOperation(district, operation, base?.version ?? 1);
      set((state) => ({
        facilities: upsertInto(state.facilities, after),
        undoStack: options.record
          ? [...state.undoStack, { facilityId: after.id, before: base, after }].slice(-UNDO_LIMIT)
          : state.undoStack,
      }));
      return after;
    } catch (error) {
      if (operation.kind !== 'create' && isVersionConflict(error)) {
        const current = error.details.current;
        set((state) => ({
          facilities: upsertInto(state.facilities, current),
          conflict: { operation, base, current, origin: options.undoRecord ? 'undo' : 'edit', undoRecord: options.undoRecord },
        }));
        return null;
      }
      throw error;
    } finally {
      set({ busy: false });
    }
  }

  async function currentOf(id: string): Promise<Facility> {
    return get().facilities.find((facility) => facility.id === id) ?? (await fetchFacility(id));
  }

  return {
    ...initialData,

    async load(districtId) {
      const generation = get().generation + 1;
      set({
        generation,
        districtId,
        status: 'loading',
        error: null,
        facilities: [],
        selectedId: null,
        hoverId: null,
        editingId: null,
        mode: 'browse',
        draft: null,
        filter: EMPTY_FILTER,
      });
      try {
        const [categories, list] = await Promise.all([
          fetchCategories(districtId).catch(() => [...DEFAULT_CATEGORIES]),
          fetchFacilities(districtId),
        ]);
        if (generation !== get().generation) return;
        set({ categories, facilities: list.facilities, stand: list.stand, pollsSinceFull: 0, status: 'ready' });
      } catch (error) {
        if (generation !== get().generation) return;
        if (error instanceof ApiError && error.status === 401) set({ status: 'signin-required', error: null });
        else set({ status: 'error', error: (error as Error).message });
      }
    },

    async refresh() {
      const { districtId, status } = get();
      if (!districtId || (status !== 'ready' && status !== 'error')) return;
      const generation = get().generation;
      const { stand, pollsSinceFull } = get();
      const onlyChanges = stand !== null && status === 'ready' && pollsSinceFull + 1 < FULL_LIST_EVERY_POLLS;
      try {
        const incoming = onlyChanges ? await fetchFacilityChanges(districtId, stand) : await fetchFacilities(districtId);
        if (generation !== get().generation || get().districtId !== districtId) return;
        const merged = onlyChanges ? mergeChanges(get().facilities, incoming.facilities) : mergeFacilities(get().facilities, incoming.facilities);
        set({ stand: incoming.stand, pollsSinceFull: onlyChanges ? pollsSinceFull + 1 : 0 });
        if (merged !== get().facilities || status !== 'ready') set({ facilities: merged, status: 'ready', error: null });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) set({ status: 'signin-required', facilities: [] });
        // Otherwise keep what is shown; the next poll tries again.
      }
    },

    reset(status = 'idle') {
      set({ ...initialData, districtId: get().districtId, undoStack: get().undoStack, generation: get().generation + 1, status });
    },

    requireSignIn(districtId) {
      set({ districtId });
      get().reset('signin-required');
    },

    forgetUserChanges: () => set({ undoStack: [], conflict: null, editingId: null, mode: 'browse', draft: null, draftOrigin: null }),

    select: (id, options) =>
      set((state) => ({
        selectedId: id,
        editingId: state.editingId === id ? state.editingId : null,
        focusRequest: options?.focus && id ? state.focusRequest + 1 : state.focusRequest,
      })),
    setHover: (id) => {
      if (get().hoverId !== id) set({ hoverId: id });
    },
    setFilter: (patch) => set((state) => ({ filter: { ...state.filter, ...patch } })),
    resetFilter: () => set({ filter: EMPTY_FILTER }),
    sortBy: (key) =>
      set((state) => ({
        sort:
          state.sort.key === key
            ? { key, direction: state.sort.direction === 'asc' ? 'desc' : 'asc' }
            : { key, direction: key === 'geaendertAm' ? 'desc' : 'asc' },
      })),
    startAdd: () => set({ mode: 'add', draft: null, draftCategory: null, draftOrigin: null, editingId: null, selectedId: null }),
    startAddAt: (lngLat, category, origin) =>
      set({ mode: 'add', draft: lngLat, draftCategory: category, draftOrigin: origin ?? null, editingId: null, selectedId: null }),
    placeDraft: (lngLat) => set({ draft: lngLat }),
    cancelAdd: () => set({ mode: 'browse', draft: null, draftCategory: null, draftOrigin: null }),
    startEdit: (id) => set({ editingId: id, selectedId: id, mode: 'browse', draft: null }),
    stopEdit: () => set({ editingId: null }),

    async perform(operation, base) {
      const current = base ?? (operation.kind === 'create' ? null : await currentOf(operation.facilityId));
      const result = await send(operation, current, { record: true, undoRecord: null });
      if (result && operation.kind === 'create') {
        set({ mode: 'browse', draft: null, draftOrigin: null, lastCreated: { facility: result, origin: get().draftOrigin } });
      }
      return result;
    },

    async undo() {
      const record = get().undoStack.at(-1);
      if (!record || get().busy) return null;
      const current = await currentOf(record.facilityId);
      const plan = planUndo(record, current);
      const pop = () => set((state) => ({ undoStack: state.undoStack.filter((item) => item !== record) }));
      if (plan.kind === 'nothing') {
        pop();
        return null;
      }
      if (plan.kind === 'conflict') {
        if (plan.operation.kind === 'create') return null;
        set((state) => ({
          facilities: upsertInto(state.facilities, plan.current),
          conflict: {
            operation: plan.operation as ConflictState['operation'],
            base: record.after,
            current: plan.current,
            origin: 'undo',
            undoRecord: record,
          },
        }));
        return null;
      }
      const base = current.version === plan.baseVersion ? current : { ...current, version: plan.baseVersion };
      const result = await send(plan.operation, base, { record: false, undoRecord: record });
      if (result) pop();
      return result;
    },

    async resolveConflict(choice) {
      const conflict = get().conflict;
      if (!conflict) return null;
      set({ conflict: null });
      const dropUndoRecord = () => {
        const record = conflict.undoRecord;
        if (record) set((state) => ({ undoStack: state.undoStack.filter((item) => item !== record) }));
      };
      if (choice === 'theirs') {
        dropUndoRecord();
        return conflict.current;
      }
      const result = await send(conflict.operation, conflict.current, {
        record: conflict.undoRecord === null,
        undoRecord: conflict.undoRecord,
      });
      if (result) dropUndoRecord();
      return result;
    },

    // By id in one pass: an import adds up to 20,000 facilities, one findIndex each would be quadratic.
    addFacilities: (facilities) =>
      set((state) => {
        const incoming = new Map(facilities.map((facility) => [facility.id, facility]));
        const kept = state.facilities.map((facility) => incoming.get(facility.id) ?? facility);
        const known = new Set(state.facilities.map((facility) => facility.id));
        return { facilities: [...kept, ...facilities.filter((facility) => !known.has(facility.id))] };
      }),

    upsert: (facility) => set((state) => ({ facilities: upsertInto(state.facilities, facility) })),

    fetchHistory: (id) => fetchHistory(id),
  };
});

/** Memo of the filtered list per facility list (identity), so unchanged inputs give the same array. */
const filtered = new WeakMap<readonly Facility[], { filter: FacilityListFilter; result: Facility[] }>();

/** The facilities passing the filter; the same array as long as list and filter are unchanged. */
export function selectFilteredFacilities(state: Pick<FacilityState, 'facilities' | 'filter'>): Facility[] {
  const cached = filtered.get(state.facilities);
  if (cached && cached.filter === state.filter) return cached.result;
  const result = filterFacilities(state.facilities, state.filter);
  filtered.set(state.facilities, { filter: state.filter, result });
  return result;
}

/** A category of the district's catalogue (or a default one while the catalogue is loading). */
export function selectCategory(state: Pick<FacilityState, 'categories'>, id: string): FacilityCategory | undefined {
  return state.categories.find((category) => category.id === id) ?? DEFAULT_CATEGORIES.find((category) => category.id === id);
}

export function selectFacility(state: Pick<FacilityState, 'facilities'>, id: string | null): Facility | null {
  if (!id) return null;
  return state.facilities.find((facility) => facility.id === id) ?? null;
}
