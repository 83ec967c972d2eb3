// The district index and territory are asked for by firstView's own script tag; imported here too,
// where that tag is missing (the dev server).
import './firstView';
import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { startApp } from './app/start';
import { prewarmMap } from './map/MapController';
import { App } from './ui/App';
import './ui/styles.css';

prewarmMap();
startApp();
const root = createRoot(document.getElementById('root')!);
// Rendered at once, not in a task of React's scheduler: the frame and the map's element are there
// while the territory is still being parsed, and the map starts the moment it is set.
flushSync(() =>
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
