import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { makeQwen3Dir, makeTempDir, REPO_ROOT } from "./helpers.ts";
import type { PreparedRow } from "./prepare-helpers.ts";
import { prepareJsonlAndParquet, runTestPython } from "./python-helpers.ts";

/** What trl_sft.py reports of one SFTTrainer run on the Parquet output (see the script's docstring). */
interface TrlRun {
  assistantOnlyLoss: { refused: boolean; errorType?: string; error?: string };
  asLoaded: { columns: string[]; labels: number[][] };
  preparedColumns: string[];
  preparedLabels: number[][];
  collated: Array<{ labels: number[][]; attentionMask: number[][] }>;
  trainingBatches: Array<{ input_ids: number[][]; labels: number[][]; attention_mask: number[][] }>;
  steps: number;
  losses: Array<number | string>;
}

const MAX_STEPS = 3;
const BATCH_SIZE = 2;

let ours: PreparedRow[];
let trl: TrlRun;

beforeAll(async () => {
  const cwd = await makeTempDir("tt-trl-");
  const tokenizerDir = await makeQwen3Dir();
  const outputs = await prepareJsonlAndParquet(cwd, tokenizerDir, join(REPO_ROOT, "examples", "sample.jsonl"), 3);
  ours = outputs.jsonlRows;
  trl = await runTestPython<TrlRun>("trl_sft.py", {
    dataFiles: outputs.dataFiles,
    cacheDir: join(cwd, "hf-datasets-cache"),
    tokenizerDir,
    outputDir: join(cwd, "trl-output"),
    maxSteps: MAX_STEPS,
    batchSize: BATCH_SIZE,
  });
});

/** A padded batch row cut back to its tokens; what was cut must be padding (attention 0, label -100). */
function unpadded(labels: number[], attentionMask: number[]): number[] {
  const length = attentionMask.filter((bit) => bit === 1).length;
  expect(attentionMask).toEqual(attentionMask.map((_, index) => (index < length ? 1 : 0)));
  expect(labels.slice(length).every((label) => label === -100)).toBe(true);
  return labels.slice(0, length);
}

describe("prepare's Parquet output in TRL 1.13's SFTTrainer (input_ids + assistant_masks, a tiny Qwen3 on CPU)", () => {
  test("SFTTrainer builds labels from assistant_masks that equal our labels, row by row", () => {
    expect(trl.preparedColumns).toContain("labels");
    expect(trl.preparedColumns).not.toContain("assistant_masks");
    expect(ours.every((row) => row.labels!.includes(-100) && row.labels!.some((label) => label !== -100))).toBe(true);
    expect(trl.preparedLabels).toEqual(ours.map((row) => row.labels));
  });

  test("the dataset as loaded, our labels kept, is trained on with our labels as they are", () => {
    expect(trl.asLoaded.columns).toContain("labels");
    expect(trl.asLoaded.labels).toEqual(ours.map((row) => row.labels));
  });

  test("its data collator pads them with -100 and changes nothing else", () => {
    expect(trl.collated).toHaveLength(Math.ceil(ours.length / BATCH_SIZE));
    const collatedRows = trl.collated.flatMap((batch) => batch.labels.map((labels, index) => unpadded(labels, batch.attentionMask[index]!)));
    expect(collatedRows).toEqual(ours.map((row) => row.labels));
  });

  test("every batch it trained on carries our labels for the rows in it", () => {
    expect(trl.steps).toBe(MAX_STEPS);
    expect(trl.trainingBatches).toHaveLength(MAX_STEPS);
    const byIds = new Map(ours.map((row) => [JSON.stringify(row.input_ids), row]));
    for (const batch of trl.trainingBatches) {
      expect(batch.input_ids).toHaveLength(BATCH_SIZE);
      for (const [index, ids] of batch.input_ids.entries()) {
        const labels = unpadded(batch.labels[index]!, batch.attention_mask[index]!);
        const row = byIds.get(JSON.stringify(ids.slice(0, labels.length)));
        expect(row, "a trained row that is not one of ours").toBeDefined();
        expect(labels).toEqual(row!.labels);
      }
    }
  });

  test("the training loss is finite at every step", () => {
    expect(trl.losses).toHaveLength(MAX_STEPS);
    for (const loss of trl.losses) expect(typeof loss === "number" && Number.isFinite(loss), String(loss)).toBe(true);
  });

  test("assistant_only_loss=True is refused: the rows are tokens, no longer conversations to re-render", () => {
    expect(trl.assistantOnlyLoss).toMatchObject({ refused: true, errorType: "ValueError" });
    expect(trl.assistantOnlyLoss.error).toMatch(/assistant_only_loss=True.*not conversational/);
  });
});
