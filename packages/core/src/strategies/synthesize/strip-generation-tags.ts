import { findGenerationTags } from "../../render/scan-template.ts";

/**
 * The template without its `{% generation %}` / `{% endgeneration %}` tags (a vendor's markers that disagree with the
 * derived spans): the synthesis places its own. Dropping a tag can change the whitespace around it (`trim_blocks`,
 * its `-`), which the synthesis's verification against the original's text catches.
 */
export function stripGenerationTags(template: string): string {
  let out = "";
  let pos = 0;
  for (const tag of findGenerationTags(template)) {
    out += template.slice(pos, tag.start);
    pos = tag.end;
  }
  return out + template.slice(pos);
}
