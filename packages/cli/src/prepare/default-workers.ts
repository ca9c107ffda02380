import { availableParallelism } from "node:os";

/**
 * `--workers auto`: the threads that render for `prepare`, from the machine's cores. One thread renders while the
 * tokenizer's native pool tokenizes on every core; a worker thread adds a JavaScript thread (and its own tokenizer,
 * about a second of CPU to load and a few hundred MiB), which pays only where cores are left over. Measured on
 * 2 cores, two workers gave ×0.67–1.11 the records/s of one, for twice the memory (BENCHMARKS.md, section 4): below
 * 4 cores it is one thread, above it one worker per 2 cores, at most 8.
 */
export function defaultWorkers(cores = availableParallelism()): number {
  return cores < 4 ? 1 : Math.min(8, Math.floor(cores / 2));
}
