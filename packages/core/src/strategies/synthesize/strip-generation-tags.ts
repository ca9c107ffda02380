import { findGenerationTags } from "../../render/scan-template.ts";

/**
 * The template without its `{% generation %}` / `{% endgeneration %}` tags (a vendor's markers that disagree with the
 * derived spans): the synthesis places its own. A tag also acted on the whitespace around it, so that goes with it:
 * the line-start spaces `lstrip_blocks` stripped before it (all whitespace before it with `{%-`), the newline
 * `trim_blocks` stripped after it (all whitespace after it with `-%}`). The synthesis's verification against the
 * original's text catches what this does not reproduce.
 */
export function stripGenerationTags(template: string): string {
  let out = "";
  let pos = 0;
  for (const tag of findGenerationTags(template)) {
    let before = template.slice(pos, tag.start);
    if (tag.left === "-") before = before.replace(/\s+$/, "");
    else if (tag.left === "") before = before.replace(/(^|\n)[ \t]+$/, "$1");
    out += before;
    pos = tag.end;
    const after = template.slice(pos);
    if (tag.right === "-") pos += /^\s*/.exec(after)![0].length;
    else if (tag.right === "") pos += /^\r?\n/.exec(after)?.[0].length ?? 0;
  }
  return out + template.slice(pos);
}
