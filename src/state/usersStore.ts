import { create } from 'zustand';
import type { User } from '../domain/facilities/schema';
import { api } from './api';

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
}

/** User administration (admins only; the server checks). */
export const useUsersStore = create<UsersState>((set) => ({
  users: [],
  status: 'idle',
  error: null,
  async load() {
    set({ status: 'loading', error: null });
    try {
      const { users } = await api.get<{ users: User[] }>('/api/users');
      set({ users, status: 'ready' });
    } catch (error) {
      set({ status: 'error', error: (error as Error).message });
    }
  },
  async create(user) {
    const created = await api.post<User>('/api/users', user);
    set((state) => ({ users: [...state.users, created] }));
    return created;
  },
  async update(id, changes) {
    const updated = await api.patch<User>(`/api/users/${encodeURIComponent(id)}`, changes);
    set((state) => ({ users: state.users.map((user) => (user.id === id ? updated : user)) }));
    return updated;
  },
}));
