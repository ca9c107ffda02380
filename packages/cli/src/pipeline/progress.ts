import type { Writable } from "node:stream";
import { count, type RunTally } from "./tally.ts";

/** How much of the input has been read, when its size is known. */
export interface ReadPosition {
  readonly bytesRead: number;
  readonly totalBytes: number | undefined;
}

export interface ProgressOptions {
  /** Seconds between plain progress lines when stderr is not a terminal; 0: none. */
  intervalSeconds: number;
  /** The clock, in milliseconds (a test passes its own). */
  now?: () => number;
}

/** A terminal redraws the line this often at most: faster is flicker, and costs time on fast runs. */
const REDRAW_MS = 100;
const BAR_WIDTH = 20;
const CLEAR_LINE = "\r\x1b[2K";

/**
 * Shows how a run goes on stderr: on a terminal one line redrawn in place (a bar, records, tokens, records/s,
 * ETA); otherwise a plain line every few seconds and one at the end, as logs want. Messages about single records
 * go through `log` so that they never end up glued to the bar.
 */
export class Progress {
  private readonly tty: boolean;
  private readonly now: () => number;
  private readonly startedAt: number;
  private lastShownAt: number;
  private barOnScreen = false;
  private linesShown = 0;

  constructor(
    private readonly stream: Writable & { isTTY?: boolean; columns?: number },
    private readonly tally: RunTally,
    private readonly position: ReadPosition,
    private readonly options: ProgressOptions,
  ) {
    this.tty = stream.isTTY === true;
    this.now = options.now ?? (() => performance.now());
    this.startedAt = this.now();
    this.lastShownAt = this.startedAt;
  }

  /** Seconds since the run started. */
  elapsedSeconds(): number {
    return (this.now() - this.startedAt) / 1000;
  }

  /** After each record: redraws or prints when it is time to. */
  tick(): void {
    const at = this.now();
    if (this.tty) {
      if (at - this.lastShownAt < REDRAW_MS) return;
      this.lastShownAt = at;
      this.drawBar();
    } else if (this.options.intervalSeconds > 0 && at - this.lastShownAt >= this.options.intervalSeconds * 1000) {
      this.lastShownAt = at;
      this.printLine();
    }
  }

  /** A message line (a rejected record, a warning), printed above the bar. */
  log(line: string): void {
    if (this.barOnScreen) this.stream.write(CLEAR_LINE);
    this.stream.write(`${line}\n`);
    if (this.barOnScreen) this.drawBar();
  }

  /** Leaves the terminal line clean for the summary; a log gets its closing line. */
  finish(): void {
    if (this.barOnScreen) {
      this.stream.write(CLEAR_LINE);
      this.barOnScreen = false;
    } else if (!this.tty && this.linesShown > 0) {
      this.printLine();
    }
  }

  private drawBar(): void {
    const line = this.describe(true);
    const width = (this.stream.columns ?? 80) - 1;
    this.stream.write(`${CLEAR_LINE}${line.length > width ? line.slice(0, width) : line}`);
    this.barOnScreen = true;
  }

  private printLine(): void {
    this.stream.write(`progress: ${this.describe(false)}\n`);
    this.linesShown++;
  }

  /**
   * The terminal line puts what matters first (a narrow terminal cuts the end): the bar, the share read, records,
   * rate, time left, tokens. A log line reads as a sentence.
   */
  private describe(forTerminal: boolean): string {
    const seconds = this.elapsedSeconds();
    const rate = seconds > 0 ? this.tally.records / seconds : 0;
    const { bytesRead, totalBytes } = this.position;
    const fraction = totalBytes ? Math.min(1, bytesRead / totalBytes) : undefined;
    const records = `${count(this.tally.records)} records${this.tally.rejected > 0 ? ` (${count(this.tally.rejected)} rejected)` : ""}`;
    const perSecond = `${rate >= 10 ? count(Math.round(rate)) : rate.toFixed(1)} records/s`;
    const tokens = `${count(this.tally.tokens)} tokens`;
    const eta = fraction !== undefined && fraction > 0 && fraction < 1 ? `ETA ${formatDuration((seconds * (1 - fraction)) / fraction)}` : undefined;
    const percent = fraction === undefined ? undefined : `${Math.floor(fraction * 100)}%`;
    if (!forTerminal) return [records, tokens, perSecond, ...(percent ? [`${percent} read`] : []), ...(eta ? [eta] : [])].join(", ");
    const bar = fraction === undefined ? [] : [`[${"#".repeat(Math.round(fraction * BAR_WIDTH)).padEnd(BAR_WIDTH, "-")}] ${percent}`];
    return [...bar, records, perSecond, ...(eta ? [eta] : []), tokens].join("  ");
  }
}

/** `1h 02m`, `3m 07s`, `12s`. */
export function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole}s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes}m ${String(whole % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, "0")}m`;
}
