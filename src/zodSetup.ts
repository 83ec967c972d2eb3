// The browser's zod: vite.config.ts resolves every `import … from 'zod'` of the browser build to
// this module, so the settings below are made before any schema anywhere is built, whichever
// chunk the code splitter puts that schema in (an import of this file from main.tsx alone ran too
// late: a shared chunk evaluates before the entry). German messages for every issue whose schema
// brings none, in the words the server uses (zod's own `de` locale still says „Ungültige Eingabe:
// erwartet string, erhalten undefined“); jitless because zod's compiled parsers need eval, which
// the Content-Security-Policy forbids (even zod's probe for eval is reported as a violation).
import { z } from 'zod/v4';
import { germanIssueMessage } from './domain/schemaProblems';

z.config({ localeError: germanIssueMessage, jitless: true });

export * from 'zod/v4';
