import type { ChatTemplateEncoding } from "@training-templates/core";
import type { TokenChip } from "./protocol.ts";

/** Each token as the page draws it: its text from its offsets, trained or not, as the CLI's `show` and `view` do. */
export function tokenChips(encoding: ChatTemplateEncoding): TokenChip[] {
  const { input_ids: ids, offsets, text } = encoding;
  const masks = encoding.assistant_masks ?? [];
  return ids.map((id, i) => {
    const [start, end] = offsets[i]!;
    // A token that starts inside the token before it holds the rest of a character split across byte-level tokens.
    const continues = i > 0 && start < offsets[i - 1]![1];
    return { id, text: continues ? "" : text.slice(start, end), trained: masks[i] === 1, continues };
  });
}
