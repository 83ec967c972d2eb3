// The static server (scripts/serve.mjs) against a temporary dist-like folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../scripts/serve.mjs';

let root: string;
let server: RunningServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'serve-test-'));
  mkdirSync(join(root, 'assets'));
  mkdirSync(join(root, 'fonts', 'DejaVu Sans Book'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1);');
  writeFileSync(join(root, 'fonts', 'DejaVu Sans Book', '0-255.pbf'), Buffer.from([1, 2, 3]));
  writeFileSync(join(root, 'data.json'), '{"ok":true}');
  writeFileSync(join(tmpdir(), 'serve-test-secret.txt'), 'TOP-SECRET-CONTENT');
  server = await startServer({ port: 0, host: '127.0.0.1', root });
});

afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(join(tmpdir(), 'serve-test-secret.txt'), { force: true });
});

/** Raw GET without URL normalisation, so "../" reaches the server as sent. */
function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>(
    (resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('scripts/serve.mjs', () => {
  it('reports a URL with the chosen free port', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.port).toBeGreaterThan(0);
  });

  it('serves files with the right MIME type and caching', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.body).toContain('<title>app</title>');

    const js = await get('/assets/index-abc123.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');

    const pbf = await get('/fonts/DejaVu%20Sans%20Book/0-255.pbf');
    expect(pbf.status).toBe(200);
    expect(pbf.headers['content-type']).toBe('application/x-protobuf');
    expect(pbf.headers['content-length']).toBe('3');

    const json = await get('/data.json');
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(json.body)).toEqual({ ok: true });
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await get('/data.json');
    const second = await get('/data.json', { 'If-None-Match': String(first.headers.etag) });
    expect(second.status).toBe(304);
  });

  it('falls back to index.html for app routes but gives 404 for missing assets', async () => {
    const route = await get('/some/client/route?landkreis=goettingen');
    expect(route.status).toBe(200);
    expect(route.body).toContain('<title>app</title>');

    const missingJs = await get('/assets/missing.js');
    expect(missingJs.status).toBe(404);
    expect(missingJs.headers['content-type']).toBe('text/plain; charset=utf-8');

    const missingJson = await get('/data/territory/atlantis.json');
    expect(missingJson.status).toBe(404);
    expect(JSON.parse(missingJson.body)).toEqual({ error: 'Not Found', path: '/data/territory/atlantis.json' });
  });

  it('never serves files outside the root', async () => {
    const secret = `../serve-test-secret.txt`;
    for (const path of [`/${secret}`, `/..%2f${secret.slice(3)}`, `/assets/..%2f..%2f${secret.slice(3)}`, '/%2e%2e/serve-test-secret.txt']) {
      const response = await get(path);
      expect(response.body, path).not.toContain('TOP-SECRET-CONTENT');
      expect([400, 403, 404], path).toContain(response.status);
    }
  });

  it('rejects methods other than GET and HEAD', async () => {
    const response = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/', method: 'POST' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(response).toBe(405);
  });
});
