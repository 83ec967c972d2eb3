// `npm run atlas -- …` as a child process on a test database, as a user runs it.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, type FreshDatabase } from './testServer';

const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(ROOT, 'src', 'server', 'atlasCli.ts');

export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the atlas CLI with the database's environment (DATA_DIR or DATABASE_URL, never both). */
export function runAtlas(database: FreshDatabase, ...args: string[]): Promise<ProcessResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...database.env };
  if (!('DATABASE_URL' in database.env)) delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(TSX, [CLI, ...args], { cwd: ROOT, env, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}
