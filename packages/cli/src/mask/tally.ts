/** Running counts of a `mask` run, for `--summary`. */
export class MaskTally {
  records = 0;
  written = 0;
  rejected = 0;
  tokens = 0;
  trainedTokens = 0;

  addWritten(assistantMasks: readonly number[]): void {
    this.written++;
    this.tokens += assistantMasks.length;
    for (const bit of assistantMasks) this.trainedTokens += bit;
  }

  summary(templateDescription: string, outputPath: string): string {
    const share = this.tokens === 0 ? 0 : (100 * this.trainedTokens) / this.tokens;
    return [
      `records:  ${count(this.records)} in, ${count(this.written)} out, ${count(this.rejected)} rejected`,
      `tokens:   ${count(this.tokens)}, of which trained: ${count(this.trainedTokens)} (${share.toFixed(1)}%)`,
      `template: ${templateDescription}`,
      `output:   ${outputPath}`,
    ].join("\n");
  }
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}
