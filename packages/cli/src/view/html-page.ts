import type { ShownToken, TokenizedConversation } from "../show/tokenized-conversations.ts";
import { escapeHtml } from "./escape-html.ts";
import { PAGE_STYLE } from "./page-style.ts";

export interface PageFacts {
  tokenizer: string;
  template: string;
  input: string;
}

/** Whitespace a chip makes visible; a newline also ends the chip's line on the page. */
const VISIBLE_WHITESPACE: Record<string, string> = { " ": "·", "\n": "↵", "\t": "⇥", "\r": "␍" };

/**
 * A page that stands alone (inline style, no script, no fetch, allowed by its own CSP): each conversation's tokens as
 * chips, trained ones coloured, each chip's id and position shown on hover, and per conversation how many train.
 */
export function htmlPage(conversations: readonly TokenizedConversation[], facts: PageFacts): string {
  const shown = conversations.filter((conversation) => conversation.ok);
  const tokens = shown.reduce((sum, conversation) => sum + conversation.tokens.length, 0);
  const trained = shown.reduce((sum, conversation) => sum + conversation.trainedCount, 0);
  const rejected = conversations.length - shown.length;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Trained tokens: ${escapeHtml(facts.input)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>Trained tokens</h1>
<p class="meta">Input <code>${escapeHtml(facts.input)}</code>, tokenizer <code>${escapeHtml(facts.tokenizer)}</code></p>
<p class="meta">Template: ${escapeHtml(facts.template)}</p>
<p class="meta summary">${conversations.length} conversation${conversations.length === 1 ? "" : "s"}${rejected > 0 ? ` (${rejected} rejected)` : ""}: ${trained} of ${tokens} tokens trained</p>
<p class="legend"><span class="tok trained">trained</span> <span class="tok">not trained</span> Hover a token for its id and position; · is a space, ↵ a newline, ⋯ the rest of a character split across tokens.</p>
</header>
<main>
${conversations.map(conversationSection).join("\n")}
</main>
</body>
</html>
`;
}

function conversationSection(conversation: TokenizedConversation): string {
  const title = `<span class="record">Record ${conversation.index}</span><span class="where">line ${conversation.line}</span>`;
  if (!conversation.ok) {
    return `<section class="conversation rejected" data-record="${conversation.index}">
<h2>${title}</h2>
<p class="reason">Rejected: ${escapeHtml(conversation.reason)}</p>
</section>`;
  }
  const { tokens, trainedCount } = conversation;
  const share = tokens.length === 0 ? 0 : (100 * trainedCount) / tokens.length;
  return `<section class="conversation" data-record="${conversation.index}">
<h2>${title}<span class="count" data-trained="${trainedCount}" data-tokens="${tokens.length}">${trainedCount} of ${tokens.length} tokens trained (${share.toFixed(1)}%)</span></h2>
<div class="tokens">${tokens.map(tokenChip).join("")}</div>
</section>`;
}

function tokenChip(token: ShownToken, position: number): string {
  const tip = `id ${token.id} · position ${position}${token.trained ? " · trained" : ""}${token.continues ? " · rest of the character before" : ""}`;
  const breaks = token.continues ? "" : "<br>".repeat(token.text.split("\n").length - 1);
  const text = token.continues ? '<span class="ws">⋯</span>' : chipText(token.text);
  return `<span class="tok${token.trained ? " trained" : ""}" data-id="${token.id}" data-pos="${position}" data-tip="${escapeHtml(tip)}">${text}</span>${breaks}`;
}

function chipText(text: string): string {
  if (text === "") return '<span class="ws">∅</span>';
  let html = "";
  for (const piece of text.split(/([ \n\t\r])/)) {
    if (piece === "") continue;
    html += piece in VISIBLE_WHITESPACE ? `<span class="ws">${VISIBLE_WHITESPACE[piece]}</span>` : escapeHtml(piece);
  }
  return html;
}
