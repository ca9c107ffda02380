import { parseOptions, requireOption } from "../args.ts";
import { CliError, EXIT_OK } from "../cli-error.ts";
import type { Command } from "../command.ts";
import { openTokenizerAndTemplate } from "../encoding/template-choice.ts";
import { CONVERSATION_OPTIONS, CONVERSATION_OPTIONS_USAGE, readConversationFlags, readCount } from "../show/conversation-options.ts";
import { colouredTokens, colourLegend, plainTokens } from "../show/format-terminal.ts";
import { readTokenizedConversations } from "../show/tokenized-conversations.ts";
import { TOKENIZER_OPTIONS, TOKENIZER_OPTIONS_USAGE } from "../tokenizer-option.ts";

const usage = `Usage: training-templates show --tokenizer DIR_OR_HUB_ID --input FILE [--index N] [options]

Prints one conversation of FILE as the model sees it, token by token, with the tokens that train
(assistant_masks = 1, as mask and prepare compute them) highlighted.

On a terminal (or with --color) trained tokens are green and the others grey, each token a shade
apart from its neighbours. Without colour, tokens are separated by | and each run of trained
tokens is put between ⟦ and ⟧:

  <|im_start|>|user|↵
  |Hi|<|im_end|>|↵
  |<|im_start|>|assistant|↵
  |⟦Hello|!|<|im_end|>⟧|↵

A newline shows as ↵ (and still breaks the line), a tab as ⇥, a carriage return as ␍; ⋯ is a
token holding the rest of a character the token before it began (an emoji split into bytes).
The first line says which record it is and how many of its tokens train; the template used goes
to stderr.

Options:
${TOKENIZER_OPTIONS_USAGE}
${CONVERSATION_OPTIONS_USAGE}
  --index N           which record to show, counting from 0 (default 0; blank lines do not count)
  --color             colour even when stdout is not a terminal
  --no-color          never colour (also when NO_COLOR is set)
  -h, --help          show this help

Exit codes: 0 shown; 2 nothing shown (bad arguments, unreadable tokenizer or input, no such
record, the record is rejected: the reason is on stderr).`;

export const showCommand: Command = {
  name: "show",
  summary: "print one conversation's tokens with the trained ones highlighted",
  usage,
  async run(args, io) {
    const values = parseOptions(
      args,
      {
        ...TOKENIZER_OPTIONS,
        ...CONVERSATION_OPTIONS,
        index: { type: "string", default: "0" },
        color: { type: "boolean", default: false },
        "no-color": { type: "boolean", default: false },
      },
      usage,
    );
    requireOption(values.tokenizer, "--tokenizer", usage);
    const inputPath = requireOption(values.input, "--input", usage);
    const index = readCount(values.index, "--index", 0, usage);
    const { shape, inputFormat, contentBlocks } = readConversationFlags(values, usage);
    const colour = useColour(values.color, values["no-color"], io.stdout);
    const { tokenizer, choice } = await openTokenizerAndTemplate(values, usage, io.stderr);

    const { conversations, recordsSeen } = await readTokenizedConversations(tokenizer, { inputPath, inputFormat, shape, choice, contentBlocks, first: index, count: 1 }, io);
    const conversation = conversations[0];
    if (!conversation) {
      throw new CliError("NO_SUCH_RECORD", `--index ${index}: ${inputPath === "-" ? "stdin" : inputPath} has ${recordsSeen} record${recordsSeen === 1 ? "" : "s"} (counting from 0)`);
    }
    if (!conversation.ok) throw new CliError("REJECTED", `record ${index} (line ${conversation.line}) is rejected: ${conversation.reason}`);
    const { tokens, trainedCount, line } = conversation;
    const share = tokens.length === 0 ? 0 : (100 * trainedCount) / tokens.length;
    const header = `record ${index} (line ${line}): ${tokens.length} tokens, ${trainedCount} trained (${share.toFixed(1)}%)`;
    io.stdout.write(colour ? `\x1b[1m${header}\x1b[0m  ${colourLegend()}\n\n${colouredTokens(tokens)}\n` : `${header}\n\n${plainTokens(tokens)}\n`);
    return EXIT_OK;
  },
};

function useColour(forced: boolean, refused: boolean, stdout: unknown): boolean {
  if (refused) return false;
  if (forced) return true;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") return false;
  return (stdout as { isTTY?: boolean }).isTTY === true;
}
