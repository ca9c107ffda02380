import { parseOptions, requireOption } from "../args.ts";
import { EXIT_OK, EXIT_REJECTS } from "../cli-error.ts";
import type { Command } from "../command.ts";
import { AUTO_TEMPLATE } from "../encoding/template-choice.ts";
import { refuseOverwritingInput } from "../io/paths.ts";
import { runPrepare } from "../prepare/run-prepare.ts";
import { readPrepareConfig } from "../prepare/prepare-config.ts";
import { openTokenizerOption, TOKENIZER_OPTIONS, TOKENIZER_OPTIONS_USAGE } from "../tokenizer-option.ts";

const usage = `Usage: training-templates prepare --tokenizer DIR_OR_HUB_ID --input FILE --output FILE [options]

Turns a file of conversations into training rows, one JSON line per conversation, in input
order:

  { "input_ids": [...], "attention_mask": [...], "assistant_masks": [...], "labels": [...] }

assistant_masks is 1 on the tokens that train; labels is the id there and -100 elsewhere.
By default exactly the training template's {% generation %} spans train (the assistant's
replies, tool calls, reasoning and end-of-turn token), as in \`mask\`.

Input: JSON Lines, or one JSON array (detected by its first character), read record by record.
Each record is { "messages": [...], "tools"?, "add_generation_prompt"?, "chat_template_kwargs"? };
ShareGPT data ({ "conversations": [{ "from": "human", "value": ... }] }) is read with
--messages-field conversations --role-field from --content-field value (human, gpt and
observation mean user, assistant and tool). A message with "train": false does not train.

Bad records never stop the run: each is reported on stderr with its line number and reason,
and kept in --rejects FILE when given. Progress and a closing summary go to stderr.

Options:
${TOKENIZER_OPTIONS_USAGE}
  --input FILE        conversations (JSONL or a JSON array); - reads stdin
  --output FILE       where the rows go (JSONL, written as they are made); - writes stdout
  --input-format auto|jsonl|json
                      how to read the input (default auto)
  --template auto|FILE
                      auto (default): the training template for the tokenizer's chat template;
                      FILE: a template with {% generation %} markers, used as is
  --messages-field NAME   the field holding the messages (default messages)
  --role-field NAME       the message field holding the role (default role)
  --content-field NAME    the message field holding the text (default content)
  --role-alias FROM=TO[,FROM=TO...]
                      more role names to map (e.g. bot=assistant); a role that is neither
                      system, developer, user, assistant, tool, ipython nor mapped is rejected
  --roles ROLE[,ROLE...]
                      whose turns train (default assistant); other roles train their
                      content and end-of-turn token
  --train-on-eos turn|last|none
                      the end-of-turn token trains in every turn (default), only in the
                      last trained turn, or never
  --last-turn-only    only the last turn among --roles trains
  --max-length N      keep at most N tokens (masks and labels cut with the ids)
  --truncation right|left
                      with --max-length: drop tokens from the end (default) or the start
  --no-labels         leave out "labels"
  --include-text      add the rendered "text" (before truncation)
  --drop-empty        reject records in which no token trains (they are kept, with a
                      warning, by default)
  --rejects FILE      also write each rejected record as { "line", "kind", "reason", "input" }
  --workers N         encode on N threads, each with its own tokenizer (default 1)
  --shard I/N         process only the records whose 0-based index i has i % N == I, so N
                      machines can split one file (I from 0 to N-1)
  --progress-interval SECONDS
                      when stderr is not a terminal, a progress line this often (default 5;
                      0: none); a terminal gets a progress bar
  -h, --help          show this help

Exit codes: 0 every record written; 1 some records rejected; 2 nothing done (bad arguments,
unreadable tokenizer or files, no training template); 130/143 stopped by SIGINT/SIGTERM (the
output holds the whole lines written until then).`;

export const prepareCommand: Command = {
  name: "prepare",
  summary: "turn conversations (JSONL or JSON) into training rows: ids, masks and labels",
  usage,
  async run(args, io) {
    const values = parseOptions(
      args,
      {
        ...TOKENIZER_OPTIONS,
        input: { type: "string" },
        output: { type: "string" },
        "input-format": { type: "string", default: "auto" },
        template: { type: "string", default: AUTO_TEMPLATE },
        "messages-field": { type: "string", default: "messages" },
        "role-field": { type: "string", default: "role" },
        "content-field": { type: "string", default: "content" },
        "role-alias": { type: "string" },
        roles: { type: "string", default: "assistant" },
        "train-on-eos": { type: "string", default: "turn" },
        "last-turn-only": { type: "boolean", default: false },
        "max-length": { type: "string" },
        truncation: { type: "string", default: "right" },
        "no-labels": { type: "boolean", default: false },
        "include-text": { type: "boolean", default: false },
        "drop-empty": { type: "boolean", default: false },
        rejects: { type: "string" },
        workers: { type: "string", default: "1" },
        shard: { type: "string" },
        "progress-interval": { type: "string", default: "5" },
      },
      usage,
    );
    if (values.help) {
      io.stdout.write(`${usage}\n`);
      return EXIT_OK;
    }
    requireOption(values.tokenizer, "--tokenizer", usage);
    const config = readPrepareConfig(values, usage);
    refuseOverwritingInput(config.inputPath, [config.outputPath, config.rejectsPath]);
    const tokenizer = await openTokenizerOption(values, usage, io.stderr);
    const result = await runPrepare(config, tokenizer, io);
    if (result.interruptExitCode !== undefined) return result.interruptExitCode;
    return result.rejected > 0 ? EXIT_REJECTS : EXIT_OK;
  },
};
