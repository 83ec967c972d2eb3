import { PbfReader } from 'pbf';

/** fontnik renders the glyph PBFs at 24 px: their advances are in pixels of a 24 px text. */
const GLYPH_SIZE = 24;
/** For a character whose glyph is missing: about the width of an average letter. */
const FALLBACK_ADVANCE = 14;

/** Width of a text in CSS pixels at a font size, as MapLibre lays it out. */
export type TextMeasure = (text: string, size: number) => number;

interface Glyph {
  id: number;
  advance: number;
}

function readGlyph(tag: number, glyph: Glyph, pbf: PbfReader): void {
  if (tag === 1) glyph.id = pbf.readVarint();
  else if (tag === 7) glyph.advance = pbf.readVarint();
}

/** Advances of one glyph range (the same PBF file the map's labels are drawn from). */
function readRange(buffer: ArrayBuffer, into: Map<number, number>): void {
  new PbfReader(buffer).readFields((tag, _, pbf) => {
    if (tag !== 1) return;
    pbf.readMessage((fontstackTag, __, fontstack) => {
      if (fontstackTag !== 3) return;
      const glyph = fontstack.readMessage(readGlyph, { id: 0, advance: 0 });
      into.set(glyph.id, glyph.advance);
    }, null);
  }, null);
}

/**
 * Measures texts with the advances of the map's own glyphs (scripts/build-glyphs.mjs), so a
 * label box computed in code is the box MapLibre draws. Loads the 256-character ranges the
 * texts need (from the browser's cache, the map has fetched them already).
 */
export async function glyphMeasure(glyphsUrl: string, fontstack: string, texts: readonly string[]): Promise<TextMeasure> {
  const advances = new Map<number, number>();
  const ranges = new Set<number>();
  for (const text of texts) for (const character of text) ranges.add(Math.floor(character.codePointAt(0)! / 256) * 256);
  await Promise.all(
    [...ranges].map(async (start) => {
      const url = glyphsUrl.replace('{fontstack}', encodeURIComponent(fontstack)).replace('{range}', `${start}-${start + 255}`);
      const response = await fetch(url);
      if (response.ok) readRange(await response.arrayBuffer(), advances);
    }),
  );
  return (text, size) => {
    let width = 0;
    for (const character of text) width += advances.get(character.codePointAt(0)!) ?? FALLBACK_ADVANCE;
    return (width * size) / GLYPH_SIZE;
  };
}
