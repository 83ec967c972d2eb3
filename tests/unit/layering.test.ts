// Proves that the layering rule in .oxlintrc.json (no-restricted-imports overrides) really fires:
// small probe files are written into the layer folders, linted with oxlint (one run for all the
// probes that must fail, one for all that must pass) and removed again.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const oxlint = join(repoRoot, 'node_modules', '.bin', 'oxlint');
const created = new Set<string>();

interface Diagnostic {
  message: string;
  code: string;
  severity: string;
  filename: string;
  help?: string;
}

type Probe = [layer: string, name: string, source: string];

interface LintRun {
  status: number | null;
  /** Diagnostics by the probe's `${layer}/${name}`. */
  diagnostics: Map<string, Diagnostic[]>;
}

const probeFile = (layer: string, name: string) => join(repoRoot, 'src', layer, `__layer_probe_${process.pid}_${name}.ts`);

/** Writes each probe to src/<layer>/__layer_probe_<pid>_<name>.ts, lints only those files in one run, deletes them. */
function lintProbes(probes: readonly Probe[]): LintRun {
  const files = probes.map(([layer, name]) => {
    if (!existsSync(join(repoRoot, 'src', layer))) throw new Error(`src/${layer} does not exist`);
    return probeFile(layer, name);
  });
  try {
    probes.forEach(([, , source], index) => {
      created.add(files[index]!);
      writeFileSync(files[index]!, source);
    });
    const result = spawnSync(oxlint, ['-c', '.oxlintrc.json', '-f', 'json', ...files.map((file) => relative(repoRoot, file))], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    if (result.error) throw result.error;
    let report: { diagnostics: Diagnostic[] };
    try {
      report = JSON.parse(result.stdout);
    } catch {
      throw new Error(`oxlint gave no JSON (status ${result.status}):\n${result.stdout}\n${result.stderr}`);
    }
    const diagnostics = new Map<string, Diagnostic[]>(probes.map(([layer, name]) => [`${layer}/${name}`, []]));
    for (const diagnostic of report.diagnostics) {
      const index = files.findIndex((file) => diagnostic.filename.endsWith(relative(repoRoot, file)));
      if (index === -1) throw new Error(`oxlint reported a file that is no probe: ${diagnostic.filename}`);
      diagnostics.get(`${probes[index]![0]}/${probes[index]![1]}`)!.push(diagnostic);
    }
    return { status: result.status, diagnostics };
  } finally {
    for (const file of files) {
      rmSync(file, { force: true });
      created.delete(file);
    }
  }
}

afterAll(() => {
  for (const file of created) rmSync(file, { force: true });
});

const restricted = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'eslint(no-restricted-imports)');

/** A probe that imports `specifier` as a namespace and uses it. */
const importing = (layer: string, name: string, specifier: string): Probe => [layer, name, `import * as probe from '${specifier}';\nexport const used = probe;\n`];

// What no browser layer and not the pure domain may import: Node, database and web server.
const NOT_IN_BROWSER_LAYERS: readonly [name: string, specifier: string][] = [
  ['node_fs', 'node:fs'],
  ['node_path', 'node:path'],
  ['fs', 'fs'],
  ['fs_promises', 'fs/promises'],
  ['path', 'path'],
  ['crypto', 'crypto'],
  ['child_process', 'child_process'],
  ['stream', 'stream'],
  ['zlib', 'zlib'],
  ['os', 'os'],
  ['url', 'url'],
  ['worker_threads', 'worker_threads'],
  ['pg', 'pg'],
  ['hono', 'hono'],
  ['hono_sub', 'hono/cookie'],
  ['at_hono', '@hono/node-server'],
  ['electric_sql', '@electric-sql/pglite'],
  ['server', '../server/app'],
];

