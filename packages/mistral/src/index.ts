import type { FamilyPlugin } from "@training-templates/core";
import { mistralV01 } from "./mistral-v0.1.ts";
import { mistralV03 } from "./mistral-v0.3.ts";

export { mistralV01, mistralV03 };
export { mistralV03OriginalPatches } from "./mistral-v0.3-original-patches.ts";

export const mistralFamily: FamilyPlugin = {
  family: "mistral",
  displayName: "Mistral",
  variants: [mistralV01, mistralV03],
};
