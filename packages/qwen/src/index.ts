import type { FamilyPlugin } from "@training-templates/core";
import { qwen25 } from "./qwen-2.5.ts";
import { qwen3 } from "./qwen-3.ts";
import { qwen3Instruct2507 } from "./qwen-3-instruct-2507.ts";

export { qwen25, qwen3, qwen3Instruct2507 };
export { qwen3OriginalPatches } from "./qwen3-original-patches.ts";

export const qwenFamily: FamilyPlugin = {
  family: "qwen",
  displayName: "Qwen",
  variants: [qwen25, qwen3, qwen3Instruct2507],
};
