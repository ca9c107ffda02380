import { createRegistry, type FamilyPlugin } from "@training-templates/core";
import { llamaFamily } from "@training-templates/llama";
import { qwenFamily } from "@training-templates/qwen";
import { cohereFamily } from "@training-templates/cohere";
import { cohere2Family } from "@training-templates/cohere2";
import { deepseekFamily } from "@training-templates/deepseek";
import { gemmaFamily } from "@training-templates/gemma";
import { glmFamily } from "@training-templates/glm";
import { gptOssFamily } from "@training-templates/gpt-oss";
import { phi3Family } from "@training-templates/phi3";
import { mistralFamily } from "@training-templates/mistral";
import { lfm2Family } from "@training-templates/lfm2";
import { nemotronFamily } from "@training-templates/nemotron";
import { olmoFamily } from "@training-templates/olmo";
import { smollmFamily } from "@training-templates/smollm";
import { falconFamily } from "@training-templates/falcon";
import { chatmlFamily } from "@training-templates/chatml";
import { qwenVlFamily } from "@training-templates/qwen-vl";
import { ideficsFamily } from "@training-templates/idefics";
import { smolvlmFamily } from "@training-templates/smolvlm";
import { internvlFamily } from "@training-templates/internvl";
import { llavaFamily } from "@training-templates/llava";
import { museFamily } from "@training-templates/muse";

/** Every family package, in the order `list` shows them. */
export const families: readonly FamilyPlugin[] = [
  llamaFamily,
  qwenFamily,
  cohereFamily,
  cohere2Family,
  deepseekFamily,
  gemmaFamily,
  glmFamily,
  gptOssFamily,
  phi3Family,
  mistralFamily,
  lfm2Family,
  nemotronFamily,
  olmoFamily,
  smollmFamily,
  falconFamily,
  chatmlFamily,
  qwenVlFamily,
  ideficsFamily,
  smolvlmFamily,
  internvlFamily,
  llavaFamily,
  museFamily,
];

/** The registry of every known training template. */
export const registry = createRegistry(families);
