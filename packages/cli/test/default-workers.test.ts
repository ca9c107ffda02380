import { describe, expect, it } from "vitest";
import { defaultWorkers } from "../src/prepare/default-workers.ts";

describe("--workers auto", () => {
  it("is one thread below 4 cores (on 2 cores two gave no steady gain), then one worker per 2 cores, at most 8", () => {
    expect([1, 2, 3, 4, 6, 16, 64].map((cores) => defaultWorkers(cores))).toEqual([1, 1, 1, 2, 3, 8, 8]);
  });
});
