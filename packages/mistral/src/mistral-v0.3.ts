import type { TrainingTemplate } from "@training-templates/core";
import mistralV03Template from "../templates/mistral-v0.3.jinja";
import { mistralV03OriginalPatches, movesToolList } from "./mistral-v0.3-original-patches.ts";

/**
 * Mistral 7B Instruct v0.3: `[INST]…[/INST]` user turns, replies ` {content}</s>`, tool calls as
 * `[TOOL_CALLS] [{…, "id": "<9 characters>"}]</s>`, results in `[TOOL_RESULTS]…[/TOOL_RESULTS]`. The tool list
 * goes before the first user message instead of the last (`mistralV03OriginalPatches`).
 */
export const mistralV03: TrainingTemplate = {
  id: "mistral-v0.3",
  family: "mistral",
  displayName: "Mistral 7B Instruct v0.3",
  models: ["mistralai/Mistral-7B-Instruct-v0.3"],
  originalSha256: ["e16746b40344d6c5b5265988e0328a0bf7277be86f1c335156eae07e29c82826"],
  originalNormalizedSha256: ["cafb64e0e9e5fd2503054b3479593fae39cbdfd52338ce8af9bb4664a8eb05bd"],
  template: mistralV03Template,
  supportsTools: true,
  multimodal: false,
  endOfTurn: "</s>",
  specialTokens: { bos_token: "<s>", eos_token: "</s>" },
  differences:
    "With tools, [AVAILABLE_TOOLS]…[/AVAILABLE_TOOLS] is written before the first user message instead of the " +
    "last, so earlier turns keep their text when a conversation goes on (prefix-preserving).",
  textDiffersFromOriginal: movesToolList,
  originalPatches: mistralV03OriginalPatches,
};
