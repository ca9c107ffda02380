import { parseOptions } from "../args.ts";
import { EXIT_FAILURE, EXIT_OK } from "../cli-error.ts";
import type { Command } from "../command.ts";
import { buildCheckReport } from "../check/build-report.ts";
import { formatCheckReport } from "../check/format-report.ts";
import { PARITY_CONVERSATIONS } from "../check/python-parity.ts";
import { openTokenizerOption, TOKENIZER_OPTIONS, TOKENIZER_OPTIONS_USAGE } from "../tokenizer-option.ts";

const usage = `Usage: training-templates check --tokenizer DIR_OR_HUB_ID [--json]

A report to read before training: which known chat template the tokenizer has (or why none),
whether a training template is needed and available, and checks on the template you would train
with:

  generation markers     each assistant reply trains, the user's text does not
  prefix preservation    appending messages never changes the tokens of earlier turns
  stop token trained     every reply's trained tokens end with the end-of-turn token
  tool calling           tools, a call and its result render (a warning only)
  Python Jinja2 parity   ${PARITY_CONVERSATIONS} sample conversations render to the same text and generation spans
                         here and under Python Jinja2 set up as transformers does

then a one-line verdict. Python is $TRAINING_TEMPLATES_PYTHON, else python3, and needs Jinja2;
without them parity is "not checked" (with the reason) and the verdict says so.

Options:
${TOKENIZER_OPTIONS_USAGE}
  --json              print the report as one JSON object: { "tokenizer", "chatTemplate",
                      "detection", "trainingTemplate", "checks": { "<name>": { "status",
                      "detail" } }, "verdict": { "ready", "summary" } }
  -h, --help          show this help

Exit codes: 0 ready to train; 2 not ready (no training template, or a check that decides the
masks failed; tool calling and parity not checked do not count), or bad arguments or an
unreadable tokenizer.`;

export const checkCommand: Command = {
  name: "check",
  summary: "report whether a tokenizer's chat template is ready for assistant-only training",
  usage,
  async run(args, io) {
    const values = parseOptions(args, { ...TOKENIZER_OPTIONS, json: { type: "boolean", default: false } }, usage);
    const tokenizer = await openTokenizerOption(values, usage, io.stderr);
    const report = await buildCheckReport(tokenizer);
    io.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatCheckReport(report));
    return report.verdict.ready ? EXIT_OK : EXIT_FAILURE;
  },
};
