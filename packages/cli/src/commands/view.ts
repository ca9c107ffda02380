import { writeFile } from "node:fs/promises";
import { parseOptions, requireOption } from "../args.ts";
import { CliError, EXIT_OK, messageOf } from "../cli-error.ts";
import type { Command } from "../command.ts";
import { openTokenizerAndTemplate } from "../encoding/template-choice.ts";
import { STDIO_PATH } from "../io/jsonl.ts";
import { refuseOverwritingInput } from "../io/paths.ts";
import { CONVERSATION_OPTIONS, CONVERSATION_OPTIONS_USAGE, readConversationFlags, readCount } from "../show/conversation-options.ts";
import { readTokenizedConversations } from "../show/tokenized-conversations.ts";
import { TOKENIZER_OPTIONS, TOKENIZER_OPTIONS_USAGE } from "../tokenizer-option.ts";
import { htmlPage } from "../view/html-page.ts";

const DEFAULT_LIMIT = "20";

const usage = `Usage: training-templates view --tokenizer DIR_OR_HUB_ID --input FILE --html OUT.html [options]

Writes one HTML page showing the first conversations of FILE token by token: each token a chip,
the tokens that train (assistant_masks = 1, as mask and prepare compute them) in green, the
token's id and position on hover, and for each conversation how many of its tokens train.
Records that would be rejected are listed with the reason.

The page stands alone: inline style, no script, nothing fetched (open it offline, attach it).

Options:
${TOKENIZER_OPTIONS_USAGE}
${CONVERSATION_OPTIONS_USAGE}
  --html FILE         where to write the page; - writes stdout
  --limit N           how many records to show, from the first (default ${DEFAULT_LIMIT})
  -h, --help          show this help

Exit codes: 0 written; 2 nothing written (bad arguments, unreadable tokenizer or input, no
training template).`;

export const viewCommand: Command = {
  name: "view",
  summary: "write an HTML page of conversations' tokens with the trained ones coloured",
  usage,
  async run(args, io) {
    const values = parseOptions(
      args,
      { ...TOKENIZER_OPTIONS, ...CONVERSATION_OPTIONS, html: { type: "string" }, limit: { type: "string", default: DEFAULT_LIMIT } },
      usage,
    );
    requireOption(values.tokenizer, "--tokenizer", usage);
    const inputPath = requireOption(values.input, "--input", usage);
    const htmlPath = requireOption(values.html, "--html", usage);
    const limit = readCount(values.limit, "--limit", 1, usage);
    const { shape, inputFormat, contentBlocks } = readConversationFlags(values, usage);
    refuseOverwritingInput(inputPath, [htmlPath]);
    const { tokenizer, choice } = await openTokenizerAndTemplate(values, usage, io.stderr);

    const { conversations } = await readTokenizedConversations(tokenizer, { inputPath, inputFormat, shape, choice, contentBlocks, first: 0, count: limit }, io);
    const page = htmlPage(conversations, { tokenizer: tokenizer.dir, template: choice.description, input: inputPath === STDIO_PATH ? "stdin" : inputPath });
    if (htmlPath === STDIO_PATH) {
      io.stdout.write(page);
    } else {
      await writeFile(htmlPath, page).catch((error: unknown) => {
        throw new CliError("OUTPUT", `cannot write ${htmlPath}: ${messageOf(error)}`, { cause: error });
      });
    }
    const rejected = conversations.filter((conversation) => !conversation.ok).length;
    io.stderr.write(`wrote ${htmlPath === STDIO_PATH ? "stdout" : htmlPath}: ${conversations.length} conversation${conversations.length === 1 ? "" : "s"}${rejected > 0 ? `, ${rejected} rejected` : ""}\n`);
    return EXIT_OK;
  },
};
