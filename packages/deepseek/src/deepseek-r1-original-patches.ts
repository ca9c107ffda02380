import type { OriginalPatch } from "@training-templates/core";
import { jsonArgumentsPatch } from "./tool-call-arguments.ts";

/** DeepSeek-R1's original writes "\n" in its string literals as the escape `\n`. */
const NEWLINE = "\\n";

/**
 * Where the `deepseek-r1` training template's text differs from DeepSeek-R1's original, as exact textual patches
 * of the original (each `find` occurs once in it): its three tool-call expressions accept dict arguments.
 */
export const deepseekR1OriginalPatches: OriginalPatch[] = [
  jsonArgumentsPatch("{{'<｜Assistant｜><｜tool▁calls▁begin｜><｜tool▁call▁begin｜>", NEWLINE),
  jsonArgumentsPatch("{{'<｜Assistant｜>' + message['content'] + '<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>", NEWLINE),
  jsonArgumentsPatch(`{{'${NEWLINE}' + '<｜tool▁call▁begin｜>`, NEWLINE),
];
