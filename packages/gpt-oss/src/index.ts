import type { FamilyPlugin } from "@training-templates/core";
import { gptOss20b } from "./gpt-oss-20b.ts";

export { gptOss20b };
export { gptOss20bOriginalPatches } from "./gpt-oss-original-patches.ts";

export const gptOssFamily: FamilyPlugin = {
  family: "gpt-oss",
  displayName: "GPT-OSS",
  variants: [gptOss20b],
};
