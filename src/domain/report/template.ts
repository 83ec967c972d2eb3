import { z } from 'zod';
import { CONTROL_CHARACTER_MESSAGE, isPrintable } from '../facilities/fieldDefinition';

/**
 * A report template: which Kennzahlen, which areas and which reference date a profile report
 * shows, saved by name so next year's report is the same report with new data. The schemas
 * serve the API (requests, answers, OpenAPI), the browser and the command line alike.
 */

const printable = (max: number) =>
  z
    .string({ error: 'muss ein Text sein' })
    .trim()
    .min(1, 'darf nicht leer sein')
    .max(max, `höchstens ${max} Zeichen`)
    .refine((value) => isPrintable(value), CONTROL_CHARACTER_MESSAGE);

/** JJJJ (each Kennzahl at its newest date in that year) or JJJJ-MM-TT (its newest on or before it). */
export const ReferenceDateSchema = z.string().regex(/^\d{4}(-\d{2}-\d{2})?$/, 'Stichtag muss JJJJ oder JJJJ-MM-TT sein');

export const ReportChoiceSchema = z.object({
  /** Kennzahl ids in the order shown; null: the standard choice (every rate, share and mean, and the population). */
  kennzahlen: z.array(z.string().regex(/^[a-z0-9-]+$/, 'keine gültige Kennzahl-id')).min(1, 'mindestens eine Kennzahl').max(60).nullable().default(null),
  /** Area keys („sozialraum:adelebsen“, „sozialregion:sozialregion-1“); null: every Sozialregion and Sozialraum. The overview is always there. */
  gebiete: z.array(z.string().regex(/^(sozialraum|sozialregion):[a-z0-9-]+$/, 'Gebiet als „sozialraum:ID“ oder „sozialregion:ID“')).max(200).nullable().default(null),
  /** null: each Kennzahl at its newest date. */
  stichtag: ReferenceDateSchema.nullable().default(null),
});
export type ReportChoice = z.infer<typeof ReportChoiceSchema>;

export const STANDARD_CHOICE: ReportChoice = Object.freeze({ kennzahlen: null, gebiete: null, stichtag: null });

export const ReportTemplateInputSchema = ReportChoiceSchema.extend({ name: printable(120) });
export type ReportTemplateInput = z.infer<typeof ReportTemplateInputSchema>;

export const ReportTemplateSchema = ReportTemplateInputSchema.extend({
  id: z.string().uuid(),
  district: z.string(),
  version: z.number().int().min(1),
  geaendertAm: z.string(),
  geaendertVon: z.string().nullable(),
});
export type ReportTemplate = z.infer<typeof ReportTemplateSchema>;

/** A Kennzahl a report can show, and whether the standard choice has it. */
export const ReportIndicatorSchema = z.object({ id: z.string(), name: z.string(), thema: z.string(), standard: z.boolean() });
export type ReportIndicator = z.infer<typeof ReportIndicatorSchema>;

/** The saved templates, and the Kennzahlen to choose from (in the catalogue's order, those with values). */
export const ReportTemplateListSchema = z.object({ vorlagen: z.array(ReportTemplateSchema), kennzahlen: z.array(ReportIndicatorSchema) });
export type ReportTemplateList = z.infer<typeof ReportTemplateListSchema>;

/** A change names the version it was based on (a stale one is refused with 409). */
export const ReportTemplateUpdateSchema = ReportTemplateInputSchema.extend({ version: z.number().int().min(1) });

/** Start a report: a saved template by id, or a choice made on the spot. */
export const ReportRequestSchema = z.union([
  z.object({ vorlage: z.string().uuid('keine gültige Vorlagen-id') }).strict(),
  ReportChoiceSchema.strict(),
]);
export type ReportRequest = z.infer<typeof ReportRequestSchema>;

export const REPORT_JOB_STATES = ['laeuft', 'fertig', 'abgebrochen', 'fehler'] as const;

export const ReportJobSchema = z.object({
  id: z.string().uuid(),
  status: z.enum(REPORT_JOB_STATES),
  /** Sections drawn so far, of all. */
  fertig: z.number().int().min(0),
  gesamt: z.number().int().min(0),
  /** German: what is being drawn, or why it failed. */
  meldung: z.string(),
  seiten: z.number().int().nullable(),
  dateiname: z.string().nullable(),
});
export type ReportJob = z.infer<typeof ReportJobSchema>;

/** „sozialraumprofile-goettingen-2026-12-02.pdf“ */
export function reportFileName(district: string, producedOn: string): string {
  return `sozialraumprofile-${district}-${producedOn}.pdf`;
}
