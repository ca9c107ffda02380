import { parseOptions, requireOption } from "../args.ts";
import { EXIT_OK, EXIT_REJECTS } from "../cli-error.ts";
import type { Command } from "../command.ts";
import { AUTO_TEMPLATE } from "../encoding/template-choice.ts";
import { refuseOverwritingInput } from "../io/paths.ts";
import { runPrepare } from "../prepare/run-prepare.ts";
import { readPrepareConfig } from "../prepare/prepare-config.ts";
import { CONTENT_BLOCKS_OPTION, CONTENT_BLOCKS_USAGE } from "../records/content-blocks-option.ts";
import { hubSettings } from "../hub/hub-settings.ts";
import { openTokenizerOption, TOKENIZER_OPTIONS, TOKENIZER_OPTIONS_USAGE } from "../tokenizer-option.ts";

const usage = `Usage: training-templates prepare --tokenizer DIR_OR_HUB_ID --input INPUT --output OUTPUT [options]

Turns conversations into training rows, one per conversation, in input order: Parquet shards
or JSON Lines, with the columns

  { "input_ids": [...], "attention_mask": [...], "assistant_masks": [...], "labels": [...] }

assistant_masks is 1 on the tokens that train; labels is the id there and -100 elsewhere.
By default exactly the training template's {% generation %} spans train (the assistant's
replies, tool calls, reasoning and end-of-turn token), as in \`mask\`.

Input: JSON Lines, one JSON array (detected by its first character), or Parquet (by the .parquet
extension), read record by record (Parquet: row group by row group). Each record or row is { "messages": [...], "tools"?, "documents"?, "add_generation_prompt"?, "chat_template_kwargs"? };
ShareGPT data ({ "conversations": [{ "from": "human", "value": ... }] }) is read with
--messages-field conversations --role-field from --content-field value (human, gpt and
observation mean user, assistant and tool). A message with "train": false does not train.

Bad records never stop the run: each is reported on stderr with its line number (Parquet: its
file and row, from 0) and reason, and kept in --rejects FILE when given. Progress and a closing
summary go to stderr; summary.json beside the output records the run (counts, template and its
fingerprint, tokenizer file hashes, package versions, the command line).

Options:
${TOKENIZER_OPTIONS_USAGE}
  --input INPUT       conversations: a .parquet, .jsonl or .json file; a folder of shards (its
                      .parquet files, else its .jsonl and .json files); a quoted wildcard in the
                      file name ("data/train-*.parquet"); hf://datasets/OWNER/NAME[@REVISION][/PATH]
                      (the dataset's Parquet files, downloaded into the cache; HF_TOKEN for
                      private ones); - reads stdin
  --output OUTPUT     where the rows go:
                        DIR/          Parquet shards DIR/out-00000-of-00004.parquet, …
                                      and DIR/summary.json
                        NAME.parquet  Parquet shards NAME-00000-of-00004.parquet, … beside it
                                      and NAME.summary.json
                        FILE          JSON Lines (written as they are made) and
                                      FILE's name.summary.json; - writes stdout (no summary)
                      Shards are written as NAME-00000.parquet.partial and get their final
                      names when the run ends; a stopped run leaves only .partial files.
  --output-format auto|jsonl|parquet
                      auto (default): Parquet for DIR/, an existing folder or NAME.parquet
  --rows-per-shard N  rows in each Parquet file (default 100000); row groups of 1,000 rows
                      at most, for streaming readers
  --keep-columns NAME[,NAME...]
                      copy these input fields to the output rows (Parquet: strings stay
                      strings, other values are stored as JSON)
  --input-format auto|jsonl|json|parquet
                      how to read the input (default auto)
  --template auto|FILE
                      auto (default): the training template for the tokenizer's chat template;
                      FILE: a template with {% generation %} markers, used as is
  --messages-field NAME   the field holding the messages (default messages)
  --role-field NAME       the message field holding the role (default role)
  --content-field NAME    the message field holding the text (default content)
  --documents-field NAME  the field holding RAG documents, passed to the template as
                          documents (default documents)
  --role-alias FROM=TO[,FROM=TO...]
                      more role names to map (e.g. bot=assistant); a role that is neither
                      system, developer, user, assistant, tool, ipython nor mapped is rejected
${CONTENT_BLOCKS_USAGE}
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
  --workers N|auto    render on N threads, each with its own tokenizer; tokenizing always uses
                      every core (native pool). auto (default): 1 below 4 cores, else one
                      per 2 cores, at most 8
  --shard I/N         read and process only the I-th of N contiguous parts of the input, about
                      1/N of its bytes (whole Parquet files, else row groups; JSON Lines cut
                      at line starts), so N machines can split one input (I from 0 to N-1);
                      together, in shard order, they give the rows of one run. auto/N takes I
                      from JOB_COMPLETION_INDEX (a Kubernetes Indexed Job). Parquet shards are
                      named NAME-shard-0000I-of-0000N-00000-of-0000K.parquet, so machines
                      writing into one folder never collide
  --progress-interval SECONDS
                      when stderr is not a terminal, a progress line this often (default 5;
                      0: none); a terminal gets a progress bar
  -h, --help          show this help

Exit codes: 0 every record written; 1 some records rejected; 2 nothing done (bad arguments,
unreadable tokenizer or files, no training template); 130/143 stopped by SIGINT/SIGTERM (JSON
Lines output holds the whole lines written until then; Parquet shards keep their .partial names).`;

export const prepareCommand: Command = {
  name: "prepare",
  summary: "turn conversations (Parquet, JSONL or JSON) into training rows (Parquet or JSONL): ids, masks and labels",
  usage,
  async run(args, io) {
    const values = parseOptions(
      args,
      {
        ...TOKENIZER_OPTIONS,
        input: { type: "string" },
        output: { type: "string" },
        "input-format": { type: "string", default: "auto" },
        "output-format": { type: "string", default: "auto" },
        "rows-per-shard": { type: "string", default: "100000" },
        "keep-columns": { type: "string" },
        template: { type: "string", default: AUTO_TEMPLATE },
        "messages-field": { type: "string", default: "messages" },
        "role-field": { type: "string", default: "role" },
        "content-field": { type: "string", default: "content" },
        "documents-field": { type: "string", default: "documents" },
        "role-alias": { type: "string" },
        ...CONTENT_BLOCKS_OPTION,
        roles: { type: "string", default: "assistant" },
        "train-on-eos": { type: "string", default: "turn" },
        "last-turn-only": { type: "boolean", default: false },
        "max-length": { type: "string" },
        truncation: { type: "string", default: "right" },
        "no-labels": { type: "boolean", default: false },
        "include-text": { type: "boolean", default: false },
        "drop-empty": { type: "boolean", default: false },
        rejects: { type: "string" },
        workers: { type: "string", default: "auto" },
        shard: { type: "string" },
        "progress-interval": { type: "string", default: "5" },
      },
      usage,
    );
    requireOption(values.tokenizer, "--tokenizer", usage);
    const config = readPrepareConfig(values, usage);
    refuseOverwritingInput(config.inputPath, [config.outputPath, config.rejectsPath]);
    const tokenizer = await openTokenizerOption(values, usage, io.stderr);
    const result = await runPrepare(config, tokenizer, io, hubSettings(values["cache-dir"], io.stderr));
    if (result.interruptExitCode !== undefined) return result.interruptExitCode;
    return result.rejected > 0 ? EXIT_REJECTS : EXIT_OK;
  },
};
