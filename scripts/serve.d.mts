// Types for scripts/serve.mjs, so TypeScript tests can import it.
import type { Server } from 'node:http';

export declare const DEFAULT_ROOT: string;

export interface StartServerOptions {
  /** Port to listen on; 0 picks a free port. Default 5173. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Directory to serve. Default: dist/ of the repository. */
  root?: string;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:5173/ (with trailing slash) */
  url: string;
  port: number;
  host: string;
  server: Server;
  close(): Promise<void>;
}

export declare function startServer(options?: StartServerOptions): Promise<RunningServer>;
