import { registry } from "@training-templates/all";
import { selectNamedTemplate, VARIANT_STRATEGIES, type TrainingPlan } from "@training-templates/core";
import { parseOptions } from "../args.ts";
import { CliError, EXIT_OK, messageOf } from "../cli-error.ts";
import type { Command } from "../command.ts";
import { describeTemplateOrigin, templatePlacesChecked } from "../tokenizer-dir.ts";
import { openTokenizerOption, TOKENIZER_OPTIONS, TOKENIZER_OPTIONS_USAGE } from "../tokenizer-option.ts";
import { planFor } from "../training-template.ts";

const usage = `Usage: training-templates detect --tokenizer DIR

Recognises the chat template of the tokenizer in DIR, says how it will be trained, and prints
one JSON object:

  { "id": "qwen-3", "family": "qwen", "matchedBy": "fingerprint", "strategy": "fingerprint" }

matchedBy is "fingerprint" (the exact original), "normalized" (the original after
line-ending or trailing-whitespace changes), "behaviour" (a template that renders exactly what a
known original renders on every probe conversation) or "training-template" (already one of ours).
A template no variant knows has id, family and matchedBy null, and the strategy that trains it:
"vendor-markers" (its own markers, verified), "synthesized" (markers inserted and verified) or
"derived" (masks derived per record from its renders), with a note saying why.
For a list of named templates, the "default" one is detected.

Options:
${TOKENIZER_OPTIONS_USAGE}
  -h, --help          show this help

Exit codes: 0 recognised or trainable; 2 no masks can be verified for it (the reason and the
nearest variants are on stderr) or bad arguments.`;

export const detectCommand: Command = {
  name: "detect",
  summary: "say which known template a tokenizer's chat template is, and how it trains",
  usage,
  async run(args, io) {
    const values = parseOptions(args, TOKENIZER_OPTIONS, usage);
    const tokenizer = await openTokenizerOption(values, usage, io.stderr);
    const template = selectNamedTemplate(tokenizer.config.chat_template);
    if (template === undefined || template === "") {
      throw new CliError("NO_CHAT_TEMPLATE", `the tokenizer in ${tokenizer.dir} has no chat template (${templatePlacesChecked(tokenizer.dir)})`);
    }
    const origin = await describeTemplateOrigin(tokenizer.dir);
    let plan: TrainingPlan;
    try {
      plan = planFor(template, tokenizer, `The chat template from ${origin}`);
    } catch (error) {
      if ((error as { code?: unknown }).code !== "UNSUPPORTED_TEMPLATE") throw error;
      throw new CliError("UNKNOWN_TEMPLATE", messageOf(error), { cause: error });
    }
    const variant = plan.variantId ? registry.get(plan.variantId) : undefined;
    const recognised = variant && (VARIANT_STRATEGIES.has(plan.strategy) || plan.strategy === "training-template");
    const answer = recognised
      ? { id: variant.id, family: variant.family, matchedBy: plan.strategy, strategy: plan.strategy }
      : { id: null, family: null, matchedBy: null, strategy: plan.strategy, note: plan.note ?? null };
    io.stdout.write(`${JSON.stringify(answer)}\n`);
    return EXIT_OK;
  },
};
