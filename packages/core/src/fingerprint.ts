import { sha256 } from "@noble/hashes/sha256";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";

/** sha256 (hex) of a template string's UTF-8 bytes: equal to the sha256 of the file it was read from. */
export function fingerprint(template: string): string {
  return bytesToHex(sha256(utf8ToBytes(template)));
}

/**
 * The template with `\r\n`/`\r` as `\n`, trailing spaces and tabs cut from each line, and trailing newlines cut:
 * the differences that editors, JSON round trips and copy-paste introduce without changing what renders.
 */
export function normalizeTemplateText(template: string): string {
  return template
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/[ \t]+$/, ""))
    .join("\n")
    .replace(/\n+$/, "");
}

export function normalizedFingerprint(template: string): string {
  return fingerprint(normalizeTemplateText(template));
}
