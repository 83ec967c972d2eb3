// Shared helpers for fixture-based tests: reading frozen inputs, comparing outputs with the
// expected files in tests/fixtures/out and regenerating them on purpose with UPDATE_FIXTURES=1.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');

/** Set UPDATE_FIXTURES=1 to rewrite expected output files instead of comparing with them. */
export const UPDATE_FIXTURES = process.env.UPDATE_FIXTURES === '1';

export function fixturePath(relative: string): string {
  return join(FIXTURES_DIR, relative);
}

export function readTextFixture(relative: string): string {
  return readFileSync(fixturePath(relative), 'utf8');
}

/** A fixture parsed fresh from disk and deep-frozen, so no test can change what another reads. */
export function readJsonFixture<T>(relative: string): T {
  return deepFreeze(JSON.parse(readTextFixture(relative)) as T);
}

/** Freezes an object graph; code that writes into it then throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}

/** Rounds every number inside `coordinates` and `bbox` members, at any depth. */
export function roundCoordinates<T>(value: T, decimals: number): T {
  const factor = 10 ** decimals;
  const roundNumbers = (node: unknown): unknown =>
    typeof node === 'number' ? Math.round(node * factor) / factor : Array.isArray(node) ? node.map(roundNumbers) : node;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, child]) => [key, key === 'coordinates' || key === 'bbox' ? roundNumbers(child) : walk(child)]),
    );
  };
  return walk(value) as T;
}

/**
 * Compares `actual` with the expected JSON file, or writes it when UPDATE_FIXTURES=1.
 * The value goes through JSON first so that -0, undefined members and key order behave
 * exactly as in the file.
 */
export function expectToMatchJsonFixture(actual: unknown, relative: string): void {
  const path = fixturePath(relative);
  const text = formatJson(actual);
  if (UPDATE_FIXTURES) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return;
  }
  if (!existsSync(path)) {
    throw new Error(`Erwartete Datei tests/fixtures/${relative} fehlt; einmal mit UPDATE_FIXTURES=1 erzeugen und ansehen.`);
  }
  expect(JSON.parse(text), `tests/fixtures/${relative} (mit UPDATE_FIXTURES=1 bewusst neu erzeugen)`).toEqual(
    JSON.parse(readFileSync(path, 'utf8')),
  );
}

/** Pretty JSON with each coordinate pair on one line, so expected files stay short and diffable. */
export function formatJson(value: unknown): string {
  const number = String.raw`-?\d+(?:\.\d+)?(?:e[-+]?\d+)?`;
  const pair = new RegExp(String.raw`\[\s+(${number}),\s+(${number})\s+\]`, 'g');
  return `${JSON.stringify(value, null, 2).replace(pair, '[$1, $2]')}\n`;
}

/** simplestyle-spec properties so output files can be looked at in geojson.io, QGIS and the like. */
export function simpleStyle(fill: string, stroke = '#333333') {
  return { fill, 'fill-opacity': 0.5, stroke, 'stroke-width': 2 };
}

/** GeoJSON 2008 "crs" member: QGIS then places files in projected coordinates correctly. */
export const CRS_25832 = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25832' } } as const;

/** Compares text with the expected file byte for byte, or writes it when UPDATE_FIXTURES=1. */
export function expectToMatchTextFixture(actual: string, relative: string): void {
  const path = fixturePath(relative);
  if (UPDATE_FIXTURES) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) {
    throw new Error(`Erwartete Datei tests/fixtures/${relative} fehlt; einmal mit UPDATE_FIXTURES=1 erzeugen und ansehen.`);
  }
  expect(actual, `tests/fixtures/${relative} (mit UPDATE_FIXTURES=1 bewusst neu erzeugen)`).toBe(readFileSync(path, 'utf8'));
}
