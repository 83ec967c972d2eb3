#!/usr/bin/env node
// Generates MapLibre glyph PBFs (signed distance fields) from the DejaVu TTFs shipped by the
// npm package `dejavu-fonts-ttf`, using fontnik's prebuilt native module.
//
// Output: public/fonts/{fontstack}/{start}-{end}.pbf for all 256 ranges 0-255 … 65280-65535.
// The style refers to them with an absolute URL: `${location.origin}/fonts/{fontstack}/{range}.pbf`.
//
// Skips all work when every output file exists and is newer than its TTF (use --force to rebuild).
// Every PBF also gets its Brotli and gzip variant (.br, .gz) for the server's static handler;
// they are written once, not at every build.

import { createRequire } from 'node:module';
import { existsSync, mkdirSync, renameSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compressibleFiles, precompress } from './lib/precompress.mjs';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ttfDir = join(root, 'node_modules', 'dejavu-fonts-ttf', 'ttf');
const outRoot = join(root, 'public', 'fonts');

export const FONTSTACKS = [
  { name: 'DejaVu Sans Book', file: 'DejaVuSans.ttf' },
  { name: 'DejaVu Sans Bold', file: 'DejaVuSans-Bold.ttf' },
];

/** All glyph ranges MapLibre may request: [0,255], [256,511], …, [65280,65535]. */
export const RANGES = Array.from({ length: 256 }, (_, i) => [i * 256, i * 256 + 255]);

function rangeFile(fontstack, [start, end]) {
  return join(outRoot, fontstack, `${start}-${end}.pbf`);
}

/** True when every output of this fontstack exists and is newer than the TTF. */
function isFresh(fontstack, ttfPath) {
  const ttfMtime = statSync(ttfPath).mtimeMs;
  for (const range of RANGES) {
    let st;
    try {
      st = statSync(rangeFile(fontstack, range));
    } catch {
      return false;
    }
    if (st.mtimeMs < ttfMtime) return false;
  }
  return true;
}

function renderRange(fontnik, font, start, end) {
  return new Promise((resolvePromise, reject) => {
    fontnik.range({ font, start, end }, (err, data) => (err ? reject(err) : resolvePromise(data)));
  });
}

async function buildFontstack(fontnik, fontstack, ttfPath) {
  const font = readFileSync(ttfPath);
  const dir = join(outRoot, fontstack);
  mkdirSync(dir, { recursive: true });
  const queue = [...RANGES];
  const worker = async () => {
    for (let range = queue.shift(); range; range = queue.shift()) {
      const [start, end] = range;
      const data = await renderRange(fontnik, font, start, end);
      const target = rangeFile(fontstack, range);
      // Write to a temporary name first so an interrupted run never leaves a truncated
      // file that the freshness check would accept.
      const tmp = `${target}.tmp-${process.pid}`;
      writeFileSync(tmp, data);
      renameSync(tmp, target);
    }
  };
  const parallel = Math.max(2, Math.min(8, availableParallelism()));
  await Promise.all(Array.from({ length: parallel }, worker));
}

async function main() {
  const t0 = performance.now();
  const force = process.argv.includes('--force');

  for (const { file } of FONTSTACKS) {
    if (!existsSync(join(ttfDir, file))) {
      console.error(`glyphs: ${join(ttfDir, file)} not found. Run npm install (dev dependency dejavu-fonts-ttf).`);
      process.exit(1);
    }
  }

  const todo = FONTSTACKS.filter(({ name, file }) => force || !isFresh(name, join(ttfDir, file)));
  if (todo.length === 0) {
    const compressed = await precompress([...compressibleFiles(outRoot)]);
    const ms = Math.round(performance.now() - t0);
    console.log(`glyphs: up to date (${FONTSTACKS.map((f) => f.name).join(', ')}; ${compressed.written} variants written; ${ms} ms)`);
    return;
  }

  let fontnik;
  try {
    fontnik = require('fontnik');
  } catch (err) {
    console.error(`glyphs: cannot load fontnik (${err.message}).`);
    process.exit(1);
  }

  for (const { name, file } of todo) {
    await buildFontstack(fontnik, name, join(ttfDir, file));
  }

  // Sanity check: the Latin range must contain glyphs for every built fontstack.
  for (const { name } of todo) {
    const latin = rangeFile(name, RANGES[0]);
    const size = statSync(latin).size;
    if (size < 1000) {
      console.error(`glyphs: ${latin} is only ${size} bytes; fontnik produced no glyphs.`);
      process.exit(1);
    }
  }

  await precompress([...compressibleFiles(outRoot)]);
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(
    `glyphs: built ${todo.length * RANGES.length} PBFs for ${todo.map((f) => f.name).join(', ')} ` +
      `in ${seconds} s → ${outRoot}`,
  );
}

main().catch((err) => {
  console.error(`glyphs: ${err?.stack ?? err}`);
  process.exit(1);
});
