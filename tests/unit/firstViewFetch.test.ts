// The first view's early requests (src/state/firstViewFetch.ts): the district index and the
// territory the address opens are asked for once, handed over once, and anything odd in the
// index leaves the territory to the app. The network is a stand-in that records what is asked.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const index = { districts: [{ id: 'testkreis-nord', file: 'testkreis-nord.json' }, { id: 'testkreis-sued', file: 'testkreis-sued.json' }] };
let asked: string[] = [];

function network(answers: Record<string, { status: number; body: string }>) {
  asked = [];
  vi.stubGlobal('fetch', async (url: string) => {
    asked.push(url);
    const answer = answers[url];
    if (!answer) throw new TypeError('Failed to fetch');
    return new Response(answer.body, { status: answer.status, headers: { 'Content-Type': 'application/json' } });
  });
}

async function load() {
  vi.resetModules();
  return import('../../src/state/firstViewFetch');
}

/** Lets the chain of started requests run to its end. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  network({
    '/data/territory/index.json': { status: 200, body: JSON.stringify(index) },
    '/data/territory/testkreis-nord.json': { status: 200, body: '{"format":"nord"}' },
    '/data/territory/testkreis-sued.json': { status: 200, body: '{"format":"sued"}' },
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('the first view’s early requests', () => {
  it('ask for the index and the district the address names, and hand each over once with its body', async () => {
    const early = await load();
    await early.startFirstViewFetches('?landkreis=testkreis-sued&auswahl=sozialraum:x', []);
    await settle();
    expect(asked).toEqual(['/data/territory/index.json', '/data/territory/testkreis-sued.json']);
    const territory = early.takeStarted('/data/territory/testkreis-sued.json');
    expect(await territory).toEqual({ status: 200, ok: true, text: '{"format":"sued"}', parsed: { value: { format: 'sued' } } });
    expect(early.takeStarted('/data/territory/testkreis-sued.json')).toBeUndefined();
    expect(JSON.parse((await early.takeStarted('/data/territory/index.json')!).text)).toEqual(index);
  });

  it('open the first district without a district in the address, or with an unknown one', async () => {
    for (const search of ['', '?landkreis=gibt-es-nicht']) {
      const early = await load();
      await early.startFirstViewFetches(search, []);
      await settle();
      expect(asked.at(-1), search).toBe('/data/territory/testkreis-nord.json');
      asked = [];
    }
  });

  it('start nothing more when the index is missing or names a file outside its folder, and pass the failure on', async () => {
    network({ '/data/territory/index.json': { status: 404, body: '{"error":"fehlt"}' } });
    let early = await load();
    await early.startFirstViewFetches('', []);
    await settle();
    expect(asked).toEqual(['/data/territory/index.json']);
    expect((await early.takeStarted('/data/territory/index.json')!).status).toBe(404);

    network({ '/data/territory/index.json': { status: 200, body: JSON.stringify({ districts: [{ id: 'x', file: '../../geheim.json' }] }) } });
    early = await load();
    await early.startFirstViewFetches('', []);
    await settle();
    expect(asked).toEqual(['/data/territory/index.json']);

    network({});
    early = await load();
    await early.startFirstViewFetches('', []);
    await settle();
    await expect(early.takeStarted('/data/territory/index.json')!).rejects.toThrow();
  });

  it('hand over a body that is no JSON unparsed, so the app reports it', async () => {
    network({ '/data/territory/index.json': { status: 200, body: '{"districts": [' } });
    const early = await load();
    await early.startFirstViewFetches('', []);
    await settle();
    const answer = await early.takeStarted('/data/territory/index.json')!;
    expect(answer.text).toBe('{"districts": [');
    expect(answer.parsed).toBeUndefined();
    // Nothing more was asked for on the strength of a broken index.
    expect(asked).toEqual(['/data/territory/index.json']);
  });

  it('ask for a territory the page preloaded at once, beside the index, without waiting for the index', async () => {
    const early = await load();
    // The index never answers here: the preloaded file is asked for all the same.
    vi.stubGlobal('fetch', (url: string) => {
      asked.push(url);
      return url.endsWith('index.json') ? new Promise(() => {}) : Promise.resolve(new Response('{"format":"sued"}'));
    });
    asked = [];
    await Promise.race([early.startFirstViewFetches('', ['testkreis-sued.json']), settle()]);
    expect(asked).toEqual(['/data/territory/index.json', '/data/territory/testkreis-sued.json']);
    expect((await early.takeStarted('/data/territory/testkreis-sued.json')!).text).toBe('{"format":"sued"}');
  });

  it('read the preloaded territory files from the finished Link preloads only', async () => {
    const { preloadedTerritoryFiles } = await load();
    const entry = (name: string, initiatorType: string) => ({ name, initiatorType }) as unknown as PerformanceEntry;
    const files = preloadedTerritoryFiles([
      entry('http://127.0.0.1:8080/data/territory/index.json', 'link'),
      entry('http://127.0.0.1:8080/data/territory/testkreis-nord.json', 'link'),
      entry('http://127.0.0.1:8080/data/territory/testkreis-sued.json', 'fetch'),
      entry('http://127.0.0.1:8080/data/territory/unter/ordner.json', 'link'),
      entry('http://127.0.0.1:8080/assets/index.css', 'link'),
    ]);
    expect(files).toEqual(['testkreis-nord.json']);
  });
});

