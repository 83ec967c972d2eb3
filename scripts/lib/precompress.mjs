// Brotli and gzip variants of static files, written once at build time (see scripts/compress-dist.mjs
// and scripts/build-glyphs.mjs): <file>.br (Brotli, quality 11) and <file>.gz (gzip, level 9) next to
// every compressible file of at least 1 KB. Variants newer than their file are kept.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export const COMPRESSIBLE = /\.(js|mjs|css|html|json|pbf|svg|txt|map)$/;
const MIN_BYTES = 1024;
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Compressible files below `dir`, except those under one of the `skip` subdirectory names. */
export function* compressibleFiles(dir, skip = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skip.includes(entry.name)) yield* compressibleFiles(path, skip);
    } else if (COMPRESSIBLE.test(entry.name)) yield path;
  }
}

function isFresh(source, variant) {
  try {
    return statSync(variant).mtimeMs >= statSync(source).mtimeMs;
  } catch {
    return false;
  }
}

/** Writes the missing or stale variants of one file; `written` says whether anything was done. */
async function precompressFile(path) {
  const bytes = readFileSync(path);
  if (bytes.length < MIN_BYTES) return { original: bytes.length, brotli: bytes.length, written: false };
  const jobs = [];
  if (!isFresh(path, `${path}.br`)) {
    const params = { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length };
    jobs.push(brotli(bytes, { params }).then((out) => writeFileSync(`${path}.br`, out)));
  }
  if (!isFresh(path, `${path}.gz`)) jobs.push(gzipAsync(bytes, { level: 9 }).then((out) => writeFileSync(`${path}.gz`, out)));
  await Promise.all(jobs);
  return { original: bytes.length, brotli: statSync(`${path}.br`).size, written: jobs.length > 0 };
}

/** Precompresses files, a few at a time (zlib's async functions run on the thread pool). */
export async function precompress(paths) {
  const totals = { files: paths.length, written: 0, original: 0, brotli: 0 };
  for (let i = 0; i < paths.length; i += 8) {
    for (const result of await Promise.all(paths.slice(i, i + 8).map(precompressFile))) {
      totals.original += result.original;
      totals.brotli += result.brotli;
      if (result.written) totals.written++;
    }
  }
  return totals;
}

export const kilobytes = (bytes) => `${Math.round(bytes / 1024).toLocaleString('de-DE')} KB`;
