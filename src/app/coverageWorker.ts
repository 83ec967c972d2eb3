// The what-if drag's live computation off the main thread: a Web Worker that keeps the district's
// prepared grid (sent once per setup) and answers one analysis request at a time. The map and the
// tables stay on the main thread; it only spends the time to post the facilities and take the
// result's arrays over (transferred, not copied). See coverageWorkerClient.ts.
import { analyseCoverage } from '../domain/coverage/analysis';
import type { CoverageSetup } from '../domain/coverage/coverage';
import type { CoverageWorkerReply, CoverageWorkerRequest } from './coverageWorkerProtocol';

const setups = new Map<number, CoverageSetup>();
const scope = self as unknown as { onmessage: ((event: MessageEvent<CoverageWorkerRequest>) => void) | null; postMessage(message: CoverageWorkerReply, transfer: Transferable[]): void };

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'setup') {
    // One district at a time is dragged in: older setups are let go.
    setups.clear();
    setups.set(message.setupId, message.setup);
    return;
  }
  const setup = setups.get(message.setupId);
  if (!setup) {
    scope.postMessage({ type: 'failed', requestId: message.requestId, message: 'Das Gitter des Landkreises ist im Hintergrund noch nicht bereit.' }, []);
    return;
  }
  try {
    const { reach: _reach, ...analysis } = analyseCoverage(setup, message.request);
    scope.postMessage({ type: 'analysis', requestId: message.requestId, analysis }, [analysis.result.mask.buffer, analysis.result.unversorgtProZelle.buffer]);
  } catch (error) {
    scope.postMessage({ type: 'failed', requestId: message.requestId, message: error instanceof Error ? error.message : String(error) }, []);
  }
};
