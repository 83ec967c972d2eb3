// First, before anything heavy evaluates: the district index and territory are asked for.
import './firstView';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startApp } from './app/start';
import { prewarmMap } from './map/MapController';
import { App } from './ui/App';
import './ui/styles.css';

prewarmMap();
startApp();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
