import { mkdir, readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startFakeHub, type FakeHub } from "./fake-hub.ts";
import { makeQwen3Dir, makeTempDir, runCli } from "./helpers.ts";
import { line, readRows, writeLines, type InputRecord, type PreparedRow } from "./prepare-helpers.ts";
import { conversationColumn, writeParquet } from "./parquet-helpers.ts";

const DATASET = "FakeOrg/chats";

const RECORDS: InputRecord[] = Array.from({ length: 5 }, (_, index) => ({
  messages: [
    { role: "user", content: `Say ${index}.` },
    { role: "assistant", content: `${index}` },
  ],
}));

let cwd: string;
let qwen3Dir: string;
let hub: FakeHub;
let reference: PreparedRow[];

beforeAll(async () => {
  cwd = await makeTempDir();
  qwen3Dir = await makeQwen3Dir();
  // The Hub's layout: datasets/{owner}/{name}/, Parquet shards under data/, a README beside them.
  const repoDir = join(cwd, "hub-root", "datasets", DATASET);
  await mkdir(join(repoDir, "data"), { recursive: true });
  await writeLines(repoDir, "README.md", ["---", "license: apache-2.0", "---"]);
  const messages = (records: InputRecord[]) => ({ messages: conversationColumn("messages", ["role", "content"], records.map((record) => record.messages)) });
  await writeParquet(join(repoDir, "data", "train-00000-of-00002.parquet"), messages(RECORDS.slice(0, 3)));
  await writeParquet(join(repoDir, "data", "train-00001-of-00002.parquet"), messages(RECORDS.slice(3)));
  await writeParquet(join(repoDir, "data", "test-00000-of-00001.parquet"), messages(RECORDS.slice(0, 1)));
  hub = await startFakeHub(join(cwd, "hub-root"));
  const input = await writeLines(cwd, "chats.jsonl", RECORDS.map(line));
  await runCli(["prepare", "--tokenizer", qwen3Dir, "--input", input, "--output", "reference.jsonl"], { cwd });
  reference = await readRows(join(cwd, "reference.jsonl"));
});

afterAll(async () => {
  await hub?.close();
});

const prepare = (args: string[], env: Record<string, string>) => runCli(["prepare", "--tokenizer", qwen3Dir, ...args], { cwd, env });

