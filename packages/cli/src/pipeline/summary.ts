import { count, type RunTally } from "./tally.ts";

/** `mask --summary`: counts, token totals and the template, as it has always printed them. */
export function maskSummary(tally: RunTally, templateDescription: string, output: string): string {
  return [
    `records:  ${count(tally.records)} in, ${count(tally.written)} out, ${count(tally.rejected)} rejected`,
    `tokens:   ${count(tally.tokens)}, of which trained: ${count(tally.trainedTokens)} (${tally.trainedShare().toFixed(1)}%)`,
    `template: ${templateDescription}`,
    `output:   ${output}`,
  ].join("\n");
}

export interface PrepareSummaryFacts {
  templateDescription: string;
  output: string;
  seconds: number;
  maxLength?: number;
  /** The signal that stopped the run early. */
  interruptedBy?: string;
}

/** `prepare`'s closing summary: what came in and out, what trains, why records were rejected. */
export function prepareSummary(tally: RunTally, facts: PrepareSummaryFacts): string {
  const lines = [
    `records:   ${count(tally.records)} in, ${count(tally.written)} out, ${count(tally.rejected)} rejected`,
    `tokens:    ${count(tally.tokens)}, of which trained: ${count(tally.trainedTokens)} (${tally.trainedShare().toFixed(1)}%)`,
  ];
  if (tally.rejected > 0) {
    const reasons = [...tally.rejectedByKind].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${kind} ${count(n)}`);
    lines.push(`rejected:  ${reasons.join(", ")}`);
  }
  if (tally.writtenByStrategy.size > 1) {
    // Some records fell back from the plan (a curated template's text differed): say how many went which way.
    const ways = [...tally.writtenByStrategy].sort((a, b) => b[1] - a[1]).map(([strategy, n]) => `${strategy} ${count(n)}`);
    lines.push(`masks:     ${ways.join(", ")}`);
  }
  if (tally.emptyKept > 0) lines.push(`empty:     ${count(tally.emptyKept)} written with no token that trains (--drop-empty drops them)`);
  if (tally.truncated > 0) lines.push(`truncated: ${count(tally.truncated)} cut to ${count(facts.maxLength ?? 0)} tokens`);
  lines.push(`template:  ${facts.templateDescription}`, `output:    ${facts.output}`);
  const rate = facts.seconds > 0 ? tally.records / facts.seconds : 0;
  lines.push(`time:      ${facts.seconds.toFixed(1)} s (${rate >= 10 ? count(Math.round(rate)) : rate.toFixed(1)} records/s)`);
  if (facts.interruptedBy) lines.push(`stopped:   by ${facts.interruptedBy} before the end of the input; the output holds whole records only`);
  return lines.join("\n");
}
