import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app is fully static: territory data and glyphs are files under public/, so the
// built dist/ works offline behind any static server (scripts/serve.mjs by default).
export default defineConfig({
  plugins: [react()],
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
  server: { host: '127.0.0.1', port: 5173 },
});
