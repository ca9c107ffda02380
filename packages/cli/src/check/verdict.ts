import { BLOCKING_CHECKS, CHECK_LABELS, type CheckReport, type TemplateChecks } from "./check-report.ts";

/**
 * How the verdict sums up a check that warns about what cannot be trained; null: the report's line is enough (most
 * text-only templates take no content blocks, and data without them is unaffected).
 */
const WARNING_NOTES: Partial<Record<keyof TemplateChecks, string | null>> = {
  toolCalling: "without tool calling",
  contentBlocks: null,
};

/** Ready when a training template exists and none of the checks that decide the masks' correctness failed. */
export function decideVerdict(report: Omit<CheckReport, "verdict">): CheckReport["verdict"] {
  const { trainingTemplate, chatTemplate, checks } = report;
  if (!chatTemplate.present) {
    return { ready: false, summary: "not ready: the tokenizer has no chat template; train with the ChatML training template (@training-templates/chatml)" };
  }
  if (!trainingTemplate.available) {
    const nearest = report.detection.recognised ? [] : report.detection.nearest;
    const why = chatTemplate.hasGenerationMarkers
      ? "its generation markers cannot be trained on as they are"
      : `its chat template is not a known original${nearest.length > 0 ? ` (nearest: ${nearest.join(", ")})` : ""}`;
    return { ready: false, summary: `not ready: no training template, ${why}` };
  }
  const names = Object.keys(checks) as Array<keyof TemplateChecks>;
  const failed = names.filter((name) => BLOCKING_CHECKS.has(name) && checks[name].status === "fail");
  const which =
    trainingTemplate.source === "registry"
      ? `the ${trainingTemplate.id} training template`
      : trainingTemplate.source === "derived"
        ? "masks derived from the tokenizer's own template (strategy derived, verified per record)"
        : trainingTemplate.source === "synthesized"
          ? "a training template synthesized from the tokenizer's own (strategy synthesized)"
          : "the tokenizer's own template";
  if (failed.length > 0) return { ready: false, summary: `not ready: ${which} fails ${failed.map((name) => CHECK_LABELS[name]).join(", ")}` };
  const notes = names.flatMap((name) => {
    const { status } = checks[name];
    if (status === "not checked") return [`${CHECK_LABELS[name]} not checked`];
    if (status === "warn" || status === "fail") {
      const note = WARNING_NOTES[name];
      return note === null ? [] : [note ?? `${CHECK_LABELS[name]}: ${status}`];
    }
    return [];
  });
  return { ready: true, summary: `ready to train with ${which}${notes.length > 0 ? ` (${notes.join("; ")})` : ""}` };
}
