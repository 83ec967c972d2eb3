// PGlite and the request handlers share one thread: long synchronous work (validating 20,000
// rows, finding their Gemeinde) would make every other request wait. Work in time slices that
// give the event loop back, so other requests are answered between slices.

/** How long one slice may run before it yields (milliseconds). */
export const SLICE_MS = 8;

/** Gives the event loop back: waiting I/O callbacks (other requests) run before we continue. */
export const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Calls `work` for every item, yielding after each SLICE_MS of work; `onProgress` hears how many
 * are done after each slice. Throws `signal.reason` when the signal aborts between slices.
 */
export async function inSlices<T>(
  items: readonly T[],
  work: (item: T, index: number) => void,
  options: { onProgress?: (done: number) => void; signal?: AbortSignal } = {},
): Promise<void> {
  let sliceStart = performance.now();
  for (let index = 0; index < items.length; index++) {
    work(items[index]!, index);
    if (performance.now() - sliceStart >= SLICE_MS) {
      options.onProgress?.(index + 1);
      await yieldToOthers();
      options.signal?.throwIfAborted();
      sliceStart = performance.now();
    }
  }
  options.onProgress?.(items.length);
}

/**
 * A JSON response body `{ ...head, [key]: items }` written in slices: JSON.stringify of 20,000
 * facilities at once would hold the thread for a noticeable time, so each pull of the stream
 * encodes the items of one slice and then lets other requests run.
 */
export function jsonInSlices(head: Record<string, unknown>, key: string, items: readonly unknown[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const prefix = JSON.stringify({ ...head, [key]: [] }).slice(0, -2);
  let next = 0;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(prefix));
      }
      const sliceStart = performance.now();
      const parts: string[] = [];
      while (next < items.length && performance.now() - sliceStart < SLICE_MS) {
        parts.push((next === 0 ? '' : ',') + JSON.stringify(items[next]));
        next++;
      }
      if (parts.length > 0) controller.enqueue(encoder.encode(parts.join('')));
      if (next >= items.length) {
        controller.enqueue(encoder.encode(']}'));
        controller.close();
        return;
      }
      await yieldToOthers();
    },
  });
}
