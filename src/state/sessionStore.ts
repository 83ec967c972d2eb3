import { z } from 'zod';
import { create } from 'zustand';
import { SessionResponseSchema, SignInResponseSchema } from '../domain/facilities/responses';
import type { User } from '../domain/facilities/schema';
import { api, ApiError, setCsrfToken } from './api';

interface SessionState {
  user: User | null;
  /** Whether people who are not signed in may read the facilities. */
  anonymousRead: boolean;
  status: 'unknown' | 'ready' | 'error';
  error: string | null;
  load(): Promise<void>;
  /** Throws ApiError with the server's German message when refused. */
  login(email: string, passwort: string): Promise<User>;
  logout(): Promise<void>;
  /** The server ended the session (401 on a request): forget the user locally. */
  expire(): void;
}

/** Who is signed in. The server is the authority; this only mirrors its answer. */
export const useSessionStore = create<SessionState>((set) => ({
  user: null,
  anonymousRead: true,
  status: 'unknown',
  error: null,

  async load() {
    try {
      const session = await api.get('/api/session', { schema: SessionResponseSchema, what: 'Die Sitzung' });
      setCsrfToken(session.csrfToken);
      set({ user: session.user, anonymousRead: session.anonymousRead, status: 'ready', error: null });
    } catch (error) {
      setCsrfToken(null);
      set({ user: null, status: 'error', error: (error as Error).message });
    }
  },

  async login(email, passwort) {
    const session = await api.post('/api/session', { email, passwort }, { schema: SignInResponseSchema, what: 'Die Anmeldung' });
    setCsrfToken(session.csrfToken);
    set({ user: session.user, status: 'ready', error: null });
    return session.user;
  },

  async logout() {
    try {
      await api.delete('/api/session', undefined, { schema: z.undefined(), what: 'Die Abmeldung' });
    } catch (error) {
      // A session that is already gone is logged out all the same.
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
    }
    setCsrfToken(null);
    set({ user: null });
    // The server may hand out a fresh anonymous token; ask again.
    await useSessionStore.getState().load();
  },

  expire() {
    setCsrfToken(null);
    set({ user: null });
  },
}));
