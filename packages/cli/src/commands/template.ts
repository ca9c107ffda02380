import { parseOptions } from "../args.ts";
import { CliError, EXIT_OK } from "../cli-error.ts";
import type { Command } from "../command.ts";
import { openTokenizerOption, TOKENIZER_OPTIONS, TOKENIZER_OPTIONS_USAGE } from "../tokenizer-option.ts";
import { resolveTrainingTemplate } from "../training-template.ts";

const usage = `Usage: training-templates template --tokenizer DIR

Prints the chat template to train with for the tokenizer in DIR: the curated training template
of its chat template (the vendor's template plus {% generation %} markers), a synthesized one
(the template with markers inserted, verified), or the tokenizer's own template when its
markers are verified. Where masks can only be derived per record (prepare and mask do that),
there is no template to print: exit 2 with the reason. The text is printed byte for byte:

  training-templates template --tokenizer ./Qwen3-8B > chat_template.jinja

Named template lists (tokenizer_config.json with several templates) are printed as a JSON list
of { "name", "template" }.

Options:
${TOKENIZER_OPTIONS_USAGE}
  -h, --help          show this help

Exit codes: 0 printed; 2 no training template (the reason is on stderr) or bad arguments.`;

export const templateCommand: Command = {
  name: "template",
  summary: "print the training template for a tokenizer",
  usage,
  async run(args, io) {
    const values = parseOptions(args, TOKENIZER_OPTIONS, usage);
    const tokenizer = await openTokenizerOption(values, usage, io.stderr);
    const { chatTemplate, plans } = await resolveTrainingTemplate(tokenizer);
    const derived = (Array.isArray(plans) ? plans.map(({ name, plan }) => ({ name, plan })) : [{ name: "", plan: plans }]).filter(({ plan }) => !plan.trainingTemplate);
    if (derived.length > 0) {
      const { name, plan } = derived[0]!;
      throw new CliError(
        "NO_TRAINING_TEMPLATE",
        `no training template to print for the tokenizer in ${tokenizer.dir}${name ? ` (its "${name}" template)` : ""}: ${plan.note ?? "its masks are derived per record"}. ` +
          "prepare and mask train it with masks derived from its own renders, verified per record.",
      );
    }
    const text = typeof chatTemplate === "string" ? chatTemplate : `${JSON.stringify(chatTemplate, null, 2)}\n`;
    io.stdout.write(text);
    // Exact bytes when redirected; a terminal prompt should not be glued to the last line.
    if ((io.stdout as { isTTY?: boolean }).isTTY && !text.endsWith("\n")) io.stdout.write("\n");
    return EXIT_OK;
  },
};
