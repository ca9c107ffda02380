/** The exit code of a run stopped by a signal, as shells report it: 128 + the signal's number. */
export const INTERRUPT_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

export type InterruptSignal = keyof typeof INTERRUPT_EXIT_CODES;

/**
 * On the first SIGINT or SIGTERM, calls `onInterrupt` so the run can stop reading and finish what it has begun (the
 * output keeps whole lines only); a second signal ends the process at once. Returns a function that removes the
 * handlers.
 */
export function watchInterrupts(onInterrupt: (signal: InterruptSignal) => void): () => void {
  let received: InterruptSignal | undefined;
  const handler = (signal: InterruptSignal) => {
    if (received !== undefined) process.exit(INTERRUPT_EXIT_CODES[signal]);
    received = signal;
    onInterrupt(signal);
  };
  const signals = Object.keys(INTERRUPT_EXIT_CODES) as InterruptSignal[];
  for (const signal of signals) process.on(signal, handler);
  return () => {
    for (const signal of signals) process.off(signal, handler);
  };
}
