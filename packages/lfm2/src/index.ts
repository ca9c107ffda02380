import type { FamilyPlugin } from "@training-templates/core";
import { lfm2 } from "./lfm2.ts";
import { lfm25 } from "./lfm2.5.ts";
import { lfm25Vl } from "./lfm2-2.5-vl.ts";

export { lfm2, lfm25, lfm25Vl };

export const lfm2Family: FamilyPlugin = {
  family: "lfm2",
  displayName: "Liquid LFM2",
  variants: [lfm2, lfm25, lfm25Vl],
};
