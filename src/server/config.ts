import { join, resolve } from 'node:path';
import { passwordPolicyMessage, passwordPolicyProblems } from './auth/passwordPolicy';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  anonymousRead: boolean;
  secureCookies: boolean;
  allowedOrigins: string[];
  admin: { email: string; password: string; name: string } | null;
  root: string;
}

export class ConfigError extends Error {}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (['1', 'true', 'ja', 'yes'].includes(value.toLowerCase())) return true;
  if (['0', 'false', 'nein', 'no'].includes(value.toLowerCase())) return false;
  throw new ConfigError(`${name}="${value}" ist ungültig: erwartet true oder false.`);
}

/** Reads the server settings from the environment; every bad value is a clear error. */
export function readConfig(env: NodeJS.ProcessEnv, root: string): ServerConfig {
  const portText = env.PORT ?? '5173';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT="${portText}" ist keine Portnummer.`);
  const adminEmail = env.ADMIN_EMAIL?.trim();
  const adminPassword = env.ADMIN_PASSWORD;
  if ((adminEmail && !adminPassword) || (!adminEmail && adminPassword)) {
    throw new ConfigError('ADMIN_EMAIL und ADMIN_PASSWORD gehören zusammen: beide setzen oder keine.');
  }
  if (adminPassword !== undefined && adminEmail) {
    const problems = passwordPolicyProblems(adminPassword, { email: adminEmail, name: env.ADMIN_NAME ?? null });
    if (problems.length > 0) throw new ConfigError(`ADMIN_PASSWORD erfüllt die Passwortregeln nicht: ${passwordPolicyMessage(problems)}`);
  }
  const allowedOrigins = (env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  for (const origin of allowedOrigins) {
    if (!/^https?:\/\/[^/\s]+$/i.test(origin)) throw new ConfigError(`ALLOWED_ORIGINS: „${origin}“ ist kein Origin wie https://atlas.landkreis.de.`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(root, env.DATA_DIR ?? join('.data', 'pglite')),
    databaseUrl: env.DATABASE_URL || undefined,
    anonymousRead: flag(env, 'ANONYMOUS_READ', true),
    secureCookies: flag(env, 'SECURE_COOKIES', false),
    allowedOrigins,
    admin: adminEmail && adminPassword ? { email: adminEmail, password: adminPassword, name: env.ADMIN_NAME ?? 'Administrator' } : null,
    root,
  };
}
