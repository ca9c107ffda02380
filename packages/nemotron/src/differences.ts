/** What every Nemotron 3 training template changes besides the markers (see `nemotronOriginalPatches`). */
export const NEMOTRON_DIFFERENCES =
  "Past reasoning is never truncated (truncate_history_thinking is always false): assistant turns before the last " +
  "user message keep their <think> block, as the original writes the turns after it, so earlier turns keep their " +
  "text and tokens when messages are appended (prefix-preserving).";
