import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { registry } from "@training-templates/all";
import { applyChatTemplate, type ChatMessage, type TokenizerLike } from "@training-templates/core";
import { loadTokenizer } from "@training-templates/core/node";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { makeQwen3Dir, makeTempDir, REPO_ROOT, runCli } from "./helpers.ts";

/** Debian's chromium package (CI installs it); Playwright drives it, it downloads no browser of its own. */
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const SCREENSHOT = join(REPO_ROOT, "test-artifacts", "view.png");

/** Text that is markup if anything is not escaped: a script, an event handler, entities, both quotes. */
const HOSTILE: ChatMessage[] = [
  { role: "user", content: `<script>window.__injected = 1</script> <img src=x onerror="window.__injected = 2"> &amp; 'it' "is" fine?` },
  { role: "assistant", content: "Use <b>bold</b> & </span> carefully." },
];
const TWO_TURNS: ChatMessage[] = [
  { role: "system", content: "Be brief." },
  { role: "user", content: "Wave at me 👋" },
  { role: "assistant", content: "👋 there", reasoning_content: "A wave back." },
  { role: "user", content: "Now a\ttab." },
  { role: "assistant", content: "Here:\tdone." },
];
const NOT_SHOWN: ChatMessage[] = [
  { role: "user", content: "Past the limit." },
  { role: "assistant", content: "Not on the page." },
];

interface Expected {
  ids: number[];
  masks: number[];
  chipTexts: string[];
}

interface ShownSection {
  record: string;
  rejected: boolean;
  chips: Array<{ id: number; position: number; trained: boolean; text: string; background: string }>;
  count: string | null;
  reason: string | null;
}

