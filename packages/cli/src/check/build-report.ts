import type { LoadedTokenizer } from "../tokenizer-dir.ts";
import type { CheckItem, CheckReport, TemplateChecks } from "./check-report.ts";
import { checkPythonParity } from "./python-parity.ts";
import { resolveForCheck } from "./resolve-template.ts";
import { runTemplateChecks } from "./template-checks.ts";
import { decideVerdict } from "./verdict.ts";

/** Everything `check` reports about a tokenizer, with the verdict. Never throws for a template that cannot train. */
export async function buildCheckReport(tokenizer: LoadedTokenizer): Promise<CheckReport> {
  const resolved = await resolveForCheck(tokenizer);
  let checks: TemplateChecks;
  if (resolved.toCheck) {
    const structural = await runTemplateChecks(resolved.toCheck, tokenizer, resolved.trainingTemplate.endOfTurn);
    checks = { ...structural, pythonParity: await checkPythonParity(resolved.toCheck, tokenizer.config) };
  } else {
    const skipped: CheckItem = { status: "not checked", detail: "there is no training template to check" };
    checks = { generationMarkers: skipped, prefixPreservation: skipped, stopToken: skipped, toolCalling: skipped, contentBlocks: skipped, pythonParity: skipped };
  }
  const report = { tokenizer: tokenizer.dir, chatTemplate: resolved.chatTemplate, detection: resolved.detection, trainingTemplate: resolved.trainingTemplate, checks };
  return { ...report, verdict: decideVerdict(report) };
}
