import { CONTENT_BLOCKS_POLICIES, type ContentBlocksPolicy } from "@training-templates/core";
import { CliError } from "../cli-error.ts";

/** `--content-blocks`, shared by every command that renders records. */
export const CONTENT_BLOCKS_OPTION = { "content-blocks": { type: "string", default: "reject" } } as const;

export const CONTENT_BLOCKS_USAGE = `  --content-blocks reject|join|as-is
                      a message whose content is a list of blocks: reject the record when the
                      template would write the list as Python ([{'type': 'text', ...}]) or drop
                      its text (default), join its text blocks into one string first (a record
                      with an image or video block is rejected), or render it as it is`;

export function readContentBlocksPolicy(value: string, usage: string): ContentBlocksPolicy {
  if ((CONTENT_BLOCKS_POLICIES as readonly string[]).includes(value)) return value as ContentBlocksPolicy;
  throw new CliError("USAGE", `--content-blocks takes ${CONTENT_BLOCKS_POLICIES.join(", ")}; got "${value}"`, { usage });
}
