// Minimal PNG decoder for screenshots (no dependencies beyond node:zlib).
//
// Supports what Chromium/Playwright produce and a bit more: bit depth 8, colour types
// 0 (grey), 2 (RGB), 3 (palette, with optional tRNS), 4 (grey + alpha) and 6 (RGBA),
// no interlacing, all five scanline filters. Chunk CRCs are verified.
import { inflateSync } from 'node:zlib';

export interface DecodedPng {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, rows top to bottom. */
  data: Uint8Array;
}

export interface PixelStats {
  width: number;
  height: number;
  /** Number of distinct RGBA values. */
  distinctColours: number;
  /** The colour treated as background (RGBA): the given one, or the most frequent one. */
  background: [number, number, number, number];
  /** Share (0..1) of pixels whose colour differs exactly from the background colour. */
  nonBackgroundShare: number;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

let crcTable: Uint32Array | undefined;

/** CRC-32 as used by PNG chunks (and zlib's crc32). */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  if (pb <= pc) return b;
  return c;
}

export function decodePng(input: Uint8Array): DecodedPng {
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (buf.length < 8 || SIGNATURE.some((byte, i) => buf[i] !== byte)) throw new Error('PNG: bad signature');

  let width = 0;
  let height = 0;
  let bitDepth = 0;
  let colourType = -1;
  let interlace = 0;
  let palette: Uint8Array | undefined;
  let transparency: Uint8Array | undefined;
  const idat: Buffer[] = [];
  let sawHeader = false;
  let sawEnd = false;

  let pos = 8;
  while (pos < buf.length && !sawEnd) {
    if (pos + 12 > buf.length) throw new Error('PNG: truncated chunk header');
    const length = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const dataStart = pos + 8;
    const dataEnd = dataStart + length;
    if (dataEnd + 4 > buf.length) throw new Error(`PNG: truncated ${type} chunk`);
    const expectedCrc = buf.readUInt32BE(dataEnd);
    if (crc32(buf.subarray(pos + 4, dataEnd)) !== expectedCrc) throw new Error(`PNG: CRC mismatch in ${type} chunk`);
    const data = buf.subarray(dataStart, dataEnd);
    switch (type) {
      case 'IHDR':
        if (length !== 13) throw new Error('PNG: bad IHDR length');
        width = data.readUInt32BE(0);
        height = data.readUInt32BE(4);
        bitDepth = data[8]!;
        colourType = data[9]!;
        if (data[10] !== 0 || data[11] !== 0) throw new Error('PNG: unknown compression or filter method');
        interlace = data[12]!;
        sawHeader = true;
        break;
      case 'PLTE':
        palette = data;
        break;
      case 'tRNS':
        transparency = data;
        break;
      case 'IDAT':
        idat.push(data);
        break;
      case 'IEND':
        sawEnd = true;
        break;
      default:
        // Ancillary chunks (pHYs, iCCP, tEXt, …) are irrelevant here.
        break;
    }
    pos = dataEnd + 4;
  }

  if (!sawHeader) throw new Error('PNG: missing IHDR');
  if (!sawEnd) throw new Error('PNG: missing IEND');
  if (bitDepth !== 8) throw new Error(`PNG: bit depth ${bitDepth} not supported (only 8)`);
  const channels = CHANNELS[colourType];
  if (channels === undefined) throw new Error(`PNG: colour type ${colourType} not supported`);
  if (interlace !== 0) throw new Error('PNG: interlaced images not supported');
  if (colourType === 3 && !palette) throw new Error('PNG: palette image without PLTE');
  if (width === 0 || height === 0) throw new Error('PNG: empty image');

  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw new Error('PNG: image data too short');

  // Undo the scanline filters in place into `pixels` (bpp = channels for 8-bit images).
  const pixels = new Uint8Array(height * stride);
  const bpp = channels;
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride; // only valid when y > 0
    for (let x = 0; x < stride; x++) {
      const value = raw[src + x]!;
      const a = x >= bpp ? pixels[row + x - bpp]! : 0;
      const b = y > 0 ? pixels[prev + x]! : 0;
      const c = x >= bpp && y > 0 ? pixels[prev + x - bpp]! : 0;
      let out: number;
      switch (filter) {
        case 0:
          out = value;
          break;
        case 1:
          out = value + a;
          break;
        case 2:
          out = value + b;
          break;
        case 3:
          out = value + ((a + b) >> 1);
          break;
        case 4:
          out = value + paeth(a, b, c);
          break;
        default:
          throw new Error(`PNG: unknown filter type ${filter} in row ${y}`);
      }
      pixels[row + x] = out & 0xff;
    }
  }

  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0, p = 0; i < width * height; i++, p += channels) {
    const o = i * 4;
    switch (colourType) {
      case 0:
        rgba[o] = rgba[o + 1] = rgba[o + 2] = pixels[p]!;
        rgba[o + 3] = 255;
        break;
      case 2:
        rgba[o] = pixels[p]!;
        rgba[o + 1] = pixels[p + 1]!;
        rgba[o + 2] = pixels[p + 2]!;
        rgba[o + 3] = 255;
        break;
      case 3: {
        const index = pixels[p]!;
        if (index * 3 + 2 >= palette!.length) throw new Error(`PNG: palette index ${index} out of range`);
        rgba[o] = palette![index * 3]!;
        rgba[o + 1] = palette![index * 3 + 1]!;
        rgba[o + 2] = palette![index * 3 + 2]!;
        rgba[o + 3] = transparency && index < transparency.length ? transparency[index]! : 255;
        break;
      }
      case 4:
        rgba[o] = rgba[o + 1] = rgba[o + 2] = pixels[p]!;
        rgba[o + 3] = pixels[p + 1]!;
        break;
      default:
        rgba[o] = pixels[p]!;
        rgba[o + 1] = pixels[p + 1]!;
        rgba[o + 2] = pixels[p + 2]!;
        rgba[o + 3] = pixels[p + 3]!;
    }
  }
  return { width, height, data: rgba };
}