const FORBIDDEN: readonly Probe[] = [
  ['domain', 'ui', "import * as ui from '../ui/App';\nexport const probe = ui;\n"],
  ['domain', 'map_index', "import * as map from '../map';\nexport const probe = map;\n"],
  ['domain', 'maplibre', "import * as maplibregl from 'maplibre-gl';\nexport const probe = maplibregl;\n"],
  ['domain', 'react', "import { useState } from 'react';\nexport const probe = useState;\n"],
  ['domain', 'zustand', "import { create } from 'zustand';\nexport const probe = create;\n"],
  ['map', 'state', "import * as store from '../state/atlasStore';\nexport const probe = store;\n"],
  ['map', 'ui', "import * as ui from '../ui/MapView';\nexport const probe = ui;\n"],
  ['map', 'react', "import { useEffect } from 'react';\nexport const probe = useEffect;\n"],
  ['state', 'map', "import * as map from '../map/MapController';\nexport const probe = map;\n"],
  ['state', 'ui', "import * as ui from '../ui/App';\nexport const probe = ui;\n"],
  ['ui', 'server', "import * as server from '../server/api';\nexport const probe = server;\n"],
  // The composition root (src/app) sits between ui and the layers it composes.
  ...['domain', 'state', 'map', 'server'].map((layer) => importing(layer, 'app', '../app/start')),
  importing('app', 'ui', '../ui/App'),
  importing('app', 'react', 'react'),
  importing('app', 'react_dom', 'react-dom/client'),
  ...['domain', 'state', 'map', 'ui', 'app'].flatMap((layer) =>
    NOT_IN_BROWSER_LAYERS.filter(([name]) => !(layer === 'ui' && name === 'server')).map(([name, specifier]) => importing(layer, name, specifier)),
  ),
  importing('server', 'map', '../map/MapController'),
  importing('server', 'state', '../state/facilityStore'),
  importing('server', 'ui', '../ui/App'),
  importing('server', 'react', 'react'),
  importing('server', 'react_dom_server', 'react-dom/server'),
  importing('server', 'maplibre', 'maplibre-gl'),
  importing('server', 'zustand', 'zustand'),
];

const ALLOWED: readonly Probe[] = [
  ['domain', 'turf', "import * as turf from '@turf/turf';\nexport const probe = turf;\n"],
  ['domain', 'own_folder', "import * as geometry from './geo/geometry';\nexport const probe = geometry;\n"],
  ['map', 'domain', "import * as format from '../domain/format';\nexport const probe = format;\n"],
  ['state', 'domain', "import * as format from '../domain/format';\nimport { create } from 'zustand';\nexport const probe = [format, create];\n"],
  ['ui', 'all_lower_layers', "import * as s from '../state/atlasStore';\nimport * as m from '../map/MapController';\nimport * as d from '../domain/format';\nexport const probe = [s, m, d];\n"],
  // Names that only look like Node modules or server libraries.
  importing('domain', 'url_like_file', './urlState'),
  importing('domain', 'zod', 'zod'),
  importing('map', 'maplibre', 'maplibre-gl'),
  importing('ui', 'react', 'react'),
  importing('app', 'state_map_domain', '../map/MapController'),
  ['app', 'all_it_composes', "import * as s from '../state/atlasStore';\nimport * as m from '../map/MapController';\nimport * as d from '../domain/format';\nexport const probe = [s, m, d];\n"],
  importing('ui', 'app', '../app/start'),
  importing('server', 'domain', '../domain/facilities/schema'),
  // The server's own app.ts is not the composition root src/app.
  importing('server', 'own_app', './app'),
  importing('server', 'node_fs', 'node:fs'),
  importing('server', 'pg', 'pg'),
  importing('server', 'hono', '@hono/zod-openapi'),
  importing('server', 'pglite', '@electric-sql/pglite'),
];

describe('layering rule (oxlint no-restricted-imports)', () => {
  let forbidden: LintRun;
  let allowed: LintRun;
  beforeAll(() => {
    forbidden = lintProbes(FORBIDDEN);
    allowed = lintProbes(ALLOWED);
  }, 60_000);

  it('fails the lint run of the forbidden imports', () => {
    expect(forbidden.status).not.toBe(0);
  });

  it.each(FORBIDDEN)('forbids src/%s importing %s', (layer, name) => {
    const diagnostics = forbidden.diagnostics.get(`${layer}/${name}`)!;
    const hits = restricted(diagnostics);
    expect(hits, JSON.stringify(diagnostics, null, 2)).toHaveLength(1);
    expect(hits[0]!.filename).toContain(`src/${layer}/__layer_probe_`);
    expect(hits[0]!.severity).toBe('error');
  });

  it('passes the lint run of the allowed imports', () => {
    expect(allowed.status).toBe(0);
  });

  it.each(ALLOWED)('allows src/%s importing %s', (layer, name) => {
    const diagnostics = allowed.diagnostics.get(`${layer}/${name}`)!;
    expect(diagnostics, JSON.stringify(diagnostics, null, 2)).toEqual([]);
  });
});
