// The screenshot PNG decoder of the e2e harness, checked against a tiny independent encoder.
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, decodePng, hexToRgb, pixelStats, sampleColours } from '../e2e/support/png';

// --- a deliberately simple PNG encoder, independent of the decoder under test ---

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const body = Buffer.concat([head.subarray(4), Buffer.from(data)]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([head.subarray(0, 4), body, crc]);
}

function paethPredictor(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Filters row y with the given filter type (0 None, 1 Sub, 2 Up, 3 Average, 4 Paeth). */
function filterRow(pixels: number[], y: number, stride: number, bpp: number, type: number): number[] {
  const out = [type];
  for (let x = 0; x < stride; x++) {
    const v = pixels[y * stride + x]!;
    const a = x >= bpp ? pixels[y * stride + x - bpp]! : 0;
    const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
    const c = x >= bpp && y > 0 ? pixels[(y - 1) * stride + x - bpp]! : 0;
    const predictor = [0, a, b, (a + b) >> 1, paethPredictor(a, b, c)][type]!;
    out.push((v - predictor + 256) & 0xff);
  }
  return out;
}

interface EncodeOptions {
  colourType: 0 | 2 | 3 | 4 | 6;
  palette?: number[];
  transparency?: number[];
  /** Split the compressed data over this many IDAT chunks. */
  idatChunks?: number;
}

function encodePng(width: number, height: number, samples: number[], options: EncodeOptions): Buffer {
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[options.colourType];
  const stride = width * channels;
  expect(samples.length).toBe(stride * height);
  const filtered: number[] = [];
  // Cycle through all five filter types so every one of them is exercised.
  for (let y = 0; y < height; y++) filtered.push(...filterRow(samples, y, stride, channels, y % 5));
  const compressed = deflateSync(Buffer.from(filtered));

  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = options.colourType;
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)];
  if (options.palette) parts.push(chunk('PLTE', Uint8Array.from(options.palette)));
  if (options.transparency) parts.push(chunk('tRNS', Uint8Array.from(options.transparency)));
  parts.push(chunk('tEXt', Buffer.from('Comment\0ignored', 'latin1')));
  const pieces = options.idatChunks ?? 1;
  const size = Math.ceil(compressed.length / pieces);
  for (let i = 0; i < pieces; i++) parts.push(chunk('IDAT', compressed.subarray(i * size, (i + 1) * size)));
  parts.push(chunk('IEND', new Uint8Array(0)));
  return Buffer.concat(parts);
}

/** Deterministic pseudo-random samples, so neighbouring bytes differ and filters matter. */
function samples(count: number, seed: number): number[] {
  const out: number[] = [];
  let s = seed;
  for (let i = 0; i < count; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out.push((s >>> 16) & 0xff);
  }
  return out;
}

