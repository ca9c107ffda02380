import { Writable } from "node:stream";
import { describe, expect, test } from "vitest";
import { formatDuration, Progress } from "../src/pipeline/progress.ts";
import { RunTally } from "../src/pipeline/tally.ts";

/** A stream that keeps what is written, pretending to be a terminal or not. */
function captureStream(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  }) as Writable & { isTTY?: boolean; columns?: number };
  stream.isTTY = isTTY;
  stream.columns = 120;
  return { stream, text: () => chunks.join("") };
}

function setUp(isTTY: boolean, intervalSeconds = 5) {
  let clock = 0;
  const tally = new RunTally();
  const position = { bytesRead: 0, totalBytes: 1000 as number | undefined };
  const { stream, text } = captureStream(isTTY);
  const progress = new Progress(stream, tally, position, { intervalSeconds, now: () => clock });
  const advance = (ms: number, records: number, bytes: number) => {
    clock += ms;
    for (let i = 0; i < records; i++) {
      tally.records++;
      tally.addWritten(10, 4, false);
    }
    position.bytesRead += bytes;
    progress.tick();
  };
  return { progress, advance, text, tally };
}

describe("progress on a terminal", () => {
  test("one line redrawn in place with a bar, records, tokens, rate and ETA; messages go above it", () => {
    const { progress, advance, text } = setUp(true);
    advance(50, 1, 10); // too soon to draw
    expect(text()).toBe("");
    advance(1950, 99, 240); // 2 s, 100 records, 25% of the input
    expect(text()).toBe("\r\x1b[2K[#####---------------] 25%  100 records  50 records/s  ETA 6s  1,000 tokens");
    progress.log("line 7: not JSON");
    expect(text().endsWith("\r\x1b[2Kline 7: not JSON\n\r\x1b[2K[#####---------------] 25%  100 records  50 records/s  ETA 6s  1,000 tokens")).toBe(true);
    progress.finish();
    expect(text().endsWith("\r\x1b[2K")).toBe(true);
    expect(text()).not.toContain("progress:");
  });
});

describe("progress in a log", () => {
  test("a plain line every interval and one at the end, no control characters", () => {
    const { progress, advance, text } = setUp(false, 1);
    advance(500, 10, 100);
    expect(text()).toBe("");
    advance(600, 10, 100); // 1.1 s
    advance(500, 10, 100); // 1.6 s: not yet another
    advance(600, 10, 100); // 2.2 s
    progress.log("line 3: warning: something");
    progress.finish();
    const lines = text().trimEnd().split("\n");
    expect(lines).toEqual([
      "progress: 20 records, 200 tokens, 18 records/s, 20% read, ETA 4s",
      "progress: 40 records, 400 tokens, 18 records/s, 40% read, ETA 3s",
      "line 3: warning: something",
      "progress: 40 records, 400 tokens, 18 records/s, 40% read, ETA 3s",
    ]);
    expect(text()).not.toContain("\x1b");
  });

  test("interval 0: no progress lines at all", () => {
    const { progress, advance, text } = setUp(false, 0);
    advance(60_000, 5, 500);
    progress.finish();
    expect(text()).toBe("");
  });
});

test("durations read as people say them", () => {
  expect([formatDuration(5.4), formatDuration(187), formatDuration(3725)]).toEqual(["5s", "3m 07s", "1h 02m"]);
});
