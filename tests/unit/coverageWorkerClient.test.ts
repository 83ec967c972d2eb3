// The live analyser of the what-if drag: newest request wins, a cancelled result is not shown,
// results equal the analysis on the main thread, and it works without a worker (or when one fails).
// The browser's Worker is replaced by one that answers through the same protocol in a later task
// with the real analysis: what is tested is the client's scheduling, not a fake of it.
import { describe, expect, it, vi } from 'vitest';
import { analyseCoverage, type CoverageAnalysis, type CoverageRequest } from '../../src/domain/coverage/analysis';
import { prepareCoverage, type CoverageSetup } from '../../src/domain/coverage/coverage';
import { surfaceFromGrid } from '../../src/domain/coverage/zensusGrid';
import { createLiveAnalyser } from '../../src/app/coverageWorkerClient';
import type { CoverageWorkerReply, CoverageWorkerRequest } from '../../src/app/coverageWorkerProtocol';
import { coverageInput } from './coverage/support';
import { syntheticTerritory } from './support/syntheticDistrict';

const territory = syntheticTerritory();
const input = coverageInput();
const setup = prepareCoverage(territory, surfaceFromGrid(territory, input.grid));
const request = (radiusKm: number): CoverageRequest => ({ facilities: input.facilities, category: 'familienzentrum', radiusKm, distances: false });

/** Answers like coverageWorker.ts, one message per task; records what it was sent. */
class TaskWorker {
  readonly received: CoverageWorkerRequest[] = [];
  private listener: ((event: MessageEvent<CoverageWorkerReply>) => void) | null = null;
  private readonly setups = new Map<number, CoverageSetup>();
  constructor(private readonly reply: (message: Extract<CoverageWorkerRequest, { type: 'analyse' }>, setup: CoverageSetup) => CoverageWorkerReply = answer) {}
  addEventListener(type: string, listener: (event: MessageEvent<CoverageWorkerReply>) => void) {
    if (type === 'message') this.listener = listener;
  }
  postMessage(message: CoverageWorkerRequest) {
    const copy = structuredClone(message);
    this.received.push(copy);
    if (copy.type === 'setup') this.setups.set(copy.setupId, copy.setup);
    else setTimeout(() => this.listener?.({ data: this.reply(copy, this.setups.get(copy.setupId)!) } as MessageEvent<CoverageWorkerReply>), 0);
  }
  terminate() {}
}

function answer(message: Extract<CoverageWorkerRequest, { type: 'analyse' }>, workerSetup: CoverageSetup): CoverageWorkerReply {
  const { reach: _reach, ...analysis } = analyseCoverage(workerSetup, message.request);
  return { type: 'analysis', requestId: message.requestId, analysis };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const shares = (analysis: CoverageAnalysis) => analysis.result.sozialraeume.map((row) => [row.id, row.versorgt]);

describe('the live analyser of the drag', () => {
  it('sends the setup once, keeps one request in the worker and replaces a waiting one by the newest', async () => {
    const worker = new TaskWorker();
    const live = createLiveAnalyser(() => worker as unknown as Worker);
    const results: number[] = [];
    for (const radius of [2, 3, 4, 5]) live.request(setup, request(radius), (analysis) => results.push(Number.parseFloat(analysis.reach.label)));
    await vi.waitFor(() => expect(results).toHaveLength(2));
    expect(worker.received.filter((message) => message.type === 'setup')).toHaveLength(1);
    expect(worker.received.filter((message) => message.type === 'analyse').map((message) => (message as { request: CoverageRequest }).request.radiusKm)).toEqual([2, 5]);
    expect(results).toEqual([2, 5]);
  });

  it('hands the worker the setup ahead of the first drag, and not again with it', async () => {
    const worker = new TaskWorker();
    const live = createLiveAnalyser(() => worker as unknown as Worker);
    live.prepare(setup);
    expect(worker.received.map((message) => message.type)).toEqual(['setup']);
    const got = await new Promise<CoverageAnalysis>((resolve) => live.request(setup, request(5), resolve));
    expect(worker.received.map((message) => message.type)).toEqual(['setup', 'analyse']);
    expect(got.result.planungsraum.versorgt).toBe(analyseCoverage(setup, request(5)).result.planungsraum.versorgt);
  });

  it('answers what the main thread would, with the reach model rebuilt', async () => {
    const live = createLiveAnalyser(() => new TaskWorker() as unknown as Worker);
    const got = await new Promise<CoverageAnalysis>((resolve) => live.request(setup, request(5), resolve));
    const here = analyseCoverage(setup, request(5));
    expect(shares(got)).toEqual(shares(here));
    expect(got.result.unversorgtProZelle).toEqual(here.result.unversorgtProZelle);
    expect(got.reach.label).toBe(here.reach.label);
    expect(typeof got.reach.forEachRun).toBe('function');
  });

  it('shows no result of a request made before a cancel (the drop’s full result follows)', async () => {
    const live = createLiveAnalyser(() => new TaskWorker() as unknown as Worker);
    const results: number[] = [];
    live.request(setup, request(2), () => results.push(2));
    live.request(setup, request(3), () => results.push(3));
    live.cancel();
    // 4 waits for the cancelled 2 to come back: by the time 4 is shown, 2 was not, and 3 was never sent.
    live.request(setup, request(4), () => results.push(4));
    await vi.waitFor(() => expect(results).toHaveLength(1));
    await settle();
    expect(results).toEqual([4]);
  });

  it('computes at once without a worker, and on the main thread when the worker fails', async () => {
    const here: number[] = [];
    createLiveAnalyser(() => null).request(setup, request(5), (analysis) => here.push(analysis.result.planungsraum.versorgt));
    expect(here).toEqual([analyseCoverage(setup, request(5)).result.planungsraum.versorgt]);

    const failing = new TaskWorker((message) => ({ type: 'failed', requestId: message.requestId, message: 'kaputt' }));
    const got = await new Promise<CoverageAnalysis>((resolve) => createLiveAnalyser(() => failing as unknown as Worker).request(setup, request(5), resolve));
    expect(shares(got)).toEqual(shares(analyseCoverage(setup, request(5))));
  });
});
