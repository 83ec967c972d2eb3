// The import routes answer with long lists encoded in slices: the text must be the same JSON.
import { describe, expect, it } from 'vitest';
import { jsonInSlices } from '../../src/server/imports/slices';

describe('jsonInSlices', () => {
  it.each([[[]], [[1]], [[{ name: 'Kita „Sonne“ \\ "x"' }, null, 2]], [Array.from({ length: 30_000 }, (_, i) => ({ i, ort: 'Göttingen'.slice(0, i % 9) }))]])(
    'gives the same JSON as JSON.stringify for %#',
    async (items) => {
      const text = await new Response(jsonInSlices({ created: items.length, batch: { id: 'b' } }, 'facilities', items)).text();
      expect(text).toBe(JSON.stringify({ created: items.length, batch: { id: 'b' }, facilities: items }));
    },
  );
});