/**
 * Counts distinct colours and the share of pixels that differ from the background.
 * Without an explicit background the most frequent colour is taken as background, so a
 * blank canvas gives distinctColours 1 and nonBackgroundShare 0.
 */
export function pixelStats(png: DecodedPng, background?: [number, number, number, number?]): PixelStats {
  const { width, height, data } = png;
  const counts = new Map<number, number>();
  const total = width * height;
  for (let i = 0; i < total; i++) {
    const o = i * 4;
    const key = ((data[o]! << 24) | (data[o + 1]! << 16) | (data[o + 2]! << 8) | data[o + 3]!) >>> 0;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let bgKey: number;
  if (background) {
    const [r, g, b, a = 255] = background;
    bgKey = ((r << 24) | (g << 16) | (b << 8) | a) >>> 0;
  } else {
    bgKey = 0;
    let best = -1;
    for (const [key, count] of counts) {
      if (count > best) {
        best = count;
        bgKey = key;
      }
    }
  }
  const bgCount = counts.get(bgKey) ?? 0;
  return {
    width,
    height,
    distinctColours: counts.size,
    background: [bgKey >>> 24, (bgKey >>> 16) & 0xff, (bgKey >>> 8) & 0xff, bgKey & 0xff],
    nonBackgroundShare: total === 0 ? 0 : (total - bgCount) / total,
  };
}

export type Rgb = readonly [number, number, number];

/** A rectangle of an image in pixels. */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** "#de2d26" → [222, 45, 38] */
export function hexToRgb(hex: string): Rgb {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`Not a colour like #rrggbb: ${JSON.stringify(hex)}`);
  return [Number.parseInt(match[1]!, 16), Number.parseInt(match[2]!, 16), Number.parseInt(match[3]!, 16)];
}

export interface ColourSample {
  /** Pixels looked at. */
  sampled: number;
  /** Distinct RGB values among them (alpha ignored). */
  distinctColours: number;
  /** Pixels within the tolerance of one of the colours asked for. */
  near: number;
}

/**
 * Looks at every `step`-th pixel of a region (in both directions): how many distinct colours, and
 * how many pixels are close to one of `colours`, i.e. whose channel differences add up to less
 * than `tolerance`. Anti-aliasing and blending shift colours a little, hence the tolerance.
 */
export function sampleColours(
  png: DecodedPng,
  options: { region?: Region; step?: number; colours?: readonly Rgb[]; tolerance?: number } = {},
): ColourSample {
  const { region = { x: 0, y: 0, width: png.width, height: png.height }, step = 1, colours = [], tolerance = 60 } = options;
  if (region.x < 0 || region.y < 0 || region.x + region.width > png.width || region.y + region.height > png.height) {
    throw new Error(`Region ${JSON.stringify(region)} is not inside the ${png.width}×${png.height} image`);
  }
  const seen = new Set<number>();
  let sampled = 0;
  let near = 0;
  for (let row = region.y; row < region.y + region.height; row += step) {
    for (let col = region.x; col < region.x + region.width; col += step) {
      const i = (row * png.width + col) * 4;
      const r = png.data[i]!;
      const g = png.data[i + 1]!;
      const b = png.data[i + 2]!;
      sampled++;
      seen.add((r << 16) | (g << 8) | b);
      if (colours.some(([cr, cg, cb]) => Math.abs(r - cr) + Math.abs(g - cg) + Math.abs(b - cb) < tolerance)) near++;
    }
  }
  return { sampled, distinctColours: seen.size, near };
}
