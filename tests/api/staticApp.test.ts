// The built app as the server sends it (src/server/staticApp.ts): precompressed variants with the
// right Content-Encoding, hashed assets cached for a year, everything else revalidated by ETag,
// and index.html for app routes. On a small synthetic build in a temp dir.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './support/testServer';

let api: TestApi;
let dist: string;
const script = 'console.log("Testbündel");'.repeat(80);

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'sra-dist-'));
  mkdirSync(join(dist, 'assets'));
  mkdirSync(join(dist, 'data'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Testatlas</title><div id="root">Wird geladen</div>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), script);
  writeFileSync(join(dist, 'assets', 'index-abc123.js.br'), brotliCompressSync(script));
  writeFileSync(join(dist, 'assets', 'index-abc123.js.gz'), gzipSync(script));
  writeFileSync(join(dist, 'data', 'gebiet.json'), JSON.stringify({ name: 'Testkreis' }));
  mkdirSync(join(dist, 'data', 'territory'));
  const districts = [
    { id: 'testkreis-nord', name: 'Testkreis Nord', file: 'testkreis-nord.json' },
    { id: 'testkreis-sued', name: 'Testkreis Süd', file: 'testkreis-sued.json' },
  ];
  writeFileSync(join(dist, 'data', 'territory', 'index.json'), JSON.stringify({ districts }));
  api = await startTestApi({}, dist);
});

afterAll(async () => {
  await api.close();
  rmSync(dist, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) => api.app.request(path, { headers });

describe('the built app', () => {
  it('sends the Brotli or gzip variant the browser accepts, and the file itself to others', async () => {
    const brotli = await get('/assets/index-abc123.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(brotli.status).toBe(200);
    expect(brotli.headers.get('content-encoding')).toBe('br');
    expect(brotli.headers.get('content-type')).toMatch(/javascript/);
    expect(Buffer.from(await brotli.arrayBuffer())).toEqual(brotliCompressSync(script));
    const gzip = await get('/assets/index-abc123.js', { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    const plain = await get('/assets/index-abc123.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
  });

  it('caches hashed assets for a year', async () => {
    const response = await get('/assets/index-abc123.js');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('revalidates other files and index.html by ETag, answering 304 when unchanged', async () => {
    for (const path of ['/data/gebiet.json', '/', '/sozialraum/irgendwo']) {
      const first = await get(path);
      expect(first.status, path).toBe(200);
      expect(first.headers.get('cache-control'), path).toBe('no-cache');
      const tag = first.headers.get('etag');
      expect(tag, path).toMatch(/^W\/".+"$/);
      const again = await get(path, { 'If-None-Match': tag! });
      expect(again.status, path).toBe(304);
      expect(await again.text(), path).toBe('');
      expect((await get(path, { 'If-None-Match': 'W/"anders"' })).status, path).toBe(200);
    }
    expect(await (await get('/sozialraum/irgendwo')).text()).toContain('Testatlas');
  });

  it('answers 404 for a missing file and never leaves the build folder', async () => {
    expect((await get('/data/fehlt.json')).status).toBe(404);
    // An encoded way out is an app route (no extension) and gets the app, never the file.
    expect(await (await get('/..%2F..%2Fetc%2Fpasswd')).text()).toContain('Testatlas');
    expect((await get('/..%2F..%2Fpackage.json')).status).toBe(404);
    expect((await get('/assets/../../package.json')).status).toBe(404);
  });

  it('announces the district index and the territory the address opens as preloads with the page', async () => {
    const links = async (path: string) => (await get(path)).headers.get('link');
    const preload = (file: string) => `</data/territory/${file}>; rel=preload; as=fetch; crossorigin=anonymous`;
    expect(await links('/')).toBe(`${preload('index.json')}, ${preload('testkreis-nord.json')}`);
    expect(await links('/?landkreis=testkreis-sued&auswahl=sozialraum:x')).toBe(`${preload('index.json')}, ${preload('testkreis-sued.json')}`);
    // An unknown district in the address opens the first one, as the app does.
    expect(await links('/?landkreis=gibt-es-nicht')).toBe(`${preload('index.json')}, ${preload('testkreis-nord.json')}`);
    expect(await links('/sozialraum/irgendwo?landkreis=testkreis-sued')).toContain(preload('testkreis-sued.json'));
    // Other files announce nothing.
    expect(await links('/data/gebiet.json')).toBeNull();
  });
});
