import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { startApp } from './app/start';
import { App } from './ui/App';
import './ui/styles.css';

// Validation messages without a message of their own in the schema read in German.
z.config(z.locales.de());

startApp();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
