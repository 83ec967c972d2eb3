// The first module the bundle evaluates (the first import of main.tsx): starts the first view's
// data before the heavy modules run. Must stay free of imports beyond src/state/firstViewFetch.ts.
import { startFirstViewFetches } from './state/firstViewFetch';

void startFirstViewFetches(window.location.search);
