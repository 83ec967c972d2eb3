// The first view's two files (the district index and the territory the address opens), asked
// for as the very first thing the bundle runs (src/firstView.ts), before React, MapLibre and the
// rest evaluate. The page's Link preloads have usually brought both already; asking this early
// means the answers are handed over while the bundle evaluates, so the app parses them as soon
// as it starts instead of waiting a few tasks for each. The app's fetch wrapper (api.ts) takes
// a started request instead of asking again; anything the early start gets wrong (a broken
// index, an unknown district) is left to the app, which checks and reports it.

/** Where the derived territory files are served (public/data/territory/). */
export const TERRITORY_DATA_ROOT = `${import.meta.env.BASE_URL}data/territory/`;

const started = new Map<string, Promise<Response>>();

/** The request begun early for this URL, handed out once; afterwards the URL is fetched as usual. */
export function takeStarted(url: string): Promise<Response> | undefined {
  const request = started.get(url);
  started.delete(url);
  return request;
}

/**
 * Fetches and reads the body at once: its pieces are then taken in by the first tasks after the
 * bundle's evaluation, ahead of React's first render, instead of between the app's later steps.
 * The app gets the read body as a Response of its own.
 */
function start(url: string): Promise<Response> {
  const request = fetch(url).then(async (response) => {
    const body = await response.text();
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  });
  // A failure is the app's to report when it takes the request, not an unhandled rejection here.
  request.catch(() => {});
  started.set(url, request);
  return request;
}

/**
 * Starts the index and the territory of the district the address names (else the first one).
 * Reads only the file name from the index, unchecked: the app checks the index when it takes it.
 */
export async function startFirstViewFetches(search: string): Promise<void> {
  try {
    const response = await start(`${TERRITORY_DATA_ROOT}index.json`);
    if (!response.ok) return;
    const index = (await response.clone().json()) as { districts?: { id?: unknown; file?: unknown }[] };
    const districts = Array.isArray(index.districts) ? index.districts : [];
    const wanted = new URLSearchParams(search).get('landkreis');
    const entry = districts.find((district) => district.id === wanted) ?? districts[0];
    if (typeof entry?.file === 'string' && /^[a-z0-9][a-z0-9-]*\.json$/.test(entry.file)) start(`${TERRITORY_DATA_ROOT}${entry.file}`);
  } catch {
    // The app fetches and reports on its own.
  }
}