describe("--input hf://datasets/OWNER/NAME[@REVISION][/PATH]", () => {
  test("a wildcard path: the matching Parquet files are downloaded into the cache and read in name order; the next run downloads nothing", async () => {
    const cacheDir = join(cwd, "cache");
    const uri = `hf://datasets/${DATASET}/data/train-*.parquet`;
    const first = await prepare(["--input", uri, "--cache-dir", cacheDir, "--output", "from-hub.jsonl"], { HF_ENDPOINT: hub.url });
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(`downloading ${DATASET}/data/train-00000-of-00002.parquet`);
    expect(first.stderr).not.toContain("test-00000");
    expect(await readRows(join(cwd, "from-hub.jsonl"))).toEqual(reference);
    expect(hub.requests).toContain(`GET /api/datasets/${DATASET}/tree/main/data?recursive=true&expand=false`);

    const before = hub.requests.length;
    const again = await prepare(["--input", uri, "--cache-dir", cacheDir, "--output", "again.jsonl"], { HF_ENDPOINT: hub.url });
    expect(again.code).toBe(0);
    expect(again.stderr).not.toContain("downloading");
    expect(hub.requests.slice(before).filter((request) => request.includes("/resolve/"))).toEqual([]);
    expect(await readRows(join(cwd, "again.jsonl"))).toEqual(reference);

    // Without network, HF_HUB_OFFLINE=1 reads what is cached.
    const offline = await prepare(["--input", uri, "--cache-dir", cacheDir, "--output", "offline.jsonl"], { HF_HUB_OFFLINE: "1", HF_ENDPOINT: "http://127.0.0.1:9" });
    expect(offline.code).toBe(0);
    expect(offline.stderr).toMatch(/HF_HUB_OFFLINE is set: using the 2 Parquet file\(s\) of hf:\/\/datasets\/FakeOrg\/chats/);
    expect(await readRows(join(cwd, "offline.jsonl"))).toEqual(reference);
  });

  test("the whole dataset at a revision: every Parquet file, README left out, rows in file-name order; Parquet output", async () => {
    const dir = join(cwd, "hub-parquet");
    const run = await prepare(["--input", `hf://datasets/${DATASET}@main`, "--cache-dir", join(cwd, "cache-all"), "--output", `${dir}/`], { HF_ENDPOINT: hub.url });
    expect(run.code).toBe(0);
    // data/test-… sorts before data/train-…
    expect(run.stderr).toMatch(/^records: +6 in, 6 out, 0 rejected$/m);
    const summary = JSON.parse(await readFile(join(dir, "summary.json"), "utf8")) as { input: { spec: string; files: Array<{ path: string }> } };
    expect(summary.input.spec).toBe(`hf://datasets/${DATASET}@main`);
    expect(summary.input.files.map((file) => file.path.split("/").slice(-2).join("/"))).toEqual([
      "data/test-00000-of-00001.parquet",
      "data/train-00000-of-00002.parquet",
      "data/train-00001-of-00002.parquet",
    ]);
  });

  test("--shard auto/3 on three files: each pod downloads and reads only its own file; together, in shard order, every row once", async () => {
    const uri = `hf://datasets/${DATASET}@main`;
    const single = await prepare(["--input", uri, "--cache-dir", join(cwd, "cache-single"), "--output", "hub-single.jsonl"], { HF_ENDPOINT: hub.url });
    expect(single.code).toBe(0);
    const names = ["data/test-00000-of-00001.parquet", "data/train-00000-of-00002.parquet", "data/train-00001-of-00002.parquet"];
    const rows = [];
    for (const index of [0, 1, 2]) {
      const cacheDir = join(cwd, `cache-pod-${index}`);
      const before = hub.requests.length;
      const args = ["--input", uri, "--cache-dir", cacheDir, "--output", `hub-pod-${index}.jsonl`, "--shard", "auto/3"];
      const run = await prepare(args, { HF_ENDPOINT: hub.url, JOB_COMPLETION_INDEX: String(index) });
      expect(run.code).toBe(0);
      const fetched = hub.requests.slice(before).filter((request) => request.includes("/resolve/"));
      expect(fetched.length).toBeGreaterThan(0);
      expect(fetched.every((request) => request.endsWith(names[index]!))).toBe(true);
      const summary = JSON.parse(await readFile(join(cwd, `hub-pod-${index}.summary.json`), "utf8")) as { input: { files: unknown[]; parts: Array<{ path: string }> } };
      expect(summary.input.files).toHaveLength(3);
      expect(summary.input.parts.map((part) => part.path.split("/").slice(-2).join("/"))).toEqual([names[index]]);
      rows.push(...(await readRows(join(cwd, `hub-pod-${index}.jsonl`))));
      if (index !== 1) continue;
      // Offline, the pod cuts the same part from the last listing, though its cache holds only its own file.
      const offline = await prepare(["--input", uri, "--cache-dir", cacheDir, "--output", "hub-pod-offline.jsonl", "--shard", "1/3"], { HF_HUB_OFFLINE: "1" });
      expect(offline.code).toBe(0);
      expect(offline.stderr).toContain("using this shard's files among the 3 Parquet file(s) last listed");
      expect(await readRows(join(cwd, "hub-pod-offline.jsonl"))).toEqual(await readRows(join(cwd, `hub-pod-${index}.jsonl`)));
    }
    expect(rows).toEqual(await readRows(join(cwd, "hub-single.jsonl")));
  });

  test("no such dataset: exit 2 naming it", async () => {
    const run = await prepare(["--input", "hf://datasets/FakeOrg/missing", "--cache-dir", join(cwd, "cache-missing"), "--output", "missing.jsonl"], { HF_ENDPOINT: hub.url });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/hf:\/\/datasets\/FakeOrg\/missing: no such dataset, revision or path on the Hub \(HTTP 404\)/);
  });

  test("no network: fails at once and says to pass local files", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const started = Date.now();
    const run = await prepare(["--input", `hf://datasets/${DATASET}`, "--cache-dir", join(cwd, "cache-none"), "--output", "none.jsonl"], { HF_ENDPOINT: `http://127.0.0.1:${port}` });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot reach the Hugging Face Hub at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\), and hf:\/\/datasets\/FakeOrg\/chats is not in the cache/);
    expect(run.stderr).toMatch(/pass local files instead: --input data\//);
    // A refused connection is not waited out (the timeout is 5 s).
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  test("a malformed hf:// address is a usage error", async () => {
    const run = await prepare(["--input", "hf://datasets/just-a-name", "--output", "bad.jsonl"], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/expected hf:\/\/datasets\/OWNER\/NAME\[@REVISION\]\[\/PATH\]/);
  });
});
