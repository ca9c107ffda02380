import type { CheckLine, ResultMessage, TokenChip } from "./protocol.ts";

/** Whitespace a chip makes visible (as the CLI's `view`); a newline also ends the chip's line. */
const VISIBLE_WHITESPACE: Record<string, string> = { " ": "·", "\n": "↵", "\t": "⇥", "\r": "␍" };

export interface ResultElements {
  error: HTMLElement;
  strategy: HTMLElement;
  counts: HTMLElement;
  checks: HTMLElement;
  download: HTMLAnchorElement;
  tokens: HTMLElement;
}

let downloadUrl: string | undefined;

/** Puts one answer on the page. Text from the template, the conversation or the library is only ever text, never markup. */
export function drawResult(result: ResultMessage, at: ResultElements): void {
  drawError(result, at.error);
  at.strategy.replaceChildren();
  if (result.strategy) {
    const name = element("span", "name", result.strategy.name);
    at.strategy.append("Strategy ", name, `: ${result.strategy.summary}`);
    if (result.strategy.note) at.strategy.append(element("small", "note", result.strategy.note));
  }
  at.checks.replaceChildren(...(result.checks ?? []).map(checkItem));
  drawDownload(result, at.download);
  const tokens = result.tokens ?? [];
  const trained = tokens.filter((token) => token.trained).length;
  at.counts.textContent = tokens.length === 0 ? "" : `${trained} of ${tokens.length} tokens trained (${((100 * trained) / tokens.length).toFixed(1)}%)`;
  const fragment = document.createDocumentFragment();
  tokens.forEach((token, position) => fragment.append(chip(token, position)));
  at.tokens.replaceChildren(fragment);
}

function drawError(result: ResultMessage, box: HTMLElement): void {
  box.replaceChildren();
  box.hidden = result.error === undefined;
  box.classList.toggle("hint", result.error?.hint === true);
  if (result.error) box.append(element("strong", "title", result.error.title), result.error.detail);
}

function checkItem(check: CheckLine): HTMLElement {
  const item = document.createElement("li");
  item.dataset.check = check.name;
  item.dataset.status = check.status;
  item.append(element("span", "status", check.status), element("span", "name", check.name), element("span", "detail", check.detail));
  return item;
}

function drawDownload(result: ResultMessage, link: HTMLAnchorElement): void {
  if (downloadUrl) URL.revokeObjectURL(downloadUrl);
  downloadUrl = undefined;
  const template = result.trainingTemplate;
  if (!template) {
    link.removeAttribute("href");
    link.removeAttribute("download");
    link.setAttribute("aria-disabled", "true");
    link.textContent = result.strategy
      ? "No training template to download: derived masks are computed per conversation"
      : "No training template yet";
    return;
  }
  downloadUrl = URL.createObjectURL(new Blob([template.text], { type: "text/plain;charset=utf-8" }));
  link.href = downloadUrl;
  link.download = template.fileName;
  link.removeAttribute("aria-disabled");
  link.textContent = `Download the training template (${template.fileName})`;
}

/**
 * A token's chip. The container holds chips only (each token one child element), so a chip whose text ends a line
 * carries the line break itself: the chip is an undecorated inline box around its face, and its newlines, in
 * `data-eol`, are printed after the face (see style.css), breaking the container's line as text would.
 */
function chip(token: TokenChip, position: number): HTMLElement {
  const span = document.createElement("span");
  span.className = token.trained ? "tok trained" : "tok";
  span.dataset.id = String(token.id);
  span.dataset.pos = String(position);
  const face = element("span", "face", "");
  face.dataset.tip = `id ${token.id} · position ${position}${token.trained ? " · trained" : ""}${token.continues ? " · rest of the character before" : ""}`;
  if (token.continues) face.append(element("span", "ws", "⋯"));
  else if (token.text === "") face.append(element("span", "ws", "∅"));
  else {
    for (const piece of token.text.split(/([ \n\t\r])/)) {
      if (piece !== "") face.append(piece in VISIBLE_WHITESPACE ? element("span", "ws", VISIBLE_WHITESPACE[piece]!) : piece);
    }
  }
  span.append(face);
  const newlines = token.continues ? 0 : token.text.split("\n").length - 1;
  if (newlines > 0) span.dataset.eol = "\n".repeat(newlines);
  return span;
}

function element(tag: string, className: string, text: string): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}
