import { parseOptions, requireOption } from "../args.ts";
import { EXIT_OK, EXIT_REJECTS } from "../cli-error.ts";
import type { Command } from "../command.ts";
import { MASK_ENCODING, RecordEncoder } from "../encoding/encode-record.ts";
import { AUTO_TEMPLATE, openTokenizerAndTemplate } from "../encoding/template-choice.ts";
import { JsonlWriter, STDIO_PATH } from "../io/jsonl.ts";
import { refuseOverwritingInput } from "../io/paths.ts";
import { RecordSource } from "../io/record-source.ts";
import { InlineProcessor } from "../pipeline/processor.ts";
import { RecordSink } from "../pipeline/record-sink.ts";
import { runRecords } from "../pipeline/run-records.ts";
import { maskSummary } from "../pipeline/summary.ts";
import { RunTally } from "../pipeline/tally.ts";
import { CONTENT_BLOCKS_OPTION, CONTENT_BLOCKS_USAGE, readContentBlocksPolicy } from "../records/content-blocks-option.ts";
import { MASK_SHAPE } from "../records/record-shape.ts";
import { TOKENIZER_OPTIONS, TOKENIZER_OPTIONS_USAGE } from "../tokenizer-option.ts";

const usage = `Usage: training-templates mask --tokenizer DIR --input IN.jsonl --output OUT.jsonl [options]

Renders and tokenizes each conversation of IN.jsonl with the training template and writes, in
input order, one line per conversation to OUT.jsonl:

  { "input_ids": [...], "attention_mask": [...], "assistant_masks": [...] }

assistant_masks is 1 on the tokens the model must learn to produce (the assistant's replies,
tool calls, reasoning, end-of-turn token) and 0 elsewhere. Each input line is

  { "messages": [...], "tools"?: [...], "documents"?: [...], "add_generation_prompt"?: bool,
    "chat_template_kwargs"?: { ... } }

Blank lines are skipped. A line that is not such an object, or that the template rejects, is
reported on stderr with its line number and left out; the other lines are still written.
Use - for stdin or stdout. (prepare does the same with labels, truncation, per-turn control,
other input shapes and several cores.)

Options:
${TOKENIZER_OPTIONS_USAGE}
  --input FILE        conversations, one JSON object per line
  --output FILE       where to write the encoded lines (written as they are made)
  --template auto|FILE
                      auto (default): the training template for the tokenizer's own template;
                      FILE: a template with {% generation %} markers, used as is
  --include-text      add the rendered "text" to each output line
${CONTENT_BLOCKS_USAGE}
  --rejects FILE      also write each rejected line as { "line", "kind", "reason", "input" }
  --summary           print counts, token totals and the template used when done
  -h, --help          show this help

Exit codes: 0 every line written; 1 some lines rejected; 2 nothing done (bad arguments,
unreadable tokenizer or files, no training template).`;

export const maskCommand: Command = {
  name: "mask",
  summary: "turn conversations (JSONL) into input_ids and assistant_masks",
  usage,
  async run(args, io) {
    const values = parseOptions(
      args,
      {
        ...TOKENIZER_OPTIONS,
        input: { type: "string" },
        output: { type: "string" },
        template: { type: "string", default: AUTO_TEMPLATE },
        "include-text": { type: "boolean", default: false },
        rejects: { type: "string" },
        ...CONTENT_BLOCKS_OPTION,
        summary: { type: "boolean", default: false },
      },
      usage,
    );
    requireOption(values.tokenizer, "--tokenizer", usage);
    const inputPath = requireOption(values.input, "--input", usage);
    const outputPath = requireOption(values.output, "--output", usage);
    refuseOverwritingInput(inputPath, [outputPath, values.rejects]);
    const { tokenizer, choice } = await openTokenizerAndTemplate(values, usage, io.stderr);

    const source = await RecordSource.open(inputPath, io.stdin);
    const output = await JsonlWriter.open(outputPath, io.stdout);
    const rejects = values.rejects === undefined ? undefined : await JsonlWriter.open(values.rejects, io.stdout);
    const tally = new RunTally();
    const contentBlocks = readContentBlocksPolicy(values["content-blocks"], usage);
    const encoder = new RecordEncoder(tokenizer, choice, MASK_SHAPE, { ...MASK_ENCODING, includeText: values["include-text"], contentBlocks });
    const report = (line: string) => io.stderr.write(`${line}\n`);
    const sink = new RecordSink(output, rejects, tally, report, { emptyMasks: "silent" });
    await runRecords(source.items("jsonl"), new InlineProcessor(encoder), {
      record: (record, outcome) => sink.accept(record, outcome),
      warning: ({ number, warning }) => report(`line ${number}: warning: ${warning}`),
    });
    await output.close();
    await rejects?.close();
    if (values.summary) {
      // With the records on stdout, the summary must not end up among them.
      const stream = outputPath === STDIO_PATH ? io.stderr : io.stdout;
      stream.write(`${maskSummary(tally, choice.description, outputPath === STDIO_PATH ? "stdout" : outputPath)}\n`);
    }
    return tally.rejected > 0 ? EXIT_REJECTS : EXIT_OK;
  },
};
