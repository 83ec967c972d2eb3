// The report endpoints of the API (routes/reports.ts): templates, starting a report job, its
// progress, cancelling it and the address of its PDF. Every answer is checked against the
// schemas of src/domain/report/template.ts.
import {
  ReportJobSchema,
  ReportTemplateListSchema,
  type ReportTemplateList,
  ReportTemplateSchema,
  type ReportChoice,
  type ReportJob,
  type ReportRequest,
  type ReportTemplate,
  type ReportTemplateInput,
} from '../domain/report/template';
import { api } from './api';

const districtPath = (district: string) => `/api/districts/${encodeURIComponent(district)}`;
const jobPath = (id: string) => `/api/reports/${encodeURIComponent(id)}`;
const JOB = { schema: ReportJobSchema, what: 'Der Stand des Berichts' };

/** The saved templates and the Kennzahlen a report can show. */
export function fetchReportTemplates(district: string): Promise<ReportTemplateList> {
  return api.get(`${districtPath(district)}/report-templates`, { schema: ReportTemplateListSchema, what: 'Die Liste der Berichtsvorlagen' });
}

export function saveReportTemplate(district: string, template: ReportTemplateInput): Promise<ReportTemplate> {
  return api.post(`${districtPath(district)}/report-templates`, template, { schema: ReportTemplateSchema, what: 'Die gespeicherte Vorlage' });
}

export function startReport(district: string, request: ReportRequest | ReportChoice): Promise<ReportJob> {
  return api.post(`${districtPath(district)}/reports`, request, JOB);
}

export function fetchReportJob(id: string): Promise<ReportJob> {
  return api.get(jobPath(id), JOB);
}

export function cancelReport(id: string): Promise<ReportJob> {
  return api.post(`${jobPath(id)}/cancel`, {}, JOB);
}

/** Where the browser downloads the finished PDF (same origin, the session cookie goes along). */
export const reportPdfUrl = (id: string): string => `${jobPath(id)}/pdf`;
