// The main thread's side of the coverage worker (coverageWorker.ts): live analyses while a
// hypothetical facility is dragged. At most one request is in the worker; a newer one waits, and
// a waiting one is replaced by the next (the pointer moved on), so the worker never falls behind
// the hand. Without Web Workers (tests under Node) or when the worker fails, the analysis runs
// here, at once, as before.
import { analyseCoverage, type CoverageAnalysis, type CoverageRequest } from '../domain/coverage/analysis';
import type { CoverageSetup } from '../domain/coverage/coverage';
import { straightLineReach } from '../domain/coverage/reach';
import type { CoverageWorkerReply, CoverageWorkerRequest } from './coverageWorkerProtocol';

export interface LiveAnalyser {
  /** Asks for the analysis of `request`; `onResult` gets it unless a `cancel` came first. */
  request(setup: CoverageSetup, request: CoverageRequest, onResult: (analysis: CoverageAnalysis) => void): void;
  /** Starts the worker and hands it the setup ahead of the first drag, so that drag does not wait for the copy. */
  prepare(setup: CoverageSetup): void;
  /** Drops the waiting request and the result of the running one (the drop's full result follows). */
  cancel(): void;
  dispose(): void;
}

interface Job {
  setup: CoverageSetup;
  request: CoverageRequest;
  onResult: (analysis: CoverageAnalysis) => void;
}

/** The analysis on this thread (the fallback, and what the worker's reply is completed to). */
const analyseHere = (job: Job) => job.onResult(analyseCoverage(job.setup, job.request));

/** Only what the analysis reads of a facility: the store's facilities carry much more. */
function plainRequest(request: CoverageRequest): CoverageRequest {
  return {
    ...request,
    facilities: request.facilities.map(({ id, category, status, geloescht, lage, bestaetigung, geprueftAm, quelle }) => ({
      id,
      category,
      status,
      geloescht,
      lage: [lage[0]!, lage[1]!],
      ...(bestaetigung === undefined ? {} : { bestaetigung }),
      ...(geprueftAm === undefined ? {} : { geprueftAm }),
      ...(quelle === undefined ? {} : { quelle }),
    })),
  };
}

export function createLiveAnalyser(startWorker: () => Worker | null = defaultWorker): LiveAnalyser {
  let worker: Worker | null | undefined;
  const setupIds = new WeakMap<CoverageSetup, number>();
  let nextSetupId = 1;
  let nextRequestId = 1;
  let running: (Job & { id: number; ignored: boolean }) | null = null;
  let waiting: Job | null = null;

  const fail = () => {
    worker?.terminate();
    worker = null;
  };

  /** The worker, started on first use; null without one. */
  function started(): Worker | null {
    if (worker === undefined) {
      try {
        worker = startWorker();
      } catch {
        worker = null;
      }
      worker?.addEventListener('message', (event: MessageEvent<CoverageWorkerReply>) => receive(event.data));
      worker?.addEventListener('error', () => {
        const lost = running;
        running = null;
        fail();
        if (lost && !lost.ignored) analyseHere(lost);
      });
    }
    return worker ?? null;
  }

  /** The id under which the worker knows `setup`, sending it first if need be. */
  function setupIdOf(target: Worker, setup: CoverageSetup): number {
    let setupId = setupIds.get(setup);
    if (setupId === undefined) {
      setupId = nextSetupId++;
      setupIds.set(setup, setupId);
      target.postMessage({ type: 'setup', setupId, setup } satisfies CoverageWorkerRequest);
    }
    return setupId;
  }

  function send(job: Job): void {
    const target = started();
    if (!target) {
      analyseHere(job);
      return;
    }
    const setupId = setupIdOf(target, job.setup);
    running = { ...job, id: nextRequestId++, ignored: false };
    target.postMessage({ type: 'analyse', requestId: running.id, setupId, request: plainRequest(job.request) } satisfies CoverageWorkerRequest);
  }

  function receive(reply: CoverageWorkerReply): void {
    const job = running;
    if (!job || job.id !== reply.requestId) return;
    running = null;
    if (!job.ignored) {
      if (reply.type === 'analysis') job.onResult({ ...reply.analysis, reach: straightLineReach(job.request.radiusKm * 1000) });
      else analyseHere(job);
    }
    const next = waiting;
    waiting = null;
    if (next) send(next);
  }

  return {
    request(setup, request, onResult) {
      const job = { setup, request, onResult };
      if (running) waiting = job;
      else send(job);
    },
    prepare(setup) {
      const target = started();
      if (target) setupIdOf(target, setup);
    },
    cancel() {
      waiting = null;
      if (running) running.ignored = true;
    },
    dispose() {
      waiting = null;
      running = null;
      fail();
    },
  };
}

function defaultWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  return new Worker(new URL('./coverageWorker.ts', import.meta.url), { type: 'module', name: 'versorgung' });
}
