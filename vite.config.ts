import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// Territory data and glyphs are files under public/, so the built dist/ works offline; the
// resource maps talk to the API under /api (src/server). In development the API runs on its
// own port (PORT=8787) and Vite forwards /api there.
/**
 * The first view's fetches (src/firstView.ts) as an entry of their own, with its own script tag
 * ahead of the app's: the browser runs it as soon as its few bytes are here, while it still
 * parses the app's chunks, instead of when the whole module graph has been parsed. The app's
 * chunk imports the same file, so both share one module instance (and its started requests).
 */
function firstViewScript(): Plugin {
  let base = '/';
  return {
    name: 'sozialraumatlas-first-view-script',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const chunk = Object.values(context.bundle ?? {}).find((output) => output.type === 'chunk' && output.isEntry && output.name === 'first-view');
        if (!chunk) throw new Error('Der Einstiegs-Chunk „first-view“ fehlt im Build.');
        const tag = `<script type="module" async crossorigin src="${base}${chunk.fileName}"></script>`;
        return html.replace('<script type="module"', `${tag}\n    <script type="module"`);
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), firstViewScript()],
  // The browser's zod is configured before first use (src/zodSetup.ts says why).
  resolve: { alias: [{ find: /^zod$/, replacement: fileURLToPath(new URL('./src/zodSetup.ts', import.meta.url)) }] },
  // The coverage worker (src/app/coverageWorker.ts) is a module like the app.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      input: { index: fileURLToPath(new URL('./index.html', import.meta.url)), 'first-view': fileURLToPath(new URL('./src/firstView.ts', import.meta.url)) },
      output: {
        codeSplitting: {
          // The first view's early fetches (src/firstView.ts) stay in their entry chunk (not in the
          // app's), so its script needs nothing else.
          // Everything else the entry loads statically in one chunk: without this, each module that a
          // chunk loaded on demand shares with the first view becomes a small chunk of its own, and
          // the first view waits for a dozen requests instead of one.
          groups: [
            { name: 'first-view', test: /src[\\/](firstView|state[\\/]firstViewFetch)\.ts$/, priority: 10 },
            // MapLibre in a chunk of its own: the browser parses it and the app's chunk on two threads
            // at once (measured: the map's style loaded about 80 ms earlier than with one chunk), and
            // it stays cached across releases of the app.
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl[\\/]/, priority: 8 },
            { name: 'app', tags: ['$initial'], priority: 5 },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:8787', changeOrigin: false } },
  },
});
