import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// The fonts of every PDF the server writes (profile report, printed map): DejaVu Sans, embedded
// as subsets, with umlauts, „•“ and the arrows the sheets use.
const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const PDF_FONT_REGULAR = join(FONT_DIR, 'DejaVuSans.ttf');
export const PDF_FONT_BOLD = join(FONT_DIR, 'DejaVuSans-Bold.ttf');
