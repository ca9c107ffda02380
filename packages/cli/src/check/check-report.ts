/** How one check came out. `warn` is worth knowing but does not stop training; `not checked` says why in `detail`. */
export type CheckStatus = "pass" | "fail" | "warn" | "not checked";

export interface CheckItem {
  status: CheckStatus;
  detail: string;
}

/** Which known original the tokenizer's chat template is, or why it is none. */
export type DetectionReport =
  | { recognised: true; id: string; family: string; displayName: string; matchedBy: string }
  | { recognised: false; reason: string; nearest: string[] };

export interface TrainingTemplateReport {
  /** False when the tokenizer's own template already has generation markers. */
  needed: boolean;
  available: boolean;
  /**
   * `registry`: a known training template; `tokenizer`: the tokenizer's own template with its verified markers;
   * `synthesized`: the template with markers the library inserted and verified; `derived`: no template, masks
   * derived per record from the template's own renders.
   */
  source: "registry" | "tokenizer" | "synthesized" | "derived" | null;
  /** The library's strategy (see core's `Strategy`). */
  strategy: string | null;
  /** The variant id of a registry template. */
  id: string | null;
  /** What the template is and why, or why there is none. */
  description: string;
  /** The end-of-turn token that must train, and where it was read. */
  endOfTurn: { token: string; source: string } | null;
}

/** Every check, in the order a person reads them. */
export interface TemplateChecks {
  generationMarkers: CheckItem;
  prefixPreservation: CheckItem;
  stopToken: CheckItem;
  toolCalling: CheckItem;
  contentBlocks: CheckItem;
  pythonParity: CheckItem;
}

export const CHECK_LABELS: Record<keyof TemplateChecks, string> = {
  generationMarkers: "generation markers",
  prefixPreservation: "prefix preservation",
  stopToken: "stop token trained",
  toolCalling: "tool calling",
  contentBlocks: "content blocks",
  pythonParity: "Python Jinja2 parity",
};

/** A failure of these means the masks would be wrong; the others only narrow what can be trained. */
export const BLOCKING_CHECKS: ReadonlySet<keyof TemplateChecks> = new Set(["generationMarkers", "prefixPreservation", "stopToken", "pythonParity"]);

export interface CheckReport {
  tokenizer: string;
  chatTemplate: {
    /** Where it was read, e.g. `"chat_template" in …/tokenizer_config.json`. */
    origin: string;
    present: boolean;
    /** The names of a named template list; null for a single template. */
    names: string[] | null;
    hasGenerationMarkers: boolean;
  };
  detection: DetectionReport;
  trainingTemplate: TrainingTemplateReport;
  checks: TemplateChecks;
  verdict: { ready: boolean; summary: string };
}
