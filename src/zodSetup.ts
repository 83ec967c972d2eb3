// The browser's zod settings, imported first by main.tsx: zod decides whether to compile a
// schema's parser when the schema is built, at module load, so this must run before any other
// module of ours. German messages for issues whose schema brings none; jitless because zod's
// compiled parsers need eval, which the Content-Security-Policy forbids (even zod's probe for
// eval is reported as a violation).
import { z } from 'zod';

z.config({ ...z.locales.de(), jitless: true });
