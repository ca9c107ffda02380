import { registry } from "@training-templates/all";
import { detectTemplate, selectNamedTemplate, type Detection } from "@training-templates/core";
import { parseOptions } from "../args.ts";
import { CliError, EXIT_OK, messageOf } from "../cli-error.ts";
import type { Command } from "../command.ts";
import { describeTemplateOrigin, templatePlacesChecked } from "../tokenizer-dir.ts";
import { openTokenizerOption, TOKENIZER_OPTIONS, TOKENIZER_OPTIONS_USAGE } from "../tokenizer-option.ts";

const usage = `Usage: training-templates detect --tokenizer DIR

Recognises the chat template of the tokenizer in DIR and prints one JSON object:

  { "id": "qwen-3", "family": "qwen", "matchedBy": "fingerprint" }

matchedBy is "fingerprint" (the exact original), "normalized" (the original after
line-ending or trailing-whitespace changes), "behaviour" (a template that renders exactly what a
known original renders on every probe conversation) or "training-template" (already one of ours).
For a list of named templates, the "default" one is detected.

Options:
${TOKENIZER_OPTIONS_USAGE}
  -h, --help          show this help

Exit codes: 0 recognised; 2 not recognised (the reason and the nearest variants are on stderr)
or bad arguments.`;

export const detectCommand: Command = {
  name: "detect",
  summary: "say which known template a tokenizer's chat template is",
  usage,
  async run(args, io) {
    const values = parseOptions(args, TOKENIZER_OPTIONS, usage);
    const tokenizer = await openTokenizerOption(values, usage, io.stderr);
    const template = selectNamedTemplate(tokenizer.config.chat_template);
    if (template === undefined || template === "") {
      throw new CliError("NO_CHAT_TEMPLATE", `the tokenizer in ${tokenizer.dir} has no chat template (${templatePlacesChecked(tokenizer.dir)})`);
    }
    const origin = await describeTemplateOrigin(tokenizer.dir);
    let detection: Detection;
    try {
      detection = detectTemplate(template, registry, `The chat template from ${origin}`);
    } catch (error) {
      if ((error as { code?: unknown }).code !== "UNSUPPORTED_TEMPLATE") throw error;
      throw new CliError("UNKNOWN_TEMPLATE", messageOf(error), { cause: error });
    }
    const { variant, matchedBy } = detection;
    io.stdout.write(`${JSON.stringify({ id: variant.id, family: variant.family, matchedBy })}\n`);
    return EXIT_OK;
  },
};
