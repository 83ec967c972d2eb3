import type { OpenAPIHono } from '@hono/zod-openapi';
import type { User } from '../domain/facilities/schema';
import type { Database } from './db/database';
import type { DistrictRuntime } from './districts';

export interface ServerOptions {
  /** Whether people who are not signed in may read facilities. */
  anonymousRead: boolean;
  /** Set the Secure flag on the session cookie (behind HTTPS). */
  secureCookies: boolean;
  /** Failed sign-ins per account before the exponential back-off starts (per address: four times as many). */
  maxLoginFailures: number;
  /** The longest back-off of the sign-in throttle. */
  loginWindowMinutes: number;
  /** Origins besides the server's own that may send state-changing requests (a reverse proxy's public address). */
  allowedOrigins?: readonly string[];
  /** The throttle's clock (tests move it instead of waiting). */
  clock?: () => Date;
}

export interface AppDependencies {
  db: Database;
  districts: Map<string, DistrictRuntime>;
  options: ServerOptions;
  /**
   * The secret of the command line's routes (/api/cli/…), kept in the data directory's lock
   * file: only who can read that file may use them. Unset: those routes answer 404.
   */
  cliToken?: string;
}

export interface Session {
  user: User;
  csrfToken: string;
  /** The session's id, as the list of the user's sessions names it. */
  id: string;
  /** The password fails today's policy: only reading, changing it and signing out are allowed. */
  passwordChangeRequired: boolean;
}

export type AppEnv = { Variables: { session: Session | null } };
export type App = OpenAPIHono<AppEnv>;
