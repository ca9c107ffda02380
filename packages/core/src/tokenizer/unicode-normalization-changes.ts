import type { CodePointChange } from "./aligned-text.ts";

/**
 * Unicode normalization that also says which input code points each output code point came from,
 * reproducing the `unicode-normalization-alignments` crate the Rust `tokenizers` library normalizes
 * with, so that offsets after an NFC/NFD/NFKC/NFKD normalizer match the native binding's exactly.
 *
 * The crate decomposes (the first code point of a decomposition replaces the input, the others are
 * inserted), sorts each run of non-starters by combining class (a stable sort that carries the changes
 * along), then recomposes (a composite's change is the sum of its parts' minus one per absorbed part).
 * The Unicode data it needs (decompositions, combining-class order, primary composites) is read off
 * `String.prototype.normalize` one code point or pair at a time and cached.
 */
export type UnicodeForm = "NFC" | "NFD" | "NFKC" | "NFKD";

export function unicodeNormalizationChanges(codePoints: readonly number[], form: UnicodeForm): CodePointChange[] {
  const compatibility = form === "NFKC" || form === "NFKD";
  const decomposed = decompose(codePoints, compatibility);
  return form === "NFC" || form === "NFKC" ? recompose(decomposed) : decomposed;
}

function decompose(codePoints: readonly number[], compatibility: boolean): CodePointChange[] {
  const out: CodePointChange[] = [];
  let nonStartersFrom = 0;
  for (const codePoint of codePoints) {
    const parts = decomposition(codePoint, compatibility);
    for (let j = 0; j < parts.length; j++) {
      const part = parts[j] as number;
      if (!isNonStarter(part)) {
        sortByCombiningClass(out, nonStartersFrom);
        out.push({ codePoint: part, change: j === 0 ? 0 : 1 });
        nonStartersFrom = out.length;
      } else {
        out.push({ codePoint: part, change: j === 0 ? 0 : 1 });
      }
    }
  }
  sortByCombiningClass(out, nonStartersFrom);
  return out;
}

/** Stable insertion sort of `items[from..]` by canonical combining class. */
function sortByCombiningClass(items: CodePointChange[], from: number): void {
  for (let i = from + 1; i < items.length; i++) {
    const item = items[i] as CodePointChange;
    let j = i;
    while (j > from && combiningClassGreater((items[j - 1] as CodePointChange).codePoint, item.codePoint)) {
      items[j] = items[j - 1] as CodePointChange;
      j--;
    }
    items[j] = item;
  }
}

/** The canonical composition algorithm, step for step as the crate's `Recompositions` iterator runs it. */
function recompose(items: readonly CodePointChange[]): CodePointChange[] {
  const out: CodePointChange[] = [];
  let composee: CodePointChange | undefined;
  // Non-starters seen since the composee that did not compose with it; the last one decides blocking.
  let blocked: CodePointChange[] = [];
  for (const item of items) {
    if (composee === undefined) {
      if (isNonStarter(item.codePoint)) out.push(item);
      else composee = item;
      continue;
    }
    const last = blocked[blocked.length - 1];
    const isBlocked =
      last !== undefined &&
      (!isNonStarter(item.codePoint) || !combiningClassGreater(item.codePoint, last.codePoint));
    const composite = isBlocked ? undefined : primaryComposite(composee.codePoint, item.codePoint);
    if (composite !== undefined) {
      composee = { codePoint: composite, change: composee.change + item.change - 1 };
    } else if (!isNonStarter(item.codePoint)) {
      out.push(composee, ...blocked);
      blocked = [];
      composee = item;
    } else {
      blocked.push(item);
    }
  }
  if (composee !== undefined) out.push(composee);
  out.push(...blocked);
  return out;
}

const canonicalDecompositions = new Map<number, readonly number[]>();
const compatibilityDecompositions = new Map<number, readonly number[]>();
const nonStarters = new Map<number, boolean>();
const classOrder = new Map<number, boolean>();
const composites = new Map<number, number | null>();
const PAIR = 0x110000;

function decomposition(codePoint: number, compatibility: boolean): readonly number[] {
  // Nothing below U+00A0 decomposes, canonically or by compatibility.
  if (codePoint < 0xa0) return [codePoint];
  const cache = compatibility ? compatibilityDecompositions : canonicalDecompositions;
  let parts = cache.get(codePoint);
  if (parts === undefined) {
    const text = String.fromCodePoint(codePoint).normalize(compatibility ? "NFKD" : "NFD");
    parts = Array.from(text, (c) => c.codePointAt(0) as number);
    cache.set(codePoint, parts);
  }
  return parts;
}

/**
 * Whether a fully decomposed code point has a non-zero combining class. U+0345 has the highest class
 * (240), so any other non-starter is reordered in front of it by canonical ordering and a starter is not.
 */
function isNonStarter(codePoint: number): boolean {
  if (codePoint < 0x300) return false;
  if (codePoint === 0x345) return true;
  let result = nonStarters.get(codePoint);
  if (result === undefined) {
    const probe = "\u0345" + String.fromCodePoint(codePoint);
    result = probe.normalize("NFD") !== probe;
    nonStarters.set(codePoint, result);
  }
  return result;
}

/** For two non-starters: whether `a`'s combining class is greater than `b`'s (canonical ordering swaps them). */
function combiningClassGreater(a: number, b: number): boolean {
  const key = a * PAIR + b;
  let result = classOrder.get(key);
  if (result === undefined) {
    const pair = String.fromCodePoint(a, b);
    result = pair.normalize("NFD") !== pair;
    classOrder.set(key, result);
  }
  return result;
}

/** The primary composite of a starter (or composite) followed by `second`, if there is one. */
function primaryComposite(first: number, second: number): number | undefined {
  // Every second half of a canonical composition pair is at or above U+0300.
  if (second < 0x300) return undefined;
  const key = first * PAIR + second;
  let composite = composites.get(key);
  if (composite === undefined) {
    const composed = String.fromCodePoint(first, second).normalize("NFC");
    const only = composed.codePointAt(0) as number;
    composite = composed.length === String.fromCodePoint(only).length ? only : null;
    composites.set(key, composite);
  }
  return composite ?? undefined;
}
