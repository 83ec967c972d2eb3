// The first view's two files (the district index and the territory the address opens), asked
// for by a script of their own (src/firstView.ts) that runs while the browser still parses the
// app's chunks. The page's Link preloads have usually brought both already; asking this early
// means the bodies are read while the main thread would otherwise wait, so the app parses them
// as soon as it starts instead of waiting a few tasks for each. The app's fetch wrapper (api.ts) takes
// a started request instead of asking again; anything the early start gets wrong (a broken
// index, an unknown district) is left to the app, which checks and reports it.

/** Where the derived territory files are served (public/data/territory/). */
export const TERRITORY_DATA_ROOT = `${import.meta.env.BASE_URL}data/territory/`;

/** An answer with its body read: what the app's fetch wrapper needs of it. */
export interface EarlyAnswer {
  status: number;
  ok: boolean;
  text: string;
  /**
   * The text parsed as JSON, when it parses: done here, while the main thread waits for the
   * app's chunks, instead of when the app takes the answer. Absent when the text is empty or no
   * JSON; the app then parses and reports itself.
   */
  parsed?: { value: unknown };
}

function parsedBody(text: string): EarlyAnswer['parsed'] {
  if (text === '') return undefined;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

const started = new Map<string, Promise<EarlyAnswer>>();

/** The request begun early for this URL, handed out once; afterwards the URL is fetched as usual. */
export function takeStarted(url: string): Promise<EarlyAnswer> | undefined {
  const request = started.get(url);
  started.delete(url);
  return request;
}

/**
 * Fetches and reads the body at once: its pieces are then taken in by the first tasks after the
 * bundle's evaluation, ahead of React's first render, and the app parses the text without
 * waiting for the body again.
 */
function start(url: string): Promise<EarlyAnswer> {
  const request = fetch(url).then(async (response): Promise<EarlyAnswer> => {
    const text = await response.text();
    return { status: response.status, ok: response.ok, text, parsed: parsedBody(text) };
  });
  // A failure is the app's to report when it takes the request, not an unhandled rejection here.
  request.catch(() => {});
  started.set(url, request);
  return request;
}

const TERRITORY_FILE = /^[a-z0-9][a-z0-9-]*\.json$/;

/**
 * The territory files the page's Link header has preloaded (the server names the district the
 * address opens, as the app chooses it): read from the resource timing entries of finished
 * preloads, so a file can be asked for at once instead of after the index. Empty when a preload
 * has not finished yet or the page came without them; the index then names the file.
 */
export function preloadedTerritoryFiles(entries: readonly PerformanceEntry[] = performance.getEntriesByType('resource')): string[] {
  const files: string[] = [];
  for (const entry of entries) {
    if ((entry as PerformanceResourceTiming).initiatorType !== 'link') continue;
    const path = new URL(entry.name).pathname;
    if (!path.startsWith(TERRITORY_DATA_ROOT)) continue;
    const file = path.slice(TERRITORY_DATA_ROOT.length);
    if (file !== 'index.json' && TERRITORY_FILE.test(file)) files.push(file);
  }
  return files;
}

/**
 * Starts the index and the territory of the district the address names (else the first one):
 * at once when the page preloaded it, otherwise once the index names its file. Reads only the
 * file name from the index, unchecked: the app checks the index when it takes it.
 */
export async function startFirstViewFetches(search: string, preloaded: readonly string[] = preloadedTerritoryFiles()): Promise<void> {
  try {
    const indexRequest = start(`${TERRITORY_DATA_ROOT}index.json`);
    for (const file of preloaded) start(`${TERRITORY_DATA_ROOT}${file}`);
    if (preloaded.length > 0) return;
    const answer = await indexRequest;
    if (!answer.ok) return;
    if (!answer.parsed) return;
    const index = answer.parsed.value as { districts?: { id?: unknown; file?: unknown }[] } | null;
    if (typeof index !== 'object' || index === null) return;
    const districts = Array.isArray(index.districts) ? index.districts : [];
    const wanted = new URLSearchParams(search).get('landkreis');
    const entry = districts.find((district) => district.id === wanted) ?? districts[0];
    if (typeof entry?.file === 'string' && TERRITORY_FILE.test(entry.file)) start(`${TERRITORY_DATA_ROOT}${entry.file}`);
  } catch {
    // The app fetches and reports on its own.
  }
}
