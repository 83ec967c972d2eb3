import type { PrintMapInput } from '../domain/print/request';
import { apiFileRequest } from './api';

/** The printed map as PDF, made by the server from the sheet's content (POST /api/print/map). */
export function printMapPdf(request: PrintMapInput, signal?: AbortSignal): Promise<Blob> {
  return apiFileRequest('/api/print/map', request, 'application/pdf', signal);
}
