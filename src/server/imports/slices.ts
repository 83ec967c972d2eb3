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
