import type { FamilyPlugin } from "@training-templates/core";
import { qwen25 } from "./qwen-2.5.ts";
import { qwen3 } from "./qwen-3.ts";
import { qwen3Instruct2507 } from "./qwen-3-instruct-2507.ts";
import { qwen35Nothink } from "./qwen-3.5-nothink.ts";
import { qwen35Think } from "./qwen-3.5-think.ts";
import { qwen36 } from "./qwen-3.6.ts";
import { qwen38 } from "./qwen-3.8.ts";

export { qwen25, qwen3, qwen3Instruct2507, qwen35Nothink, qwen35Think, qwen36, qwen38 };
export { qwen3OriginalPatches } from "./qwen3-original-patches.ts";
export { qwen35OriginalPatches } from "./qwen35-original-patches.ts";
export { qwen36OriginalPatches } from "./qwen36-original-patches.ts";
export { qwen38OriginalPatches } from "./qwen38-original-patches.ts";

export const qwenFamily: FamilyPlugin = {
  family: "qwen",
  displayName: "Qwen",
  variants: [qwen25, qwen3, qwen3Instruct2507, qwen35Think, qwen35Nothink, qwen36, qwen38],
};
