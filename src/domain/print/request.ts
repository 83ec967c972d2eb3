import { z } from 'zod';
import { CONTROL_CHARACTER_MESSAGE, isPrintable } from '../facilities/fieldDefinition';
import { ORIENTATIONS, PAPERS } from './layout';

/**
 * What the browser sends to have a map view printed as PDF (`POST /api/print/map`): the map as
 * the picture the planner saw, with everything the sheet says about it as text (title, legend,
 * sources, attribution), so the PDF's text is selectable and searchable. The server adds nothing
 * but the date it was made; it stores nothing.
 */

const text = (max: number, min = 1) =>
  z
    .string({ error: 'muss ein Text sein' })
    .trim()
    .min(min, min === 1 ? 'darf nicht leer sein' : `mindestens ${min} Zeichen`)
    .max(max, `höchstens ${max} Zeichen`)
    .refine((value) => isPrintable(value), CONTROL_CHARACTER_MESSAGE);

/** A PNG or JPEG as data URL, at most `maxBytes` of base64 text. */
const image = (maxBytes: number, what: string) =>
  z
    .string({ error: 'muss ein Bild (data:-URL) sein' })
    .max(maxBytes, `${what} ist zu groß (höchstens ${Math.round(maxBytes / 1024 / 1024) || 1} MB)`)
    .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+=*$/, `${what} muss ein PNG- oder JPEG-Bild als data:-URL sein`);

const Colour = z.string().regex(/^#[0-9a-fA-F]{3,8}$|^rgba?\(\s*[\d.]+\s*,\s*[\d.]+\s*,\s*[\d.]+\s*(,\s*[\d.]+\s*)?\)$/, 'keine gültige Farbe');

/** A legend entry's symbol: a filled area (maybe hatched), a line, or a picture of a map symbol. */
export const PrintSymbolSchema = z.discriminatedUnion('art', [
  z.object({ art: z.literal('flaeche'), farbe: Colour, rand: Colour.optional(), muster: z.enum(['voll', 'schraffiert', 'leer']).default('voll') }),
  z.object({ art: z.literal('linie'), farbe: Colour, breite: z.number().min(0.2).max(8), gestrichelt: z.boolean().default(false) }),
  z.object({ art: z.literal('bild'), bild: image(256 * 1024, 'Ein Legendensymbol') }),
]);
export type PrintSymbol = z.infer<typeof PrintSymbolSchema>;

export const PrintLegendGroupSchema = z.object({
  titel: text(200),
  eintraege: z.array(z.object({ text: text(200), symbol: PrintSymbolSchema })).max(60, 'höchstens 60 Einträge je Legendengruppe'),
});
export type PrintLegendGroup = z.infer<typeof PrintLegendGroupSchema>;

/** The largest map picture: 4,000 × 3,000 pixels as PNG are well below this. */
export const PRINT_IMAGE_LIMIT = 24 * 1024 * 1024;

export const PrintMapRequestSchema = z.object({
  titel: text(160),
  untertitel: text(400, 0).default(''),
  papier: z.enum(PAPERS, { error: 'Papierformat muss A4 oder A3 sein' }),
  ausrichtung: z.enum(ORIENTATIONS, { error: 'Ausrichtung muss „quer“ oder „hoch“ sein' }),
  karte: z.object({
    bild: image(PRINT_IMAGE_LIMIT, 'Das Kartenbild'),
    breite: z.number().int().min(50).max(8000),
    hoehe: z.number().int().min(50).max(8000),
    /** Metres per picture pixel at the map's centre. */
    meterProPixel: z.number().positive().max(100_000),
    /** The map's bearing in degrees (0: north up). */
    drehung: z.number().min(-360).max(360).default(0),
    /** The map's text alternative. */
    beschreibung: text(600),
  }),
  legende: z.array(PrintLegendGroupSchema).max(20, 'höchstens 20 Legendengruppen'),
  /** Source lines, each with its date („Stand …“). */
  quellen: z.array(text(400)).min(1, 'mindestens eine Quellenangabe').max(20),
  /** Notes printed with the sources (rounding, protection, validity, a scenario). */
  hinweise: z.array(text(400)).max(8).default([]),
  zuschreibung: text(400),
});
export type PrintMapRequest = z.infer<typeof PrintMapRequestSchema>;
export type PrintMapInput = z.input<typeof PrintMapRequestSchema>;

/** „karte-goettingen-kennzahlen-2026-12-03.pdf“ */
export function printFileName(district: string, view: string, date: string, extension: 'pdf' | 'png'): string {
  const slug = (value: string) =>
    value
      .toLowerCase()
      .replace(/ä/g, 'ae')
      .replace(/ö/g, 'oe')
      .replace(/ü/g, 'ue')
      .replace(/ß/g, 'ss')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  return `karte-${slug(district)}-${slug(view)}-${date}.${extension}`;
}

/** Text lines the footer prints under the sources: the notes, the attribution and the date it was made. */
export function footerParts(request: Pick<PrintMapRequest, 'quellen' | 'hinweise' | 'zuschreibung'>, madeOn: string): string[] {
  return [`Quellen: ${request.quellen.join(' · ')}`, ...request.hinweise, `${request.zuschreibung} · erstellt am ${madeOn} mit dem Sozialraumatlas`];
}
