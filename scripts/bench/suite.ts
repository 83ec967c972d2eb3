/**
 * One benchmark of `npm run bench`: it measures its candidates side by side in one run and prints
 * figures and ratios (machines here are noisy: compare, do not trust one absolute number). It
 * throws when the candidates disagree on the answer, so a fast wrong result cannot pass.
 */
export interface BenchSuite {
  /** Name on the command line: `npm run bench -- <id>`. */
  id: string;
  title: string;
  run(): void | Promise<void>;
}