describe('decodePng', () => {
  it('decodes RGBA exactly, through all five filter types and split IDAT chunks', () => {
    const width = 7;
    const height = 10; // two full cycles of the five filters
    const rgba = samples(width * height * 4, 42);
    const png = decodePng(encodePng(width, height, rgba, { colourType: 6, idatChunks: 3 }));
    expect(png.width).toBe(width);
    expect(png.height).toBe(height);
    expect(Array.from(png.data)).toEqual(rgba);
  });

  it('decodes RGB into opaque RGBA', () => {
    const rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 40, 50, 60, 70, 80, 90];
    const png = decodePng(encodePng(3, 2, rgb, { colourType: 2 }));
    expect(Array.from(png.data)).toEqual([
      255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 10, 20, 30, 255, 40, 50, 60, 255, 70, 80, 90, 255,
    ]);
  });

  it('decodes grey, grey + alpha and palette images', () => {
    expect(Array.from(decodePng(encodePng(2, 1, [0, 200], { colourType: 0 })).data)).toEqual([0, 0, 0, 255, 200, 200, 200, 255]);
    expect(Array.from(decodePng(encodePng(1, 1, [90, 128], { colourType: 4 })).data)).toEqual([90, 90, 90, 128]);
    const paletted = decodePng(
      encodePng(3, 1, [1, 0, 1], { colourType: 3, palette: [1, 2, 3, 250, 251, 252], transparency: [0] }),
    );
    expect(Array.from(paletted.data)).toEqual([250, 251, 252, 255, 1, 2, 3, 0, 250, 251, 252, 255]);
  });

  it('decodes a larger random RGB image exactly', () => {
    const rgb = samples(64 * 33 * 3, 7);
    const png = decodePng(encodePng(64, 33, rgb, { colourType: 2 }));
    for (let i = 0; i < 64 * 33; i++) {
      expect([png.data[i * 4], png.data[i * 4 + 1], png.data[i * 4 + 2], png.data[i * 4 + 3]]).toEqual([
        rgb[i * 3],
        rgb[i * 3 + 1],
        rgb[i * 3 + 2],
        255,
      ]);
    }
  });

  it('rejects a bad signature, a corrupted chunk and unsupported formats', () => {
    const good = encodePng(2, 2, samples(16, 1), { colourType: 6 });
    const badSignature = Buffer.from(good);
    badSignature[1] = 0;
    expect(() => decodePng(badSignature)).toThrow(/signature/);
    const corrupted = Buffer.from(good);
    corrupted[good.length - 20] = corrupted[good.length - 20]! ^ 0xff; // inside the IDAT data
    expect(() => decodePng(corrupted)).toThrow(/CRC/);
    const sixteenBit = Buffer.from(good);
    sixteenBit[8 + 8 + 8] = 16; // IHDR bit depth; fix the CRC so only the depth is wrong
    sixteenBit.writeUInt32BE(crc32(sixteenBit.subarray(12, 12 + 4 + 13)), 12 + 4 + 13);
    expect(() => decodePng(sixteenBit)).toThrow(/bit depth 16/);
  });
});

describe('pixelStats', () => {
  it('counts colours and the share that differs from the most frequent one', () => {
    // 4x1: three white pixels and one red pixel.
    const png = decodePng(encodePng(4, 1, [255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0], { colourType: 2 }));
    const stats = pixelStats(png);
    expect(stats).toEqual({
      width: 4,
      height: 1,
      distinctColours: 2,
      background: [255, 255, 255, 255],
      nonBackgroundShare: 0.25,
    });
    expect(pixelStats(png, [255, 0, 0]).nonBackgroundShare).toBe(0.75);
  });
});

describe('sampleColours', () => {
  // 4x2 RGB: a white row, then red, nearly red, blue and white.
  const png = decodePng(
    encodePng(4, 2, [255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 222, 45, 38, 230, 50, 40, 0, 0, 255, 255, 255, 255], { colourType: 2 }),
  );

  it('counts distinct colours and the pixels near the colours asked for', () => {
    expect(sampleColours(png, { colours: [hexToRgb('#de2d26')] })).toEqual({ sampled: 8, distinctColours: 4, near: 2 });
    expect(sampleColours(png, { colours: [hexToRgb('#de2d26')], tolerance: 10 }).near).toBe(1);
    expect(sampleColours(png, { colours: [[255, 0, 0], [0, 0, 250]] }).near).toBe(1);
  });

  it('samples only the region, every step-th pixel', () => {
    expect(sampleColours(png, { region: { x: 1, y: 1, width: 3, height: 1 } })).toEqual({ sampled: 3, distinctColours: 3, near: 0 });
    expect(sampleColours(png, { step: 2 })).toEqual({ sampled: 2, distinctColours: 1, near: 0 });
    expect(() => sampleColours(png, { region: { x: 2, y: 0, width: 3, height: 1 } })).toThrow(/not inside/);
  });

  it('reads #rrggbb colours and refuses anything else', () => {
    expect(hexToRgb('#A50F15')).toEqual([165, 15, 21]);
    expect(() => hexToRgb('red')).toThrow(/#rrggbb/);
  });
});
