import type { FamilyPlugin } from "@training-templates/core";
import { qwen25Vl } from "./qwen-2.5-vl.ts";
import { qwen3Vl } from "./qwen-3-vl.ts";

export { qwen25Vl, qwen3Vl };

export const qwenVlFamily: FamilyPlugin = {
  family: "qwen-vl",
  displayName: "Qwen-VL",
  variants: [qwen25Vl, qwen3Vl],
};
