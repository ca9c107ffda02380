/** MarkupSafe's `escape` (what Jinja2's `escape`/`e` filters print): `& < > " '` as entities. */
export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll(">", "&gt;").replaceAll("<", "&lt;").replaceAll("'", "&#39;").replaceAll('"', "&#34;");
}

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** Python's `html.unescape` for the common entities and numeric references. */
function unescapeHtml(text: string): string {
  return text.replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);/g, (match, body: string) => {
    if (body.startsWith("#x") || body.startsWith("#X")) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith("#")) return String.fromCodePoint(parseInt(body.slice(1), 10));
    return NAMED_ENTITIES[body] ?? match;
  });
}

/** MarkupSafe's `Markup.striptags`: comments and tags removed, whitespace collapsed, entities unescaped. */
export function stripTags(text: string): string {
  const withoutComments = text.replace(/<!--.*?-->/gs, "");
  const withoutTags = withoutComments.replace(/<.*?>/gs, "");
  return unescapeHtml(withoutTags.split(/\s+/u).filter((part) => part).join(" "));
}
