import { CHECK_LABELS, type CheckReport, type TemplateChecks } from "./check-report.ts";

const WIDTH = 100;
const FIELD_WIDTH = 19;

/** The report as a person reads it: facts, then one line per check, then the verdict. */
export function formatCheckReport(report: CheckReport): string {
  const { chatTemplate, detection, trainingTemplate } = report;
  const fields: Array<[string, string]> = [["Tokenizer", report.tokenizer]];
  if (!chatTemplate.present) {
    fields.push(["Chat template", `none (${chatTemplate.origin})`]);
  } else {
    const what = chatTemplate.names ? `named templates ${chatTemplate.names.join(", ")}` : "one template";
    const markers = chatTemplate.hasGenerationMarkers ? "with generation markers" : "no generation markers";
    fields.push(["Chat template", `${what}, ${markers}, from ${chatTemplate.origin}`]);
  }
  fields.push([
    "Detected",
    detection.recognised ? `${detection.id} (${detection.displayName}, family ${detection.family}), matched by ${detection.matchedBy}` : `none: ${detection.reason}`,
  ]);
  const need = trainingTemplate.needed ? "needed" : "not needed";
  fields.push(["Training template", trainingTemplate.available ? `${need}; using ${trainingTemplate.description}` : `${need}; none available`]);
  if (trainingTemplate.endOfTurn) fields.push(["End-of-turn token", `${trainingTemplate.endOfTurn.token} (from ${trainingTemplate.endOfTurn.source})`]);

  const lines = fields.flatMap(([name, value]) => wrap(value, FIELD_WIDTH).map((line, i) => (i === 0 ? name.padEnd(FIELD_WIDTH) : " ".repeat(FIELD_WIDTH)) + line));
  lines.push("", "Checks on the template to train with:");
  const statusWidth = "not checked".length + 2;
  const labelWidth = Math.max(...Object.values(CHECK_LABELS).map((label) => label.length)) + 2;
  for (const name of Object.keys(CHECK_LABELS) as Array<keyof TemplateChecks>) {
    const { status, detail } = report.checks[name];
    const indent = 2 + statusWidth + labelWidth;
    const wrapped = wrap(detail, indent);
    lines.push(`  ${status.padEnd(statusWidth)}${CHECK_LABELS[name].padEnd(labelWidth)}${wrapped[0]}`, ...wrapped.slice(1).map((line) => " ".repeat(indent) + line));
  }
  lines.push("", `Verdict: ${report.verdict.summary}`);
  return `${lines.join("\n")}\n`;
}

/** Word-wraps `text` into lines that fit after an indent of `indent` columns (a long word keeps its own line). */
function wrap(text: string, indent: number): string[] {
  const room = Math.max(20, WIDTH - indent);
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line !== "" && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  return lines.length === 0 && line === "" ? [""] : [...lines, line];
}
