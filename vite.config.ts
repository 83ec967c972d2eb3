import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// Territory data and glyphs are files under public/, so the built dist/ works offline; the
// resource maps talk to the API under /api (src/server). In development the API runs on its
// own port (PORT=8787) and Vite forwards /api there.
export default defineConfig({
  plugins: [react()],
  // The browser's zod is configured before first use (src/zodSetup.ts says why).
  resolve: { alias: [{ find: /^zod$/, replacement: fileURLToPath(new URL('./src/zodSetup.ts', import.meta.url)) }] },
  // The coverage worker (src/app/coverageWorker.ts) is a module like the app.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // The first view's early fetches (src/firstView.ts) in a chunk of their own, which the
          // entry imports first: it runs before the shared chunks (zod's schemas) evaluate.
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
