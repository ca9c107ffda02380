import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { makeQwen3Dir, makeTempDir, REPO_ROOT } from "./helpers.ts";
import { prepareJsonlAndParquet, runTestPython, type PreparedOutputs } from "./python-helpers.ts";

interface LoadedParquet {
  numRows: number;
  columns: string[];
  features: Record<string, { feature: string; arrowType: string; isInt32List: boolean }>;
  rows: Array<Record<string, unknown>>;
}

const ROWS_PER_SHARD = 3;

let outputs: PreparedOutputs;
let loaded: LoadedParquet;

beforeAll(async () => {
  const cwd = await makeTempDir("tt-datasets-");
  outputs = await prepareJsonlAndParquet(cwd, await makeQwen3Dir(), join(REPO_ROOT, "examples", "sample.jsonl"), ROWS_PER_SHARD);
  loaded = await runTestPython<LoadedParquet>("load_parquet.py", { dataFiles: outputs.dataFiles, cacheDir: join(cwd, "hf-datasets-cache") });
});

describe("prepare's Parquet output in Python `datasets` (load_dataset(\"parquet\", data_files=…))", () => {
  test("the rows are split over shards named as on the Hub, so a wildcard over the folder loads them all", () => {
    const count = Math.ceil(outputs.jsonlRows.length / ROWS_PER_SHARD);
    expect(count).toBeGreaterThan(1);
    const pad = (n: number) => String(n).padStart(5, "0");
    expect(outputs.shardNames).toEqual(Array.from({ length: count }, (_, index) => `out-${pad(index)}-of-${pad(count)}.parquet`));
  });

  test("every row equals the JSON Lines row of the same input, in input order", () => {
    expect(outputs.jsonlRows).toHaveLength(8);
    expect(loaded.numRows).toBe(outputs.jsonlRows.length);
    expect(loaded.rows).toEqual(outputs.jsonlRows);
  });

  test("the columns are input_ids, attention_mask, assistant_masks and labels, each a list of int32", () => {
    const columns = ["input_ids", "attention_mask", "assistant_masks", "labels"];
    expect(loaded.columns).toEqual(columns);
    for (const column of columns) {
      expect(loaded.features[column], column).toMatchObject({ feature: "List(Value('int32'))", isInt32List: true });
      expect(loaded.features[column]!.arrowType, column).toMatch(/^list<\w+: int32>$/);
    }
  });
});
