import type { FamilyPlugin } from "@training-templates/core";
import { nemotron3Nano } from "./nemotron-3-nano.ts";
import { nemotron3Super } from "./nemotron-3-super.ts";
import { nemotron3Ultra } from "./nemotron-3-ultra.ts";
import { nemotron35Lightning } from "./nemotron-3.5-lightning.ts";

export { nemotron3Nano, nemotron3Super, nemotron3Ultra, nemotron35Lightning };
export { nemotronOriginalPatches } from "./nemotron-original-patches.ts";

export const nemotronFamily: FamilyPlugin = {
  family: "nemotron",
  displayName: "NVIDIA Nemotron",
  variants: [nemotron3Nano, nemotron3Super, nemotron3Ultra, nemotron35Lightning],
};
