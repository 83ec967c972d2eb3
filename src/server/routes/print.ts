import { createRoute, z } from '@hono/zod-openapi';
import { ErrorSchema } from '../../domain/facilities/schema';
import { formatIsoDate } from '../../domain/format';
import { PrintMapRequestSchema } from '../../domain/print/request';
import type { App } from '../context';
import { ApiError } from '../errors';
import { PrintImageInvalid, renderMapPdf } from '../print/mapPdf';
import { today } from '../report/produce';
import { body, json } from './openapi';

// „Drucken / als PDF“ of any map view: the browser sends the picture of the map and what the
// sheet says about it; the answer is the PDF. Nothing is stored, so anyone who may see the map
// may print it (also without signing in, like the Kreistag view); at most a few sheets are made
// at once, since each takes the server's thread for a moment.

/** Sheets made at the same time; more wait outside with 429. */
export const PRINTS_AT_ONCE = 2;

export function registerPrintRoutes(app: App): void {
  let running = 0;
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/print/map',
      tags: ['Drucken'],
      summary: 'A map view as PDF (A4 or A3, portrait or landscape): title, map, legend, scale bar, north arrow, sources and attribution',
      request: body(PrintMapRequestSchema),
      responses: {
        200: { content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } }, description: 'The PDF' },
        400: json(ErrorSchema, 'Invalid input (also a picture that is no PNG or JPEG)'),
        413: json(ErrorSchema, 'The request is too large'),
        429: json(ErrorSchema, 'Other sheets are being made; try again in a few seconds'),
      },
    }),
    async (c) => {
      const request = c.req.valid('json');
      if (running >= PRINTS_AT_ONCE) {
        throw new ApiError(429, 'busy', 'Es werden gerade Karten gedruckt. Bitte in einigen Sekunden erneut versuchen.');
      }
      running++;
      try {
        // Requests that came in together are counted before the first sheet takes the thread.
        await new Promise((resolve) => setImmediate(resolve));
        const pdf = await renderMapPdf(request, formatIsoDate(today()));
        c.header('Content-Type', 'application/pdf');
        c.header('Content-Disposition', 'attachment; filename="karte.pdf"');
        c.header('Cache-Control', 'no-store');
        return c.body(new Uint8Array(pdf), 200);
      } catch (error) {
        if (error instanceof PrintImageInvalid) throw new ApiError(400, 'invalid_image', error.message);
        throw error;
      } finally {
        running--;
      }
    },
  );
}
