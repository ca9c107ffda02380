import type { OriginalPatch } from "@training-templates/core";
import { jsonArgumentsPatch } from "./tool-call-arguments.ts";

/** DeepSeek-V3's original writes "\n" in its string literals as a real newline. */
const NEWLINE = "\n";
const CALL_END = ` + '${NEWLINE}' + '\`\`\`' + '<｜tool▁call▁end｜>'}}`;
const TERMINATOR = "{{'<｜tool▁calls▁end｜><｜end▁of▁sentence｜>'}}";

/**
 * Where the `deepseek-v3` training template's text differs from DeepSeek-V3's original, as exact textual patches
 * of the original (each `find` occurs once in it). The conformance kit applies them to form its text expectation.
 */
export const deepseekV3OriginalPatches: OriginalPatch[] = [
  {
    find: `${CALL_END}${TERMINATOR}{%- endif %}{%- endfor %}`,
    replace: `${CALL_END}{%- endif %}{%- endfor %}${TERMINATOR}`,
    why:
      "The original writes <｜tool▁calls▁end｜><｜end▁of▁sentence｜> after every tool call but the conversation's " +
      "very first, inside the loop: a turn with one call never ends (no stop token to train) and a turn with three " +
      "ends twice. Here each tool-call turn ends once, after its last call, as DeepSeek's later R1 template writes it.",
  },
  jsonArgumentsPatch("{{'<｜Assistant｜><｜tool▁calls▁begin｜><｜tool▁call▁begin｜>", NEWLINE),
  jsonArgumentsPatch(`{{'${NEWLINE}' + '<｜tool▁call▁begin｜>`, NEWLINE),
];
