import type { RejectKind } from "../records/rejection.ts";

/** Running counts of a run: what the progress line and the closing summary show. */
export class RunTally {
  records = 0;
  written = 0;
  rejected = 0;
  tokens = 0;
  trainedTokens = 0;
  /** Records written although no token of theirs trains. */
  emptyKept = 0;
  truncated = 0;
  readonly rejectedByKind = new Map<RejectKind, number>();
  /** Written records by how their masks were obtained (`fingerprint`, `derived`, …). */
  readonly writtenByStrategy = new Map<string, number>();

  addWritten(tokens: number, trainedTokens: number, truncated: boolean, strategy?: string): void {
    this.written++;
    if (strategy) this.writtenByStrategy.set(strategy, (this.writtenByStrategy.get(strategy) ?? 0) + 1);
    this.tokens += tokens;
    this.trainedTokens += trainedTokens;
    if (trainedTokens === 0) this.emptyKept++;
    if (truncated) this.truncated++;
  }

  addRejected(kind: RejectKind): void {
    this.rejected++;
    this.rejectedByKind.set(kind, (this.rejectedByKind.get(kind) ?? 0) + 1);
  }

  /** Percent of the written tokens that train. */
  trainedShare(): number {
    return this.tokens === 0 ? 0 : (100 * this.trainedTokens) / this.tokens;
  }
}

export function count(n: number): string {
  return n.toLocaleString("en-US");
}
