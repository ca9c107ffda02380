/**
 * The page's whole style, inline: the page is opened from disk, often offline, so nothing may be fetched (system
 * fonts only). Trained chips are green, the rest grey; the hover tip is CSS, so the page needs no script.
 */
export const PAGE_STYLE = `
:root { color-scheme: light; }
body { margin: 0; padding: 24px 32px 48px; background: #f6f7f9; color: #1f2328;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header { margin-bottom: 20px; }
h1 { font-size: 20px; margin: 0 0 6px; }
.meta { margin: 2px 0; color: #57606a; }
.meta code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12px; }
.legend { margin-top: 10px; color: #57606a; }
.conversation { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 12px 16px 16px; margin: 0 0 16px; }
.conversation h2 { font-size: 15px; margin: 0 0 10px; display: flex; gap: 12px; align-items: baseline; flex-wrap: wrap; }
.conversation h2 .where { color: #57606a; font-weight: normal; font-size: 13px; }
.count { margin-left: auto; font-weight: normal; font-size: 13px; color: #1a7f37; background: #dafbe1; border-radius: 10px; padding: 0 10px; }
.rejected { border-color: #ff8182; }
.reason { color: #cf222e; margin: 0; white-space: pre-wrap; }
.tokens { line-height: 1.9; }
.tok { display: inline-block; position: relative; white-space: pre; vertical-align: top;
  font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  padding: 0 3px; margin: 1px 1px; border-radius: 4px; background: #eaeef2; color: #424a53; border: 1px solid #d0d7de; }
.tok.trained { background: #aceebb; color: #0d3a1a; border-color: #4ac26b; }
.tok .ws { color: #8c959f; }
.tok.trained .ws { color: #2f7a43; }
.tok:hover { outline: 2px solid #0969da; z-index: 2; }
.tok:hover::after { content: attr(data-tip); position: absolute; left: 0; top: 100%; margin-top: 3px; z-index: 3;
  background: #1f2328; color: #fff; font: 12px/1.4 system-ui, sans-serif; padding: 2px 8px; border-radius: 4px;
  white-space: nowrap; pointer-events: none; }
`;
