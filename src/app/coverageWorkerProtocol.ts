// Messages between the main thread and the coverage worker (coverageWorker.ts). Everything here
// survives structured cloning: the reach model (it has a method) stays behind and is rebuilt.
import type { CoverageAnalysis, CoverageRequest } from '../domain/coverage/analysis';
import type { CoverageSetup } from '../domain/coverage/coverage';

export type CoverageWorkerRequest =
  | { type: 'setup'; setupId: number; setup: CoverageSetup }
  | { type: 'analyse'; requestId: number; setupId: number; request: CoverageRequest };

export type CoverageWorkerReply =
  | { type: 'analysis'; requestId: number; analysis: Omit<CoverageAnalysis, 'reach'> }
  | { type: 'failed'; requestId: number; message: string };
