/** Why a record was left out, as a short stable key: the summary counts rejections by it. */
export type RejectKind =
  | "invalid-json"
  | "not-an-object"
  | "no-messages"
  | "invalid-message"
  | "invalid-content"
  | "unknown-role"
  | "invalid-field"
  | "content-blocks"
  | "no-template"
  | "template-rejected"
  | "template-failed"
  | "template-limit"
  | "template-mismatch"
  | "masks-not-derived"
  | "tokenizer-failed"
  | "turns-not-found"
  | "empty-mask";

export interface Rejection {
  ok: false;
  kind: RejectKind;
  reason: string;
}

export function reject(kind: RejectKind, reason: string): Rejection {
  return { ok: false, kind, reason };
}
