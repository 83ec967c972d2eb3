#!/usr/bin/env node
// The single entry behind `npm test`:
//   a. find Chromium (install Debian's package when running as root), b. type check,
//   c. lint (incl. layering rule), d. unit and API tests (embedded PGlite), p. API tests on a
//   PostgreSQL + PostGIS server, e. production build, f. end-to-end tests.
// Stops at the first failing step with a non-zero exit code. Browser tests are never skipped.
//
//   node scripts/test.mjs               all steps
//   node scripts/test.mjs --unit-only   b, c, d, p
//   node scripts/test.mjs --e2e-only    a, e, f

import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from './postgres.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const INSTALL_HINT = 'sudo apt-get update && sudo apt-get install -y chromium';

const args = process.argv.slice(2);
const known = new Set(['--unit-only', '--e2e-only']);
for (const arg of args) {
  if (!known.has(arg)) {
    console.error(`Unknown option ${arg}. Usage: node scripts/test.mjs [--unit-only | --e2e-only]`);
    process.exit(2);
  }
}
const unitOnly = args.includes('--unit-only');
const e2eOnly = args.includes('--e2e-only');
if (unitOnly && e2eOnly) {
  console.error('--unit-only and --e2e-only exclude each other.');
  process.exit(2);
}

const childEnv = { ...process.env };

class StepFailure extends Error {}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findChromium() {
  if (process.env.CHROMIUM_PATH) {
    if (isExecutable(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
    throw new StepFailure(
      `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable file. ` +
        `Fix it, unset it, or install Chromium: ${INSTALL_HINT}`,
    );
  }
  return CHROMIUM_CANDIDATES.find(isExecutable);
}

function run(command, commandArgs) {
  console.log(`$ ${[command, ...commandArgs].join(' ')}`);
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: childEnv });
  if (result.error) throw new StepFailure(`could not start ${command}: ${result.error.message}`);
  if (result.signal) throw new StepFailure(`${command} was killed by ${result.signal}`);
  if (result.status !== 0) throw new StepFailure(`${command} ${commandArgs.join(' ')} exited with ${result.status}`);
}

/** Runs a locally installed tool from node_modules/.bin (what `npx <tool>` would pick, without npx's overhead). */
function runBin(tool, toolArgs) {
  const bin = join(root, 'node_modules', '.bin', tool);
  if (!existsSync(bin)) throw new StepFailure(`${tool} is not installed (node_modules/.bin/${tool}); run npm install`);
  run(bin, toolArgs);
}

function ensureChromium() {
  let path = findChromium();
  if (!path) {
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const hasApt = isExecutable('/usr/bin/apt-get');
    if (isRoot && hasApt) {
      console.log('No Chromium found; installing Debian\'s chromium package (apt-get update && apt-get install -y chromium) …');
      const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      for (const aptArgs of [['update'], ['install', '-y', 'chromium']]) {
        console.log(`$ apt-get ${aptArgs.join(' ')}`);
        const result = spawnSync('apt-get', aptArgs, { stdio: 'inherit', env: aptEnv });
        if (result.status !== 0) {
          throw new StepFailure(`apt-get ${aptArgs.join(' ')} failed. Install Chromium yourself: ${INSTALL_HINT}`);
        }
      }
      path = findChromium();
    }
    if (!path) {
      throw new StepFailure(
        `No Chromium found (looked at ${CHROMIUM_CANDIDATES.join(', ')}). The end-to-end tests need a real browser.\n` +
          `Install it with:  ${INSTALL_HINT}\n` +
          'or point CHROMIUM_PATH at a Chromium/Chrome executable. (Do not use `npx playwright install`.)',
      );
    }
  }
  childEnv.CHROMIUM_PATH = path;
  console.log(`Chromium: ${path}`);
}

const steps = [
  { key: 'a', title: 'Chromium for the end-to-end tests', e2e: true, fn: ensureChromium },
  { key: 'b', title: 'Type check (tsc --noEmit)', unit: true, fn: () => runBin('tsc', ['--noEmit', '-p', 'tsconfig.json']) },
  { key: 'c', title: 'Lint incl. layering rule (oxlint)', unit: true, fn: () => runBin('oxlint', ['-c', '.oxlintrc.json']) },
  { key: 'd', title: 'Unit tests (vitest)', unit: true, fn: () => runBin('vitest', ['run', '--config', 'vitest.config.ts']) },
  {
    key: 'p',
    title: 'API tests on PostgreSQL + PostGIS (Debian packages)',
    unit: true,
    fn: async () => {
      let server;
      try {
        server = await startPostgres();
      } catch (error) {
        throw new StepFailure(error.message);
      }
      try {
        childEnv.TEST_DATABASE_URL = server.url;
        runBin('vitest', ['run', '--config', 'vitest.config.ts', 'tests/api']);
      } finally {
        delete childEnv.TEST_DATABASE_URL;
        server.stop();
      }
    },
  },
  { key: 'e', title: 'Production build (npm run build)', e2e: true, fn: () => run('npm', ['run', 'build']) },
  {
    key: 'f',
    title: 'End-to-end tests in Chromium (vitest + playwright-core)',
    e2e: true,
    fn: () => runBin('vitest', ['run', '--config', 'vitest.e2e.config.ts']),
  },
];

const selected = steps.filter((step) => (unitOnly ? step.unit : e2eOnly ? step.e2e : true));
const started = performance.now();
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const done = [];

for (const [index, step] of selected.entries()) {
  console.log(`\n━━ [${index + 1}/${selected.length}] ${step.key}. ${step.title}`);
  const t0 = performance.now();
  try {
    await step.fn();
  } catch (error) {
    const message = error instanceof StepFailure ? error.message : (error?.stack ?? String(error));
    console.error(`\n✗ ${step.title} failed after ${seconds(performance.now() - t0)}:\n${message}`);
    console.error(`\nnpm test failed at step ${step.key} (${seconds(performance.now() - started)} in total).`);
    process.exit(1);
  }
  done.push(`${step.key}. ${step.title}: ${seconds(performance.now() - t0)}`);
  console.log(`✓ ${step.title} (${seconds(performance.now() - t0)})`);
}

console.log(`\n━━ All ${selected.length} steps passed in ${seconds(performance.now() - started)}`);
for (const line of done) console.log(`   ${line}`);
