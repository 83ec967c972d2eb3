import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startAtlas } from './state/effects';
import { App } from './ui/App';
import './ui/styles.css';

void startAtlas();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
