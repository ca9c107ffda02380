import type { TokenizerConfig, TokenizerLike } from "../src/index.ts";

/** One token per UTF-16 code unit: masks read straight off the text, for tests of what trains. */
export function charTokenizer(config?: TokenizerConfig): TokenizerLike {
  return {
    kind: "characters",
    encode: async (text) => {
      const ids = Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
      return { ids, offsets: ids.map((_, i): [number, number] => [i, i + 1]) };
    },
    tokenToId: () => undefined,
    idToToken: () => undefined,
    ...(config ? { config } : {}),
  };
}

/** The text of the tokens whose mask is 1, run by run. */
export function trainedRuns(text: string, masks: readonly number[]): string[] {
  const runs: string[] = [];
  let current = "";
  for (const [i, bit] of masks.entries()) {
    if (bit) current += text[i];
    else if (current) {
      runs.push(current);
      current = "";
    }
  }
  if (current) runs.push(current);
  return runs;
}
