#!/usr/bin/env node
// Precompresses the built app (dist/) once at build time, so the server sends Brotli or gzip
// without compressing per request (src/server/app.ts picks the variant the browser accepts and
// sets Content-Encoding). The glyphs (dist/fonts) are left out: scripts/build-glyphs.mjs
// precompresses them once in public/fonts and vite copies the variants along.
//
//   node scripts/compress-dist.mjs [dist-dir]
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compressibleFiles, kilobytes, precompress } from './lib/precompress.mjs';

const root = resolve(fileURLToPath(import.meta.url), '..', '..');
const dist = resolve(process.argv[2] ?? join(root, 'dist'));
const started = performance.now();
const totals = await precompress([...compressibleFiles(dist, ['fonts'])]);
console.log(
  `Vorkomprimiert: ${totals.written} von ${totals.files} Dateien (${kilobytes(totals.original)} → Brotli ${kilobytes(totals.brotli)}) ` +
    `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
