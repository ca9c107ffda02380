import type { OriginalPatch } from "@training-templates/core";
import { gemma4ContentBody, gemma4ToolCallsStart, toolCallReasoningKept } from "./gemma-4-original-patches.ts";
import { capturedContentBlock, contentBeforeToolCalls, turnOpenAfterToolResponses } from "./gemma-4-patches.ts";

/**
 * The Gemma 4 fixes for the later revision (r2): the same three as for the April 2026 revision, whose content block
 * r2 captures to close the turn only when the content writes something.
 */
export const gemma4R2OriginalPatches: OriginalPatch[] = [
  toolCallReasoningKept,
  ...contentBeforeToolCalls(capturedContentBlock(gemma4ContentBody), gemma4ToolCallsStart),
  turnOpenAfterToolResponses("{%- elif not (ns_tr_out.flag and not has_content) -%}", "{%- elif not ns_tr_out.flag -%}"),
];
