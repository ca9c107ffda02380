/**
 * GPT-2's reversible byte ↔ character table used by byte-level BPE: printable Latin-1 bytes stand for
 * themselves and the others are shifted to U+0100 onwards, so every token is a printable string.
 */
const CHAR_TO_BYTE: ReadonlyMap<string, number> = buildCharToByte();

function buildCharToByte(): Map<string, number> {
  const map = new Map<string, number>();
  let shifted = 0;
  for (let byte = 0; byte < 256; byte++) {
    const printable = (byte >= 0x21 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xac) || byte >= 0xae;
    map.set(String.fromCharCode(printable ? byte : 256 + shifted++), byte);
  }
  return map;
}

/** The bytes a byte-level token stands for, or `undefined` when a character is outside the alphabet. */
export function byteLevelTokenBytes(token: string): Uint8Array | undefined {
  const bytes = new Uint8Array(token.length);
  for (let i = 0; i < token.length; i++) {
    const byte = CHAR_TO_BYTE.get(token[i] as string);
    if (byte === undefined) return undefined;
    bytes[i] = byte;
  }
  return bytes;
}

/** The character that stands for the space byte (`Ġ`). */
export const BYTE_LEVEL_SPACE = "\u0120";
