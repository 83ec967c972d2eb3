// The browser's zod: vite.config.ts resolves every `import … from 'zod'` of the browser build to
// this module, so the settings below are made before any schema anywhere is built, whichever
// chunk the code splitter puts that schema in (an import of this file from main.tsx alone ran too
// late: a shared chunk evaluates before the entry). German messages for issues whose schema
// brings none; jitless because zod's compiled parsers need eval, which the
// Content-Security-Policy forbids (even zod's probe for eval is reported as a violation).
import { z } from 'zod/v4';

z.config({ ...z.locales.de(), jitless: true });

export * from 'zod/v4';
