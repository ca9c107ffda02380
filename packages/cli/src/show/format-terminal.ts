import type { ShownToken } from "./tokenized-conversations.ts";

/** Plain marking: trained runs between these, `|` between tokens. */
export const TRAINED_OPEN = "⟦";
export const TRAINED_CLOSE = "⟧";
export const TOKEN_SEPARATOR = "|";

/** Control characters a terminal would act on, shown as signs; a newline also keeps its line break. */
const VISIBLE: Record<string, string> = { "\n": "↵\n", "\r": "␍", "\t": "⇥" };

const RESET = "\x1b[0m";
/** Two shades each, alternating token by token so boundaries show without separators (256-colour backgrounds). */
const TRAINED_SHADES = ["\x1b[48;5;28m\x1b[38;5;231m", "\x1b[48;5;22m\x1b[38;5;231m"];
const UNTRAINED_SHADES = ["\x1b[48;5;238m\x1b[38;5;252m", "\x1b[48;5;236m\x1b[38;5;252m"];

/** What a token that continues the previous token's character shows instead of repeating the character. */
export const CONTINUATION = "⋯";

/** A token's text as printed: control characters made visible, a split character shown once. */
export function visibleText(token: Pick<ShownToken, "text" | "continues">): string {
  if (token.continues) return CONTINUATION;
  return token.text.replace(/[\n\r\t]/g, (char) => VISIBLE[char]!);
}

/**
 * The tokens without colour: `|` between tokens and ⟦ ⟧ around each run of trained tokens, e.g.
 * `<|im_start|>|assistant|↵` … `⟦Hi|!|<|im_end|>⟧`.
 */
export function plainTokens(tokens: readonly ShownToken[]): string {
  let out = "";
  for (const [i, token] of tokens.entries()) {
    const previous = tokens[i - 1];
    if (previous?.trained && !token.trained) out += TRAINED_CLOSE;
    if (i > 0) out += TOKEN_SEPARATOR;
    if (token.trained && !previous?.trained) out += TRAINED_OPEN;
    out += visibleText(token);
  }
  if (tokens.at(-1)?.trained) out += TRAINED_CLOSE;
  return out;
}

/** The tokens in ANSI colours: trained green, the rest grey, each token a shade apart from its neighbour. */
export function colouredTokens(tokens: readonly ShownToken[]): string {
  let out = "";
  for (const [i, token] of tokens.entries()) {
    const shade = (token.trained ? TRAINED_SHADES : UNTRAINED_SHADES)[i % 2]!;
    // Colour stops before each line break, or the background would fill the rest of the line.
    out += visibleText(token)
      .split("\n")
      .map((piece) => (piece === "" ? "" : `${shade}${piece}${RESET}`))
      .join("\n");
  }
  return out;
}

/** A legend for the coloured form. */
export function colourLegend(): string {
  return `${TRAINED_SHADES[0]} trained ${RESET} ${UNTRAINED_SHADES[0]} not trained ${RESET}`;
}
