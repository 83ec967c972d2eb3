// „Drucken / als PDF“ on the real app: the sheet in every paper size and orientation with its
// title, legend, sources and attribution as text (read back with pdftotext), the map picture on
// the page (pdftoppm), German 400s that change nothing for bad input, and the cap on sheets made at once.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrintMapInput } from '../../src/domain/print/request';
import { PRINTS_AT_ONCE } from '../../src/server/routes/print';
import { syntheticPng } from './support/png';
import { Client, startTestApi, type TestApi } from './support/testServer';

let api: TestApi;
let work: string;

beforeAll(async () => {
  api = await startTestApi();
  work = mkdtempSync(join(tmpdir(), 'sra-print-'));
});
afterAll(async () => {
  await api.close();
  rmSync(work, { recursive: true, force: true });
});

function request(overrides: Partial<PrintMapInput> = {}): PrintMapInput {
  return {
    titel: 'Testkarte Süd – Übersicht',
    untertitel: 'Synthetische Testdaten, keine echten Werte',
    papier: 'A4',
    ausrichtung: 'quer',
    karte: { bild: syntheticPng(300, 200), breite: 300, hoehe: 200, meterProPixel: 120, drehung: 0, beschreibung: 'Synthetische Testkarte: links rot, rechts blau' },
    legende: [
      {
        titel: 'Testflächen',
        eintraege: [
          { text: 'Fläche Alpha', symbol: { art: 'flaeche', farbe: '#c83232' } },
          { text: 'Fläche Beta geschützt', symbol: { art: 'flaeche', farbe: '#dddddd', muster: 'schraffiert' } },
          { text: 'Grenzlinie Gamma', symbol: { art: 'linie', farbe: '#333333', breite: 2, gestrichelt: true } },
          { text: 'Symbol Delta', symbol: { art: 'bild', bild: syntheticPng(24, 24) } },
        ],
      },
    ],
    quellen: ['Testquelle Eins, Stand 31.12.2015', 'Testquelle Zwei, Stand 15.05.2022'],
    hinweise: ['Hinweis: synthetische Zahlen'],
    zuschreibung: '© GeoBasis-DE / BKG (dl-de/by-2-0) · © Statistische Ämter des Bundes und der Länder',
    ...overrides,
  };
}

async function print(body: unknown) {
  const response = await api.app.request('/api/print/map', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return response;
}

function pdfFacts(bytes: ArrayBuffer, name: string): { text: string; size: string; pages: number; file: string } {
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, Buffer.from(bytes));
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return { text, size: /Page size:\s+([\d.]+ x [\d.]+)/.exec(info)![1]!, pages: Number(/Pages:\s+(\d+)/.exec(info)![1]), file };
}

describe('POST /api/print/map', () => {
  it.each([
    ['A4', 'quer', '841.89 x 595.28'],
    ['A4', 'hoch', '595.28 x 841.89'],
    ['A3', 'quer', '1190.55 x 841.89'],
    ['A3', 'hoch', '841.89 x 1190.55'],
  ] as const)('prints %s %s without signing in, with title, legend, sources and attribution as text', async (papier, ausrichtung, size) => {
    const response = await print(request({ papier, ausrichtung }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = pdfFacts(await response.arrayBuffer(), `${papier}-${ausrichtung}`);
    expect(pdf.pages).toBe(1);
    expect(pdf.size).toBe(size);
    const text = pdf.text.replace(/\s+/g, ' ');
    for (const expected of ['Testkarte Süd – Übersicht', 'Testflächen', 'Fläche Alpha', 'Fläche Beta geschützt', 'Grenzlinie Gamma', 'Symbol Delta', 'Testquelle Eins, Stand 31.12.2015', '© GeoBasis-DE / BKG', 'Hinweis: synthetische Zahlen', 'erstellt am']) {
      expect(text, expected).toContain(expected);
    }
    // 120 m per pixel, 300 pixels over the map's printed width: about 1 : 2 million on A4 landscape.
    expect(text).toMatch(/Maßstab ca\. 1 : \d{1,3}(\.\d{3})+/);
    expect(text).toMatch(/\d+ km/);
  });

  it('puts the map picture on the page: red left and blue right of the map frame', async () => {
    const response = await print(request());
    const pdf = pdfFacts(await response.arrayBuffer(), 'picture');
    const ppm = execFileSync('pdftoppm', ['-r', '20', pdf.file], { maxBuffer: 64 * 1024 * 1024 });
    // P6 header: "P6\n<w> <h>\n255\n"
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!;
    const [width, height] = [Number(header[1]), Number(header[2])];
    const pixels = ppm.subarray(header[0].length);
    const colourAt = (fx: number, fy: number) => {
      const offset = (Math.round(fy * height) * width + Math.round(fx * width)) * 3;
      return [pixels[offset]!, pixels[offset + 1]!, pixels[offset + 2]!];
    };
    // The map frame starts at the left margin below the title; probe well inside each half.
    const red = colourAt(0.2, 0.5);
    const blue = colourAt(0.55, 0.5);
    expect(red[0]).toBeGreaterThan(150);
    expect(red[2]).toBeLessThan(100);
    expect(blue[2]).toBeGreaterThan(150);
    expect(blue[0]).toBeLessThan(100);
  });

  it('refuses bad input with a specific German message', async () => {
    const cases: [unknown, RegExp][] = [
      [{ ...request(), papier: 'A5' }, /Papierformat muss A4 oder A3 sein/],
      [{ ...request(), titel: '' }, /titel.*darf nicht leer sein/],
      [{ ...request(), karte: { ...request().karte, bild: 'https://example.invalid/karte.png' } }, /Kartenbild muss ein PNG- oder JPEG-Bild/],
      [{ ...request(), karte: { ...request().karte, bild: `data:image/png;base64,${Buffer.from('kein Bild').toString('base64')}` } }, /Kartenbild lässt sich nicht lesen/],
      [{ ...request(), quellen: [] }, /mindestens eine Quellenangabe/],
      [{ ...request(), titel: 'Zeile\u0000' }, /Steuerzeichen/],
    ];
    for (const [body, message] of cases) {
      const response = await print(body);
      expect(response.status, JSON.stringify(message)).toBe(400);
      expect(JSON.stringify(await response.json())).toMatch(message);
    }
  });

  it('needs no account but, signed in, the CSRF token like every other change', async () => {
    const client = new Client(api);
    const anonymous = await client.request('POST', '/api/print/map', request());
    expect(anonymous.status).toBe(200);
    const foreign = await client.request('POST', '/api/print/map', request(), { origin: 'https://evil.invalid' });
    expect(foreign.status).toBe(403);
  });

  it(`makes at most ${PRINTS_AT_ONCE} sheets at once and asks the others to try again`, async () => {
    const responses = await Promise.all(Array.from({ length: 8 }, () => print(request())));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(PRINTS_AT_ONCE);
    const busy = responses.filter((response) => response.status === 429);
    expect(busy.length).toBeGreaterThan(0);
    expect((await busy[0]!.json()).error).toMatch(/gerade Karten gedruckt/);
    // Afterwards the next one is made again.
    expect((await print(request())).status).toBe(200);
  });
});
