import { existsSync } from "node:fs";
import { cp, mkdir, readFile, readdir } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startFakeHub, startSilentServer, type FakeHub } from "./fake-hub.ts";
import { makeQwen3Dir, makeTempDir, runCli } from "./helpers.ts";
import { line, readRows, writeLines } from "./prepare-helpers.ts";

const REPO = "FakeOrg/Qwen3-Tiny";
const RECORD = { messages: [{ role: "user", content: "Hi" }, { role: "assistant", content: "Hello!" }] };

let cwd: string;
let localDir: string;
let hub: FakeHub;
let input: string;

beforeAll(async () => {
  cwd = await makeTempDir();
  localDir = await makeQwen3Dir();
  // The Hub's layout: a repository folder per model id.
  const hubRoot = join(cwd, "hub-root");
  await mkdir(join(hubRoot, REPO), { recursive: true });
  await cp(localDir, join(hubRoot, REPO), { recursive: true, dereference: true });
  hub = await startFakeHub(hubRoot, { "FakeOrg/Gated": 401 });
  input = await writeLines(cwd, "hub.jsonl", [line(RECORD)]);
});

afterAll(async () => {
  await hub?.close();
});

/** A port on 127.0.0.1 where nothing listens: connections are refused at once. */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

const timed = async <T>(work: () => Promise<T>) => {
  const started = Date.now();
  const result = await work();
  return { ...result, seconds: (Date.now() - started) / 1000 };
};

describe("--tokenizer with a Hub model id", () => {
  test("downloads the tokenizer files into --cache-dir and gives the rows a local folder gives; the next run downloads nothing", async () => {
    const cacheDir = join(cwd, "cache");
    const env = { HF_ENDPOINT: hub.url };
    const [fromHub, fromFolder] = await Promise.all([
      runCli(["prepare", "--tokenizer", REPO, "--cache-dir", cacheDir, "--input", input, "--output", "from-hub.jsonl"], { cwd, env }),
      runCli(["prepare", "--tokenizer", localDir, "--input", input, "--output", "from-folder.jsonl"], { cwd }),
    ]);
    expect(fromHub.code).toBe(0);
    expect(fromHub.stderr).toContain(`downloading ${REPO}/tokenizer.json`);
    expect(fromHub.stderr).toContain("using training template qwen-3 (matched by fingerprint)");
    expect(await readRows(join(cwd, "from-hub.jsonl"))).toEqual(await readRows(join(cwd, "from-folder.jsonl")));
    const cached = join(cacheDir, "hub", "FakeOrg--Qwen3-Tiny", "main");
    expect((await readdir(cached)).sort()).toEqual([".hub-files.json", "tokenizer.json", "tokenizer_config.json"]);
    expect(await readFile(join(cached, "tokenizer_config.json"), "utf8")).toBe(await readFile(join(localDir, "tokenizer_config.json"), "utf8"));

    hub.requests.length = 0;
    const again = await runCli(["detect", "--tokenizer", REPO, "--cache-dir", cacheDir], { cwd, env });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ id: "qwen-3" });
    expect(again.stderr).not.toContain("downloading");
    expect(hub.requests.filter((request) => request.includes("/resolve/"))).toEqual([]);
    expect(hub.requests).toHaveLength(1);
  });

  test("without network: fails at once saying to pass a local folder; with a cached copy, uses it", async () => {
    const endpoint = await closedPort();
    const cacheDir = join(cwd, "offline-cache");
    const run = await timed(() => runCli(["prepare", "--tokenizer", REPO, "--cache-dir", cacheDir, "--input", input, "--output", "offline.jsonl"], { cwd, env: { HF_ENDPOINT: endpoint } }));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`cannot reach the Hugging Face Hub at ${endpoint} (ECONNREFUSED)`);
    expect(run.stderr).toContain("pass a local folder instead: --tokenizer path/to/model");
    expect(run.seconds).toBeLessThan(5);
    expect(existsSync(join(cwd, "offline.jsonl"))).toBe(false);

    // Once downloaded, the copy serves when the Hub cannot be reached, and says so.
    const first = await runCli(["template", "--tokenizer", REPO, "--cache-dir", cacheDir], { cwd, env: { HF_ENDPOINT: hub.url } });
    expect(first.code).toBe(0);
    const cachedRun = await runCli(["template", "--tokenizer", REPO, "--cache-dir", cacheDir], { cwd, env: { HF_ENDPOINT: endpoint } });
    expect(cachedRun.code).toBe(0);
    expect(cachedRun.stdout).toBe(first.stdout);
    expect(cachedRun.stderr).toContain(`using the copy of ${REPO} cached in`);
  });

  test("a Hub that does not answer: gives up after the connect timeout", async () => {
    const silent = await startSilentServer();
    try {
      const run = await timed(() =>
        runCli(["detect", "--tokenizer", REPO, "--cache-dir", join(cwd, "silent-cache")], {
          cwd,
          env: { HF_ENDPOINT: silent.url, TRAINING_TEMPLATES_HUB_TIMEOUT_MS: "800" },
        }),
      );
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("(no answer in time)");
      expect(run.stderr).toContain("pass a local folder instead");
      expect(run.seconds).toBeLessThan(5);
    } finally {
      await silent.close();
    }
  });

  test("HF_HUB_OFFLINE=1 fails without asking the Hub; a gated model names HF_TOKEN; an unknown one says so", async () => {
    hub.requests.length = 0;
    const [offline, gated, unknown] = await Promise.all([
      runCli(["detect", "--tokenizer", REPO, "--cache-dir", join(cwd, "empty-cache")], { cwd, env: { HF_ENDPOINT: hub.url, HF_HUB_OFFLINE: "1" } }),
      runCli(["detect", "--tokenizer", "FakeOrg/Gated", "--cache-dir", join(cwd, "gated-cache")], { cwd, env: { HF_ENDPOINT: hub.url } }),
      runCli(["detect", "--tokenizer", "FakeOrg/Nothing", "--cache-dir", join(cwd, "none-cache")], { cwd, env: { HF_ENDPOINT: hub.url } }),
    ]);
    expect(offline.code).toBe(2);
    expect(offline.stderr).toContain("HF_HUB_OFFLINE is set");
    expect(offline.stderr).toContain("pass a local folder instead");
    expect(gated.code).toBe(2);
    expect(gated.stderr).toContain("the Hub refused access to FakeOrg/Gated (HTTP 401)");
    expect(gated.stderr).toContain("HF_TOKEN");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("FakeOrg/Nothing (revision main) is neither a folder here nor a model on the Hub (HTTP 404)");
    expect(hub.requests.some((request) => request.includes("Qwen3-Tiny"))).toBe(false);
  });

  test("a path that is not a folder and not a Hub id is reported as a missing folder", async () => {
    const run = await runCli(["detect", "--tokenizer", "no/such/dir"], { cwd, env: { HF_ENDPOINT: hub.url } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("tokenizer directory not found: no/such/dir");
  });
});
