import { CliError } from "../cli-error.ts";

/**
 * Where a record keeps its conversation and how its messages spell roles and content. Plain data, so worker
 * threads receive it as it is.
 */
export interface RecordShape {
  messagesField: string;
  roleField: string;
  contentField: string;
  /** The field holding the record's RAG documents (transformers' `documents=`), if it has them. */
  documentsField: string;
  /** Role names as the data spells them → as templates expect them (`human` → `user`). */
  roleAliases: Record<string, string>;
  /** The roles a message may have once aliased; undefined lets any role through to the template. */
  knownRoles?: readonly string[];
  /**
   * Check what templates would otherwise render silently (content that is neither text nor content blocks, roles a
   * template skips without a word) and read the per-message `"train"` flag.
   */
  strict: boolean;
}

/** What `mask` has always read: `messages` with `role`/`content`, everything else left to the template. */
export const MASK_SHAPE: RecordShape = { messagesField: "messages", roleField: "role", contentField: "content", documentsField: "documents", roleAliases: {}, strict: false };

/** ShareGPT's speaker names, understood without being asked. */
export const SHAREGPT_ROLE_ALIASES: Readonly<Record<string, string>> = { human: "user", gpt: "assistant", observation: "tool" };

/** The roles the registry's chat templates render; others need a `--role-alias` (many templates drop them silently). */
export const STANDARD_ROLES: readonly string[] = ["system", "developer", "user", "assistant", "tool", "ipython"];

/** `bot=assistant,narrator=user` → `{ bot: "assistant", narrator: "user" }`. */
export function parseRoleAliases(text: string | undefined, usage: string): Record<string, string> {
  const aliases: Record<string, string> = {};
  if (text === undefined) return aliases;
  for (const pair of text.split(",")) {
    const match = /^\s*([^=\s]+)\s*=\s*([^=\s]+)\s*$/.exec(pair);
    if (!match) throw new CliError("USAGE", `--role-alias takes FROM=TO pairs separated by commas, got "${pair}"`, { usage });
    aliases[match[1]!] = match[2]!;
  }
  return aliases;
}

/** A prepare run's shape: the given fields, ShareGPT's aliases plus the user's, and the roles that may appear. */
export function strictShape(fields: { messagesField: string; roleField: string; contentField: string; documentsField: string }, userAliases: Record<string, string>, trainedRoles: readonly string[]): RecordShape {
  const roleAliases = { ...SHAREGPT_ROLE_ALIASES, ...userAliases };
  const knownRoles = [...new Set([...STANDARD_ROLES, ...Object.values(roleAliases), ...trainedRoles])];
  return { ...fields, roleAliases, knownRoles, strict: true };
}
