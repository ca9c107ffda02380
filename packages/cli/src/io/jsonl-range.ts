import { open } from "node:fs/promises";
import { CliError, messageOf } from "../cli-error.ts";
import type { ByteCounter } from "./byte-counter.ts";
import type { RawRecord, RecordLocation } from "./record-source.ts";

/** Reads within the range come in chunks this large; past its end (the line that straddles it), in growing ones. */
const CHUNK_BYTES = 64 * 1024;
const FIRST_TAIL_BYTES = 512;
const NEWLINE = 0x0a;

/** A shard's part of a JSON Lines file: the lines whose first byte is in [start, end). */
export interface LineRange {
  start: number;
  end: number;
}

/** A line as bytes, with the offset of its first byte. */
interface RangeLine {
  offset: number;
  bytes: Buffer;
}

/**
 * The lines of a JSON Lines file that start in `range`, reading about `end - start` bytes: a range that starts
 * mid-line skips to the next line start (that line belongs to the shard before), and the line that straddles `end`
 * is read to its newline (it belongs here, where it starts). Newline bytes never occur inside a UTF-8 character, so
 * lines are cut as bytes and decoded whole.
 */
export async function* rangeLines(path: string, range: LineRange, counter: ByteCounter, stopped: () => boolean): AsyncGenerator<RangeLine> {
  if (range.start >= range.end) return;
  const handle = await open(path, "r").catch((error: unknown) => {
    throw new CliError("INPUT", `cannot read ${path}: ${messageOf(error)}`, { cause: error });
  });
  try {
    // From the byte before the range: if it is a newline, the range starts on a line.
    let position = range.start > 0 ? range.start - 1 : 0;
    let skipping = range.start > 0;
    let lineStart = range.start;
    let pieces: Buffer[] = [];
    let tail = FIRST_TAIL_BYTES;
    while (!stopped()) {
      if (!skipping && pieces.length === 0 && lineStart >= range.end) return;
      let size = tail;
      if (position < range.end) size = Math.min(CHUNK_BYTES, range.end - position);
      else tail = Math.min(CHUNK_BYTES, tail * 2);
      const buffer = Buffer.allocUnsafe(size);
      const { bytesRead } = await handle.read(buffer, 0, size, position);
      counter.add(bytesRead);
      if (bytesRead === 0) {
        // The last line of a file without a final newline.
        if (!skipping && pieces.length > 0) yield { offset: lineStart, bytes: Buffer.concat(pieces) };
        return;
      }
      let index = 0;
      if (skipping) {
        const newline = buffer.indexOf(NEWLINE, 0);
        if (newline === -1 || newline >= bytesRead) {
          position += bytesRead;
          continue;
        }
        skipping = false;
        index = newline + 1;
        lineStart = position + index;
      }
      while (index < bytesRead || pieces.length > 0) {
        if (pieces.length === 0 && lineStart >= range.end) return;
        const newline = buffer.indexOf(NEWLINE, index);
        if (newline === -1 || newline >= bytesRead) {
          if (index < bytesRead) pieces.push(buffer.subarray(index, bytesRead));
          break;
        }
        const last = buffer.subarray(index, newline);
        yield { offset: lineStart, bytes: pieces.length === 0 ? last : Buffer.concat([...pieces, last]) };
        pieces = [];
        index = newline + 1;
        lineStart = position + index;
      }
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

/**
 * The records of a range. A range that starts the file numbers records by line, as a run without shards does; one
 * that starts mid-file cannot know its line numbers without reading everything before it (the very bytes sharding
 * saves), so it names each record by the byte offset of its line (from 0), exact and as cheap to find again:
 * `tail -c +$((OFFSET + 1)) FILE | head -n 1`.
 */
export async function* rangeRecords(path: string, range: LineRange, counter: ByteCounter, stopped: () => boolean, location: RecordLocation | undefined): AsyncGenerator<RawRecord> {
  const byOffset = range.start > 0;
  const where = byOffset ? { file: path, unit: "byte" as const } : location;
  let lineNumber = 0;
  for await (const line of rangeLines(path, range, counter, stopped)) {
    lineNumber++;
    let text = line.bytes.toString("utf8");
    if (line.offset === 0 && text.startsWith("\uFEFF")) text = text.slice(1);
    if (text.endsWith("\r")) text = text.slice(0, -1);
    if (text.trim() === "") continue;
    const number = byOffset ? line.offset : lineNumber;
    yield where ? { number, text, location: where } : { number, text };
  }
}
