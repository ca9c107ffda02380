import { resolve } from "node:path";
import { applyChatTemplate } from "@training-templates/core";
import { parseOptions, requireOption } from "../args.ts";
import { CliError, EXIT_OK, EXIT_REJECTS, messageOf } from "../cli-error.ts";
import type { Command } from "../command.ts";
import { JsonlWriter, openInput, readLines, STDIO_PATH } from "../io/jsonl.ts";
import { parseRecord, type ChatRecord } from "../mask/record.ts";
import { MaskTally } from "../mask/tally.ts";
import { AUTO_TEMPLATE, chooseMaskTemplate, type MaskTemplate } from "../mask/template-choice.ts";
import { openTokenizer, type LoadedTokenizer } from "../tokenizer-dir.ts";

const usage = `Usage: training-templates mask --tokenizer DIR --input IN.jsonl --output OUT.jsonl [options]

Renders and tokenizes each conversation of IN.jsonl with the training template and writes, in
input order, one line per conversation to OUT.jsonl:

  { "input_ids": [...], "attention_mask": [...], "assistant_masks": [...] }

assistant_masks is 1 on the tokens the model must learn to produce (the assistant's replies,
tool calls, reasoning, end-of-turn token) and 0 elsewhere. Each input line is

  { "messages": [...], "tools"?: [...], "add_generation_prompt"?: bool,
    "chat_template_kwargs"?: { ... } }

Blank lines are skipped. A line that is not such an object, or that the template rejects, is
reported on stderr with its line number and left out; the other lines are still written.
Use - for stdin or stdout.

Options:
  --tokenizer DIR     folder with tokenizer.json and tokenizer_config.json (and chat_template.jinja)
  --input FILE        conversations, one JSON object per line
  --output FILE       where to write the encoded lines (written as they are made)
  --template auto|FILE
                      auto (default): the training template for the tokenizer's own template;
                      FILE: a template with {% generation %} markers, used as is
  --include-text      add the rendered "text" to each output line
  --rejects FILE      also write each rejected line as { "line", "reason", "input" }
  --summary           print counts, token totals and the template used when done
  -h, --help          show this help

Exit codes: 0 every line written; 1 some lines rejected; 2 nothing done (bad arguments,
unreadable tokenizer or files, no training template).`;

/** Errors that concern one conversation: the line is rejected and the run goes on. */
const RECORD_ERROR_CODES = new Set(["TEMPLATE_RENDER", "INVALID_CONVERSATION", "GENERATION_SPANS", "TOKEN_ALIGNMENT"]);

type Encoded = { ok: true; row: Record<string, unknown>; assistantMasks: number[] } | { ok: false; reason: string };

export const maskCommand: Command = {
  name: "mask",
  summary: "turn conversations (JSONL) into input_ids and assistant_masks",
  usage,
  async run(args, io) {
    const values = parseOptions(
      args,
      {
        tokenizer: { type: "string" },
        input: { type: "string" },
        output: { type: "string" },
        template: { type: "string", default: AUTO_TEMPLATE },
        "include-text": { type: "boolean", default: false },
        rejects: { type: "string" },
        summary: { type: "boolean", default: false },
      },
      usage,
    );
    if (values.help) {
      io.stdout.write(`${usage}\n`);
      return EXIT_OK;
    }
    const tokenizerDir = requireOption(values.tokenizer, "--tokenizer", usage);
    const inputPath = requireOption(values.input, "--input", usage);
    const outputPath = requireOption(values.output, "--output", usage);
    refuseOverwritingInput(inputPath, [outputPath, values.rejects]);
    const tokenizer = await openTokenizer(tokenizerDir);
    const template = await chooseMaskTemplate(values.template, tokenizer);
    io.stderr.write(`using ${template.description}\n`);

    const input = await openInput(inputPath, io.stdin);
    const output = await JsonlWriter.open(outputPath, io.stdout);
    const rejects = values.rejects === undefined ? undefined : await JsonlWriter.open(values.rejects, io.stdout);
    const tally = new MaskTally();
    for await (const line of readLines(input)) {
      if (line.text.trim() === "") continue;
      tally.records++;
      const parsed = parseRecord(line.text);
      const encoded = parsed.ok ? await encodeRecord(tokenizer, template, parsed.record, values["include-text"]) : parsed;
      if (encoded.ok) {
        await output.write(encoded.row);
        tally.addWritten(encoded.assistantMasks);
      } else {
        tally.rejected++;
        io.stderr.write(`line ${line.number}: ${encoded.reason}\n`);
        await rejects?.write({ line: line.number, reason: encoded.reason, input: line.text });
      }
    }
    await output.close();
    await rejects?.close();
    if (values.summary) {
      // With the records on stdout, the summary must not end up among them.
      const stream = outputPath === STDIO_PATH ? io.stderr : io.stdout;
      stream.write(`${tally.summary(template.description, outputPath === STDIO_PATH ? "stdout" : outputPath)}\n`);
    }
    return tally.rejected > 0 ? EXIT_REJECTS : EXIT_OK;
  },
};

/** Opening an output truncates it: were it the input, the input would be gone before its first line is read. */
function refuseOverwritingInput(inputPath: string, outputPaths: Array<string | undefined>): void {
  if (inputPath === STDIO_PATH) return;
  for (const outputPath of outputPaths) {
    if (outputPath !== undefined && outputPath !== STDIO_PATH && resolve(outputPath) === resolve(inputPath)) {
      throw new CliError("USAGE", `${outputPath} is also the input: write the output to another file`);
    }
  }
}

async function encodeRecord(tokenizer: LoadedTokenizer, template: MaskTemplate, record: ChatRecord, includeText: boolean): Promise<Encoded> {
  const chatTemplate = template.templateFor(record.tools !== undefined);
  if (chatTemplate === undefined) {
    return { ok: false, reason: `the tokenizer's named templates have none for this record ("default"${record.tools ? ' or "tool_use"' : ""})` };
  }
  try {
    const encoding = await applyChatTemplate(tokenizer, record.messages, {
      chatTemplate,
      templateName: template.name,
      returnAssistantTokensMask: true,
      addGenerationPrompt: record.addGenerationPrompt,
      ...(record.tools ? { tools: record.tools } : {}),
      ...(record.templateKwargs ? { templateKwargs: record.templateKwargs } : {}),
    });
    const assistantMasks = encoding.assistant_masks ?? [];
    const row = {
      input_ids: encoding.input_ids,
      attention_mask: encoding.attention_mask,
      assistant_masks: assistantMasks,
      ...(includeText ? { text: encoding.text } : {}),
    };
    return { ok: true, row, assistantMasks };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && RECORD_ERROR_CODES.has(code)) return { ok: false, reason: messageOf(error) };
    if (code === "TEMPLATE_SYNTAX") throw new CliError("TEMPLATE_SYNTAX", messageOf(error), { cause: error });
    throw error;
  }
}
