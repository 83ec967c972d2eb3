import { z } from 'zod';
import { create } from 'zustand';
import { PasswordChangedResponseSchema, SessionResponseSchema, SessionsResponseSchema, SignInResponseSchema, type SessionSummary } from '../domain/facilities/responses';
import type { User } from '../domain/facilities/schema';
import { api, ApiError, setCsrfToken } from './api';

interface SessionState {
  user: User | null;
  /** Whether people who are not signed in may read the facilities. */
  anonymousRead: boolean;
  status: 'unknown' | 'ready' | 'error';
  error: string | null;
  /** The password fails today's policy: the app asks for a new one before anything is edited. */
  passwortAendern: boolean;
  /** The user's sessions (browsers where they are signed in), once asked for. */
  sessions: SessionSummary[];
  load(): Promise<void>;
  /** Throws ApiError with the server's German message when refused. */
  login(email: string, passwort: string): Promise<User>;
  logout(): Promise<void>;
  /** The server ended the session (401 on a request): forget the user locally. */
  expire(): void;
  /** Throws ApiError with the server's German message (wrong current password, policy). Returns how many other sessions ended. */
  changePassword(passwort: string, neuesPasswort: string): Promise<number>;
  loadSessions(): Promise<void>;
  /** Ends one of the user's sessions; ending the own one signs out. */
  endSession(id: string): Promise<void>;
}

/** Who is signed in. The server is the authority; this only mirrors its answer. */
export const useSessionStore = create<SessionState>((set) => ({
  user: null,
  anonymousRead: true,
  status: 'unknown',
  error: null,
  passwortAendern: false,
  sessions: [],

  async load() {
    try {
      const session = await api.get('/api/session', { schema: SessionResponseSchema, what: 'Die Sitzung' });
      setCsrfToken(session.csrfToken);
      set({ user: session.user, anonymousRead: session.anonymousRead, passwortAendern: session.passwortAendern, status: 'ready', error: null });
    } catch (error) {
      setCsrfToken(null);
      set({ user: null, status: 'error', error: (error as Error).message });
    }
  },

  async login(email, passwort) {
    const session = await api.post('/api/session', { email, passwort }, { schema: SignInResponseSchema, what: 'Die Anmeldung' });
    setCsrfToken(session.csrfToken);
    set({ user: session.user, passwortAendern: session.passwortAendern, status: 'ready', error: null });
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
    set({ user: null, passwortAendern: false, sessions: [] });
    // The server may hand out a fresh anonymous token; ask again.
    await useSessionStore.getState().load();
  },

  expire() {
    setCsrfToken(null);
    set({ user: null, passwortAendern: false, sessions: [] });
  },

  async changePassword(passwort, neuesPasswort) {
    const { beendeteSitzungen } = await api.post('/api/session/password', { passwort, neuesPasswort }, { schema: PasswordChangedResponseSchema, what: 'Die Passwortänderung' });
    set({ passwortAendern: false });
    return beendeteSitzungen;
  },

  async loadSessions() {
    const { sessions } = await api.get('/api/session/sessions', { schema: SessionsResponseSchema, what: 'Die Liste der Sitzungen' });
    set({ sessions });
  },

  async endSession(id) {
    const own = useSessionStore.getState().sessions.find((session) => session.id === id)?.aktuell === true;
    await api.delete(`/api/session/sessions/${encodeURIComponent(id)}`, undefined, { schema: z.undefined(), what: 'Das Beenden der Sitzung' });
    if (own) {
      useSessionStore.getState().expire();
      await useSessionStore.getState().load();
      return;
    }
    set((state) => ({ sessions: state.sessions.filter((session) => session.id !== id) }));
  },
}));
