import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, normalize, relative, resolve, sep } from 'node:path';
import type { Context, Next } from 'hono';
import { DistrictIndexSchema } from '../domain/territory/territorySchema';
import { parseAtlasUrl } from '../domain/urlState';
import type { App } from './context';

/** Hashed build output (dist/assets): the name changes with the content, so it never needs asking again. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html, territory files, glyphs): kept, but asked again each time (answered 304 when unchanged). */
const REVALIDATE = 'no-cache';

/**
 * Serves the built app from distDir: precompressed Brotli/gzip variants (written by
 * scripts/compress-dist.mjs and build-glyphs.mjs) with the right Content-Encoding, hashed assets
 * cached for a year, every other file revalidated by ETag, and index.html for app routes (paths
 * without a file extension). Does nothing when there is no build.
 */
export function registerStaticApp(app: App, dist: string): void {
  const distDir = resolve(dist);
  if (!existsSync(join(distDir, 'index.html'))) return;
  const root = relative(process.cwd(), distDir) || '.';
  const indexPath = join(distDir, 'index.html');
  const index = readFileSync(indexPath, 'utf8');
  const indexTag = entityTag(indexPath)!;
  const firstViewLinks = firstViewPreloads(distDir);

  app.use('/*', async (c, next) => {
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || c.req.path.startsWith('/api/')) return next();
    if (c.req.path.startsWith('/assets/')) {
      await next();
      if (c.res.status === 200) c.header('Cache-Control', IMMUTABLE);
      return;
    }
    const file = fileOf(distDir, c.req.path);
    const tag = file ? entityTag(file) : null;
    if (!tag) return next();
    if (file === indexPath) c.header('Link', firstViewLinks(c.req.url));
    return revalidated(c, tag, next);
  });
  app.use('/*', serveStatic({ root, precompressed: true }));
  // Paths without a file extension are app routes: answer with the app.
  app.get('*', (c) => {
    if (/\.[a-z0-9]+$/i.test(c.req.path)) return c.text('Nicht gefunden', 404);
    const headers = { ETag: indexTag, 'Cache-Control': REVALIDATE, Vary: 'Accept-Encoding', Link: firstViewLinks(c.req.url) };
    if (isHeld(c, indexTag)) return c.body(null, 304, headers);
    return c.html(index, 200, headers);
  });
}

/**
 * The Link header sent with the app's page: the browser starts the district index and the
 * territory of the district the address opens (as src/app/address.ts chooses it) while it is
 * still loading the scripts, instead of when the app's bundle has run. The app's own fetches of
 * the same URLs are then answered from these preloads.
 */
function firstViewPreloads(distDir: string): (url: string) => string {
  const root = '/data/territory/';
  const link = (path: string) => `<${root}${path}>; rel=preload; as=fetch; crossorigin=anonymous`;
  let districts: { id: string; file: string }[] = [];
  try {
    const parsed = DistrictIndexSchema.safeParse(JSON.parse(readFileSync(join(distDir, 'data', 'territory', 'index.json'), 'utf8')));
    if (parsed.success) districts = parsed.data.districts;
  } catch {
    // No or no readable index: the app reports that itself; nothing to announce.
  }
  if (districts.length === 0) return () => '';
  const ids = districts.map((district) => district.id);
  return (url) => {
    const { district } = parseAtlasUrl(new URL(url).search, ids, ids[0]!).state;
    const file = districts.find((entry) => entry.id === district)!.file;
    return [link('index.json'), link(file)].join(', ');
  };
}

/** Answers 304 when the browser holds this version, otherwise lets `send` answer; both tagged. */
async function revalidated(c: Context, tag: string, send: Next): Promise<Response | void> {
  c.header('ETag', tag);
  c.header('Cache-Control', REVALIDATE);
  c.header('Vary', 'Accept-Encoding', { append: true });
  if (isHeld(c, tag)) return c.body(null, 304);
  await send();
  c.res.headers.set('ETag', tag);
  c.res.headers.set('Cache-Control', REVALIDATE);
}

/** The browser says it holds this version (If-None-Match). */
function isHeld(c: Context, tag: string): boolean {
  const asked = c.req.header('If-None-Match');
  return asked !== undefined && asked.split(',').some((candidate) => candidate.trim() === tag);
}

/** The file of distDir a request path names, or null (outside distDir, a directory, missing). */
function fileOf(distDir: string, path: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  const file = normalize(join(distDir, decoded === '/' ? 'index.html' : decoded));
  if (!file.startsWith(distDir + sep) && file !== distDir) return null;
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

/**
 * A weak entity tag from size and modification time of the uncompressed file: the same for its
 * Brotli and gzip variants, which carry the same content (hence weak).
 */
function entityTag(file: string): string | null {
  try {
    const stats = statSync(file);
    return `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
  } catch {
    return null;
  }
}
