#!/usr/bin/env node
// Minimal static file server for the built app (dist/), node:http only.
//
//   node scripts/serve.mjs            PORT (default 5173, 0 = any free port), HOST (default 127.0.0.1)
//
// - correct MIME types for everything Vite and the glyph build emit
// - SPA fallback: unknown paths without a file extension get index.html
// - missing assets (paths with an extension) get a 404 (JSON for .json/.geojson/.pbf, text otherwise)
// - path traversal safe: every resolved path must stay inside the root
// - caching: Vite's hashed /assets/ are immutable, glyphs cached for a day, everything else
//   revalidated (ETag / Last-Modified)
//
// Tests start it in-process with `startServer({ port: 0 })`. Issue 3 replaces it with a hono server.

import { createReadStream, realpathSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_ROOT = resolve(here, '..', 'dist');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.pbf': 'application/x-protobuf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

const JSON_404_EXTENSIONS = new Set(['.json', '.geojson', '.pbf']);

function cacheControl(urlPath, isIndex) {
  if (isIndex) return 'no-cache';
  if (urlPath.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
  if (urlPath.startsWith('/fonts/')) return 'public, max-age=86400';
  return 'no-cache';
}

function statFile(path) {
  try {
    const st = statSync(path);
    return st.isFile() ? st : null;
  } catch {
    return null;
  }
}

function sendError(res, method, status, urlPath, message) {
  const ext = extname(urlPath).toLowerCase();
  const asJson = JSON_404_EXTENSIONS.has(ext);
  const body = asJson ? JSON.stringify({ error: message, path: urlPath }) : `${status} ${message}: ${urlPath}\n`;
  res.writeHead(status, {
    'Content-Type': asJson ? MIME['.json'] : MIME['.txt'],
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(method === 'HEAD' ? undefined : body);
}

function sendFile(req, res, filePath, st, urlPath, isIndex) {
  const etag = `W/"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
  const lastModified = new Date(Math.floor(st.mtimeMs / 1000) * 1000).toUTCString();
  const headers = {
    'Content-Type': MIME[extname(filePath).toLowerCase()] ?? 'application/octet-stream',
    'Cache-Control': cacheControl(urlPath, isIndex),
    ETag: etag,
    'Last-Modified': lastModified,
    'X-Content-Type-Options': 'nosniff',
  };
  const inm = req.headers['if-none-match'];
  const ims = req.headers['if-modified-since'];
  const notModified = inm
    ? inm.split(',').some((t) => t.trim() === etag)
    : ims
      ? Date.parse(ims) >= Date.parse(lastModified)
      : false;
  if (notModified) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': st.size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(filePath);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

function createHandler(root) {
  const indexPath = join(root, 'index.html');
  return (req, res) => {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': MIME['.txt'] });
      res.end('405 Method Not Allowed\n');
      return;
    }

    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      sendError(res, method, 400, req.url ?? '', 'Bad Request');
      return;
    }
    if (urlPath.includes('\0') || urlPath.includes('\\')) {
      sendError(res, method, 400, urlPath, 'Bad Request');
      return;
    }

    // resolve() collapses "..", so a path escaping the root is detected by the prefix check.
    const filePath = resolve(root, `.${urlPath}`);
    if (filePath !== root && !filePath.startsWith(root + sep)) {
      sendError(res, method, 403, urlPath, 'Forbidden');
      return;
    }

    let st = statFile(filePath);
    let servedPath = filePath;
    if (!st && urlPath.endsWith('/')) {
      servedPath = join(filePath, 'index.html');
      st = statFile(servedPath);
    }
    if (st) {
      sendFile(req, res, servedPath, st, urlPath, servedPath === indexPath);
      return;
    }

    const lastSegment = urlPath.slice(urlPath.lastIndexOf('/') + 1);
    if (lastSegment.includes('.')) {
      sendError(res, method, 404, urlPath, 'Not Found');
      return;
    }

    // SPA fallback: client-side routes get the app shell.
    const indexStat = statFile(indexPath);
    if (!indexStat) {
      sendError(res, method, 404, urlPath, 'Not Found (no index.html; run npm run build first)');
      return;
    }
    sendFile(req, res, indexPath, indexStat, urlPath, true);
  };
}

/**
 * Starts the static server. Resolves once it is listening.
 * @param {{ port?: number, host?: string, root?: string }} [options]
 * @returns {Promise<{ url: string, port: number, host: string, server: import('node:http').Server, close(): Promise<void> }>}
 */
export async function startServer({ port = 5173, host = '127.0.0.1', root = DEFAULT_ROOT } = {}) {
  let realRoot;
  try {
    realRoot = realpathSync(resolve(root));
  } catch {
    throw new Error(`Directory ${resolve(root)} does not exist; run npm run build first.`);
  }
  if (!statFile(join(realRoot, 'index.html'))) {
    throw new Error(`${join(realRoot, 'index.html')} is missing; run npm run build first.`);
  }

  const server = createServer(createHandler(realRoot));
  await new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });

  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const wildcard = host === '0.0.0.0' || host === '::' || host === '';
  const urlHost = wildcard ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${actualPort}/`;

  return {
    url,
    port: actualPort,
    host,
    server,
    close: () =>
      new Promise((resolveClose, reject) => {
        server.close((err) => (err ? reject(err) : resolveClose()));
        server.closeAllConnections();
      }),
  };
}

function isMain() {
  if (!process.argv[1]) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (isMain()) {
  const port = process.env.PORT === undefined || process.env.PORT === '' ? 5173 : Number(process.env.PORT);
  const host = process.env.HOST || '127.0.0.1';
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Ungültiger PORT: ${process.env.PORT}`);
    process.exit(1);
  }
  startServer({ port, host })
    .then(({ url, close }) => {
      console.log(`Sozialraumatlas läuft auf ${url}`);
      const stop = () => {
        close().finally(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((err) => {
      if (err?.code === 'EADDRINUSE') {
        console.error(`Port ${port} ist belegt. Anderen Port wählen, z. B. PORT=5174 npm start (PORT=0 = beliebiger freier Port).`);
      } else {
        console.error(err?.message ?? err);
      }
      process.exit(1);
    });
}
