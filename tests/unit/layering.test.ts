// Proves that the layering rule in .oxlintrc.json (no-restricted-imports overrides) really fires:
// small probe files are written into the layer folders, linted with oxlint and removed again.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

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

/** Writes `source` to src/<layer>/__layer_probe_<pid>_<name>.ts, lints only that file, deletes it. */
function lintProbe(layer: string, name: string, source: string): { status: number | null; diagnostics: Diagnostic[] } {
  const dir = join(repoRoot, 'src', layer);
  if (!existsSync(dir)) throw new Error(`src/${layer} does not exist`);
  const file = join(dir, `__layer_probe_${process.pid}_${name}.ts`);
  created.add(file);
  try {
    writeFileSync(file, source);
    const result = spawnSync(oxlint, ['-c', '.oxlintrc.json', '-f', 'json', relative(repoRoot, file)], {
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
    return { status: result.status, diagnostics: report.diagnostics };
  } finally {
    rmSync(file, { force: true });
    created.delete(file);
  }
}

afterAll(() => {
  for (const file of created) rmSync(file, { force: true });
});

const restricted = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'eslint(no-restricted-imports)');

describe('layering rule (oxlint no-restricted-imports)', () => {
  it.each([
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
  ])('forbids src/%s importing %s', (layer, name, source) => {
    const { status, diagnostics } = lintProbe(layer, `bad_${name}`, source);
    const hits = restricted(diagnostics);
    expect(hits, JSON.stringify(diagnostics, null, 2)).toHaveLength(1);
    expect(hits[0]!.filename).toContain(`src/${layer}/__layer_probe_`);
    expect(hits[0]!.severity).toBe('error');
    expect(status).not.toBe(0);
  });

  it.each([
    ['domain', 'turf', "import * as turf from '@turf/turf';\nexport const probe = turf;\n"],
    ['domain', 'own_folder', "import * as geometry from './geo/geometry';\nexport const probe = geometry;\n"],
    ['map', 'domain', "import * as format from '../domain/format';\nexport const probe = format;\n"],
    ['state', 'domain', "import * as format from '../domain/format';\nimport { create } from 'zustand';\nexport const probe = [format, create];\n"],
    ['ui', 'all_lower_layers', "import * as s from '../state/atlasStore';\nimport * as m from '../map/MapController';\nimport * as d from '../domain/format';\nexport const probe = [s, m, d];\n"],
  ])('allows src/%s importing %s', (layer, name, source) => {
    const { status, diagnostics } = lintProbe(layer, `ok_${name}`, source);
    expect(diagnostics, JSON.stringify(diagnostics, null, 2)).toEqual([]);
    expect(status).toBe(0);
  });
});
