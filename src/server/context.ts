import type { OpenAPIHono } from '@hono/zod-openapi';
import type { User } from '../domain/facilities/schema';
import type { Database } from './db/database';
import type { DistrictRuntime } from './districts';

export interface ServerOptions {
  /** Whether people who are not signed in may read facilities. */
  anonymousRead: boolean;
  /** Set the Secure flag on the session cookie (behind HTTPS). */
  secureCookies: boolean;
  /** Failed logins per e-mail and address before further attempts are refused for a while. */
  maxLoginFailures: number;
  loginWindowMinutes: number;
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
}

export type AppEnv = { Variables: { session: Session | null } };
export type App = OpenAPIHono<AppEnv>;
