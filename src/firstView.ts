// Starts the first view's data. Built as an entry of its own with a script tag ahead of the app's
// (vite.config.ts), so the browser runs it as soon as its few bytes are here, while it still
// parses the app's chunks; main.tsx imports it too (the same module, evaluated once), so the app
// also works where the tag is missing (the dev server). Must stay free of imports beyond
// src/state/firstViewFetch.ts.
import { startFirstViewFetches } from './state/firstViewFetch';

void startFirstViewFetches(window.location.search);
