#!/usr/bin/env node
// Knows whether dist/ was built from the sources as they are now, so `npm start` builds only when
// something changed (a restart takes seconds, not a whole build).
//
//   node scripts/build-stamp.mjs write    after a build: record a hash of its inputs in dist/
//   node scripts/build-stamp.mjs ensure   build (npm run build) unless dist/ matches the inputs
//
// The inputs are everything the build reads from the repository: src/, index.html, public/ (but
// the generated glyphs, which follow from the locked dejavu-fonts-ttf package), the build
// scripts and configuration, package.json and package-lock.json.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '..', '..');
const stampFile = join(root, 'dist', '.build-inputs');
const INPUTS = [
  'src',
  'public',
  'index.html',
  'vite.config.ts',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
  'scripts/build-glyphs.mjs',
  'scripts/compress-dist.mjs',
  'scripts/lib/precompress.mjs',
];
const LEFT_OUT = [join('public', 'fonts')];

function* filesOf(path) {
  const absolute = join(root, path);
  if (!existsSync(absolute) || LEFT_OUT.includes(path)) return;
  const entries = readdirSync(absolute, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) yield* filesOf(child);
    else yield child;
  }
}

function inputsHash() {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    const absolute = join(root, input);
    if (!existsSync(absolute)) continue;
    const files = statSync(absolute).isDirectory() ? [...filesOf(input)] : [input];
    for (const file of files) {
      hash.update(file);
      hash.update('\0');
      hash.update(readFileSync(join(root, file)));
      hash.update('\0');
    }
  }
  return hash.digest('hex');
}

const command = process.argv[2];
if (command === 'write') {
  writeFileSync(stampFile, `${inputsHash()}\n`);
} else if (command === 'ensure') {
  const built = existsSync(join(root, 'dist', 'index.html')) && existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : null;
  if (built === inputsHash()) {
    console.log('Die gebaute App in dist/ ist aktuell; kein neuer Build nötig.');
  } else {
    console.log(built === null ? 'Noch keine gebaute App in dist/: baue sie …' : 'Quellen geändert seit dem letzten Build: baue die App neu …');
    const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
} else {
  console.error('Aufruf: node scripts/build-stamp.mjs write | ensure');
  process.exit(2);
}
