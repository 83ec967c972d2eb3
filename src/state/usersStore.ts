import { create } from 'zustand';
import { z } from 'zod';
import { ThrottleResponseSchema, UsersResponseSchema, type ThrottleEntry } from '../domain/facilities/responses';
import { UserSchema, type User } from '../domain/facilities/schema';
import { api, type Expected } from './api';

const ONE_USER: Expected<User> = { schema: UserSchema, what: 'Das Benutzerkonto' };

export interface NewUser {
  email: string;
  name: string;
  rolle: User['rolle'];
  passwort: string;
  zustaendigkeiten: User['zustaendigkeiten'];
}

interface UsersState {
  users: User[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  load(): Promise<void>;
  /** Throws ApiError with the server's German message when refused. */
  create(user: NewUser): Promise<User>;
  update(id: string, changes: Partial<Omit<NewUser, 'passwort'>> & { aktiv?: boolean; passwort?: string }): Promise<User>;
  /** Accounts and addresses with recent failed sign-ins. */
  throttle: ThrottleEntry[];
  loadThrottle(): Promise<void>;
  /** Forgets the failures of one account or address. */
  releaseThrottle(key: string): Promise<void>;
}

/** User administration (admins only; the server checks). */
export const useUsersStore = create<UsersState>((set) => ({
  users: [],
  throttle: [],
  status: 'idle',
  error: null,
  async load() {
    set({ status: 'loading', error: null });
    try {
      const { users } = await api.get('/api/users', { schema: UsersResponseSchema, what: 'Die Liste der Benutzer' });
      set({ users, status: 'ready' });
    } catch (error) {
      set({ status: 'error', error: (error as Error).message });
    }
  },
  async create(user) {
    const created = await api.post('/api/users', user, ONE_USER);
    set((state) => ({ users: [...state.users, created] }));
    return created;
  },
  async update(id, changes) {
    const updated = await api.patch(`/api/users/${encodeURIComponent(id)}`, changes, ONE_USER);
    set((state) => ({ users: state.users.map((user) => (user.id === id ? updated : user)) }));
    return updated;
  },
  async loadThrottle() {
    const { entries } = await api.get('/api/users/login-throttle', { schema: ThrottleResponseSchema, what: 'Die Liste der gebremsten Anmeldungen' });
    set({ throttle: entries });
  },
  async releaseThrottle(key) {
    await api.delete('/api/users/login-throttle', { key }, { schema: z.undefined(), what: 'Das Freigeben' });
    set((state) => ({ throttle: state.throttle.filter((entry) => entry.key !== key) }));
  },
}));