let cwd: string;
let qwen3Dir: string;
let tokenizer: TokenizerLike;
let htmlPath: string;
let html: string;
let context: BrowserContext;
let page: Page;
const requests: string[] = [];
const dialogs: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium)`);
  cwd = await makeTempDir();
  qwen3Dir = await makeQwen3Dir();
  tokenizer = await loadTokenizer(qwen3Dir);
  const input = join(cwd, "chats.jsonl");
  const lines = [JSON.stringify({ messages: HOSTILE }), JSON.stringify({ messages: TWO_TURNS }), JSON.stringify({ messages: 5 }), JSON.stringify({ messages: NOT_SHOWN })];
  await writeFile(input, `${lines.join("\n")}\n`);
  htmlPath = join(cwd, "view.html");
  const run = await runCli(["view", "--tokenizer", qwen3Dir, "--input", input, "--html", htmlPath, "--limit", "3"], { cwd });
  expect(run.stderr).toBe(`using training template qwen-3 (matched by fingerprint)\nwrote ${htmlPath}: 3 conversations, 1 rejected\n`);
  expect(run.code).toBe(0);
  html = await readFile(htmlPath, "utf8");

  context = await chromium.launchPersistentContext(await makeTempDir("tt-chromium-profile-"), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1100, height: 900 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on("request", (request) => requests.push(request.url()));
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(pathToFileURL(htmlPath).href);
});

afterAll(async () => {
  await context?.close();
});

/** The library in-process: each token's id, whether it trains, and the chip text the page documents. */
async function expected(messages: ChatMessage[]): Promise<Expected> {
  const { text, input_ids, offsets, assistant_masks } = await applyChatTemplate(tokenizer, messages, { registry, returnAssistantTokensMask: true });
  const visible: Record<string, string> = { " ": "·", "\n": "↵", "\t": "⇥", "\r": "␍" };
  const chipTexts = offsets.map(([start, end], i) => {
    if (i > 0 && start < offsets[i - 1]![1]) return "⋯";
    const piece = text.slice(start, end);
    return piece === "" ? "∅" : piece.replace(/[ \n\t\r]/g, (char) => visible[char]!);
  });
  return { ids: input_ids, masks: assistant_masks!, chipTexts };
}

function readSections(): Promise<ShownSection[]> {
  return page.$$eval("section.conversation", (sections) =>
    sections.map((section) => ({
      record: (section as HTMLElement).dataset.record ?? "",
      rejected: section.classList.contains("rejected"),
      chips: Array.from(section.querySelectorAll<HTMLElement>(".tokens .tok")).map((chip) => ({
        id: Number(chip.dataset.id),
        position: Number(chip.dataset.pos),
        trained: chip.classList.contains("trained"),
        text: chip.textContent ?? "",
        background: getComputedStyle(chip).backgroundColor,
      })),
      count: section.querySelector(".count")?.textContent ?? null,
      reason: section.querySelector(".reason")?.textContent ?? null,
    })),
  );
}

function hoverTip(selector: string): Promise<string> {
  return page.$eval(selector, (chip) => getComputedStyle(chip, "::after").content);
}

describe("view: the page in Chromium", () => {
  test("one section per record up to --limit; a rejected record shows its reason", async () => {
    const sections = await readSections();
    expect(sections.map((section) => section.record)).toEqual(["0", "1", "2"]);
    expect(sections.map((section) => section.rejected)).toEqual([false, false, true]);
    expect(sections[2]!.reason).toBe('Rejected: no "messages" array ("messages" is a number)');
    expect(await page.textContent("body")).not.toContain("Not on the page");
    expect(await page.textContent(".summary")).toBe("3 conversations (1 rejected): " + (await trainedSummary()));
  });

  test.each([
    { record: 0, messages: HOSTILE },
    { record: 1, messages: TWO_TURNS },
  ])("record $record: one chip per token, trained chips exactly where assistant_masks is 1, coloured apart", async ({ record, messages }) => {
    const want = await expected(messages);
    const section = (await readSections())[record]!;
    expect(section.chips).toHaveLength(want.ids.length);
    expect(section.chips.map((chip) => chip.id)).toEqual(want.ids);
    expect(section.chips.map((chip) => chip.position)).toEqual(want.ids.map((_, i) => i));
    expect(section.chips.map((chip) => (chip.trained ? 1 : 0))).toEqual(want.masks);
    expect(section.chips.map((chip) => chip.text)).toEqual(want.chipTexts);
    const trainedBackgrounds = new Set(section.chips.filter((chip) => chip.trained).map((chip) => chip.background));
    const otherBackgrounds = new Set(section.chips.filter((chip) => !chip.trained).map((chip) => chip.background));
    expect(trainedBackgrounds.size).toBe(1);
    expect(otherBackgrounds.size).toBe(1);
    expect([...trainedBackgrounds][0]).not.toBe([...otherBackgrounds][0]);
    const trained = want.masks.filter((bit) => bit === 1).length;
    expect(section.count).toBe(`${trained} of ${want.ids.length} tokens trained (${((100 * trained) / want.ids.length).toFixed(1)}%)`);
  });

  test("hovering a chip shows its token id and position", async () => {
    const want = await expected(HOSTILE);
    const trainedAt = want.masks.indexOf(1);
    const untrainedAt = 1;
    const trainedChip = `section[data-record="0"] .tok[data-pos="${trainedAt}"]`;
    const untrainedChip = `section[data-record="0"] .tok[data-pos="${untrainedAt}"]`;
    await page.mouse.move(0, 0);
    expect(await hoverTip(trainedChip)).toBe("none");
    await page.hover(untrainedChip);
    expect(await hoverTip(untrainedChip)).toBe(`"id ${want.ids[untrainedAt]} · position ${untrainedAt}"`);
    await page.hover(trainedChip);
    expect(await hoverTip(trainedChip)).toBe(`"id ${want.ids[trainedAt]} · position ${trainedAt} · trained"`);
    // Kept hovered: the screenshot shows the tip as a reader sees it.
    await mkdir(join(REPO_ROOT, "test-artifacts"), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
  });

  test("the conversations' text is text: no script ran, no element came from it", async () => {
    expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
    expect(await page.locator("script").count()).toBe(0);
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("b").count()).toBe(0);
    expect(dialogs).toEqual([]);
    // The tokens split the tags across chips; none of them reaches the page as markup.
    expect(html).toContain("&lt;");
    expect(html).not.toMatch(/<script|<img|<b>/);
  });

  test("the page stands alone: the file itself is the only request, nothing external is referenced", async () => {
    expect(requests).toEqual([pathToFileURL(htmlPath).href]);
    expect(html).not.toMatch(/<link|<script|@import|url\(|https?:/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
  });
});

describe("view: help", () => {
  test("--help prints the usage, exit 0; the tool's help lists view", async () => {
    const run = await runCli(["view", "--help"], { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout.startsWith("Usage: training-templates view --tokenizer DIR_OR_HUB_ID")).toBe(true);
    expect(run.stdout).toContain("Exit codes:");
    expect((await runCli(["--help"], { cwd })).stdout).toMatch(/^  view +\S/m);
  });
});

async function trainedSummary(): Promise<string> {
  const counts = await Promise.all([HOSTILE, TWO_TURNS].map(expected));
  const tokens = counts.reduce((sum, { ids }) => sum + ids.length, 0);
  const trained = counts.reduce((sum, { masks }) => sum + masks.filter((bit) => bit === 1).length, 0);
  return `${trained} of ${tokens} tokens trained`;
}
